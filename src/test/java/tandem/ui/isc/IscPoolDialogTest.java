package tandem.ui.isc;

import tandem.ui.BackgroundTasks;
import tandem.ui.Theme;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
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
import tandem.isc.DhcpdConfig;
import tandem.isc.DhcpdSyntaxCheck;
import tandem.isc.IscConfigTarget;
import tandem.isc.LocalShell;

/**
 * Add a pool, choose "Add new failover peer", fill the peer dialog (checked at each field), see the diff, apply:
 * the configuration file is written through the safe write and passes the real dhcpd -t.
 */
@ExtendWith(ApplicationExtension.class)
class IscPoolDialogTest {
    private BackgroundTasks tasks;
    private Path conf;
    private String original;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        tasks = BackgroundTasks.forFx();
        Path dir = Files.createTempDirectory("tandem-pool-dialog");
        conf = dir.resolve("dhcpd.conf");
        Files.copy(Path.of(getClass().getResource("/isc/corpus/classes-hosts.conf").toURI()), conf);
        original = Files.readString(conf);
        IscConfigTarget target = IscConfigTarget.of(new LocalShell(Duration.ofSeconds(30)), conf.toString(),
                "dhcpd -t -4 -cf FILE", "true", Clock.systemUTC());
        DhcpdConfig config = target.load();
        AddressPoolViewModel vm = new AddressPoolViewModel(config, null);
        AddressPoolDialog dialog = new AddressPoolDialog(vm, edit ->
                new ConfigDiffDialog(new ConfigReviewViewModel(target, config, edit.change(), tasks, () -> { })).show(stage));
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

    private void replace(FxRobot robot, String id, String text) {
        TextField field = robot.lookup("#" + id).queryAs(TextField.class);
        robot.interact(() -> field.setText(""));
        robot.clickOn(field);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String label(FxRobot robot, String id) { return robot.lookup("#" + id).queryAs(Label.class).getText(); }

    @Test
    void addAPoolWithANewFailoverPeerSeeTheDiffAndApply(FxRobot robot) throws Exception {
        if (DhcpdSyntaxCheck.findDhcpd() == null) fail("dhcpd is not installed: install Debian's isc-dhcp-server (src/test/run-all.sh does)");
        assertEquals("192.168.50.0/24", robot.lookup("#poolSubnet").queryAs(ComboBox.class).getValue());
        // a range that is not an address is refused at the Ranges field
        robot.clickOn("#poolRanges").write("192.168.50.200 192.168.50.999");
        robot.clickOn("#poolOk");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(label(robot, "poolRangesMessage").contains("not an IPv4 address"), label(robot, "poolRangesMessage"));
        robot.interact(() -> robot.lookup("#poolRanges").queryAs(TextArea.class).setText("192.168.50.200 192.168.50.220"));
        assertEquals("", label(robot, "poolRangesMessage"));

        robot.clickOn("#poolPeer");
        robot.clickOn(AddressPoolViewModel.ADD_NEW);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#peerName").tryQuery().isPresent());

        // the suggested values are there; each field is checked as it is typed
        assertEquals("647", robot.lookup("#peerPortLocal").queryAs(TextField.class).getText());
        assertEquals("10", robot.lookup("#maxUnackedUpdates").queryAs(TextField.class).getText());
        assertEquals("128", robot.lookup("#split").queryAs(TextField.class).getText());
        assertTrue(robot.lookup("#peerOk").queryAs(Button.class).isDisabled());
        replace(robot, "peerName", "pxe-pair");
        replace(robot, "peerAddressLocal", "192.168.50.2");
        replace(robot, "peerAddressRemote", "192.168.50.999");
        assertTrue(label(robot, "peerAddressRemoteMessage").contains("Not an IPv4 address or DNS name"), label(robot, "peerAddressRemoteMessage"));
        replace(robot, "peerAddressRemote", "192.168.50.3");
        assertEquals("", label(robot, "peerAddressRemoteMessage"));
        replace(robot, "split", "300");
        assertTrue(label(robot, "splitMessage").contains("Must be from 0 to 256"), label(robot, "splitMessage"));
        assertTrue(robot.lookup("#peerOk").queryAs(Button.class).isDisabled());
        replace(robot, "split", "128");
        robot.interact(() -> robot.lookup("#peerRole").queryAs(ComboBox.class).setValue("secondary"));
        assertTrue(robot.lookup("#mclt").queryAs(TextField.class).isDisabled());
        assertEquals("", robot.lookup("#mclt").queryAs(TextField.class).getText());
        robot.interact(() -> robot.lookup("#peerRole").queryAs(ComboBox.class).setValue("primary"));
        assertEquals("3600", robot.lookup("#mclt").queryAs(TextField.class).getText());
        assertFalse(robot.lookup("#peerOk").queryAs(Button.class).isDisabled());
        robot.clickOn("#peerOk");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("pxe-pair (new)", robot.lookup("#poolPeer").queryAs(ComboBox.class).getValue());

        robot.clickOn("#poolOk");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#diffText").tryQuery().isPresent());
        String diff = robot.lookup("#diffText").queryAs(TextArea.class).getText();
        assertTrue(diff.contains("+failover peer \"pxe-pair\" {\n+  primary;\n+  address 192.168.50.2;\n"), diff);
        assertTrue(diff.contains("+  pool {\n+    failover peer \"pxe-pair\";\n+    range 192.168.50.200 192.168.50.220;\n+  }\n"), diff);
        assertTrue(label(robot, "diffWarnings").contains("first failover peer"), label(robot, "diffWarnings"));
        assertEquals(original, Files.readString(conf), "nothing is written before Apply");

        robot.clickOn("#applyChange");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> label(robot, "applyResult").startsWith("Applied"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#applyChange").query().isDisabled(), "the same review cannot be applied twice");
        assertEquals("Close", robot.lookup("#cancelChange").queryAs(javafx.scene.control.Button.class).getText());
        DhcpdConfig written = DhcpdConfig.read(conf);
        assertEquals(List.of("pxe-pair", "pxe-pair", "pxe-pair"), written.pools().stream().map(p -> p.failoverPeer()).toList());
        assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), conf).ok());
    }
}
