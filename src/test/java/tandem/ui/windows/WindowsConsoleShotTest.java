package tandem.ui.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import tandem.ui.ConsoleNode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.app.LabConsoleWindow;
import tandem.services.Services;
import tandem.ui.Shots;
import tandem.windows.sim.WindowsLab;

/**
 * The console's main window with a Windows failover relationship between two simulated servers, polled through
 * real SSH: its details, its Windows commands, and a picture of it for a person to look at.
 */
@ExtendWith(ApplicationExtension.class)
class WindowsConsoleShotTest {
    @TempDir Path dir;
    private WindowsLab lab;
    private LabConsoleWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        lab = WindowsLab.start(dir.resolve("lab"), "dhcp1", "dhcp2");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Scope -Name office -StartRange 10.1.0.10 -EndRange 10.1.0.200 -SubnetMask 255.255.255.0");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Scope -Name lab -StartRange 10.2.0.10 -EndRange 10.2.0.200 -SubnetMask 255.255.255.0");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Failover -Name dhcp1-dhcp2 -PartnerServer dhcp2 -ScopeId 10.1.0.0,10.2.0.0"
                + " -LoadBalancePercent 60 -MaxClientLeadTime 01:00:00 -SharedSecret S3cret-lab");
        Path data = WindowsUiLab.data(dir);
        try (Services s = Services.open(data)) {
            WindowsUiLab.add(s, lab, "dhcp1", "dhcp2");
        }
        window = LabConsoleWindow.show(stage, data, Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
        lab.close();
    }

    private static TreeItem<ConsoleNode> relationshipRow(TreeView<ConsoleNode> tree) {
        return tree.getRoot().getChildren().stream().filter(i -> i.getValue().key().equals("relationship:dhcp1-dhcp2"))
                .findFirst().orElse(null);
    }

    @Test
    void showsTheWindowsRelationshipWithItsStateAndCommands(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        TreeView<ConsoleNode> tree = robot.lookup("#serverTree").queryAs(TreeView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> relationshipRow(tree) != null);
        robot.interact(() -> tree.getSelectionModel().select(relationshipRow(tree)));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "OK".equals(robot.lookup("#detailsStatus").queryAs(Label.class).getText()));
        assertEquals("dhcp1-dhcp2", robot.lookup("#detailsName").queryAs(Label.class).getText());
        for (String id : new String[] {"#action-add-scope-to-failover", "#action-remove-scope-from-failover", "#action-replicate",
                "#action-failover-settings", "#action-remove-relationship", "#action-add-failover-relationship"}) {
            assertTrue(robot.lookup(id).tryQuery().isPresent(), id);
        }
        assertTrue(robot.lookup("#openAddWindowsServer").tryQuery().isPresent(), "the toolbar adds Windows servers");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Shots.write(stage.getScene(), "windows-relationship"));
        assertTrue(Files.size(Path.of(System.getProperty("tandem.shot.dir", "target/shots")).resolve("windows-relationship.png")) > 10_000);

        // the details' buttons open the Windows dialogs, which read the servers in the background
        robot.clickOn("#action-failover-settings");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#settingsLoadBalance").tryQuery()
                .map(n -> "60".equals(((javafx.scene.control.TextField) n).getText())).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("3600", robot.lookup("#settingsMclt").queryAs(javafx.scene.control.TextField.class).getText());
        String said = robot.lookup("#windowsSettingsMessage").queryAs(Label.class).getText();
        assertTrue(said.startsWith("Authentication is on"), said);
        robot.interact(() -> Shots.write(robot.lookup("#settingsMclt").query().getScene(), "windows-failover-settings"));

        robot.interact(() -> robot.lookup("#settingsMclt").queryAs(javafx.scene.control.TextField.class).setText("1800"));
        robot.clickOn("#windowsPreview");
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<String> diff = robot.lookup("#windowsSettingsDiff").queryAs(javafx.scene.control.ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !diff.getItems().isEmpty());
        robot.clickOn("#windowsApply");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#windowsCancel").queryButton().getText().equals("Close")
                || robot.lookup("#windowsSettingsMessage").queryAs(Label.class).getText().startsWith("Not applied"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Close", robot.lookup("#windowsCancel").queryButton().getText(),
                robot.lookup("#windowsSettingsMessage").queryAs(Label.class).getText());
        String fo = lab.ps("dhcp2", "Get-DhcpServerv4Failover | ForEach-Object { [string]$_.MaxClientLeadTime.TotalSeconds }").stdout();
        assertEquals("1800", fo.strip(), "the partner has the new MCLT");
    }
}
