package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.ssh.HostKeyPrompt;
import tandem.ssh.SshSettings;

/** SSH access and the safe write against a real OpenSSH server on loopback, with the real dhcpd -t. */
class SafeWriteSshTest {
    @TempDir static Path sshdDir;
    static RealSshd sshd;
    @TempDir Path server;
    Path knownHosts;
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

    @BeforeEach
    void trustTheServer() throws Exception {
        knownHosts = server.resolve("known_hosts");
    }

    private SshConnection connect() throws IOException {
        return SshConnection.open(sshd.settings(), knownHosts, (h, t, f) -> true, Duration.ofSeconds(20));
    }

    private Path serverCopy(String corpusName) throws Exception {
        Path etc = server.resolve("etc");
        Path src = Corpus.dir();
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path t = etc.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
        Files.writeString(server.resolve("dhcpd.leases"), "lease 10.10.0.150 { starts 4 2026/11/19 10:00:00; }\n");
        return etc.resolve(corpusName);
    }

    private String restartLog() throws IOException {
        Path log = server.resolve("restarts");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private String restartCommand() { return "echo restarted >> " + server.resolve("restarts"); }

    @Test
    void aNewHostIsTrustedOnlyAfterItsFingerprintIsAcceptedAndAChangedKeyIsRefused() throws Exception {
        List<String> asked = new ArrayList<>();
        IOException refused = assertThrows(IOException.class, () -> SshConnection.open(sshd.settings(), knownHosts,
                (h, t, f) -> { asked.add(h + " " + t + " " + f); return false; }, Duration.ofSeconds(20)));
        assertTrue(refused.getMessage().contains("host key"), refused.getMessage());
        assertEquals(1, asked.size());
        assertTrue(sshd.hostFingerprints().stream().anyMatch(asked.get(0)::endsWith), asked + " vs " + sshd.hostFingerprints());
        assertEquals("", Files.readString(knownHosts).strip(), "a refused key is not remembered");

        try (SshConnection c = SshConnection.open(sshd.settings(), knownHosts, (h, t, f) -> true, Duration.ofSeconds(20))) {
            assertEquals("hello\n", c.exec("echo hello").stdout());
        }
        assertTrue(Files.readString(knownHosts).contains("[127.0.0.1]:" + sshd.port), Files.readString(knownHosts));
        try (SshConnection c = SshConnection.open(sshd.settings(), knownHosts, HostKeyPrompt.REFUSE, Duration.ofSeconds(20))) {
            assertEquals(0, c.exec("true").exitCode(), "a remembered host needs no question");
        }

        // another key under the same name: refused, whatever the prompt would say
        Path otherKey = server.resolve("other");
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherKey.toString()).start().waitFor();
        String[] pub = Files.readString(server.resolve("other.pub")).split(" ");
        Files.writeString(knownHosts, "[127.0.0.1]:" + sshd.port + " " + pub[0] + " " + pub[1] + "\n");
        IOException changed = assertThrows(IOException.class, () -> SshConnection.open(sshd.settings(), knownHosts,
                (h, t, f) -> true, Duration.ofSeconds(20)));
        assertTrue(changed.getMessage().contains("host key"), changed.getMessage());
    }

