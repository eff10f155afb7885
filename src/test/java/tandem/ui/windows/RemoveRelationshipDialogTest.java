package tandem.ui.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.ui.BackgroundTasks;
import tandem.ui.Theme;

/** Remove relationship: the surviving server first, then delete or disable on the other, a preview, Apply. */
@ExtendWith(ApplicationExtension.class)
class RemoveRelationshipDialogTest {
    private final FakeWindowsChanges fake = new FakeWindowsChanges()
            .server("dhcp1", List.of(FakeWindowsChanges.loadBalance("fo1", "dhcp2", "10.1.0.0")), FakeWindowsChanges.scope("10.1.0.0", "s1"));
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) {
        tasks = BackgroundTasks.forFx();
        RemoveRelationshipViewModel vm = new RemoveRelationshipViewModel(fake, tasks, "fo1", List.of("dhcp1", "dhcp2"), () -> {});
        Scene scene = new Scene(new RemoveRelationshipDialog(vm).root());
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        tasks.close();
    }

    private static String text(FxRobot robot, String id) { return robot.lookup("#" + id).queryAs(Label.class).getText(); }

    @Test
    void theSurvivorIsChosenFirstThenWhatTheOtherDoesThenItIsPreviewedAndApplied(FxRobot robot) throws Exception {
        assertTrue(robot.lookup("#otherDelete").query().isDisabled(), "the second question waits for the first");
        robot.clickOn("#windowsPreview");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Choose the server that keeps the scopes", text(robot, "windowsKeepOnMessage"));

        robot.clickOn("#keepOn-dhcp2");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#otherDelete").query().isDisabled());
        assertEquals("dhcp1 deletes them", robot.lookup("#otherDelete").queryAs(RadioButton.class).getText());
        robot.clickOn("#windowsPreview");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "windowsOtherMessage").contains("dhcp1"), text(robot, "windowsOtherMessage"));

        robot.clickOn("#otherDisable");
        robot.clickOn("#windowsPreview");
        @SuppressWarnings("unchecked")
        ListView<String> diff = robot.lookup("#windowsRemoveDiff").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !diff.getItems().isEmpty());
        assertEquals(List.of("remove fo1 keep dhcp2 disable"), fake.calls);
        assertTrue(fake.applied.isEmpty(), "a preview applies nothing");
        robot.interact(() -> tandem.ui.Shots.write(diff.getScene(), "windows-remove-relationship"));

        robot.clickOn("#windowsApply");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#windowsCancel").queryButton().getText().equals("Close"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, fake.applied.size());
        assertEquals("dhcp2", fake.applied.get(0).operation().on());
        assertTrue(text(robot, "windowsRemoveMessage").startsWith("Done: Remove fo1"), text(robot, "windowsRemoveMessage"));
    }
}
