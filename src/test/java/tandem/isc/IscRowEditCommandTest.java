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
import javafx.scene.control.TextField;
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
 * The configuration table's subnet and host rows of a real dhcpd.conf behind a real sshd: Edit subnet… refuses a
 * router outside the subnet at its field, then sets the router and the longest lease; Edit host… moves the host to
 * another fixed address. Each is previewed, applied (dhcpd -t on the server, journaled), and both are undone.
 */
@ExtendWith(ApplicationExtension.class)
class IscRowEditCommandTest {
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

    private static void type(FxRobot robot, String key, String text) {
        robot.interact(() -> robot.lookup("#rowField-" + key).queryAs(TextField.class).setText(text));
    }

    private static String field(FxRobot robot, String key) {
        return robot.lookup("#rowField-" + key).queryAs(TextField.class).getText();
    }

    @Test
    void aSubnetAndAHostAreEditedFromTheTableAndUndone(FxRobot robot) throws Exception {
        Path conf = tmp.resolve("etc/dhcpd.conf");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, Files.readString(Corpus.file("two-peers.conf"))
                + "\nhost printer {\n  hardware ethernet 02:00:00:00:0a:05;\n  fixed-address 10.20.0.5;\n}\n");
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
            ConfigRow.Subnet subnet = tables.subnets().get(0);
            assertEquals("10.20.0.0/24", subnet.subnet());
            ConfigRow.Reservation host = tables.reservations().get(0);
            assertEquals("printer", host.name());

            DialogService dialogs = new DialogService(() -> stage);
            MainViewModel vm = new MainViewModel(services.inventory(), services.poller(), services.stateStore(),
                    services::preferences, tasks, ZoneOffset.UTC);
            ConsoleContext ctx = new ConsoleContext(ConsoleApp.adapt(services), vm, tasks, dialogs, () -> stage, () -> { });
            IscUi ui = new IscUi(services::iscConfig, services.iscChanges());
            ConsoleNode.RelationshipItem item = new ConsoleNode.RelationshipItem(rel, null, List.of());

            List<UiCommand> subnetCommands = ui.rowCommands(ctx, item, subnet);
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

            List<UiCommand> hostCommands = ui.rowCommands(ctx, item, host);
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
            List<JournalEntry> recent = services.replicationStore().recent(5);
            assertEquals("isc dhcp1 APPLIED", recent.get(0).kind() + " " + recent.get(0).relationship() + " " + recent.get(0).status());
            robot.interact(ui.undo(ctx, recent.get(0)).orElseThrow());
            waitFor(robot, "confirmIscUndo");
            robot.clickOn("Undo");
            WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> Files.readString(conf).equals(afterSubnet));
            robot.interact(ui.undo(ctx, recent.get(1)).orElseThrow());
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#confirmIscUndo").queryAll().stream()
                    .anyMatch(n -> n.getScene().getWindow().isShowing()));
            robot.clickOn("Undo");
            WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> Files.readString(conf).equals(original));
            assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), conf).ok());
        }
    }
}
