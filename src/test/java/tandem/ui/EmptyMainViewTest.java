package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class EmptyMainViewTest {
    private final TestConsole console = TestConsole.empty();
    private BackgroundTasks tasks;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        tasks = BackgroundTasks.forFx();
        MainView view = new MainView(console, tasks, ZoneOffset.UTC, console.backendUis());
        stage.setScene(view.scene(1200, 760));
        stage.show();
        view.start(); // the real start: the poller runs, with nothing to poll
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        console.close();
        tasks.close();
    }

    @Test
    void anEmptyConsoleSaysHowToBegin(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> robot.lookup("#lastPoll").queryAs(Label.class).getText().startsWith("Last poll"));
        assertTrue(robot.lookup((Label l) -> l.isVisible() && l.getText() != null
                && l.getText().startsWith("No servers yet")).tryQuery().isPresent());
        assertTrue(robot.lookup("#removeServer").queryAs(Button.class).isDisabled());
        assertEquals("0 OK", robot.lookup("#count-status-ok").queryAs(Label.class).getText());
        robot.interact(() -> Shots.write(stage.getScene(), "main-window-empty"));
    }
}
