package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.core.config.ConfigRow;
import tandem.core.config.ConfigTables;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.ui.UiCommand;

/**
 * The configuration table's subnet and host rows of a real dhcpd.conf behind a real sshd: Edit subnet… refuses a
 * router outside the subnet at its field, then sets the router and the longest lease; Edit host… moves the host to
 * another fixed address. Each is previewed, applied (dhcpd -t on the server, journaled), and both are undone.
 */
class IscRowEditCommandTest extends IscRowCommandLab {
    @Start
    void start(Stage stage) { show(stage); }

    private static void type(FxRobot robot, String key, String text) {
        robot.interact(() -> robot.lookup("#rowField-" + key).queryAs(TextField.class).setText(text));
    }

    private static String field(FxRobot robot, String key) {
        return robot.lookup("#rowField-" + key).queryAs(TextField.class).getText();
    }

    @Test
    void aSubnetAndAHostAreEditedFromTheTableAndUndone(FxRobot robot) throws Exception {
        try (Console console = console(Files.readString(Corpus.file("two-peers.conf"))
                + "\nhost printer {\n  hardware ethernet 02:00:00:00:0a:05;\n  fixed-address 10.20.0.5;\n}\n")) {
            Path conf = console.conf();
            String original = Files.readString(conf);
            ConfigTables tables = console.tables();
            ConfigRow.Subnet subnet = tables.subnets().get(0);
            assertEquals("10.20.0.0/24", subnet.subnet());
            ConfigRow.Reservation host = tables.reservations().get(0);
            assertEquals("printer", host.name());

            List<UiCommand> subnetCommands = console.commands(subnet);
            assertEquals(List.of("iscEditSubnet"), subnetCommands.stream().map(UiCommand::id).toList());
            robot.interact(() -> subnetCommands.get(0).run().run());
            waitFor(robot, "rowField-routers");
            assertEquals("", field(robot, "routers"), "the subnet sets no router yet");
            type(robot, "routers", "10.99.0.1");
            type(robot, "max-lease-time", "7200");
            robot.clickOn("#rowEditOk");
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals("Router 10.99.0.1 is not in subnet 10.20.0.0/24: clients could not reach it",
                    label(robot, "rowField-routers-message"));
            assertTrue(robot.lookup("#diffText").tryQuery().isEmpty(), "no preview of a refused input");
            type(robot, "routers", "10.20.0.1");
            assertEquals("", label(robot, "rowField-routers-message"), "typing clears the field's problem");
            robot.clickOn("#rowEditOk");
            waitFor(robot, "diffText");
            String diff = robot.lookup("#diffText").queryAs(TextArea.class).getText();
            assertTrue(diff.contains("+  option routers 10.20.0.1;\n+  max-lease-time 7200;\n   pool {"), diff);
            assertEquals(original, Files.readString(conf), "nothing is written before the preview is applied");
            apply(robot);
            String afterSubnet = Files.readString(conf);
            assertTrue(afterSubnet.contains("subnet 10.20.0.0 netmask 255.255.255.0 {\n  option routers 10.20.0.1;\n"
                    + "  max-lease-time 7200;\n  pool {"), afterSubnet);
            assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), conf).ok());
            closeDialogs(robot);

            List<UiCommand> hostCommands = console.commands(host);
            assertEquals(List.of("iscEditHost", "iscRemoveHost"), hostCommands.stream().map(UiCommand::id).toList());
            robot.interact(() -> hostCommands.get(0).run().run());
            waitFor(robot, "rowField-hardware");
            assertEquals("02:00:00:00:0a:05", field(robot, "hardware"));
            assertEquals("10.20.0.5", field(robot, "fixed-address"));
            type(robot, "fixed-address", "10.20.0.6");
            type(robot, "host-name", "printer.example.org");
            robot.clickOn("#rowEditOk");
            waitFor(robot, "diffText");
            String hostDiff = robot.lookup("#diffText").queryAs(TextArea.class).getText();
            assertTrue(hostDiff.contains("-  fixed-address 10.20.0.5;\n+  fixed-address 10.20.0.6;\n"
                    + "+  option host-name \"printer.example.org\";"), hostDiff);
            apply(robot);
            assertTrue(Files.readString(conf).endsWith("host printer {\n  hardware ethernet 02:00:00:00:0a:05;\n"
                    + "  fixed-address 10.20.0.6;\n  option host-name \"printer.example.org\";\n}\n"), Files.readString(conf));
            assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), conf).ok());
            closeDialogs(robot);

            // undone newest first: the host, then the subnet; the file is as it was
            List<JournalEntry> recent = console.services().replicationStore().recent(5);
            assertEquals("isc dhcp1 APPLIED", recent.get(0).kind() + " " + recent.get(0).relationship() + " " + recent.get(0).status());
            robot.interact(console.ui().undo(console.ctx(), recent.get(0)).orElseThrow());
            waitFor(robot, "confirmIscUndo");
            robot.clickOn("Undo");
            WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> Files.readString(conf).equals(afterSubnet));
            robot.interact(console.ui().undo(console.ctx(), recent.get(1)).orElseThrow());
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#confirmIscUndo").queryAll().stream()
                    .anyMatch(n -> n.getScene().getWindow().isShowing()));
            robot.clickOn("Undo");
            WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> Files.readString(conf).equals(original));
            assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), conf).ok());
        }
    }
}
