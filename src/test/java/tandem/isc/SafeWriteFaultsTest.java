package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safe write under faults, against a real OpenSSH server on loopback and the real dhcpd -t. */
class SafeWriteFaultsTest {
    @TempDir static Path sshdDir;
    static RealSshd sshd;
    @TempDir Path server;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:15:30Z"), ZoneOffset.UTC);
    static final String VALIDATE = "dhcpd -t -4 -cf FILE";

    @BeforeAll
    static void startSshd() throws Exception {
        RealDhcpd.dhcpd();
        sshd = RealSshd.start(sshdDir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    private SshConnection connect(Duration timeout) throws IOException {
        return SshConnection.open(sshd.settings(), server.resolve("known_hosts"), (h, t, f) -> true, timeout);
    }

    private Path copyCorpus() throws IOException {
        Path etc = server.resolve("etc");
        Path src = Corpus.dir();
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path t = etc.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
        return etc;
    }

    private String restarts() throws IOException {
        Path log = server.resolve("restarts");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private String restartCommand() { return "echo restarted >> " + server.resolve("restarts"); }

    @Test
    void aSymlinkedDhcpdConfIsWrittenThroughItsLinkWhichStays() throws Exception {
        Path etc = copyCorpus();
        Path target = Files.createDirectories(server.resolve("srv")).resolve("dhcpd.conf");
        Files.move(etc.resolve("primary.conf"), target);
        Path link = Files.createSymbolicLink(etc.resolve("dhcpd.conf"), target);
        String original = Files.readString(target);
        try (SshConnection c = connect(Duration.ofSeconds(30))) {
            DhcpdConfig before = SafeWrite.read(c, link.toString());
            FailoverEdits.Edit edit = FailoverEdits.setPoolRanges(before, 1, List.of(AddressRange.of("10.10.0.100", "10.10.0.150")));
            SafeWrite.Result r = new SafeWrite(c, VALIDATE, restartCommand(), CLOCK).apply(before, edit.change());
            SafeWrite.Applied applied = assertInstanceOf(SafeWrite.Applied.class, r, r.message());
            String backup = applied.backups().get(link.toString());
            assertTrue(backup.startsWith(target + ".tandem-20261122T101530Z-"), "the backup is next to the file written: " + backup);
            assertEquals(original, Files.readString(Path.of(backup)));
        }
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals(target, Files.readSymbolicLink(link));
        assertTrue(Files.readString(target).contains("range 10.10.0.100 10.10.0.150;"));
        assertNoTemporaryFiles();
    }

    @Test
    void twoWritesWithinTheSameSecondKeepTwoBackups() throws Exception {
        Path conf = copyCorpus().resolve("primary.conf");
        String original = Files.readString(conf);
        String first, second, afterFirst;
        try (SshConnection c = connect(Duration.ofSeconds(30))) {
            DhcpdConfig before = SafeWrite.read(c, conf.toString());
            SafeWrite.Result r1 = new SafeWrite(c, VALIDATE, restartCommand(), CLOCK).apply(before,
                    FailoverEdits.setPoolRanges(before, 1, List.of(AddressRange.of("10.10.0.100", "10.10.0.150"))).change());
            first = assertInstanceOf(SafeWrite.Applied.class, r1, r1.message()).backups().get(conf.toString());
            afterFirst = Files.readString(conf);
            DhcpdConfig now = SafeWrite.read(c, conf.toString());
            SafeWrite.Result r2 = new SafeWrite(c, VALIDATE, restartCommand(), CLOCK).apply(now,
                    FailoverEdits.setPoolRanges(now, 1, List.of(AddressRange.of("10.10.0.100", "10.10.0.160"))).change());
            second = assertInstanceOf(SafeWrite.Applied.class, r2, r2.message()).backups().get(conf.toString());
        }
        // the same clock second for both: the names differ by the write's own ID
        assertTrue(first.startsWith(conf + ".tandem-20261122T101530Z-") && second.startsWith(conf + ".tandem-20261122T101530Z-"));
        assertNotEquals(first, second);
        assertEquals(original, Files.readString(Path.of(first)));
        assertEquals(afterFirst, Files.readString(Path.of(second)));
    }

    /** A change to the main file and an included one: both new, or both as they were. */
    private ConfigChange twoFileChange(DhcpdConfig before, Path conf, Path subnets, String marker) throws Exception {
        Map<String, String> texts = before.render();
        DhcpdConfig after = DhcpdConfig.read(conf.toString(), p -> p.equals(conf.toString()) ? texts.get(p) + "# " + marker + "\n"
                : p.equals(subnets.toString()) ? texts.get(p) + "# changed with the main file\n" : texts.get(p));
        ConfigChange change = ConfigChange.between(before, after, List.of());
        assertEquals(2, change.changedFiles().size(), change.changedFiles().toString());
        return change;
    }

    @Test
    void aRestartThatTimesOutPutsBackEveryFileOfTheChange() throws Exception {
        Path etc = copyCorpus();
        Path conf = etc.resolve("includes.conf");
        Path subnets = etc.resolve("inc/subnets.conf");
        String mainBefore = Files.readString(conf), subnetsBefore = Files.readString(subnets);
        // hangs on the new configuration only; exec: nothing of this command runs after the sleep
        String restart = "grep -q slow-restart " + Shell.quote(conf.toString()) + " && exec sleep 60; " + restartCommand();
        try (SshConnection c = connect(Duration.ofSeconds(15))) {
            DhcpdConfig before = SafeWrite.read(c, conf.toString());
            SafeWrite.Result r = new SafeWrite(c, VALIDATE, restart, null, CLOCK, "tandem", Duration.ofSeconds(30))
                    .apply(before, twoFileChange(before, conf, subnets, "slow-restart"));
            SafeWrite.RestartFailed failed = assertInstanceOf(SafeWrite.RestartFailed.class, r, r.message());
            assertTrue(failed.output().contains("did not finish within 15 s"), failed.output());
            assertTrue(failed.restored(), r.message());
            assertTrue(r.message().contains("The previous configuration was put back and dhcpd restarted."), r.message());
        }
        assertEquals(mainBefore, Files.readString(conf));
        assertEquals(subnetsBefore, Files.readString(subnets));
        assertEquals("restarted\n", restarts(), "restarted once more, on the previous files");
        assertNoTemporaryFiles();
    }

    @Test
    void aSessionLostHalfWayReportsTheLossNotTheFailedRestore() throws Exception {
        Path etc = copyCorpus();
        Path conf = etc.resolve("includes.conf");
        Path subnets = etc.resolve("inc/subnets.conf");
        String subnetsBefore = Files.readString(subnets);
        SafeWrite.MayHaveWritten e;
        try (SshConnection c = connect(Duration.ofSeconds(30))) {
            DhcpdConfig before = SafeWrite.read(c, conf.toString());
            ConfigChange change = twoFileChange(before, conf, subnets, "second file");
            // the connection drops right after the included file was moved into place, before the main file
            Shell dropsAfterTheFirstMove = new Shell() {
                int moves;

                @Override public ExecResult exec(String command, byte[] stdin, boolean privileged) throws IOException {
                    return c.exec(command, stdin, privileged);
                }

                @Override public ExecResult run(String dir, boolean privileged, byte[] stdin, List<String> argv) throws IOException {
                    if (argv.get(0).equals("mv") && argv.get(3).contains(".tandem-new-") && ++moves == 2) c.close();
                    return c.run(dir, privileged, stdin, argv);
                }

                @Override public String where() { return c.where(); }
            };
            e = assertThrows(SafeWrite.MayHaveWritten.class, () -> new SafeWrite(dropsAfterTheFirstMove, VALIDATE,
                    restartCommand(), null, CLOCK, "tandem", Duration.ofSeconds(30)).apply(before, change));
        }
        assertFalse(e.getMessage().startsWith("putting"), "the first failure leads: " + e.getMessage());
        assertTrue(e.getCause() instanceof IOException && !e.getCause().getMessage().contains("put"), String.valueOf(e.getCause()));
        assertTrue(e.getMessage().contains("putting the previous files back failed as well"), e.getMessage());
        assertTrue(e.getSuppressed().length >= 1, "the failed restore is added to the first failure");
        assertTrue(e.getSuppressed()[0].getMessage().contains("cannot put " + subnets + " back"), e.getSuppressed()[0].getMessage());
        assertEquals("", restarts(), "no restart after a lost connection");
        assertTrue(!Files.readString(subnets).equals(subnetsBefore), "the moved file is left for settling: the error says so");
    }

    @Test
    void outputBeyondTheLimitIsAClearErrorNotAnOutOfMemory() throws Exception {
        try (SshConnection c = connect(Duration.ofSeconds(60))) {
            // the example: a configuration that includes /dev/zero
            IOException e = assertThrows(IOException.class, () -> c.readFile("/dev/zero"));
            assertTrue(e.getMessage().contains("went over 32 MiB; it was stopped"), e.getMessage());
            assertEquals("still usable\n", c.exec("echo still usable").stdout(), "the session survives the stopped command");
            IOException err = assertThrows(IOException.class, () -> c.exec("head -c 3000000 /dev/zero >&2"));
            assertTrue(err.getMessage().contains("error output"), err.getMessage());
        }
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> s = Files.walk(server)) {
            List<Path> left = s.filter(p -> p.getFileName().toString().matches(".*\\.tandem-(new|check|restore|lock).*")).toList();
            assertTrue(left.isEmpty(), "left behind: " + left);
        }
    }
}
