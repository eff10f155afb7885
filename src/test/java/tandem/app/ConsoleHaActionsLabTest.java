package tandem.app;

import tandem.services.Services;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.lab.KeaLab;

import static tandem.ui.ConsoleTree.cells;
import static tandem.ui.ConsoleTree.haState;
import static tandem.ui.ConsoleTree.openContextMenu;

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

    private LabConsoleWindow window;

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
        window = LabConsoleWindow.show(stage, data, Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
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
}
