package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The sign-in asked at start: a refusal is said without the password, and the desktop's own store is offered. */
@ExtendWith(ApplicationExtension.class)
class TeamSignInDialogTest {
    private static final String RIGHT = "Right-horse-battery";
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private final List<String> remembered = new CopyOnWriteArrayList<>();
    private final List<String> quit = new CopyOnWriteArrayList<>();
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) {
        tasks = BackgroundTasks.forFx();
        TeamSignInDialog<String> dialog = new TeamSignInDialog<>("postgresql://alice@db:5432/tandem?sslmode=require",
                "Nothing answers at db:5432 (connection refused)", password -> {
                    // the store's own words may quote what it was given; the dialog must not show it
                    if (!password.equals(RIGHT)) throw new IllegalStateException("refused the password " + password);
                    return "team";
                }, () -> "local", remembered::add, tasks, opened::add, () -> quit.add("quit"));
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

    private static void type(FxRobot robot, String password) {
        PasswordField field = robot.lookup("#signInPassword").queryAs(PasswordField.class);
        robot.interact(() -> field.setText(password));
    }

    @Test
    void aRefusalIsSaidWithoutThePasswordAndTheRightOneOpensAndIsRemembered(FxRobot robot) throws Exception {
        Label message = robot.lookup("#signInMessage").queryAs(Label.class);
        assertEquals("Nothing answers at db:5432 (connection refused)", message.getText(), "why it asks");
        assertTrue(robot.lookup("#signIn").queryAs(Button.class).isDisabled(), "no password yet");

        String wrong = "Wrong-horse-battery";
        type(robot, wrong);
        robot.clickOn("#signIn");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> message.getText().startsWith("refused"));
        assertEquals("refused the password •••", message.getText());
        for (Node n : robot.lookup(node -> node instanceof Labeled).queryAll()) {
            assertFalse(String.valueOf(((Labeled) n).getText()).contains(wrong));
        }
        assertTrue(opened.isEmpty());

        type(robot, RIGHT);
        robot.clickOn("#signInRemember");
        robot.clickOn("#signIn");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !opened.isEmpty());
        assertEquals(List.of("team"), opened);
        assertEquals(List.of(RIGHT), remembered);
        assertEquals("", robot.lookup("#signInPassword").queryAs(PasswordField.class).getText(), "not kept on screen");
    }

    @Test
    void theDesktopsOwnStoreIsOfferedInstead(FxRobot robot) throws Exception {
        robot.clickOn("#signInLocal");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !opened.isEmpty());
        assertEquals(List.of("local"), opened);
        assertTrue(remembered.isEmpty());
    }

    @Test
    void quitOpensNothing(FxRobot robot) {
        robot.clickOn("#signInQuit");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("quit"), quit);
        assertTrue(opened.isEmpty());
    }
}
