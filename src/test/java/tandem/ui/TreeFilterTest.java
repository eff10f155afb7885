package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.core.Backend;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.PeerRole;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;

/**
 * The filter above the tree: text, status, backend and site, the status bar's counts as filters, clearing it, and
 * its keys; on a console showing last-known states, then polled.
 */
@ExtendWith(ApplicationExtension.class)
class TreeFilterTest {
    private static final Relationship ISC = new Relationship("isc-pair", "isc-pair", Backend.ISC, HaMode.HOT_STANDBY,
            List.of(Fixtures.peer("isc-a", PeerRole.PRIMARY, "10.5.0.11"), Fixtures.peer("isc-b", PeerRole.SECONDARY,
                    "10.5.0.12")), false, HaParameters.NONE);
    private static final Relationship WINDOWS = new Relationship("win-pair", "win-pair", Backend.WINDOWS,
            HaMode.LOAD_BALANCING, List.of(Fixtures.peer("win-a", PeerRole.PRIMARY, "10.6.0.11"),
            Fixtures.peer("win-b", PeerRole.SECONDARY, "10.6.0.12")), false, HaParameters.NONE);

    private TestConsole console;
    private BackgroundTasks tasks;
    private MainView view;

    @Start
    void start(Stage stage) {
        List<Relationship> all = new ArrayList<>(Fixtures.ALL);
        all.add(ISC);
        all.add(WINDOWS);
        console = new TestConsole(all, Fixtures.states(true, Fixtures.T0.minusSeconds(300)), Fixtures.history(),
                Preferences.defaults(), Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
        console.inventoryStore.setSite("dhcp-east", "Lyon");
        console.inventoryStore.setSite("dhcp-west", "Paris Nord");
        console.inventoryStore.setSite("branch-north", "Paris Nord");
        tasks = BackgroundTasks.forFx();
        view = new MainView(console, tasks, ZoneOffset.UTC, console.backendUis());
        stage.setScene(view.scene(1200, 760));
        stage.show();
        view.viewModel().start(false); // the test polls by itself
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        console.close();
        tasks.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The top-level rows the tree shows, by name, read on the FX thread. */
    private List<String> shown() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<String> names = new ArrayList<>();
            for (TreeItem<ConsoleNode> i : view.tree().getRoot().getChildren()) {
                names.add(i.getValue() instanceof ConsoleNode.RelationshipItem r ? r.name() : i.getValue().key());
            }
            return names;
        }).get(10, TimeUnit.SECONDS);
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private boolean filterStateShown(FxRobot robot) {
        return robot.lookup("#filterState").query().isVisible();
    }

    @SuppressWarnings("unchecked")
    private ComboBox<Object> combo(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(ComboBox.class);
    }

    @Test
    void textStatusBackendAndSiteNarrowTheTreeAndClearingShowsEveryRelationship(FxRobot robot) throws Exception {
        List<String> every = List.of("dhcp-east", "dhcp-west", "branch-north", "lab-kea", "isc-pair", "win-pair");
        waitUntil(() -> shown().equals(every));
        assertFalse(filterStateShown(robot), "no filter, no summary");

        // the relationship's name, a peer's name, the site
        robot.clickOn("#treeFilter").write("WEST");
        waitUntil(() -> shown().equals(List.of("dhcp-west")));
        assertEquals("1 of 6 relationships shown", text(robot, "#filterSummary"));
        assertTrue(filterStateShown(robot));
        robot.interact(() -> robot.lookup("#treeFilter").queryAs(TextField.class).setText("north2"));
        waitUntil(() -> shown().equals(List.of("branch-north")));
        robot.interact(() -> robot.lookup("#treeFilter").queryAs(TextField.class).setText("paris"));
        waitUntil(() -> shown().equals(List.of("dhcp-west", "branch-north")));
        assertEquals("2 of 6 relationships shown", text(robot, "#filterSummary"));

        robot.clickOn("#clearFilter");
        waitUntil(() -> shown().equals(every));
        assertEquals("", robot.lookup("#treeFilter").queryAs(TextField.class).getText());
        assertFalse(filterStateShown(robot));

        // status, chosen in its box with the mouse
        robot.clickOn("#statusFilter");
        robot.clickOn((javafx.scene.control.ListCell<?> c) -> "Service down".equals(c.getText()));
        waitUntil(() -> shown().equals(List.of("branch-north")));
        robot.interact(() -> combo(robot, "#statusFilter").setValue(TreeFilter.NOT_CONFIRMED));
        waitUntil(() -> shown().equals(every));
        assertEquals("6 of 6 relationships shown", text(robot, "#filterSummary"));

        // polls streaming in while the filter is on: every relationship is confirmed now, none is left
        console.poller.pollOnce();
        waitUntil(() -> shown().isEmpty());
        assertEquals("0 of 6 relationships shown", text(robot, "#filterSummary"));
        robot.interact(() -> combo(robot, "#statusFilter").getSelectionModel().select(0));
        waitUntil(() -> shown().equals(every));

        // backend, and site among the sites present
        robot.interact(() -> combo(robot, "#backendFilter").setValue(Backend.ISC));
        waitUntil(() -> shown().equals(List.of("isc-pair")));
        assertEquals("ISC DHCP", combo(robot, "#backendFilter").getConverter().toString(Backend.ISC));
        robot.interact(() -> combo(robot, "#backendFilter").setValue(Backend.KEA));
        waitUntil(() -> shown().equals(List.of("dhcp-east", "dhcp-west", "branch-north", "lab-kea")));
        assertEquals(List.of("Lyon", "Paris Nord"), combo(robot, "#siteFilter").getItems().subList(1, 3));
        assertEquals(3, combo(robot, "#siteFilter").getItems().size());
        robot.interact(() -> combo(robot, "#siteFilter").setValue("Lyon"));
        waitUntil(() -> shown().equals(List.of("dhcp-east")));
        assertEquals("1 of 6 relationships shown", text(robot, "#filterSummary"));
        robot.interact(() -> combo(robot, "#backendFilter").setValue(Backend.WINDOWS));
        waitUntil(() -> shown().isEmpty());
        assertTrue(robot.lookup("#serverTree").query().isVisible());
    }

