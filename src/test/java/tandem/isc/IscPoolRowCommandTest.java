package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.app.ConsoleApp;
import tandem.cli.TandemCommand;
import tandem.core.Backend;
import tandem.core.Relationship;
import tandem.core.config.ConfigRow;
import tandem.core.config.ConfigTables;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.services.Services;
import tandem.ui.BackgroundTasks;
import tandem.ui.ConsoleContext;
import tandem.ui.ConsoleNode;
import tandem.ui.DialogService;
import tandem.ui.MainViewModel;
import tandem.ui.UiCommand;
import tandem.ui.isc.IscUi;

/**
 * The configuration table's pool row of a real dhcpd.conf behind a real sshd: Edit pool… moves the last pool of
 * failover peer "south" to "north"; the administrator is warned that "south" goes, sees the diff, applies (dhcpd -t
 * on the server, journaled), finds the file changed on the server, and undoes it.
 */
@ExtendWith(ApplicationExtension.class)
class IscPoolRowCommandTest {
    @TempDir static Path sshdDir;
    static RealSshd sshd;
    @TempDir Path tmp;
    private Stage stage;
    private BackgroundTasks tasks;

    @BeforeAll
    static void startSshd() throws Exception {
        RealDhcpd.dhcpd();
        sshd = RealSshd.start(sshdDir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        this.tasks = BackgroundTasks.forFx();
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        tasks.close();
    }

    private int tandem(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data", tmp.resolve("data").toString()));
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), d -> fail("no console for a command"), Services::open,
                tandem.app.Launcher.backendCommands(), new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, out + "\n" + err);
        return code;
    }

    private static String label(FxRobot robot, String id) { return robot.lookup("#" + id).queryAs(Label.class).getText(); }

    private static void waitFor(FxRobot robot, String id) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#" + id).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void editingThePoolOfAPeersLastReferenceWarnsDeletesThePeerAndIsUndone(FxRobot robot) throws Exception {
        Path conf = tmp.resolve("etc/dhcpd.conf");
        Files.createDirectories(conf.getParent());
        Files.copy(Corpus.file("two-peers.conf"), conf);
        String original = Files.readString(conf);
        try (SshConnection trust = SshConnection.open(sshd.settings(), tmp.resolve("data/known_hosts"), (h, t, f) -> true,
                Duration.ofSeconds(20))) {
            assertEquals(0, trust.exec("true").exitCode());
        }
        tandem("server", "add", "isc", "--ssh", sshd.target().toString(), "--key", sshd.clientKey.toString(),
                "--config", conf.toString(), "--restart", "true", "--name", "dhcp1");

        try (Services services = Services.open(tmp.resolve("data"), "the console")) {
            Relationship rel = services.inventory().relationships().stream()
                    .filter(r -> r.serverName().equals("dhcp1")).findFirst().orElseThrow();
            // the table is read over SSH as the console's tab reads it
            ConfigTables tables = services.backends().find(Backend.ISC).orElseThrow().configuration().orElseThrow().read(rel);
            assertEquals("dhcp1", tables.readFrom());
            assertEquals(java.util.Arrays.asList("failover peer north", "failover peer north", "failover peer south", null),
                    tables.pools().stream().map(ConfigRow.Pool::detail).toList());
            ConfigRow.Pool south = tables.pools().get(2);
            assertEquals("10.30.0.100 - 10.30.0.199", south.range());

            DialogService dialogs = new DialogService(() -> stage);
            MainViewModel vm = new MainViewModel(services.inventory(), services.poller(), services.stateStore(),
                    services::preferences, tasks, ZoneOffset.UTC);
            ConsoleContext ctx = new ConsoleContext(ConsoleApp.adapt(services), vm, tasks, dialogs, () -> stage, () -> { });
            IscUi ui = new IscUi(services::iscConfig, services.iscChanges());
            ConsoleNode.RelationshipItem item = new ConsoleNode.RelationshipItem(rel, null, List.of());
            List<UiCommand> commands = ui.rowCommands(ctx, item, south);
            assertEquals(List.of("iscEditPool", "iscRemovePool"), commands.stream().map(UiCommand::id).toList());
            assertEquals(List.of("iscEditSubnet"), ui.rowCommands(ctx, item, tables.subnets().get(0)).stream()
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
            robot.clickOn("#applyChange");
            try {
                WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> label(robot, "applyResult").startsWith("Applied"));
            } catch (java.util.concurrent.TimeoutException e) {
                fail("not applied: " + label(robot, "applyResult"));
            }

            DhcpdConfig written = DhcpdConfig.read(conf);
            assertEquals(List.of("north"), written.peerNames());
            assertEquals(java.util.Arrays.asList("north", "north", "north", null),
                    written.pools().stream().map(AddressPool::failoverPeer).toList());
            assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), conf).ok());

            JournalEntry entry = services.replicationStore().recent(5).get(0);
            assertEquals("isc dhcp1 APPLIED", entry.kind() + " " + entry.relationship() + " " + entry.status());
            Runnable undo = ui.undo(ctx, entry).orElseThrow();
            robot.interact(undo);
            waitFor(robot, "confirmIscUndo");
            robot.clickOn("Undo");
            WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> Files.readString(conf).equals(original));
            assertFalse(DhcpdConfig.read(conf).peerNames().isEmpty());
            assertNotNull(DhcpdConfig.read(conf).peer("south").orElse(null), "undo brings the deleted peer back");
            // the first change's review window is done with: closed, so the next lookups find the new one
            robot.interact(() -> robot.lookup("#diffText").queryAll().forEach(n -> n.getScene().getWindow().hide()));
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(robot.lookup("#diffText").tryQuery().isEmpty());

            // removing a pool whose peer keeps another pool: no warning, the file loses that pool only
            ConfigTables again = services.backends().find(Backend.ISC).orElseThrow().configuration().orElseThrow().read(rel);
            ConfigRow.Pool second = again.pools().stream().filter(p -> p.range().equals("10.20.0.200 - 10.20.0.249"))
                    .findFirst().orElseThrow();
            UiCommand remove = ui.rowCommands(ctx, item, second).stream().filter(c -> c.id().equals("iscRemovePool"))
                    .findFirst().orElseThrow();
            robot.interact(() -> remove.run().run());
            waitFor(robot, "diffText");
            assertTrue(robot.lookup("#confirmLastPeerReference").tryQuery().isEmpty(), "north keeps a pool: no warning");
            String removal = robot.lookup("#diffText").queryAs(TextArea.class).getText();
            assertTrue(removal.contains("-    range 10.20.0.200 10.20.0.249;"), removal);
            robot.clickOn("#applyChange");
            try {
                WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> label(robot, "applyResult").startsWith("Applied"));
            } catch (java.util.concurrent.TimeoutException e) {
                fail("not applied: " + label(robot, "applyResult"));
            }
            DhcpdConfig afterRemoval = DhcpdConfig.read(conf);
            assertEquals(List.of("north", "south"), afterRemoval.peerNames());
            assertEquals(java.util.Arrays.asList("north", "south", null),
                    afterRemoval.pools().stream().map(AddressPool::failoverPeer).toList());
            assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), conf).ok());
        }
    }
}
