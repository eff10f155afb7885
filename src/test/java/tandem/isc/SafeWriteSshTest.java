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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        try (SshConnection c = connect()) {
            DhcpdConfig before = SafeWrite.read(c, conf.toString());
            FailoverEdits.Edit edit = FailoverEdits.setPoolRanges(before, 1, List.of(AddressRange.of("10.10.0.100", "10.10.0.150")));
            SafeWrite.Result r = new SafeWrite(c, VALIDATE, restartCommand(), CLOCK).apply(before, edit.change());
            SafeWrite.Applied applied = assertInstanceOf(SafeWrite.Applied.class, r, r.message());
            assertEquals(conf + ".tandem-20261122T101530Z", applied.backups().get(conf.toString()));
        }
        assertTrue(Files.readString(conf).contains("range 10.10.0.100 10.10.0.150;"));
        assertEquals(original, Files.readString(Path.of(conf + ".tandem-20261122T101530Z")));
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

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> s = Files.walk(server)) {
            List<Path> left = s.filter(p -> p.toString().endsWith(".tandem-new") || p.toString().endsWith(".tandem-check")).toList();
            assertFalse(!left.isEmpty(), "left behind: " + left);
        }
    }
}
