package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextArea;
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
 * The configuration table's pool row of a real dhcpd.conf behind a real sshd: Edit pool… moves the last pool of
 * failover peer "south" to "north"; the administrator is warned that "south" goes, sees the diff, applies (dhcpd -t
 * on the server, journaled), finds the file changed on the server, and undoes it.
 */
class IscPoolRowCommandTest extends IscRowCommandLab {
    @Start
    void start(Stage stage) { show(stage); }

    @Test
    void editingThePoolOfAPeersLastReferenceWarnsDeletesThePeerAndIsUndone(FxRobot robot) throws Exception {
        try (Console console = console(Files.readString(Corpus.file("two-peers.conf")))) {
            Path conf = console.conf();
            String original = Files.readString(conf);
            ConfigTables tables = console.tables();
            assertEquals("dhcp1", tables.readFrom());
            assertEquals(java.util.Arrays.asList("failover peer north", "failover peer north", "failover peer south", null),
                    tables.pools().stream().map(ConfigRow.Pool::detail).toList());
            ConfigRow.Pool south = tables.pools().get(2);
            assertEquals("10.30.0.100 - 10.30.0.199", south.range());

            List<UiCommand> commands = console.commands(south);
            assertEquals(List.of("iscEditPool", "iscRemovePool"), commands.stream().map(UiCommand::id).toList());
            assertEquals(List.of("iscEditSubnet"), console.commands(tables.subnets().get(0)).stream()
                    .map(UiCommand::id).toList());

            robot.interact(() -> commands.get(0).run().run());
            waitFor(robot, "poolPeer");
            // the existing pool, prefilled; its subnet stays
            assertEquals("south", robot.lookup("#poolPeer").queryAs(ComboBox.class).getValue());
            assertEquals("10.30.0.100 10.30.0.199", robot.lookup("#poolRanges").queryAs(TextArea.class).getText());
            assertTrue(robot.lookup("#poolSubnet").query().isDisabled());
            robot.interact(() -> robot.lookup("#poolPeer").queryAs(ComboBox.class).setValue("north"));
            robot.clickOn("#poolOk");

            waitFor(robot, "confirmLastPeerReference");
            DialogPane warning = robot.lookup("#confirmLastPeerReference").queryAs(DialogPane.class);
            assertEquals("This is the last address pool referring to failover peer \"south\"", warning.getHeaderText());
            assertTrue(warning.getContentText().contains("will delete the failover peer \"south\""), warning.getContentText());
            assertEquals(original, Files.readString(conf), "nothing is written before the preview is applied");
            robot.clickOn("Delete the peer too");

            waitFor(robot, "diffText");
            String diff = robot.lookup("#diffText").queryAs(TextArea.class).getText();
            assertTrue(diff.contains("-failover peer \"south\" {"), diff);
            assertTrue(diff.contains("-  pool { failover peer \"south\"; range 10.30.0.100 10.30.0.199; }\n"
                    + "+  pool { failover peer \"north\"; range 10.30.0.100 10.30.0.199; }"), diff);
            assertTrue(label(robot, "diffWarnings").contains("last address pool referring to failover peer \"south\""),
                    label(robot, "diffWarnings"));
            apply(robot);

            DhcpdConfig written = DhcpdConfig.read(conf);
            assertEquals(List.of("north"), written.peerNames());
            assertEquals(java.util.Arrays.asList("north", "north", "north", null),
                    written.pools().stream().map(AddressPool::failoverPeer).toList());
            assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), conf).ok());

            JournalEntry entry = console.services().replicationStore().recent(5).get(0);
            assertEquals("isc dhcp1 APPLIED", entry.kind() + " " + entry.relationship() + " " + entry.status());
            Runnable undo = console.ui().undo(console.ctx(), entry).orElseThrow();
            robot.interact(undo);
            waitFor(robot, "confirmIscUndo");
            robot.clickOn("Undo");
            WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> Files.readString(conf).equals(original));
            assertFalse(DhcpdConfig.read(conf).peerNames().isEmpty());
            assertNotNull(DhcpdConfig.read(conf).peer("south").orElse(null), "undo brings the deleted peer back");
            closeDialogs(robot);
            assertTrue(robot.lookup("#diffText").tryQuery().isEmpty());

            // removing a pool whose peer keeps another pool: no warning, the file loses that pool only
            ConfigTables again = console.tables();
            ConfigRow.Pool second = again.pools().stream().filter(p -> p.range().equals("10.20.0.200 - 10.20.0.249"))
                    .findFirst().orElseThrow();
            UiCommand remove = console.command(second, "iscRemovePool");
            robot.interact(() -> remove.run().run());
            waitFor(robot, "diffText");
            assertTrue(robot.lookup("#confirmLastPeerReference").tryQuery().isEmpty(), "north keeps a pool: no warning");
            String removal = robot.lookup("#diffText").queryAs(TextArea.class).getText();
            assertTrue(removal.contains("-    range 10.20.0.200 10.20.0.249;"), removal);
            apply(robot);
            DhcpdConfig afterRemoval = DhcpdConfig.read(conf);
            assertEquals(List.of("north", "south"), afterRemoval.peerNames());
            assertEquals(java.util.Arrays.asList("north", "south", null),
                    afterRemoval.pools().stream().map(AddressPool::failoverPeer).toList());
            assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), conf).ok());
        }
    }
}
