package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The configuration table's shared-network row of ISC's own example dhcpd.conf behind a real sshd: Remove… previews
 * the subnets unwrapped with the pools written directly in the shared network moved into them, applies it (dhcpd -t
 * on the server, journaled), and the change is undone.
 */
@ExtendWith(ApplicationExtension.class)
class IscSharedNetworkRowCommandTest {
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

    private static void apply(FxRobot robot) throws Exception {
        robot.clickOn("#applyChange");
        try {
            WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> label(robot, "applyResult").startsWith("Applied"));
        } catch (java.util.concurrent.TimeoutException e) {
            fail("not applied: " + label(robot, "applyResult"));
        }
    }

    /** The change's windows are done with: closed, so that the next lookups find the next ones. */
    private static void closeDialogs(FxRobot robot) {
        robot.interact(() -> {
            robot.lookup("#diffText").queryAll().forEach(n -> n.getScene().getWindow().hide());
            robot.lookup("#rowEditOk").queryAll().forEach(n -> n.getScene().getWindow().hide());
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aSharedNetworkIsRemovedFromTheTableAndUndone(FxRobot robot) throws Exception {
        Path conf = tmp.resolve("etc/dhcpd.conf");
        Files.createDirectories(conf.getParent());
        Files.copy(WildCorpusTest.folder().resolve("01-isc-dhcpd-conf-example.conf"), conf);
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
            ConfigTables tables = services.backends().find(Backend.ISC).orElseThrow().configuration().orElseThrow().read(rel);
            ConfigRow.SharedNetwork net = tables.sharedNetworks().get(0);
            assertEquals("224-29", net.name());
            assertEquals("2 range(s) or pool(s) directly in it", net.detail());

            DialogService dialogs = new DialogService(() -> stage);
            MainViewModel vm = new MainViewModel(services.inventory(), services.poller(), services.stateStore(),
                    services::preferences, tasks, ZoneOffset.UTC);
            ConsoleContext ctx = new ConsoleContext(ConsoleApp.adapt(services), vm, tasks, dialogs, () -> stage, () -> { });
            IscUi ui = new IscUi(services::iscConfig, services.iscChanges());
            ConsoleNode.RelationshipItem item = new ConsoleNode.RelationshipItem(rel, null, List.of());

            List<UiCommand> commands = ui.rowCommands(ctx, item, net);
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
            ConfigTables after = services.backends().find(Backend.ISC).orElseThrow().configuration().orElseThrow().read(rel);
            assertTrue(after.sharedNetworks().isEmpty(), after.sharedNetworks().toString());
            assertEquals(tables.subnets().stream().map(ConfigRow.Subnet::subnet).toList(),
                    after.subnets().stream().map(ConfigRow.Subnet::subnet).toList(), "the same subnets, in the same order");
            closeDialogs(robot);

            JournalEntry entry = services.replicationStore().recent(5).get(0);
            assertEquals("isc dhcp1 APPLIED", entry.kind() + " " + entry.relationship() + " " + entry.status());
            robot.interact(ui.undo(ctx, entry).orElseThrow());
            waitFor(robot, "confirmIscUndo");
            robot.clickOn("Undo");
            WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> Files.readString(conf).equals(original));
            // the undo is a change of its own, journaled once written
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
                JournalEntry last = services.replicationStore().recent(1).get(0);
                return last.id() != entry.id() && last.status().toString().equals("APPLIED");
            });
            assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), conf).ok());
            ConfigTables undone = services.backends().find(Backend.ISC).orElseThrow().configuration().orElseThrow().read(rel);
            assertEquals(tables.sharedNetworks(), undone.sharedNetworks());
        }
    }
}
