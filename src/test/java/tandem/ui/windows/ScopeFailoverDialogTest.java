package tandem.ui.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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
import tandem.services.Services;
import tandem.ui.BackgroundTasks;
import tandem.ui.Theme;
import tandem.windows.sim.WindowsLab;

/** Add scope to failover against two simulated Windows servers: the free scopes offered, previewed, applied. */
@ExtendWith(ApplicationExtension.class)
class ScopeFailoverDialogTest {
    @TempDir Path dir;
    private WindowsLab lab;
    private Services services;
    private BackgroundTasks tasks;
    private int changed;

    @Start
    void start(Stage stage) throws Exception {
        lab = WindowsLab.start(dir.resolve("lab"), "dhcp1", "dhcp2");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Scope -Name s1 -StartRange 10.1.0.10 -EndRange 10.1.0.200 -SubnetMask 255.255.255.0");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Scope -Name s2 -StartRange 10.2.0.10 -EndRange 10.2.0.200 -SubnetMask 255.255.255.0");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Failover -Name fo1 -PartnerServer dhcp2 -ScopeId 10.1.0.0");
        services = Services.open(WindowsUiLab.data(dir));
        WindowsUiLab.add(services, lab, "dhcp1", "dhcp2");
        tasks = BackgroundTasks.forFx();
        ScopeFailoverViewModel vm = new ScopeFailoverViewModel(WindowsChanges.of(services.windowsChanges()), tasks,
                "dhcp1", "fo1", true, () -> changed++);
        Scene scene = new Scene(new ScopeFailoverDialog(vm).root());
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
    void offersTheFreeScopePreviewsItAndAddsItOnBothServers(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        ListView<ScopeChoice> scopes = robot.lookup("#windowsScopeList").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !scopes.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("10.2.0.0"), scopes.getItems().stream().map(ScopeChoice::scopeId).toList(), "10.1.0.0 is in fo1");
        assertTrue(robot.lookup("#windowsApply").query().isDisabled(), "nothing to apply before a preview");

        robot.clickOn("#windowsPreview");
        Label problem = robot.lookup("#windowsScopeListMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Check at least one scope", problem.getText());

        robot.clickOn(".check-box");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(scopes.getItems().get(0).selected(), "the check box checks the scope");
        assertEquals("", problem.getText());
        robot.clickOn("#windowsPreview");
        @SuppressWarnings("unchecked")
        ListView<String> diff = robot.lookup("#windowsScopeDiff").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !diff.getItems().isEmpty());
        assertTrue(diff.getItems().get(0).startsWith("+ scope 10.2.0.0 in fo1"), diff.getItems().toString());
        robot.interact(() -> tandem.ui.Shots.write(diff.getScene(), "windows-add-scope"));
        assertNotEquals(0, lab.ps("dhcp2", "Get-DhcpServerv4Scope -ScopeId 10.2.0.0").exitCode(), "a preview sends nothing");

        robot.clickOn("#windowsApply");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#windowsCancel").queryButton().getText().equals("Close")
                || robot.lookup("#windowsScopeMessage").queryAs(Label.class).getText().startsWith("Not applied"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Close", robot.lookup("#windowsCancel").queryButton().getText(),
                robot.lookup("#windowsScopeMessage").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#windowsApply").query().isDisabled(), "applied once");
        assertEquals(1, changed);
        assertEquals(0, lab.ps("dhcp2", "Get-DhcpServerv4Scope -ScopeId 10.2.0.0").exitCode(), "copied to the partner");
        String fo = lab.ps("dhcp1", "Get-DhcpServerv4Failover -ScopeId 10.2.0.0 | ConvertTo-Json").stdout();
        assertTrue(fo.contains("\"fo1\""), fo);
        assertFalse(fo.isBlank());
    }
}
