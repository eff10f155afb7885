package tandem.ui.kea;

import tandem.ui.BackgroundTasks;
import tandem.ui.Shots;
import tandem.ui.TestConsole;
import tandem.ui.Theme;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.core.ImportResult;
import tandem.core.Preferences;
import tandem.core.port.ServerImporter;

@ExtendWith(ApplicationExtension.class)
class AddServerDialogTest {
    private final TestConsole console = TestConsole.empty();
    private final AtomicInteger inventoryChanged = new AtomicInteger();
    private BackgroundTasks tasks;
    private AddServerDialog dialog;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        tasks = BackgroundTasks.forFx();
        AddServerViewModel vm = new AddServerViewModel(console.inventory(), Preferences.defaults(), tasks,
                inventoryChanged::incrementAndGet);
        dialog = new AddServerDialog(vm);
        Scene scene = new Scene(dialog.root());
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        console.close();
        tasks.close();
    }

    private String messageAt(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
    }

    private Optional<ValidationMessage> decoration(FxRobot robot, String id) {
        return dialog.validation().getHighestMessage(robot.lookup("#" + id).queryAs(TextField.class));
    }

    private void replace(FxRobot robot, String id, String text) {
        TextField field = robot.lookup("#" + id).queryAs(TextField.class);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aBadPortIsMarkedAtThePortField(FxRobot robot) {
        assertEquals("8000", robot.lookup("#caPort").queryAs(TextField.class).getText());
        assertTrue(decoration(robot, "caPort").isEmpty());

        replace(robot, "caPort", "abc");
        assertEquals("Port must be a number from 1 to 65535", messageAt(robot, "caPortMessage"));
        ValidationMessage shown = decoration(robot, "caPort").orElseThrow();
        assertEquals(Severity.ERROR, shown.getSeverity());
        assertEquals("Port must be a number from 1 to 65535", shown.getText());
        assertEquals("", messageAt(robot, "serverAddressMessage"), "untouched fields stay quiet");

        replace(robot, "caPort", "70000");
        assertEquals("Port must be a number from 1 to 65535", messageAt(robot, "caPortMessage"));

        replace(robot, "caPort", "8080");
        assertEquals("", messageAt(robot, "caPortMessage"));
        assertTrue(decoration(robot, "caPort").isEmpty());
    }

    @Test
    void aControlAgentHostThatMakesNoUrlIsMarkedAtTheHostField(FxRobot robot) {
        robot.clickOn("#serverAddress").write("192.0.2.10");
        replace(robot, "caHost", "http://192.0.2.10:8000/");
        String message = messageAt(robot, "caHostMessage");
        assertFalse(message.isEmpty(), "a URL typed where a host belongs is refused at the host field");
        assertEquals(message, decoration(robot, "caHost").orElseThrow().getText());
        assertEquals("", messageAt(robot, "serverAddressMessage"));

        replace(robot, "caHost", "kea ctrl.example");
        assertFalse(messageAt(robot, "caHostMessage").isEmpty(), "spaces make no host name");

        replace(robot, "caHost", "kea-ctrl.example.net");
        assertEquals("", messageAt(robot, "caHostMessage"));
    }

    @Test
    void addressAndProxyAreCheckedAsTyped(FxRobot robot) {
        robot.clickOn("#serverAddress").write("300.1.1.1");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("300.1.1.1 is not a valid IPv4 address", messageAt(robot, "serverAddressMessage"));
        assertEquals("300.1.1.1 is not a valid IPv4 address", decoration(robot, "serverAddress").orElseThrow().getText());
        assertEquals("300.1.1.1", robot.lookup("#caHost").queryAs(TextField.class).getText(), "the CA host follows");

        robot.clickOn("#proxy").write("proxy.example:3128");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(AddServerViewModel.PROXY_FORM, messageAt(robot, "proxyMessage"));
        robot.interact(() -> Shots.write(stage.getScene(), "add-server-dialog"));
    }

    @Test
    void addWithAnEmptyFormShowsWhatIsMissing(FxRobot robot) {
        robot.clickOn("#addServer");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(AddServerViewModel.ADDRESS_REQUIRED, messageAt(robot, "serverAddressMessage"));
        assertEquals("Correct the highlighted fields first", messageAt(robot, "addMessage"));
        assertTrue(robot.lookup("#serverAddress").queryAs(TextField.class).isFocused());
        assertTrue(console.importer.inspected.isEmpty());
    }

    @Test
    void aRefusalIsShownAtTheFieldItConcernsAndTheButtonsWaitForTheWork(FxRobot robot) throws Exception {
        String refusal = "Nothing answers at http://192.0.2.1:8000/: connect timed out after 6 s; is the Control Agent "
                + "running and port 8000 open?";
        console.importer.result = new ImportResult.Refused(refusal, "url");
        console.importer.gate = new CountDownLatch(1);
        robot.clickOn("#serverAddress").write("192.0.2.1");
        robot.clickOn("#addServer");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#addServer").queryAs(Button.class).isDisabled(), "disabled while work runs");
        assertTrue(robot.lookup("#testConnection").queryAs(Button.class).isDisabled());
        console.importer.gate.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#addServer").queryAs(Button.class).isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(refusal, messageAt(robot, "caHostMessage"));
        assertEquals(refusal, decoration(robot, "caHost").orElseThrow().getText());
        robot.interact(() -> {
            stage.sizeToScene(); // what the dialog's own window does when a message needs more lines
            Shots.write(stage.getScene(), "add-server-refused");
        });
        assertEquals(URI.create("http://192.0.2.1:8000/"), console.importer.inspected.get(0).url());
        assertEquals(0, inventoryChanged.get());
        assertTrue(stage.isShowing(), "the dialog stays open");
    }

    @Test
    void testConnectionShowsTheAnswer(FxRobot robot) throws Exception {
        console.importer.check = new ServerImporter.ConnectionCheck(true, "Kea DHCPv4 2.6.1 answers at http://192.0.2.1:8000/");
        robot.clickOn("#serverAddress").write("192.0.2.1");
        robot.clickOn("#testConnection");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> messageAt(robot, "addMessage").startsWith("Kea"));
        assertTrue(robot.lookup("#addMessage").queryAs(Label.class).getStyleClass().contains("message-success"));
    }

    @Test
    void onlyKeaCanBeChosenForNow(FxRobot robot) {
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<ServerType> type = robot.lookup("#serverType").queryAs(javafx.scene.control.ComboBox.class);
        assertEquals(ServerType.KEA, type.getValue());
        assertEquals(List.of(ServerType.values()), type.getItems());
        robot.interact(() -> type.setValue(ServerType.WINDOWS));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ServerType.KEA, type.getValue());
        assertFalse(ServerType.ISC_DHCPD.available());
    }
}