    @Test
    void aWrongKeyIsRefusedWithAClearMessage() throws Exception {
        Path otherKey = server.resolve("stranger");
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherKey.toString()).start().waitFor();
        IOException e = assertThrows(IOException.class, () -> SshConnection.open(
                new SshSettings(sshd.target(), otherKey, null, null, false), knownHosts, (h, t, f) -> true, Duration.ofSeconds(20)));
        assertTrue(e.getMessage().contains("SSH login to " + sshd.target() + " failed"), e.getMessage());
    }

    @Test
    void throughAJumpHost() throws Exception {
        SshSettings viaJump = new SshSettings(sshd.target(), sshd.clientKey, null, sshd.target(), false);
        try (SshConnection c = SshConnection.open(viaJump, knownHosts, (h, t, f) -> true, Duration.ofSeconds(20))) {
            assertEquals("jumped\n", c.exec("echo jumped").stdout());
        }
    }

    @Test
    void safeWriteValidatesBacksUpMovesIntoPlaceAndRestartsLeavingTheLeasesAlone() throws Exception {
        Path conf = serverCopy("primary.conf");
        String leases = Files.readString(server.resolve("dhcpd.leases"));
        String original = Files.readString(conf);
        String backup;
        try (SshConnection c = connect()) {
            DhcpdConfig before = SafeWrite.read(c, conf.toString());
            FailoverEdits.Edit edit = FailoverEdits.setPoolRanges(before, 1, List.of(AddressRange.of("10.10.0.100", "10.10.0.150")));
            SafeWrite.Result r = new SafeWrite(c, VALIDATE, restartCommand(), CLOCK).apply(before, edit.change());
            SafeWrite.Applied applied = assertInstanceOf(SafeWrite.Applied.class, r, r.message());
            backup = applied.backups().get(conf.toString());
            assertTrue(backup.matches(java.util.regex.Pattern.quote(conf + ".tandem-20261122T101530Z-") + "[0-9a-f]{8}"), backup);
        }
        assertTrue(Files.readString(conf).contains("range 10.10.0.100 10.10.0.150;"));
        assertEquals(original, Files.readString(Path.of(backup)));
        assertEquals("restarted\n", restartLog());
        assertEquals(leases, Files.readString(server.resolve("dhcpd.leases")));
        assertNoTemporaryFiles();
    }

    @Test
    void privilegedStepsGoThroughSudo() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/sudo"))) org.junit.jupiter.api.Assertions.fail("sudo is not installed (src/test/run-all.sh installs it)");
        Path conf = serverCopy("primary.conf");
        SshSettings withSudo = new SshSettings(sshd.target(), sshd.clientKey, null, null, true);
        try (SshConnection c = SshConnection.open(withSudo, knownHosts, (h, t, f) -> true, Duration.ofSeconds(20))) {
            assertEquals(sshd.user + "\n", c.exec("echo ${SUDO_USER:-none}", null, true).stdout(), "a privileged step runs through sudo");
            assertEquals("none\n", c.exec("echo ${SUDO_USER:-none}", null, false).stdout(), "others do not");
            DhcpdConfig before = SafeWrite.read(c, conf.toString());
            FailoverEdits.Edit edit = FailoverEdits.setPoolRanges(before, 1, List.of(AddressRange.of("10.10.0.100", "10.10.0.120")));
            // the restart records who ran it: through sudo, SUDO_USER is set
            String restart = "echo \"sudo:${SUDO_USER:-none}\" >> " + server.resolve("restarts");
            SafeWrite.Result r = new SafeWrite(c, VALIDATE, restart, CLOCK).apply(before, edit.change());
            assertInstanceOf(SafeWrite.Applied.class, r, r.message());
        }
        assertEquals("sudo:" + sshd.user + "\n", restartLog());
        assertTrue(Files.readString(conf).contains("range 10.10.0.100 10.10.0.120;"));
        assertNoTemporaryFiles();
    }

    @Test
    void aConfigurationDhcpdRefusesLeavesTheOldFileAndIsNotRestarted() throws Exception {
        Path conf = serverCopy("primary.conf");
        String original = Files.readString(conf);
        try (SshConnection c = connect()) {
            DhcpdConfig before = SafeWrite.read(c, conf.toString());
            // something only dhcpd knows is wrong: an unknown option name
            DhcpdConfig after = DhcpdConfig.parse(conf.toString(), original.replace("option routers 10.10.0.1;", "option no-such-option 1;"));
            SafeWrite.Result r = new SafeWrite(c, VALIDATE, restartCommand(), CLOCK)
                    .apply(before, ConfigChange.between(before, after, List.of()));
            SafeWrite.Invalid invalid = assertInstanceOf(SafeWrite.Invalid.class, r, r.message());
            ConfProblem p = invalid.problems().get(0);
            assertEquals(conf.toString(), p.file(), "dhcpd's message names the real file, not the uploaded copy");
            assertEquals(22, p.line());
            assertTrue(p.message().contains("no-such-option"), p.toString());
            assertTrue(r.message().contains(conf + " line 22:"), r.message());
        }
        assertEquals(original, Files.readString(conf));
        assertEquals("", restartLog());
        assertNoTemporaryFiles();
        try (Stream<Path> s = Files.list(conf.getParent())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tandem-2")), "no backup without a write");
        }
    }

    @Test
    void aFailedRestartPutsTheOldConfigurationBackAndRestartsIt() throws Exception {
        Path conf = serverCopy("primary.conf");
        String original = Files.readString(conf);
        // a restart that fails on the new configuration only, the way dhcpd fails on something -t cannot see
        String restart = restartCommand() + "; if grep -q 10.10.0.111 " + conf
                + "; then echo 'dhcpd: Address range 10.10.0.100 to 10.10.0.111 not on net' >&2; exit 1; fi";
        try (SshConnection c = connect()) {
            DhcpdConfig before = SafeWrite.read(c, conf.toString());
            FailoverEdits.Edit edit = FailoverEdits.setPoolRanges(before, 1, List.of(AddressRange.of("10.10.0.100", "10.10.0.111")));
            SafeWrite.Result r = new SafeWrite(c, VALIDATE, restart, CLOCK).apply(before, edit.change());
            SafeWrite.RestartFailed failed = assertInstanceOf(SafeWrite.RestartFailed.class, r, r.message());
            assertTrue(failed.restored());
            assertTrue(failed.output().contains("not on net"), failed.output());
            assertEquals("", failed.restoreOutput());
            assertTrue(r.message().contains("The previous configuration was put back and dhcpd restarted."), r.message());
        }
        assertEquals(original, Files.readString(conf));
        assertEquals("restarted\nrestarted\n", restartLog(), "restarted on the new file, then on the old one");
        assertNoTemporaryFiles();
    }

    @Test
    void includedFilesAreValidatedTogetherAndErrorsNameTheIncludedFile() throws Exception {
        Path conf = serverCopy("includes.conf");
        Path subnets = conf.getParent().resolve("inc/subnets.conf");
        try (SshConnection c = connect()) {
            DhcpdConfig before = SafeWrite.read(c, conf.toString());
            assertEquals(4, before.files().size());
            FailoverEdits.Edit edit = FailoverEdits.setPoolPeer(before, 2, "pair-a");
            assertEquals(List.of(subnets.toString()), edit.change().changedFiles());
            SafeWrite.Result ok = new SafeWrite(c, VALIDATE, restartCommand(), CLOCK).apply(before, edit.change());
            assertInstanceOf(SafeWrite.Applied.class, ok, ok.message());
            assertTrue(Files.readString(subnets).contains("failover peer \"pair-a\";\n    range 10.61.0.10"));

            DhcpdConfig now = SafeWrite.read(c, conf.toString());
            String subnetText = now.render().get(subnets.toString());
            DhcpdConfig broken = now.copy();
            broken = DhcpdConfig.read(conf.toString(), path -> path.equals(subnets.toString())
                    ? subnetText.replace("option routers 10.60.0.254;", "option routers 10.60.0.254; option no-such-option 1;")
                    : now.render().get(path));
            SafeWrite.Result bad = new SafeWrite(c, VALIDATE, restartCommand(), CLOCK)
                    .apply(now, ConfigChange.between(now, broken, List.of()));
            SafeWrite.Invalid invalid = assertInstanceOf(SafeWrite.Invalid.class, bad, bad.message());
            assertEquals(subnets.toString(), invalid.problems().get(0).file(), invalid.problems().toString());
            assertEquals(2, invalid.problems().get(0).line());
            assertEquals(subnetText, Files.readString(subnets));
        }
        assertEquals("restarted\n", restartLog());
        assertNoTemporaryFiles();
    }

    @Test
    void aFileChangedOnTheServerSinceItWasReadIsNotOverwritten() throws Exception {
        Path conf = serverCopy("primary.conf");
        try (SshConnection c = connect()) {
            DhcpdConfig before = SafeWrite.read(c, conf.toString());
            FailoverEdits.Edit edit = FailoverEdits.setPoolRanges(before, 1, List.of(AddressRange.of("10.10.0.100", "10.10.0.150")));
            Files.writeString(conf, Files.readString(conf) + "# edited by hand meanwhile\n");
            SafeWrite.Result r = new SafeWrite(c, VALIDATE, restartCommand(), CLOCK).apply(before, edit.change());
            assertInstanceOf(SafeWrite.Conflict.class, r);
        }
        assertTrue(Files.readString(conf).endsWith("# edited by hand meanwhile\n"));
        assertEquals("", restartLog());
    }

    @Test
    void aSecondWriterWaitsForTheLockOnTheServerAndIsRefusedNamingTheHolder() throws Exception {
        Path conf = serverCopy("primary.conf");
        // the first writer validates slowly, so it holds the lock for seconds
        String slow = "sleep 4; " + VALIDATE;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (SshConnection first = connect(); SshConnection second = connect()) {
            DhcpdConfig before = SafeWrite.read(first, conf.toString());
            FailoverEdits.Edit a = FailoverEdits.setPoolRanges(before, 1, List.of(AddressRange.of("10.10.0.100", "10.10.0.150")));
            FailoverEdits.Edit b = FailoverEdits.setPoolRanges(before, 1, List.of(AddressRange.of("10.10.0.100", "10.10.0.160")));
            Future<SafeWrite.Result> firstResult = pool.submit(() -> new SafeWrite(first, slow, restartCommand(), CLOCK,
                    "the first console", Duration.ofSeconds(30)).apply(before, a.change()));
            awaitLock(conf);
            SafeWrite.Result refused = new SafeWrite(second, VALIDATE, restartCommand(), CLOCK, "the second console",
                    Duration.ofSeconds(1)).apply(before, b.change());
            SafeWrite.Busy busy = assertInstanceOf(SafeWrite.Busy.class, refused, refused.message());
            assertEquals(conf.toString(), busy.file());
            assertTrue(busy.holder().startsWith("the first console (pid " + ProcessHandle.current().pid() + ", "), busy.holder());
            assertTrue(refused.message().contains("is being changed by the first console"), refused.message());
            SafeWrite.Result applied = firstResult.get(60, TimeUnit.SECONDS);
            assertInstanceOf(SafeWrite.Applied.class, applied, applied.message());

            // with time to wait, the second writer gets the lock and finds the file changed under it
            SafeWrite.Result late = new SafeWrite(second, VALIDATE, restartCommand(), CLOCK, "the second console",
                    Duration.ofSeconds(30)).apply(before, b.change());
            assertInstanceOf(SafeWrite.Conflict.class, late, late.message());
        } finally {
            pool.shutdownNow();
        }
        assertTrue(Files.readString(conf).contains("range 10.10.0.100 10.10.0.150;"));
        assertEquals("restarted\n", restartLog(), "only the write that was applied restarted dhcpd");
        assertNoTemporaryFiles();
    }

    @Test
    void aLockWhoseHolderIsGoneIsTakenOverAndItsLeftoversRemovedButALiveOneIsNot() throws Exception {
        Path conf = serverCopy("primary.conf");
        Path lock = Path.of(conf + ".tandem-lock");
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        String here = tandem.core.change.ProcessId.current().host();
        // a writer of this host that was killed mid-write: its lock and staged file stay behind
        Files.createDirectories(lock);
        Files.writeString(lock.resolve("owner"), "user=root\nhost=" + here + "\npid=" + ended.pid()
                + "\nprocess=tandem isc peer add\nsince=2026-11-22T10:00:00Z\ntoken=0123456789abcdef\n");
        Path leftover = Path.of(conf + ".tandem-new-0123456789abcdef");
        Files.writeString(leftover, "half written");
        try (SshConnection c = connect()) {
            DhcpdConfig before = SafeWrite.read(c, conf.toString());
            FailoverEdits.Edit edit = FailoverEdits.setPoolRanges(before, 1, List.of(AddressRange.of("10.10.0.100", "10.10.0.140")));
            SafeWrite.Result r = new SafeWrite(c, VALIDATE, restartCommand(), CLOCK, "tandem", Duration.ofSeconds(5))
                    .apply(before, edit.change());
            assertInstanceOf(SafeWrite.Applied.class, r, r.message());
            assertFalse(Files.exists(leftover), "the killed writer's staged file is removed");

            // a writer on another host that has not been heard of for 11 minutes is gone as well
            Files.createDirectories(lock);
            Files.writeString(lock.resolve("owner"), "user=alice\nhost=elsewhere.example\npid=4711\nprocess=the console\n"
                    + "since=2026-11-22T10:00:00Z\ntoken=fedcba9876543210\n");
            Files.setLastModifiedTime(lock.resolve("owner"), java.nio.file.attribute.FileTime.from(
                    Instant.now().minus(Duration.ofMinutes(11))));
            DhcpdConfig now = SafeWrite.read(c, conf.toString());
            FailoverEdits.Edit next = FailoverEdits.setPoolRanges(now, 1, List.of(AddressRange.of("10.10.0.100", "10.10.0.130")));
            SafeWrite.Result taken = new SafeWrite(c, VALIDATE, restartCommand(), CLOCK, "tandem", Duration.ofSeconds(5))
                    .apply(now, next.change());
            assertInstanceOf(SafeWrite.Applied.class, taken, taken.message());

            // one heard of a minute ago is not
            Files.createDirectories(lock);
            Files.writeString(lock.resolve("owner"), "user=alice\nhost=elsewhere.example\npid=4711\nprocess=the console\n"
                    + "since=2026-11-22T10:14:00Z\ntoken=fedcba9876543210\n");
            Files.setLastModifiedTime(lock.resolve("owner"), java.nio.file.attribute.FileTime.from(
                    Instant.now().minus(Duration.ofMinutes(1))));
            DhcpdConfig last = SafeWrite.read(c, conf.toString());
            FailoverEdits.Edit refused = FailoverEdits.setPoolRanges(last, 1, List.of(AddressRange.of("10.10.0.100", "10.10.0.120")));
            SafeWrite.Result busy = new SafeWrite(c, VALIDATE, restartCommand(), CLOCK, "tandem", Duration.ofSeconds(1))
                    .apply(last, refused.change());
            assertEquals(new SafeWrite.Busy(conf.toString(), "the console (pid 4711, alice on elsewhere.example)",
                    "2026-11-22T10:14:00Z"), busy);
        }
        assertTrue(Files.readString(conf).contains("range 10.10.0.100 10.10.0.130;"));
        assertTrue(Files.exists(lock.resolve("owner")), "the live writer's lock is left alone");
        Files.delete(lock.resolve("owner"));
        Files.delete(lock);
        assertNoTemporaryFiles();
    }

    @Test
    void aFileEditedByHandWhileTheWriteIsUnderWayIsNotReplaced() throws Exception {
        Path conf = serverCopy("primary.conf");
        String handEdit = "# edited by hand during the write\n";
        try (SshConnection c = connect()) {
            DhcpdConfig before = SafeWrite.read(c, conf.toString());
            FailoverEdits.Edit edit = FailoverEdits.setPoolRanges(before, 1, List.of(AddressRange.of("10.10.0.100", "10.10.0.150")));
            // the hand edit lands after the backup was checked, just before the move
            Shell editsBeforeTheMove = new Shell() {
                @Override public ExecResult exec(String command, byte[] stdin, boolean privileged) throws IOException {
                    if (command.startsWith("'cmp' '-s'")) Files.writeString(conf, Files.readString(conf) + handEdit);
                    return c.exec(command, stdin, privileged);
                }

                @Override public String where() { return c.where(); }
            };
            SafeWrite.Result r = new SafeWrite(editsBeforeTheMove, VALIDATE, restartCommand(), CLOCK).apply(before, edit.change());
            assertEquals(new SafeWrite.Conflict(conf.toString()), r);

            // the same hand edit while dhcpd checks the new file: the backup shows it
            String during = VALIDATE + " && echo " + Shell.quote(handEdit.strip()) + " >> " + Shell.quote(conf.toString());
            DhcpdConfig now = SafeWrite.read(c, conf.toString());
            FailoverEdits.Edit again = FailoverEdits.setPoolRanges(now, 1, List.of(AddressRange.of("10.10.0.100", "10.10.0.150")));
            assertEquals(new SafeWrite.Conflict(conf.toString()),
                    new SafeWrite(c, during, restartCommand(), CLOCK).apply(now, again.change()));
        }
        assertTrue(Files.readString(conf).endsWith(handEdit + handEdit), Files.readString(conf));
        assertEquals("", restartLog());
        try (Stream<Path> s = Files.list(conf.getParent())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tandem-2")), "no backup without a write");
        }
        assertNoTemporaryFiles();
    }

    /** Until the first writer holds the lock on the server. */
    private static void awaitLock(Path conf) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(Path.of(conf + ".tandem-lock", "owner"))) {
            if (System.nanoTime() > deadline) throw new AssertionError("the first writer never took the lock");
            Thread.sleep(20);
        }
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> s = Files.walk(server)) {
            List<Path> left = s.filter(p -> p.getFileName().toString().matches(".*\\.tandem-(new|check|restore|lock).*")).toList();
            assertFalse(!left.isEmpty(), "left behind: " + left);
        }
    }
}
