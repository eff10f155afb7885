package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import tandem.core.config.ConfigRow;
import tandem.core.config.ConfigTables;
import tandem.ui.UiCommand;

/**
 * The configuration table's shared-network row of ISC's own example dhcpd.conf behind a real sshd: Remove… previews
 * the subnets unwrapped with the pools written directly in the shared network moved into them, applies it (dhcpd -t
 * on the server, journaled), and the change is undone.
 */
class IscSharedNetworkRowCommandTest extends IscRowCommandLab {
    @Start
    void start(Stage stage) { show(stage); }

    @Test
    void aSharedNetworkIsRemovedFromTheTableAndUndone(FxRobot robot) throws Exception {
        try (Console console = console(Files.readString(
                WildCorpusTest.folder().resolve("01-isc-dhcpd-conf-example.conf")))) {
            Path conf = console.conf();
            String original = Files.readString(conf);
            ConfigTables tables = console.tables();
            ConfigRow.SharedNetwork net = tables.sharedNetworks().get(0);
            assertEquals("224-29", net.name());
            assertEquals("2 range(s) or pool(s) directly in it", net.detail());

            List<UiCommand> commands = console.commands(net);
            assertEquals(List.of("iscRemoveSharedNetwork"), commands.stream().map(UiCommand::id).toList());
            assertEquals("Remove…", commands.get(0).label());
            robot.interact(() -> commands.get(0).run().run());
            waitFor(robot, "diffText");
            String diff = robot.lookup("#diffText").queryAs(TextArea.class).getText();
            assertTrue(diff.contains("-shared-network 224-29 {\n"), diff);
            assertTrue(diff.contains("     option routers rtr-224.example.org;\n+    pool {\n+      allow members of \"foo\";\n"
                    + "+      range 10.17.224.10 10.17.224.250;\n+    }\n   }"), diff);
            assertTrue(label(robot, "diffWarnings").contains("move into the subnet holding their addresses"),
                    label(robot, "diffWarnings"));
            assertEquals(original, Files.readString(conf), "nothing is written before the preview is applied");
            apply(robot);

            DhcpdConfig written = DhcpdConfig.read(conf);
            assertTrue(written.sites().stream().noneMatch(s -> s.node().keyword().equals("shared-network")));
            assertEquals(List.of("10.17.224.0/24", "10.0.29.0/24"), written.pools().stream().map(AddressPool::subnet).toList());
            assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), conf).ok());
            ConfigTables after = console.tables();
            assertTrue(after.sharedNetworks().isEmpty(), after.sharedNetworks().toString());
            assertEquals(tables.subnets().stream().map(ConfigRow.Subnet::subnet).toList(),
                    after.subnets().stream().map(ConfigRow.Subnet::subnet).toList(), "the same subnets, in the same order");
            closeDialogs(robot);

            undoNewest(robot, console, original);
            assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), conf).ok());
            ConfigTables undone = console.tables();
            assertEquals(tables.sharedNetworks(), undone.sharedNetworks());
        }
    }
}