    @Test
    void aStatusCountFiltersTheTreeAndTheCountsStayThoseOfEveryRelationship(FxRobot robot) throws Exception {
        waitUntil(() -> shown().size() == 6);
        waitUntil(() -> text(robot, "#count-status-impaired").startsWith("1 "));
        robot.clickOn("#count-status-impaired");
        waitUntil(() -> shown().equals(List.of("dhcp-west")));
        assertEquals(RelationshipStatus.IMPAIRED, combo(robot, "#statusFilter").getValue(), "the box shows it");
        assertEquals("1 of 6 relationships shown", text(robot, "#filterSummary"));
        assertEquals("1 OK", text(robot, "#count-status-ok"), "counts are of every relationship");
        assertEquals("1 Service down", text(robot, "#count-status-service-down"));
        assertEquals("6 unconfirmed", text(robot, "#count-unconfirmed"));

        robot.clickOn("#count-unconfirmed");
        waitUntil(() -> shown().size() == 6);
        assertEquals(TreeFilter.NOT_CONFIRMED, combo(robot, "#statusFilter").getValue());
    }

    @Test
    void ctrlLFocusesTheFilterAndEscClearsIt(FxRobot robot) throws Exception {
        waitUntil(() -> shown().size() == 6);
        TreeView<ConsoleNode> tree = view.tree();
        robot.clickOn((Label l) -> "dhcp-west".equals(l.getText()));
        waitUntil(() -> "dhcp-west".equals(view.viewModel().selected()));
        assertTrue(tree.isFocused());
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        TextField field = robot.lookup("#treeFilter").queryAs(TextField.class);
        waitUntil(field::isFocused);
        robot.write("dhcp");
        waitUntil(() -> shown().equals(List.of("dhcp-east", "dhcp-west")));
        assertSame(tree.getSelectionModel().getSelectedItem().getValue(),
                view.viewModel().relationship("dhcp-west").orElseThrow(), "the selection stays while it is shown");
        robot.write("-east");
        waitUntil(() -> shown().equals(List.of("dhcp-east")));
        assertEquals("dhcp-west", view.viewModel().selected(), "hidden by the filter, its details stay");

        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> shown().size() == 6);
        assertEquals("", field.getText());
        assertFalse(filterStateShown(robot));
        waitUntil(() -> tree.getSelectionModel().getSelectedItem() != null);
        assertEquals("dhcp-west", ((ConsoleNode.RelationshipItem) tree.getSelectionModel().getSelectedItem().getValue()).name(),
                "shown again, it is selected again");
        assertEquals("Find client…", view.menuBar().node().getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> "menuFindClient".equals(i.getId())).findFirst().orElseThrow().getText());
        assertFalse(TreeFilterBar.FOCUS_KEY.getName().equals("Shortcut+F"), "Ctrl+F stays Find client's");
    }

    @Test
    void shownStatesComeFromThePollThatCountedThem(FxRobot robot) throws Exception {
        waitUntil(() -> shown().size() == 6);
        for (RelationshipState s : Fixtures.states(false, Fixtures.T0)) {
            s.peers().values().forEach(o -> console.probe.answer(s.relationship().name(), o));
        }
        console.poller.pollOnce();
        waitUntil(() -> robot.lookup("#count-unconfirmed").tryQuery().isEmpty());
        MainViewModel.TreeShown shown = WaitForAsyncUtils.asyncFx(() -> view.viewModel().treeShownProperty().get())
                .get(10, TimeUnit.SECONDS);
        // the counts the bar shows are those of the very nodes the tree holds
        for (RelationshipStatus status : RelationshipStatus.values()) {
            long n = shown.model().nodes().stream().filter(x -> x instanceof ConsoleNode.RelationshipItem r
                    && r.status() == status).count();
            assertEquals(n + " " + status.label(), text(robot, "#count-" + StatusIcons.styleClass(status)));
        }
        assertEquals("3 Unreachable", text(robot, "#count-status-unreachable"),
                "lab-kea as stored, and the ISC and Windows pairs the probe does not know");
        assertTrue(robot.lookup("#count-unconfirmed").tryQuery().isEmpty(), "every relationship confirmed");
    }
}
