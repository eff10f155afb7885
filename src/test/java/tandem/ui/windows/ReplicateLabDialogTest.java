package tandem.ui.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
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
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.core.PeerDefinition;
import tandem.services.Services;
import tandem.ui.BackgroundTasks;
import tandem.ui.Theme;
import tandem.windows.WindowsChangeService.ScopeOutcome;
import tandem.windows.sim.WindowsLab;

/**
 * Replicate against two simulated Windows servers that have drifted apart (a reservation added on the source only,
 * an exclusion on the partner only): the preview shows what the partner loses and gains, Apply makes it the same.
 */
@ExtendWith(ApplicationExtension.class)
class ReplicateLabDialogTest {
    @TempDir Path dir;
    private WindowsLab lab;
    private Services services;
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) throws Exception {
        lab = WindowsLab.start(dir.resolve("lab"), "dhcp1", "dhcp2");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Scope -Name s1 -StartRange 10.1.0.10 -EndRange 10.1.0.200 -SubnetMask 255.255.255.0");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Failover -Name fo1 -PartnerServer dhcp2 -ScopeId 10.1.0.0");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Reservation -ScopeId 10.1.0.0 -IPAddress 10.1.0.50 -ClientId 02-00-00-00-00-50 -Name printer");
        WindowsUiLab.ps(lab, "dhcp2", "Add-DhcpServerv4ExclusionRange -ScopeId 10.1.0.0 -StartRange 10.1.0.100 -EndRange 10.1.0.110");
        services = Services.open(WindowsUiLab.data(dir));
        WindowsUiLab.add(services, lab, "dhcp1", "dhcp2");
        List<String> servers = services.inventory().relationships().stream().filter(r -> r.name().equals("fo1")).findFirst()
                .orElseThrow().peers().stream().map(PeerDefinition::name).toList();
        tasks = BackgroundTasks.forFx();
        ReplicateViewModel vm = new ReplicateViewModel(WindowsChanges.of(services.windowsChanges()), tasks, "fo1", servers, null, () -> {});
        Scene scene = new Scene(new ReplicateDialog(vm).root());
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
        vm.load();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        tasks.close();
        services.close();
        lab.close();
    }

    @Test
    void showsWhatThePartnerLosesAndGainsThenReplicatesIt(FxRobot robot) throws Exception {
        robot.clickOn("#replicatePreview");
        @SuppressWarnings("unchecked")
        TreeView<String> tree = robot.lookup("#replicateDiff").queryAs(TreeView.class);
        Label message = robot.lookup("#replicateMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !tree.getRoot().getChildren().isEmpty()
                || message.getText().startsWith("Cannot"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, tree.getRoot().getChildren().size(), message.getText());
        TreeItem<String> scope = tree.getRoot().getChildren().get(0);
        assertTrue(scope.getValue().startsWith("10.1.0.0 → "), scope.getValue());
        List<String> lines = scope.getChildren().stream().map(TreeItem::getValue).toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("- loses exclusion") && l.contains("10.1.0.100")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("+ gains reservation") && l.contains("10.1.0.50")), lines.toString());
        assertEquals(1, lab.ps("dhcp2", "Get-DhcpServerv4Reservation -IPAddress 10.1.0.50").exitCode(), "not on the partner yet");

        robot.clickOn("#replicateApply");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#replicateCancel").queryButton().getText().equals("Close")
                || message.getText().startsWith("Replication stopped"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.0, robot.lookup("#replicateProgress").queryAs(ProgressBar.class).getProgress(), 1e-9, message.getText());
        assertEquals("Scope 1 of 1", robot.lookup("#replicateProgressText").queryAs(Label.class).getText());
        @SuppressWarnings("unchecked")
        ListView<ScopeOutcome> outcomes = robot.lookup("#replicateOutcomes").queryAs(ListView.class);
        assertEquals(1, outcomes.getItems().size());
        assertTrue(outcomes.getItems().get(0).replicated(), outcomes.getItems().get(0).toString());
        assertEquals(0, lab.ps("dhcp2", "Get-DhcpServerv4Reservation -IPAddress 10.1.0.50").exitCode(),
                "the partner gained the reservation");
        String exclusions = lab.ps("dhcp2", "Get-DhcpServerv4ExclusionRange -ScopeId 10.1.0.0 | ConvertTo-Json").stdout();
        assertTrue(exclusions.isBlank(), "the partner lost its exclusion: " + exclusions);
    }
}
