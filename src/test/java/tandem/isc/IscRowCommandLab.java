package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
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
 * What the TestFX tests of dhcpd's table rows share: a real sshd, a dhcpd.conf behind it added as server "dhcp1" the
 * way an administrator adds it, and the console pieces a row's commands run in.
 */
@ExtendWith(ApplicationExtension.class)
abstract class IscRowCommandLab {
    @TempDir static Path sshdDir;
    static RealSshd sshd;
    @TempDir Path tmp;
    Stage stage;
    BackgroundTasks tasks;

    @BeforeAll
    static void startSshd() throws Exception {
        RealDhcpd.dhcpd();
        sshd = RealSshd.start(sshdDir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    /** Called by each test class's own {@code @Start}: TestFX looks for it on the test class only. */
    void show(Stage stage) {
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

    /** The server "dhcp1" whose dhcpd.conf holds {@code text}, opened as the console opens it. */
    Console console(String text) throws Exception {
        Path conf = tmp.resolve("etc/dhcpd.conf");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, text);
        try (SshConnection trust = SshConnection.open(sshd.settings(), tmp.resolve("data/known_hosts"), (h, t, f) -> true,
                Duration.ofSeconds(20))) {
            assertEquals(0, trust.exec("true").exitCode());
        }
        tandem("server", "add", "isc", "--ssh", sshd.target().toString(), "--key", sshd.clientKey.toString(),
                "--config", conf.toString(), "--restart", "true", "--name", "dhcp1");
        Services services = Services.open(tmp.resolve("data"), "the console");
        Relationship rel = services.inventory().relationships().stream()
                .filter(r -> r.serverName().equals("dhcp1")).findFirst().orElseThrow();
        MainViewModel vm = new MainViewModel(services.inventory(), services.poller(), services.stateStore(),
                services::preferences, tasks, ZoneOffset.UTC);
        ConsoleContext ctx = new ConsoleContext(ConsoleApp.adapt(services), vm, tasks, new DialogService(() -> stage),
                () -> stage, () -> { });
        return new Console(conf, services, rel, ctx, new IscUi(services::iscConfig, services.iscChanges()),
                new ConsoleNode.RelationshipItem(rel, null, List.of()));
    }

    /** One server in the console: its file, and its row commands as the Configuration tab offers them. */
    record Console(Path conf, Services services, Relationship rel, ConsoleContext ctx, IscUi ui,
                   ConsoleNode.RelationshipItem item) implements AutoCloseable {
        /** The tables read over SSH, as the console's tab reads them. */
        ConfigTables tables() throws java.io.IOException {
            return services.backends().find(Backend.ISC).orElseThrow().configuration().orElseThrow().read(rel);
        }

        List<UiCommand> commands(ConfigRow row) { return ui.rowCommands(ctx, item, row); }

        UiCommand command(ConfigRow row, String id) {
            return commands(row).stream().filter(c -> c.id().equals(id)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + id + " for " + row));
        }

        @Override public void close() throws Exception { services.close(); }
    }

    private void tandem(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data", tmp.resolve("data").toString()));
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), d -> fail("no console for a command"), Services::open,
                tandem.app.Launcher.backendCommands(), new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, out + "\n" + err);
    }

    static String label(FxRobot robot, String id) { return robot.lookup("#" + id).queryAs(Label.class).getText(); }

    static void waitFor(FxRobot robot, String id) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#" + id).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Applies the previewed change and waits until the server took it (dhcpd -t and restart over SSH). */
    static void apply(FxRobot robot) throws Exception {
        robot.clickOn("#applyChange");
        try {
            WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> label(robot, "applyResult").startsWith("Applied"));
        } catch (java.util.concurrent.TimeoutException e) {
            fail("not applied: " + label(robot, "applyResult"));
        }
    }

    /** The change's windows are done with: closed, so that the next lookups find the next ones. */
    static void closeDialogs(FxRobot robot) {
        robot.interact(() -> {
            robot.lookup("#diffText").queryAll().forEach(n -> n.getScene().getWindow().hide());
            robot.lookup("#rowEditOk").queryAll().forEach(n -> n.getScene().getWindow().hide());
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Undoes the newest change from the journal, as the console's Undo does, and waits until the file reads
     * {@code expected} and the undo, a change of its own, is journaled as applied (before the console may close).
     */
    static void undoNewest(FxRobot robot, Console console, String expected) throws Exception {
        JournalEntry entry = console.services().replicationStore().recent(5).get(0);
        assertEquals("isc dhcp1 APPLIED", entry.kind() + " " + entry.relationship() + " " + entry.status());
        robot.interact(console.ui().undo(console.ctx(), entry).orElseThrow());
        waitFor(robot, "confirmIscUndo");
        robot.clickOn("Undo");
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> Files.readString(console.conf()).equals(expected));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            JournalEntry last = console.services().replicationStore().recent(1).get(0);
            return last.id() != entry.id() && last.status().toString().equals("APPLIED");
        });
    }
}
