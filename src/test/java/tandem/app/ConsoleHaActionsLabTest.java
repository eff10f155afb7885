package tandem.app;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.core.Preferences;
import tandem.lab.KeaLab;
import tandem.ui.BackgroundTasks;
import tandem.ui.ConsoleNode;
import tandem.ui.MainView;

/**
 * HA actions from the console against a real Kea load-balancing pair: the relationship's context menu, the
 * confirmation that says what will happen, and the tree following the servers into maintenance and back. The
 * details pane shows the lab's configuration check.
 */
@Tag("kea")
@ExtendWith(ApplicationExtension.class)
class ConsoleHaActionsLabTest {
    private static KeaLab lab;

    @TempDir static Path data;

    private Services services;
    private BackgroundTasks tasks;
    private MainView view;

    @BeforeAll
    static void startLab() {
        lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0);
        lab.awaitStable(Duration.ofSeconds(30));
        try (Services s = Services.open(data)) {
            assertInstanceOf(ImportResult.Accepted.class,
                    s.inventory().add(Backend.KEA, "pair", ConnectionSettings.of(lab.caUrl(1))));
        }
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) lab.close();
    }

    @Start
    void start(Stage stage) {
        services = Services.open(data);
        Preferences d = Preferences.defaults();
        services.updatePreferences(new Preferences(Duration.ofSeconds(2), Duration.ofSeconds(1), d.keaControlAgentHost(),
                d.keaControlAgentPort(), d.keaReplicateConfig()));
        tasks = BackgroundTasks.forFx();
        view = new MainView(ConsoleApp.adapt(services), tasks, ZoneOffset.UTC);
        stage.setScene(view.scene(1200, 760));
        stage.show();
        view.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        view.dispose();
        tasks.close();
        services.close();
    }

    @Test
    void startMaintenanceFromTheContextMenuThenCancelIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !cells(robot, ".relationship-node.status-ok").isEmpty());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#detailsChecks .check-warning").tryQuery().isPresent());
        Label check = robot.lookup("#detailsChecks .check-warning").queryAs(Label.class);
        assertTrue(check.getText().startsWith("max-unacked-clients is 0"), check.getText());

        openContextMenu(robot, ".relationship-node.status-ok");
        robot.clickOn("Start maintenance…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#haActionConfirm").tryQuery().isPresent());
        String description = robot.lookup("#haActionDescription").queryAs(Label.class).getText();
        assertTrue(description.contains("ha-maintenance-start is sent to server1, which stays in service"), description);
        assertTrue(description.contains("server2 moves to in-maintenance"), description);
        assertEquals("Start maintenance of server2", robot.lookup("#haActionTitle").queryAs(Label.class).getText());
        robot.clickOn((Node) robot.lookup("#haActionConfirmButton").queryAs(Button.class));

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !cells(robot, ".relationship-node.status-impaired").isEmpty());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> haState(robot, "server2").equals("in-maintenance")
                && haState(robot, "server1").equals("partner-in-maintenance"));
        Label message = robot.lookup("#statusMessage").queryAs(Label.class);
        assertTrue(message.getText().contains("server2 is in maintenance"), message.getText());

        openContextMenu(robot, ".relationship-node.status-impaired");
        robot.clickOn("Cancel maintenance…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#haActionConfirm").tryQuery().isPresent()
                && robot.lookup("#haActionDescription").queryAs(Label.class).getText().contains("ha-maintenance-cancel is sent to server1"));
        robot.clickOn((Node) robot.lookup("#haActionConfirmButton").queryAs(Button.class));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !cells(robot, ".relationship-node.status-ok").isEmpty());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> haState(robot, "server1").equals("load-balancing")
                && haState(robot, "server2").equals("load-balancing"));
    }

    /**
     * Right-clicks the row. Headless Monocle does not turn a secondary click into the context-menu request a desktop
     * platform sends, so the request is then delivered to the row the same way JavaFX would. The row is looked up
     * again each time: a poll may re-render the tree between two steps.
     */
    private static void openContextMenu(FxRobot robot, String query) throws Exception {
        robot.rightClickOn(cell(robot, query));
        WaitForAsyncUtils.waitForFxEvents();
        if (!contextMenuShowing()) {
            TreeCell<?> cell = cell(robot, query);
            robot.interact(() -> {
                assertNotNull(cell.getContextMenu(), "the relationship's row has the HA actions menu");
                javafx.geometry.Bounds b = cell.localToScreen(cell.getBoundsInLocal());
                javafx.event.Event.fireEvent(cell, new javafx.scene.input.ContextMenuEvent(
                        javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 10, 10,
                        b.getMinX() + 10, b.getMinY() + 10, false, null));
            });
        }
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, ConsoleHaActionsLabTest::contextMenuShowing);
    }

    private static boolean contextMenuShowing() {
        return javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w instanceof javafx.scene.control.ContextMenu && w.isShowing());
    }

    private static String haState(FxRobot robot, String peer) {
        return cells(robot, ".peer-node").stream().map(c -> (ConsoleNode.PeerItem) c.getItem())
                .filter(p -> p.peer().name().equals(peer) && p.observation() != null && p.observation().haState() != null)
                .map(p -> p.observation().haState()).findFirst().orElse("");
    }

    /** The first row matching; waits for it, since a poll may be re-rendering the tree at that moment. */
    private static TreeCell<?> cell(FxRobot robot, String query) throws Exception {
        java.util.concurrent.atomic.AtomicReference<TreeCell<?>> found = new java.util.concurrent.atomic.AtomicReference<>();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            List<TreeCell<?>> all = cells(robot, query);
            if (!all.isEmpty()) found.set(all.get(0));
            return !all.isEmpty();
        });
        return found.get();
    }

    private static List<TreeCell<?>> cells(FxRobot robot, String query) {
        List<TreeCell<?>> out = new java.util.ArrayList<>();
        for (TreeCell<?> c : robot.lookup(query).queryAllAs(TreeCell.class)) {
            if (c.getItem() != null) out.add(c);
        }
        return out;
    }
}
