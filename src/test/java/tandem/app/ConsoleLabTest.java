package tandem.app;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
import tandem.lab.KeaLab;

import static tandem.ui.ConsoleTree.cells;
import tandem.ui.ConsoleNode;

/**
 * The console as an administrator uses it, against a real Kea load-balancing pair: add the primary through the
 * Add DHCP server dialog, see the relationship OK, kill the primary and see it turn Impaired within one poll
 * interval plus 2 s.
 */
@Tag("kea")
@ExtendWith(ApplicationExtension.class)
class ConsoleLabTest {
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

    private static KeaLab lab;

    @TempDir static Path data;

    private LabConsoleWindow window;

    @BeforeAll
    static void startLab() {
        lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0);
        lab.awaitStable(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) lab.close();
    }

    @Start
    void start(Stage stage) {
        window = LabConsoleWindow.show(stage, data, POLL_INTERVAL);
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
    }

    @Test
    void addThroughTheDialogThenSeeThePrimaryFail(FxRobot robot) throws Exception {
        robot.clickOn("#openAddServer");
        robot.clickOn("#serverAddress").write("127.0.0.1");
        robot.doubleClickOn("#caPort").eraseText(4).write(Integer.toString(lab.server(1).caPort()));
        robot.clickOn("#testConnection");
        Label message = robot.lookup("#addMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> message.getText().contains("answers"));
        assertTrue(message.getText().contains("Kea DHCPv4"), message.getText());

        robot.clickOn("#addServer");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> !cells(robot, ".relationship-node.status-ok").isEmpty());
        var rel = (ConsoleNode.RelationshipItem) cells(robot, ".relationship-node.status-ok").get(0).getItem();
        assertEquals("server1", rel.relationship().name());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cells(robot, ".peer-node.peer-up").size() == 2);
        assertEquals(1, cells(robot, ".peer-node.source-of-truth").size());

        lab.killDhcp(1);
        long killedAt = System.nanoTime();
        WaitForAsyncUtils.waitFor(POLL_INTERVAL.toMillis() + 8000, TimeUnit.MILLISECONDS,
                () -> !cells(robot, ".relationship-node.status-impaired").isEmpty());
        long tookMs = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
        assertTrue(tookMs <= POLL_INTERVAL.toMillis() + 2000,
                "Impaired after " + tookMs + " ms; promised within the poll interval plus 2 s");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cells(robot, ".peer-node.peer-daemon-down").size() == 1);
        // the tree says who took over
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cells(robot, ".peer-node.source-of-truth").stream()
                .anyMatch(c -> ((ConsoleNode.PeerItem) c.getItem()).peer().name().equals("server2")));
        lab.startDhcp(1);
    }
}
