package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.input.ContextMenuEvent;
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
import tandem.core.Preferences;

/** "Site…" on the tree's rows: the dialog offers the sites in use, refuses a bad name at its field, and saves. */
@ExtendWith(ApplicationExtension.class)
class SiteDialogTest {
    private TestConsole console;
    private BackgroundTasks tasks;
    private MainView view;

    @Start
    void start(Stage stage) {
        console = new TestConsole(List.of(Fixtures.EAST), List.of(), List.of(), Preferences.defaults(),
                Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
        // two servers without relationships of their own: rows of their own in the tree
        console.inventoryStore.saveServer(Fixtures.server("spare1", URI.create("http://10.9.0.1:8000/")), List.of());
        console.inventoryStore.saveServer(Fixtures.server("spare2", URI.create("http://10.9.0.2:8000/"))
                .withSite("Branch South"), List.of());
        tasks = BackgroundTasks.forFx();
        view = new MainView(console, tasks, ZoneOffset.UTC, console.backendUis());
        stage.setScene(view.scene(1000, 700));
        stage.show();
        view.viewModel().start(false);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        view.dispose();
        tasks.close();
        console.close();
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TreeCell<?> serverRow(FxRobot robot, String server) throws Exception {
        waitUntil(() -> ConsoleTree.cells(robot, ".tree-cell.server-node").stream()
                .anyMatch(c -> ((ConsoleNode.ServerItem) c.getItem()).server().name().equals(server)));
        return ConsoleTree.cells(robot, ".tree-cell.server-node").stream()
                .filter(c -> ((ConsoleNode.ServerItem) c.getItem()).server().name().equals(server)).findFirst().orElseThrow();
    }

    /** Right-clicks a server row; headless Monocle sends no context-menu request, so it is then sent as JavaFX would. */
    private void openServerMenu(FxRobot robot, String server) throws Exception {
        robot.rightClickOn(serverRow(robot, server));
        WaitForAsyncUtils.waitForFxEvents();
        if (!menuShowing()) {
            TreeCell<?> cell = serverRow(robot, server);
            robot.interact(() -> {
                Bounds b = cell.localToScreen(cell.getBoundsInLocal());
                cell.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 20, b.getHeight() / 2,
                        b.getMinX() + 20, b.getCenterY(), false, null));
            });
        }
        waitUntil(SiteDialogTest::menuShowing);
    }

    private static boolean menuShowing() {
        return Window.getWindows().stream().anyMatch(w -> w instanceof ContextMenu && w.isShowing());
    }

    private ComboBox<String> openDialog(FxRobot robot) throws Exception {
        robot.clickOn(ConsoleTree.menuItem(robot, "Site…").orElseThrow());
        waitUntil(() -> robot.lookup("#siteField").tryQuery().isPresent());
        return robot.lookup("#siteField").queryAs(ComboBox.class);
    }

    private String site(String server) {
        return console.inventory().server(server).orElseThrow().site();
    }

    @Test
    void aServerRowsSiteIsSetAfterABadNameIsRefusedAtTheField(FxRobot robot) throws Exception {
        openServerMenu(robot, "spare1");
        ComboBox<String> field = openDialog(robot);
        assertEquals(List.of("Branch South"), List.copyOf(field.getItems()), "the sites in use are offered");
        assertEquals("", field.getEditor().getText(), "no site yet");

        robot.interact(() -> field.getEditor().setText("b".repeat(256)));
        robot.clickOn("#siteOk");
        waitUntil(() -> !robot.lookup("#siteField-message").queryAs(Label.class).getText().isEmpty());
        assertTrue(robot.lookup("#siteField-message").queryAs(Label.class).getText().contains("at most 255"),
                robot.lookup("#siteField-message").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#siteDialog").tryQuery().isPresent(), "the dialog stays open");
        assertNull(site("spare1"), "nothing was stored");

        robot.interact(() -> field.getEditor().clear());
        robot.clickOn(field.getEditor()).write("Branch North");
        assertEquals("", robot.lookup("#siteField-message").queryAs(Label.class).getText(), "typing clears the message");
        robot.clickOn("#siteOk");
        waitUntil(() -> robot.lookup("#siteDialog").tryQuery().isEmpty());
        assertEquals("Branch North", site("spare1"));
        waitUntil(() -> serverRow(robot, "spare1").lookupAll(".node-detail").stream()
                .anyMatch(l -> ((Label) l).getText().endsWith("· Branch North")));
    }

    @Test
    void aRelationshipRowSetsItsServersSiteFromTheSitesInUse(FxRobot robot) throws Exception {
        ConsoleTree.openContextMenu(robot, ".tree-cell.relationship-node");
        ComboBox<String> field = openDialog(robot);
        robot.interact(() -> field.getSelectionModel().select("Branch South"));
        assertEquals("Branch South", field.getEditor().getText());
        robot.clickOn("#siteOk");
        waitUntil(() -> robot.lookup("#siteDialog").tryQuery().isEmpty());
        String server = Fixtures.EAST.serverName();
        assertEquals("Branch South", site(server));

        // opened again, the dialog shows the site stored; emptied, it clears it
        ConsoleTree.openContextMenu(robot, ".tree-cell.relationship-node");
        ComboBox<String> again = openDialog(robot);
        assertEquals("Branch South", again.getEditor().getText());
        assertTrue(robot.lookup("#siteCurrent").queryAs(Label.class).getText().contains("Now at Branch South"));
        robot.interact(() -> again.getEditor().setText("  "));
        robot.clickOn("#siteOk");
        waitUntil(() -> robot.lookup("#siteDialog").tryQuery().isEmpty());
        assertNull(site(server));
    }
}
