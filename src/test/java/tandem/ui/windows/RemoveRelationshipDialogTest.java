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
import javafx.scene.control.RadioButton;
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
import tandem.ui.Shots;
import tandem.ui.Theme;
import tandem.windows.sim.WindowsLab;

/**
 * Remove relationship against two simulated Windows servers: the surviving server first, then delete or disable on
 * the other, a preview, Apply; the relationship is gone from both and the scopes are where the choice put them.
 */
@ExtendWith(ApplicationExtension.class)
class RemoveRelationshipDialogTest {
    @TempDir Path dir;
    private WindowsLab lab;
    private Services services;
    private BackgroundTasks tasks;
    private List<String> servers;

    @Start
    void start(Stage stage) throws Exception {
        lab = WindowsLab.start(dir.resolve("lab"), "dhcp1", "dhcp2");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Scope -Name s1 -StartRange 10.1.0.10 -EndRange 10.1.0.200 -SubnetMask 255.255.255.0");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Failover -Name fo1 -PartnerServer dhcp2 -ScopeId 10.1.0.0");
        services = Services.open(WindowsUiLab.data(dir));
        WindowsUiLab.add(services, lab, "dhcp1", "dhcp2");
        // the servers as the relationship names them, its source of truth first
        servers = services.inventory().relationships().stream().filter(r -> r.name().equals("fo1")).findFirst().orElseThrow()
                .peers().stream().map(PeerDefinition::name).toList();
        tasks = BackgroundTasks.forFx();
        RemoveRelationshipViewModel vm = new RemoveRelationshipViewModel(WindowsChanges.of(services.windowsChanges()), tasks,
                "fo1", servers, () -> {});
        Scene scene = new Scene(new RemoveRelationshipDialog(vm).root());
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        tasks.close();
        services.close();
        lab.close();
    }

    private static String text(FxRobot robot, String id) { return robot.lookup("#" + id).queryAs(Label.class).getText(); }

    @Test
    void thePartnerKeepsTheScopesAndTheSourceOfTruthDeletesItsCopies(FxRobot robot) throws Exception {
        assertEquals("dhcp1", servers.get(0));
        String partner = servers.get(1);
        assertTrue(robot.lookup("#otherDelete").query().isDisabled(), "the second question waits for the first");
        robot.clickOn("#windowsPreview");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Choose the server that keeps the scopes", text(robot, "windowsKeepOnMessage"));

        robot.clickOn("#keepOn-" + partner.replaceAll("[^A-Za-z0-9-]", "-"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#otherDelete").query().isDisabled());
        assertEquals("dhcp1 deletes them", robot.lookup("#otherDelete").queryAs(RadioButton.class).getText());
        robot.clickOn("#windowsPreview");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "windowsOtherMessage").contains("dhcp1"), text(robot, "windowsOtherMessage"));

        robot.clickOn("#otherDelete");
        robot.clickOn("#windowsPreview");
        @SuppressWarnings("unchecked")
        ListView<String> diff = robot.lookup("#windowsRemoveDiff").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !diff.getItems().isEmpty());
        assertTrue(diff.getItems().contains("  scope 10.1.0.0: kept on " + partner + ", deleted on dhcp1"), diff.getItems().toString());
        robot.interact(() -> Shots.write(diff.getScene(), "windows-remove-relationship"));
        assertFalse(lab.ps("dhcp1", "Get-DhcpServerv4Failover | ConvertTo-Json").stdout().isBlank(), "a preview sends nothing");

        robot.clickOn("#windowsApply");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#windowsCancel").queryButton().getText().equals("Close")
                || text(robot, "windowsRemoveMessage").startsWith("Not applied"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Close", robot.lookup("#windowsCancel").queryButton().getText(), text(robot, "windowsRemoveMessage"));
        for (String s : List.of("dhcp1", "dhcp2")) {
            assertTrue(lab.ps(s, "Get-DhcpServerv4Failover | ConvertTo-Json").stdout().isBlank(), s + " has no relationship left");
        }
        assertEquals(0, lab.ps("dhcp2", "Get-DhcpServerv4Scope -ScopeId 10.1.0.0").exitCode(), "the survivor keeps the scope");
        assertNotEquals(0, lab.ps("dhcp1", "Get-DhcpServerv4Scope -ScopeId 10.1.0.0").exitCode(), "the other deleted its copy");
    }
}
