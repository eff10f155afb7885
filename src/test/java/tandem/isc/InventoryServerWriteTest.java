package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.services.Services;
import tandem.cli.TandemCommand;
import tandem.core.port.ReplicationStore.JournalEntry;

/**
 * An ISC server of the inventory, written with {@code --server} or logged in to with {@code --ssh}: either way the
 * change is the server's (journaled under its name) and is undone over SSH with the inventory's settings.
 */
class InventoryServerWriteTest {
    @TempDir static Path sshdDir;
    static RealSshd sshd;
    @TempDir Path tmp;

    @BeforeAll
    static void startSshd() throws Exception {
        RealDhcpd.dhcpd();
        sshd = RealSshd.start(sshdDir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    record Run(int code, String out, String err) {}

    private Run tandem(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data", tmp.resolve("data").toString()));
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), d -> fail("no console for a command"), Services::open, tandem.app.Launcher.backendCommands(),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void writesToAnInventoryServerAreItsChangesAndAreUndoneWithItsSettings() throws Exception {
        Path conf = tmp.resolve("etc/dhcpd.conf");
        Files.createDirectories(conf.getParent());
        Files.copy(Corpus.file("two-peers.conf"), conf);
        String original = Files.readString(conf);
        Path restarts = tmp.resolve("restarts");
        String restart = "echo restarted >> " + Shell.quote(restarts.toString());
        try (SshConnection trust = SshConnection.open(sshd.settings(), tmp.resolve("data/known_hosts"), (h, t, f) -> true,
                Duration.ofSeconds(20))) {
            assertEquals(0, trust.exec("true").exitCode());
        }
        Run added = tandem("server", "add", "isc", "--ssh", sshd.target().toString(), "--key", sshd.clientKey.toString(),
                "--config", conf.toString(), "--restart", restart, "--name", "dhcp1");
        assertEquals(0, added.code(), added.err());

        Run bySettings = tandem("isc", "pool", "set-peer", "--server", "dhcp1", "2", "south", "--apply");
        assertEquals(0, bySettings.code(), bySettings.err());
        String afterFirst = Files.readString(conf);
        Run byLogin = tandem("isc", "peer", "add", "--ssh", sshd.target().toString(), "--key", sshd.clientKey.toString(),
                "--known-hosts", tmp.resolve("data/known_hosts").toString(), "--config", conf.toString(), "--restart", restart,
                "--name", "west", "--address", "10.20.0.1", "--peer-address", "10.70.0.2", "--port", "947", "--peer-port", "947",
                "--for-pool", "4", "--apply");
        assertEquals(0, byLogin.code(), byLogin.err());

        List<JournalEntry> entries;
        try (Services services = Services.open(tmp.resolve("data"))) {
            entries = services.replicationStore().recent(10);
        }
        assertEquals(List.of("isc dhcp1 APPLIED", "isc dhcp1 APPLIED"),
                entries.stream().map(e -> e.kind() + " " + e.relationship() + " " + e.status()).toList(),
                "a login to the server's address and file is the server");

        Run outOfOrder = tandem("undo", String.valueOf(entries.get(1).id()));
        assertEquals(TandemCommand.EXIT_REFUSED, outOfOrder.code(), "the file changed since that change");
        assertTrue(outOfOrder.err().contains("no longer says what change #" + entries.get(1).id() + " wrote"), outOfOrder.err());
        Run newest = tandem("undo", String.valueOf(entries.get(0).id()));
        assertEquals(0, newest.code(), newest.err());
        assertEquals(afterFirst, Files.readString(conf));
        Run oldest = tandem("undo", String.valueOf(entries.get(1).id()));
        assertEquals(0, oldest.code(), oldest.err());
        assertEquals(original, Files.readString(conf));
        assertEquals("restarted\n".repeat(4), Files.readString(restarts), "two writes and two undos restarted dhcpd");
    }
}
