package tandem.ui.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
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
import tandem.ui.Shots;
import tandem.ui.Theme;
import tandem.windows.ScopeConfig;
import tandem.windows.ScopeDiff;
import tandem.windows.WinExclusion;
import tandem.windows.WinReservation;
import tandem.windows.WindowsChangeService.ReplicationPlan;
import tandem.windows.WindowsChangeService.ScopeOutcome;

/** Replicate: per scope what the destination loses and gains, then Apply with the progress and each scope's outcome. */
@ExtendWith(ApplicationExtension.class)
class ReplicateDialogTest {
    private final FakeWindowsChanges fake = new FakeWindowsChanges().server("dhcp1",
            List.of(FakeWindowsChanges.loadBalance("fo1", "dhcp2", "10.1.0.0", "10.2.0.0")),
            FakeWindowsChanges.scope("10.1.0.0", "s1"), FakeWindowsChanges.scope("10.2.0.0", "s2"));
    private BackgroundTasks tasks;
    private Scene scene;

    @Start
    void start(Stage stage) {
        WinReservation printer = new WinReservation("10.1.0.0", "10.1.0.50", "02-00-00-00-00-50", "printer", "Dhcp", "");
        ScopeConfig s1 = new ScopeConfig(FakeWindowsChanges.scope("10.1.0.0", "s1"), null, List.of(printer), null);
        ScopeConfig s1Dest = new ScopeConfig(FakeWindowsChanges.scope("10.1.0.0", "s1"),
                List.of(new WinExclusion("10.1.0.0", "10.1.0.100", "10.1.0.110")), null, null);
        ScopeConfig s2 = new ScopeConfig(FakeWindowsChanges.scope("10.2.0.0", "s2"), null, null, null);
        fake.replication = new ReplicationPlan(null, "dhcp1", List.of(ScopeDiff.between(s1, s1Dest), ScopeDiff.onlyOnSource(s2)),
                Map.of("10.1.0.0", "dhcp2", "10.2.0.0", "dhcp2"));
        fake.outcomes = List.of(new ScopeOutcome("10.1.0.0", "dhcp2", true, "identical after replication"),
                new ScopeOutcome("10.2.0.0", "dhcp2", false, "the partner refused: access denied"));
        fake.steps = new Semaphore(0);
        tasks = BackgroundTasks.forFx();
        ReplicateViewModel vm = new ReplicateViewModel(fake, tasks, "fo1", List.of("dhcp1", "dhcp2"), null, () -> {});
        scene = new Scene(new ReplicateDialog(vm).root());
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
        vm.load();
    }

    @AfterEach
    void tearDown() throws Exception {
        fake.steps.release(10);
        FxToolkit.cleanupStages();
        tasks.close();
    }

    @Test
    void showsWhatEachScopeLosesAndGainsThenReplicatesScopeByScope(FxRobot robot) throws Exception {
        robot.clickOn("#replicatePreview");
        @SuppressWarnings("unchecked")
        TreeView<String> tree = robot.lookup("#replicateDiff").queryAs(TreeView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tree.getRoot().getChildren().size() == 2);
        assertTrue(fake.calls.get(0).contains("relationship=fo1") && fake.calls.get(0).endsWith("from null"), fake.calls.toString());
        TreeItem<String> first = tree.getRoot().getChildren().get(0);
        assertTrue(first.getValue().startsWith("10.1.0.0 → dhcp2: differs:"), first.getValue());
        List<String> lines = first.getChildren().stream().map(TreeItem::getValue).toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("- loses exclusion") && l.contains("10.1.0.100")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("+ gains reservation") && l.contains("10.1.0.50")), lines.toString());
        assertEquals("10.2.0.0 → dhcp2: only on dhcp1", tree.getRoot().getChildren().get(1).getValue());
        robot.interact(() -> Shots.write(scene, "windows-replicate-preview"));

        robot.clickOn("#replicateApply");
        ProgressBar bar = robot.lookup("#replicateProgress").queryAs(ProgressBar.class);
        Label count = robot.lookup("#replicateProgressText").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> count.getText().equals("Scope 0 of 2"));
        fake.steps.release();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> count.getText().equals("Scope 1 of 2"));
        assertEquals(0.5, bar.getProgress(), 1e-9);
        fake.steps.release();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#replicateCancel").queryButton().getText().equals("Close"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.0, bar.getProgress(), 1e-9);
        @SuppressWarnings("unchecked")
        ListView<ScopeOutcome> outcomes = robot.lookup("#replicateOutcomes").queryAs(ListView.class);
        assertEquals(2, outcomes.getItems().size());
        String message = robot.lookup("#replicateMessage").queryAs(Label.class).getText();
        assertEquals("1 of 2 scope(s) not replicated; see each scope below", message);
        assertTrue(robot.lookup(".outcome-failed").queryAll().stream().anyMatch(n -> ((javafx.scene.control.Labeled) n).getText().contains("access denied")));
        assertTrue(robot.lookup("#replicateApply").query().isDisabled(), "replicated once");
        robot.interact(() -> Shots.write(scene, "windows-replicate-done"));
    }
}
