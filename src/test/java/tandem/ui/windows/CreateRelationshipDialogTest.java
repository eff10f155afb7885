package tandem.ui.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
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

/**
 * Add Failover Relationship against two simulated Windows servers through real SSH: a bad field is marked as it is
 * typed, the summary step shows every value and the plan, Apply creates the relationship on both servers, and a
 * refusal only the servers can find lands back at its field.
 */
@ExtendWith(ApplicationExtension.class)
class CreateRelationshipDialogTest {
    @TempDir Path dir;
    private WindowsLab lab;
    private Services services;
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) throws Exception {
        lab = WindowsLab.start(dir.resolve("lab"), "dhcp1", "dhcp2");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Scope -Name s1 -StartRange 10.1.0.10 -EndRange 10.1.0.200 -SubnetMask 255.255.255.0");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Scope -Name s2 -StartRange 10.2.0.10 -EndRange 10.2.0.200 -SubnetMask 255.255.255.0");
        services = Services.open(WindowsUiLab.data(dir));
        WindowsUiLab.add(services, lab, "dhcp1", "dhcp2");
        tasks = BackgroundTasks.forFx();
        CreateRelationshipViewModel vm = new CreateRelationshipViewModel(WindowsChanges.of(services.windowsChanges()), tasks, "dhcp1", () -> {});
        Scene scene = new Scene(new CreateRelationshipDialog(vm).root());
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

    private static String text(FxRobot robot, String id) { return robot.lookup("#" + id).queryAs(Label.class).getText(); }

    private static void set(FxRobot robot, String id, String value) {
        robot.interact(() -> robot.lookup("#" + id).queryAs(TextField.class).setText(value));
    }

    @SuppressWarnings("unchecked")
    private static void awaitLoaded(FxRobot robot) throws Exception {
        ListView<ScopeChoice> scopes = robot.lookup("#windowsScopes").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> scopes.getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("dhcp2", robot.lookup("#windowsPartner").queryAs(ComboBox.class).getValue());
        assertEquals("dhcp1-dhcp2", robot.lookup("#windowsName").queryAs(TextField.class).getText());
    }

    @Test
    void markedFieldThenSummaryWithEveryValueAndThePlanThenApplyCreatesItOnBothServers(FxRobot robot) throws Exception {
        awaitLoaded(robot);
        set(robot, "windowsMclt", "0");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(text(robot, "windowsMcltMessage").isEmpty(), "MCLT 0 is marked at its field");
        assertTrue(robot.lookup("#windowsNext").query().isDisabled());
        set(robot, "windowsMclt", "1800");
        robot.interact(() -> robot.lookup("#windowsSecret").queryAs(PasswordField.class).setText("Tw0-partners"));
        @SuppressWarnings("unchecked")
        ListView<ScopeChoice> scopes = robot.lookup("#windowsScopes").queryAs(ListView.class);
        robot.interact(() -> scopes.getItems().get(0).selectedProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", text(robot, "windowsMcltMessage"));
        robot.interact(() -> tandem.ui.Shots.write(robot.lookup("#windowsName").query().getScene(), "windows-create-form"));

        robot.clickOn("#windowsNext");
        @SuppressWarnings("unchecked")
        ListView<String> diff = robot.lookup("#windowsCreateDiff").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !diff.getItems().isEmpty());
        assertTrue(robot.lookup("#windowsSummaryPage").query().isVisible());
        assertEquals("dhcp1-dhcp2", text(robot, "summary-name"));
        assertEquals("dhcp2", text(robot, "summary-partner"));
        assertEquals("1800 s (30 min)", text(robot, "summary-mclt"));
        assertEquals("10.1.0.0", text(robot, "summary-scopes"));
        assertTrue(text(robot, "summary-shared-secret").startsWith("set (hidden)"));
        String shown = String.join("\n", diff.getItems());
        assertTrue(shown.contains("scope 10.1.0.0"), shown);
        assertFalse(shown.contains("Tw0-partners"), shown);
        robot.interact(() -> tandem.ui.Shots.write(diff.getScene(), "windows-create-summary"));

        robot.clickOn("#windowsApply");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#windowsCancel").queryButton().getText().equals("Close")
                || text(robot, "windowsCreateMessage").startsWith("Not applied"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Close", robot.lookup("#windowsCancel").queryButton().getText(), text(robot, "windowsCreateMessage"));
        var onPartner = lab.ps("dhcp2", "Get-DhcpServerv4Failover -ScopeId 10.1.0.0 | ConvertTo-Json");
        assertEquals(0, onPartner.exitCode(), onPartner.stderr());
        assertTrue(onPartner.stdout().contains("\"dhcp1-dhcp2\""), onPartner.stdout());
        assertEquals(0, lab.ps("dhcp2", "Get-DhcpServerv4Scope -ScopeId 10.1.0.0").exitCode(), "the scope was copied to the partner");
    }

    @Test
    void aScopeThePartnerHasAlreadyIsRefusedAtTheScopesField(FxRobot robot) throws Exception {
        WindowsUiLab.ps(lab, "dhcp2", "Add-DhcpServerv4Scope -Name s1 -StartRange 10.1.0.10 -EndRange 10.1.0.200 -SubnetMask 255.255.255.0");
        awaitLoaded(robot);
        @SuppressWarnings("unchecked")
        ListView<ScopeChoice> scopes = robot.lookup("#windowsScopes").queryAs(ListView.class);
        robot.interact(() -> scopes.getItems().get(0).selectedProperty().set(true));
        Label problem = robot.lookup("#windowsScopesMessage").queryAs(Label.class);
        robot.clickOn("#windowsNext");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !problem.getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(problem.getText().contains("10.1.0.0"), problem.getText());
        assertTrue(problem.getScene() != null, "back on the form, where the field is");
        assertTrue(robot.lookup("#windowsSummaryPage").tryQuery().isEmpty());
        assertTrue(lab.ps("dhcp2", "Get-DhcpServerv4Failover | ConvertTo-Json").stdout().isBlank(), "nothing was sent");
    }
}
