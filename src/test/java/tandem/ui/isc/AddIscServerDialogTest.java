package tandem.ui.isc;

import tandem.ui.BackgroundTasks;
import tandem.ui.InMemoryInventoryStore;
import tandem.ui.InMemoryStateStore;
import tandem.ui.Theme;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.core.Inventory;
import tandem.core.ServerRecord;
import tandem.core.port.ServerImporter;
import tandem.isc.IscServerSettings;

/** Add ISC server: fields checked at their place; an unknown host key is shown, trusted, and pinned in the settings. */
@ExtendWith(ApplicationExtension.class)
class AddIscServerDialogTest {
    static final String FP = "SHA256:Abc123+/xyz";
    private final List<ConnectionSettings> asked = new ArrayList<>();
    private final List<String> added = new ArrayList<>();
    private BackgroundTasks tasks;
    private Path key;

    @Start
    void start(Stage stage) throws Exception {
        key = Files.createTempFile("tandem-key", "");
        ServerImporter importer = new ServerImporter() {
            @Override public Backend backend() { return Backend.ISC; }

            @Override public ConnectionCheck check(ConnectionSettings c) { return new ConnectionCheck(true, "ok"); }

            @Override public synchronized ImportResult inspect(String name, ConnectionSettings c) {
                asked.add(c);
                if (IscServerSettings.hostKey(c.url()) == null) {
                    return new ImportResult.Refused("cannot connect to admin@10.0.0.5: the host key was not accepted 127.0.0.1:22"
                            + " has the ssh-ed25519 host key " + FP, "url");
                }
                return new ImportResult.Accepted(new ServerRecord(name == null ? "10.0.0.5" : name, Backend.ISC, c, Instant.now()),
                        List.of(), List.of(), List.of());
            }
        };
        Inventory inventory = new Inventory(new InMemoryInventoryStore(), new InMemoryStateStore(), Map.of(Backend.ISC, importer));
        tasks = BackgroundTasks.forFx();
        AddIscServerDialog dialog = new AddIscServerDialog(new AddIscServerViewModel(inventory, tasks, added::add));
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

    private void set(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup("#" + id).queryAs(TextField.class).setText(text));
    }

    private String label(FxRobot robot, String id) { return robot.lookup("#" + id).queryAs(Label.class).getText(); }

    @Test
    void badFieldsAreMarkedThenAnUnknownHostKeyIsShownAndTrusted(FxRobot robot) throws Exception {
        assertEquals("/etc/dhcp/dhcpd.conf", robot.lookup("#iscConfigPath").queryAs(TextField.class).getText());
        set(robot, "iscLogin", "10.0.0.5");
        set(robot, "iscOmapiPort", "70000");
        robot.clickOn("#iscAdd");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(label(robot, "iscLoginMessage").contains("expected USER@HOST[:PORT]"), label(robot, "iscLoginMessage"));
        assertEquals("Port must be a number from 1 to 65535 (dhcpd's omapi-port)", label(robot, "iscOmapiPortMessage"));
        assertEquals("Give a private key or a password", label(robot, "iscKeyFileMessage"));
        assertTrue(asked.isEmpty());

        set(robot, "iscLogin", "admin@10.0.0.5");
        set(robot, "iscOmapiPort", "7911");
        set(robot, "iscKeyFile", key.toString());
        set(robot, "iscName", "dhcp1");
        assertFalse(robot.lookup("#iscTrustHostKey").queryAs(Button.class).isVisible());
        robot.clickOn("#iscAdd");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#iscTrustHostKey").queryAs(Button.class).isVisible());
        assertTrue(label(robot, "iscAddMessage").contains("not known yet: " + FP), label(robot, "iscAddMessage"));

        robot.clickOn("#iscTrustHostKey");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> added.size() == 1);
        assertEquals(List.of("dhcp1"), added);
        ConnectionSettings pinned = asked.get(1);
        assertEquals(FP, IscServerSettings.hostKey(pinned.url()));
        IscServerSettings s = IscServerSettings.fromConnection(pinned);
        assertEquals("admin", s.ssh().target().user());
        assertEquals(key, s.ssh().keyFile());
    }
}
