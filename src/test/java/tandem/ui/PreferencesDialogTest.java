package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.core.Preferences;

@ExtendWith(ApplicationExtension.class)
class PreferencesDialogTest {
    private final List<Preferences> saved = new ArrayList<>();
    private final List<Preferences> told = new ArrayList<>();
    private BackgroundTasks tasks;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        tasks = BackgroundTasks.forFx();
        PreferencesViewModel vm = new PreferencesViewModel(Preferences.defaults(), tandem.kea.KeaSettings.SETTINGS, saved::add, tasks);
        PreferencesDialog dialog = new PreferencesDialog(vm, told::add);
        Scene scene = new Scene(dialog.root());
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        tasks.close();
    }

    private void replace(FxRobot robot, String id, String text) {
        TextField field = robot.lookup("#" + id).queryAs(TextField.class);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void badValuesAreMarkedAtTheirFieldsAndBlockSaving(FxRobot robot) throws Exception {
        replace(robot, "pollInterval", "0");
        replace(robot, "pref-kea-control-agent-port", "70000");
        assertEquals("Poll interval must be at least 1 s", robot.lookup("#pollIntervalMessage").queryAs(Label.class).getText());
        assertEquals("Port must be a number from 1 to 65535", robot.lookup("#pref-kea-control-agent-port-message").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#savePreferences").queryAs(Button.class).isDisabled());
        robot.interact(() -> Shots.write(stage.getScene(), "preferences-dialog"));

        replace(robot, "pollInterval", "15");
        replace(robot, "pref-kea-control-agent-port", "8001");
        robot.clickOn("#pref-kea-replicate-config");
        robot.clickOn("#savePreferences");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> told.size() == 1);
        Preferences expected = tandem.kea.KeaSettings.preferences(Duration.ofSeconds(15), Duration.ofSeconds(2), null, 8001, false);
        assertEquals(List.of(expected), saved);
    }
}
