package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.core.ImportResult;
import tandem.core.PeerObservation;
import tandem.core.Preferences;
import tandem.core.RelationshipState;

@ExtendWith(ApplicationExtension.class)
class MainViewTest {
    private TestConsole console;
    private BackgroundTasks tasks;
    private MainView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        console = new TestConsole(Fixtures.ALL, Fixtures.states(false, Fixtures.T0.minusSeconds(300)),
                Fixtures.history(), Preferences.defaults(), Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
        tasks = BackgroundTasks.forFx();
        view = new MainView(console, tasks, ZoneOffset.UTC, console.backendUis());
        stage.setScene(view.scene(1200, 760));
        stage.setTitle("Tandem");
        stage.show();
        // the test polls by itself, so what the tree shows at each step is known
        view.viewModel().start(false);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        console.close();
        tasks.close();
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Set<TreeCell<?>> cells(FxRobot robot, String query) {
        return robot.lookup(query).queryAllAs(TreeCell.class).stream().map(c -> (TreeCell<?>) c)
                .collect(java.util.stream.Collectors.toSet());
    }

    private void answerAsStored() {
        for (RelationshipState s : Fixtures.states(false, Fixtures.T0)) {
            for (PeerObservation o : s.peers().values()) console.probe.answer(s.relationship().name(), o);
        }
    }

    @Test
    void aStandaloneServerGetsTheChangesButNotSynchronize(FxRobot robot) throws Exception {
        TreeView<ConsoleNode> tree = robot.lookup("#serverTree").queryAs(TreeView.class);
        waitUntil(() -> tree.getRoot().getChildren().size() == 4);
        waitUntil(() -> robot.lookup("#action-synchronize-now").tryQuery().isPresent());
        assertTrue(robot.lookup("#action-add-reservation").tryQuery().isPresent());
        robot.clickOn(cells(robot, ".tree-cell.relationship-node").stream()
                .filter(c -> c.getAccessibleText().startsWith("Server lab-kea")).findFirst().orElseThrow());
        waitUntil(() -> "lab-kea".equals(robot.lookup("#detailsName").queryAs(Label.class).getText()));
        for (String id : List.of("add-reservation", "add-subnet", "add-pool", "set-option")) {
            assertTrue(robot.lookup("#action-" + id).tryQuery().isPresent(), id);
        }
        assertTrue(robot.lookup("#action-synchronize-now").tryQuery().isEmpty());
        waitUntil(() -> robot.lookup("#detailsChanges").queryAs(javafx.scene.layout.VBox.class).getChildren().size() == 1);
    }

    @Test
    void anActionTheTeamMemberMayNotTakeIsGreyedWithTheReason(FxRobot robot) throws Exception {
        console.refusals = (bit, server) -> bit == tandem.core.access.Permission.ADD_SCOPE
                ? java.util.Optional.of("bob lacks the add-scope permission on " + server) : java.util.Optional.empty();
        TreeView<ConsoleNode> tree = robot.lookup("#serverTree").queryAs(TreeView.class);
        waitUntil(() -> tree.getRoot().getChildren().size() == 4);
        // the actions are built when a relationship is shown: show another one
        robot.clickOn(cells(robot, ".tree-cell.relationship-node").stream()
                .filter(c -> c.getAccessibleText().startsWith("Server lab-kea")).findFirst().orElseThrow());
        waitUntil(() -> "lab-kea".equals(robot.lookup("#detailsName").queryAs(Label.class).getText()));
        waitUntil(() -> robot.lookup("#action-add-subnet").tryQuery().isPresent());
        assertTrue(robot.lookup("#action-add-subnet").query().isDisabled(), "no add-scope: greyed");
        assertFalse(robot.lookup("#action-add-reservation").query().isDisabled(), "other bits: usable");
        javafx.scene.Node wrap = robot.lookup("#action-add-subnet-refused").query();
        Object tip = wrap.getProperties().get("javafx.scene.control.Tooltip");
        assertTrue(tip instanceof javafx.scene.control.Tooltip t && t.getText().contains("add-scope"),
                "the reason is on the button's wrapper: " + tip);
    }

    @Test
    void theTopBarAndTheHaActionsAreGreyedWithTheReasonForAMemberWithoutTheBit(FxRobot robot) throws Exception {
        assertTrue(robot.lookup("#openTeamMembers").tryQuery().isEmpty(), "no Team members on the embedded store");
        console.refusals = (bit, server) -> switch (bit) {
            case ADMINISTER_DHCP_SERVERS -> java.util.Optional.of("bob lacks the administer-dhcp-servers permission"
                    + (server == null ? "" : " on " + server));
            case DHCP_ADMINISTRATOR -> java.util.Optional.of("bob lacks the dhcp-administrator permission on " + server);
            default -> java.util.Optional.empty();
        };
        TreeView<ConsoleNode> tree = robot.lookup("#serverTree").queryAs(TreeView.class);
        waitUntil(() -> tree.getRoot().getChildren().size() == 4);
        // the top bar learns the member's bits with each poll and selection: select another relationship
        robot.clickOn((Label l) -> "branch-north".equals(l.getText()));
        waitUntil(() -> robot.lookup("#removeServer-refused").tryQuery().isPresent());
        assertTrue(robot.lookup("#removeServer").query().isDisabled());
        assertTrue(tip(robot, "#removeServer-refused").contains("administer-dhcp-servers permission on "), "remove");
        assertTrue(robot.lookup("#openAddServer").query().isDisabled());
        assertTrue(tip(robot, "#openAddServer-refused").contains("administer-dhcp-servers"), "add");
        assertFalse(robot.lookup("#refreshNow").query().isDisabled(), "polling is no change");

        javafx.scene.control.ContextMenu[] menu = new javafx.scene.control.ContextMenu[1];
        robot.interact(() -> menu[0] = view.relationshipMenu(Fixtures.EAST.name()));
        javafx.scene.control.MenuItem action = menu[0].getItems().stream()
                .filter(i -> i.getId() != null && i.getId().startsWith("ha-")).findFirst().orElseThrow();
        javafx.application.Platform.runLater(action::fire); // the dialog waits for an answer: not inside interact
        waitUntil(() -> robot.lookup("#haActionConfirm").tryQuery().isPresent());
        assertTrue(robot.lookup("#haActionConfirmButton").query().isDisabled(), "the action is greyed");
        assertTrue(tip(robot, "#haActionConfirmButton-refused").contains("dhcp-administrator"));
        assertTrue(robot.lookup("#haActionRefusal").queryAs(Label.class).getText().contains("bob lacks the"
                + " dhcp-administrator permission"));
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(console.actionsSent.isEmpty());

        console.refusals = (bit, server) -> java.util.Optional.empty();
        robot.clickOn((Label l) -> "dhcp-east".equals(l.getText()));
        waitUntil(() -> !robot.lookup("#removeServer").query().isDisabled());
        assertTrue(robot.lookup("#removeServer-refused").tryQuery().isEmpty(), "no reason left once the bit is held");
        assertFalse(robot.lookup("#openAddServer").query().isDisabled());
    }

    private static String tip(FxRobot robot, String query) {
        Object tip = robot.lookup(query).query().getProperties().get("javafx.scene.control.Tooltip");
        return tip instanceof javafx.scene.control.Tooltip t ? t.getText() : "no tooltip: " + tip;
    }

    @Test
    void treeShowsRelationshipsWithStatusPeersAndTheStaleMarker(FxRobot robot) throws Exception {
        TreeView<ConsoleNode> tree = robot.lookup("#serverTree").queryAs(TreeView.class);
        waitUntil(() -> tree.getRoot().getChildren().size() == 4);
        assertEquals(tree.getRoot().getChildren().get(0), tree.getSelectionModel().getSelectedItem(),
                "the first relationship is selected and its details shown");
        assertEquals("dhcp-east", robot.lookup("#detailsName").queryAs(Label.class).getText());
        assertEquals(MainViewModel.NOT_POLLED, robot.lookup("#lastPoll").queryAs(Label.class).getText());

        Set<TreeCell<?>> impaired = cells(robot, ".tree-cell.relationship-node.status-impaired.stale");
        assertEquals(1, impaired.size());
        TreeCell<?> west = impaired.iterator().next();
        assertEquals("Relationship dhcp-west, hot-standby, Impaired, last known, not confirmed", west.getAccessibleText());
        assertFalse(robot.from(west).lookup(".stale-indicator").queryAll().isEmpty(), "the stale badge is drawn");
        assertEquals(1, cells(robot, ".tree-cell.status-ok").size());
        assertEquals(1, cells(robot, ".tree-cell.status-service-down").size());
        assertEquals(1, cells(robot, ".tree-cell.status-unreachable").size());
        // peers: dhcp-east 2, dhcp-west 3, branch-north 2; the standalone lab-kea has none
        assertEquals(7, cells(robot, ".tree-cell.peer-node").size());
        TreeCell<?> sourceOfTruth = cells(robot, ".tree-cell.peer-node.source-of-truth").stream()
                .filter(c -> c.getAccessibleText().startsWith("Peer west2")).findFirst().orElseThrow();
        assertTrue(robot.from(sourceOfTruth).lookup((Label l) -> "west2 — source of truth".equals(l.getText()))
                .tryQuery().isPresent());
        assertEquals(2, cells(robot, ".tree-cell.peer-daemon-down").size());

        answerAsStored();
        console.poller.pollOnce(); // on this thread: the listener must hop to the FX thread by itself
        waitUntil(() -> robot.lookup("#lastPoll").queryAs(Label.class).getText().startsWith("Last poll: "));
        assertEquals("Last poll: 09:26:53", robot.lookup("#lastPoll").queryAs(Label.class).getText());
        assertTrue(cells(robot, ".tree-cell.stale").isEmpty(), "the poll confirmed every state");
        assertEquals(1, cells(robot, ".tree-cell.relationship-node.status-impaired").size());
    }

    @Test
    void selectingARelationshipShowsItsDetailsAndPeers(FxRobot robot) throws Exception {
        TreeView<ConsoleNode> tree = robot.lookup("#serverTree").queryAs(TreeView.class);
        waitUntil(() -> tree.getRoot().getChildren().size() == 4);
        answerAsStored();
        console.poller.pollOnce();
        waitUntil(() -> robot.lookup("#lastPoll").queryAs(Label.class).getText().startsWith("Last poll: "));

        robot.clickOn((Label l) -> "dhcp-west".equals(l.getText()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("dhcp-west", robot.lookup("#detailsName").queryAs(Label.class).getText());
        assertEquals("Impaired", robot.lookup("#detailsStatus").queryAs(Label.class).getText());
        assertEquals("west2", robot.lookup("#detailsSourceOfTruth").queryAs(Label.class).getText());
        assertEquals("Yes", robot.lookup("#detailsReplicated").queryAs(Label.class).getText());
        TableView<PeerRow> peers = robot.lookup("#peerTable").queryAs(TableView.class);
        assertEquals(List.of("west1", "west2", "west3"), peers.getItems().stream().map(PeerRow::name).toList());
        assertEquals(1, robot.lookup("#peerTable .table-cell.skew-warning").queryAll().size());
        TableView<?> events = robot.lookup("#eventTable").queryAs(TableView.class);
        assertEquals(4, events.getItems().size(), "the stored history; this poll changed no status");

        robot.interact(() -> Shots.write(stage.getScene(), "main-window"));
        assertTrue(Files.size(Shots.dir().resolve("main-window.png")) > 10_000);
    }

    @Test
    void aLongCauseWrapsInFullAtTheNarrowestWindow(FxRobot robot) throws Exception {
        TreeView<ConsoleNode> tree = robot.lookup("#serverTree").queryAs(TreeView.class);
        waitUntil(() -> tree.getRoot().getChildren().size() == 4);
        answerAsStored();
        String silent = "The Control Agent at 10.2.0.11:8000 accepts connections but sent no answer within 2 s; an agent"
                + " stays silent while the DHCPv4 server it forwards to is hung or busy";
        console.probe.answer("dhcp-west", PeerObservation.unreachable("west1", silent, Fixtures.T0));
        console.poller.pollOnce();
        robot.interact(() -> {
            tree.getSelectionModel().select(tree.getRoot().getChildren().get(1));
            stage.setWidth(820); // the console's minimum width
        });
        waitUntil(() -> robot.lookup("#detailsReasons .peer-problem").tryQuery().isPresent());
        javafx.scene.layout.VBox reasons = robot.lookup("#detailsReasons").queryAs(javafx.scene.layout.VBox.class);
        Label cause = robot.lookup("#detailsReasons .peer-problem").queryAs(Label.class);
        assertEquals("west1: " + silent, cause.getText());
        // what the label draws: a label squeezed to one line draws its text cut short with "…"
        javafx.scene.text.Text drawn = (javafx.scene.text.Text) cause.lookup(".text");
        assertEquals(cause.getText(), drawn.getText().replace("\n", " ").replaceAll(" +", " "), "drawn in full");
        assertTrue(cause.getHeight() > 1.8 * cause.getFont().getSize(), "on more than one line: " + cause.getHeight());
        assertTrue(cause.getWidth() <= reasons.getWidth(), cause.getWidth() + " within " + reasons.getWidth());
        robot.interact(() -> Shots.write(stage.getScene(), "main-window-narrow"));
    }

    @Test
    void lastKnownStateSnapshot(FxRobot robot) throws Exception {
        TreeView<ConsoleNode> tree = robot.lookup("#serverTree").queryAs(TreeView.class);
        waitUntil(() -> tree.getRoot().getChildren().size() == 4);
        robot.interact(() -> tree.getSelectionModel().select(tree.getRoot().getChildren().get(1)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            Shots.write(stage.getScene(), "main-window-last-known");
        });
        assertTrue(Files.exists(Shots.dir().resolve("main-window-last-known.png")));
    }

    @Test
    void addingAServerThroughTheDialogPutsItInTheTree(FxRobot robot) throws Exception {
        TreeView<ConsoleNode> tree = robot.lookup("#serverTree").queryAs(TreeView.class);
        waitUntil(() -> tree.getRoot().getChildren().size() == 4);
        var server = Fixtures.server("south1", URI.create("http://10.4.0.11:8000/"));
        var south = Fixtures.relationship("south1", tandem.core.HaMode.HOT_STANDBY,
                Fixtures.peer("south1", tandem.core.PeerRole.PRIMARY, "10.4.0.11"),
                Fixtures.peer("south2", tandem.core.PeerRole.STANDBY, "10.4.0.12"));
        console.importer.result = new ImportResult.Accepted(server, List.of(south), List.of(), List.of());

        robot.clickOn("#openAddServer");
        waitUntil(() -> robot.lookup("#serverAddress").tryQuery().isPresent());
        robot.clickOn("#serverAddress").write("10.4.0.11");
        assertEquals("10.4.0.11", robot.lookup("#caHost").queryTextInputControl().getText());
        robot.clickOn("#addServer");
        waitUntil(() -> tree.getRoot().getChildren().size() == 5);
        assertTrue(robot.lookup("#serverAddress").tryQuery().isEmpty(), "the dialog closed");
        assertEquals(1, Window.getWindows().size());
        waitUntil(() -> robot.lookup((TreeCell<?> c) -> c.getAccessibleText() != null
                && c.getAccessibleText().startsWith("Relationship south1")).tryQuery().isPresent());
    }

    @Test
    void removingAServerAsksFirst(FxRobot robot) throws Exception {
        TreeView<ConsoleNode> tree = robot.lookup("#serverTree").queryAs(TreeView.class);
        waitUntil(() -> tree.getRoot().getChildren().size() == 4);
        robot.clickOn((Label l) -> "branch-north".equals(l.getText()));
        robot.clickOn("#removeServer");
        waitUntil(() -> robot.lookup("#confirmRemove").tryQuery().isPresent());
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, tree.getRoot().getChildren().size());

        robot.clickOn("#removeServer");
        waitUntil(() -> robot.lookup("#confirmRemove").tryQuery().isPresent());
        robot.clickOn("Remove");
        waitUntil(() -> tree.getRoot().getChildren().size() == 3);
        assertTrue(console.inventory().server("branch-north").isEmpty());
    }

    @Test
    void treeItemsSurviveAPollSoTheSelectionStays(FxRobot robot) throws Exception {
        TreeView<ConsoleNode> tree = robot.lookup("#serverTree").queryAs(TreeView.class);
        waitUntil(() -> tree.getRoot().getChildren().size() == 4);
        TreeItem<ConsoleNode> west = tree.getRoot().getChildren().get(1);
        robot.interact(() -> tree.getSelectionModel().select(west));
        answerAsStored();
        console.poller.pollOnce();
        waitUntil(() -> robot.lookup("#lastPoll").queryAs(Label.class).getText().startsWith("Last poll: "));
        assertTrue(tree.getSelectionModel().getSelectedItem() == west);
        assertFalse(((ConsoleNode.RelationshipItem) west.getValue()).stale());
        assertEquals("dhcp-west", robot.lookup("#detailsName").queryAs(Label.class).getText());
    }
}
