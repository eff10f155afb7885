package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.services.Services;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;

/**
 * Two {@code tandem isc ... --apply} commands, each a process of its own, edit one dhcpd.conf at the same moment
 * with a validation that takes seconds: the file ends up with exactly the edits whose commands said so (exit 0),
 * the other command exits 1 saying why (the file changed meanwhile, or who holds it), and no temporary file or
 * lock is left behind. On one data folder, on two (two consoles that know nothing of each other), and over SSH.
 */
class ConcurrentWriteTest {
    private static final String SLOW_VALIDATE = "sleep 4; dhcpd -t -4 -cf FILE";

    @TempDir static Path sshdDir;
    static RealSshd sshd;
    @TempDir Path tmp;
    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void startSshd() throws Exception {
        RealDhcpd.dhcpd();
        sshd = RealSshd.start(sshdDir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    @AfterEach
    void stopLeftovers() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** One command's end: the process, its exit code and what it printed. */
    record Ran(Process process, int code, String out, String err) {}

    /** The two edits of every race: a new peer for pool 4, and pool 2 moved to "south". */
    private static List<List<String>> edits(List<String> where) {
        List<String> addPeer = new ArrayList<>(List.of("isc", "peer", "add"));
        addPeer.addAll(where);
        addPeer.addAll(List.of("--name", "west", "--address", "10.20.0.1", "--peer-address", "10.70.0.2", "--port", "947",
                "--peer-port", "947", "--for-pool", "4", "--validate", SLOW_VALIDATE, "--apply"));
        List<String> setPeer = new ArrayList<>(List.of("isc", "pool", "set-peer"));
        setPeer.addAll(where);
        setPeer.addAll(List.of("2", "south", "--validate", SLOW_VALIDATE, "--apply"));
        return List.of(addPeer, setPeer);
    }

    @Test
    void twoCommandsOnOneDataFolderWriteOneAfterTheOtherAndTheLaterFindsTheFileChanged() throws Exception {
        Path conf = copy(tmp.resolve("etc"));
        Path data = tmp.resolve("data");
        List<List<String>> edits = edits(List.of("--file", conf.toString()));
        List<Ran> ran = race(List.of(), withData(data, edits.get(0)), withData(data, edits.get(1)));

        Ran loser = assertOneAppliedAndReturnTheRefused(ran, conf, edits);
        assertTrue(loser.err().contains(conf + " changed on the server since it was read; nothing was written"), loser.err());
        try (Services services = Services.open(data)) {
            List<Status> statuses = services.replicationStore().recent(10).stream()
                    .filter(e -> e.kind().equals(IscChangeService.KIND)).map(JournalEntry::status).sorted().toList();
            assertEquals(List.of(Status.APPLIED, Status.FAILED), statuses, "both are journaled, as they ended");
        }
        assertNothingLeftIn(conf.getParent());
    }

    @Test
    void twoConsolesWithTheirOwnDataFoldersAreHeldOffByTheLockOnTheFileAndTheLaterNamesTheHolder() throws Exception {
        Path conf = copy(tmp.resolve("etc"));
        List<List<String>> edits = edits(List.of("--file", conf.toString()));
        // a short wait, so the later writer gives up while the first still validates
        List<Ran> ran = race(List.of("-Dtandem.lockWaitSeconds=1"), withData(tmp.resolve("data1"), edits.get(0)),
                withData(tmp.resolve("data2"), edits.get(1)));

        Ran loser = assertOneAppliedAndReturnTheRefused(ran, conf, edits);
        Ran winner = ran.get(ran.get(0) == loser ? 1 : 0);
        assertTrue(loser.err().contains(conf + " is being changed by tandem isc "), loser.err());
        assertTrue(loser.err().contains(" (pid " + winner.process().pid() + ", "), loser.err());
        assertNothingLeftIn(conf.getParent());
    }

    @Test
    void overSshTwoConsolesWriteOneAfterTheOtherAndTheLaterFindsTheFileChanged() throws Exception {
        Path server = tmp.resolve("server");
        Path conf = copy(server);
        Path knownHosts = tmp.resolve("known_hosts");
        try (SshConnection trust = SshConnection.open(sshd.settings(), knownHosts, (h, t, f) -> true, Duration.ofSeconds(20))) {
            assertEquals(0, trust.exec("true").exitCode());
        }
        Path restarts = server.resolve("restarts");
        List<List<String>> edits = edits(List.of("--ssh", sshd.target().toString(), "--key", sshd.clientKey.toString(),
                "--known-hosts", knownHosts.toString(), "--config", conf.toString(),
                "--restart", "echo restarted >> " + Shell.quote(restarts.toString())));
        List<Ran> ran = race(List.of(), withData(tmp.resolve("data1"), edits.get(0)), withData(tmp.resolve("data2"), edits.get(1)));

        Ran loser = assertOneAppliedAndReturnTheRefused(ran, conf, edits);
        assertTrue(loser.err().contains(conf + " changed on the server since it was read; nothing was written"), loser.err());
        assertEquals("restarted\n", Files.readString(restarts), "dhcpd restarted once, for the write that was applied");
        assertNothingLeftIn(server);
    }

    private static List<String> withData(Path data, List<String> command) {
        List<String> all = new ArrayList<>(List.of("--data", data.toString()));
        all.addAll(command);
        return all;
    }

    private static Path copy(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path conf = folder.resolve("dhcpd.conf");
        Files.copy(Corpus.file("two-peers.conf"), conf);
        return conf;
    }

    /**
     * Exactly one command applied its edit and the file holds that edit and not the other's; returns the command
     * that was refused (exit 1).
     */
    private static Ran assertOneAppliedAndReturnTheRefused(List<Ran> ran, Path conf, List<List<String>> edits) throws Exception {
        String report = ran.stream().map(r -> "exit " + r.code() + "\n" + r.out() + r.err()).reduce("", String::concat);
        assertEquals(List.of(0, 1), ran.stream().map(Ran::code).sorted().toList(), report);
        boolean peerAdded = ran.get(0).code() == 0;
        assertTrue(ran.get(peerAdded ? 0 : 1).out().contains("Applied: 1 file(s) replaced"), report);
        DhcpdConfig now = DhcpdConfig.read(conf);
        List<String> pools = now.pools().stream().map(AddressPool::failoverPeer).toList();
        if (peerAdded) {
            assertEquals(List.of("north", "south", "west"), now.peerNames(), report);
            assertEquals(Arrays.asList("north", "north", "south", "west"), pools, report);
        } else {
            assertEquals(List.of("north", "south"), now.peerNames(), report);
            assertEquals(Arrays.asList("north", "south", "south", null), pools, report);
        }
        assertTrue(DhcpdSyntaxCheck.run(DhcpdSyntaxCheck.findDhcpd(), conf).ok());
        return ran.get(peerAdded ? 1 : 0);
    }

    /** Starts every command in a process of its own, lets them all go at once, and waits for them to end. */
    @SafeVarargs
    private List<Ran> race(List<String> jvmOptions, List<String>... commands) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path go = tmp.resolve("go");
        List<Path> ready = new ArrayList<>();
        List<Path[]> logs = new ArrayList<>();
        for (int i = 0; i < commands.length; i++) {
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1"));
            cmd.addAll(jvmOptions);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CliProcess.class.getName()));
            Path r = tmp.resolve("ready-" + i);
            cmd.addAll(List.of(r.toString(), go.toString()));
            cmd.addAll(commands[i]);
            Path out = tmp.resolve("out-" + i), err = tmp.resolve("err-" + i);
            started.add(new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start());
            ready.add(r);
            logs.add(new Path[] {out, err});
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (int i = 0; i < ready.size(); i++) {
            while (!Files.exists(ready.get(i))) {
                if (!started.get(i).isAlive()) fail("command " + i + " ended before it was ready: " + Files.readString(logs.get(i)[1]));
                if (System.nanoTime() > deadline) fail("command " + i + " never got ready");
                Thread.sleep(10);
            }
        }
        Files.createFile(go);
        List<Ran> ran = new ArrayList<>();
        for (int i = 0; i < commands.length; i++) {
            Process p = started.get(i);
            if (!p.waitFor(180, TimeUnit.SECONDS)) fail("command " + i + " did not end: " + Files.readString(logs.get(i)[1]));
            ran.add(new Ran(p, p.exitValue(), Files.readString(logs.get(i)[0]), Files.readString(logs.get(i)[1])));
        }
        return ran;
    }

    private static void assertNothingLeftIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches(".*\\.tandem-(new|check|restore|lock).*")).toList());
        }
    }
}
