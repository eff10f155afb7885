package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.ConnectionSettings;
import tandem.core.PeerObservation;
import tandem.ssh.HostKeyPrompt;
import tandem.ssh.SshSession;
import tandem.ssh.SshSessionPool;
import tandem.ssh.SshSettings;
import tandem.ssh.SshTarget;

/**
 * ISC probes keep their SSH login between polls, against a real sshd reached through a relay that counts the TCP
 * connections (one per login): reused while it works, made again when the server ended it or it hangs, closed when
 * unused, and a new login still refuses a changed host key.
 */
class IscProbeLoginReuseTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir Path dir;

    /** The relay's address as a known host with {@code sshd}'s host keys (the probe itself never asks). */
    private Path knownHosts(RealSshd sshd, LoginRelay relay) throws Exception {
        StringBuilder known = new StringBuilder();
        for (String k : List.of("host_ed25519.pub", "host_ecdsa.pub")) {
            String[] pub = Files.readString(sshd.dir.resolve(k)).split(" ");
            known.append("[127.0.0.1]:").append(relay.port()).append(' ').append(pub[0]).append(' ').append(pub[1]).append('\n');
        }
        return Files.writeString(dir.resolve("known_hosts"), known);
    }

    private static SshSettings viaRelay(RealSshd sshd, LoginRelay relay) {
        return new SshSettings(new SshTarget(sshd.user, "127.0.0.1", relay.port()), sshd.clientKey, null, null, false);
    }

    private static PeerObservation poll(IscPeerProbe probe, SshSettings ssh) throws Exception {
        ConnectionSettings connection = IscServerSettings.defaults(ssh).toConnection(null, null);
        PeerObservation o = probe.probe(null, "dhcp1", connection, TIMEOUT).get(30, TimeUnit.SECONDS);
        waitUntil(() -> probe.inFlight() == 0);
        return o;
    }

    /** The server answered the question (whether dhcpd runs here or not). */
    private static void answered(PeerObservation o) {
        assertTrue(o.reachable(), "reached: " + o.problem());
        assertTrue(o.problem() == null || o.problem().startsWith("dhcpd is not running on "), o.problem());
    }

    @Test
    void twoPollsLogInOnceAndALoginEndedByTheServerIsMadeAgain() throws Exception {
        try (RealSshd sshd = RealSshd.start(Files.createDirectories(dir.resolve("sshd")));
             LoginRelay relay = new LoginRelay(sshd.port);
             IscPeerProbe probe = new IscPeerProbe(knownHosts(sshd, relay), Clock.systemUTC())) {
            SshSettings ssh = viaRelay(sshd, relay);
            answered(poll(probe, ssh));
            answered(poll(probe, ssh));
            assertEquals(1, relay.connections(), "two polls, one login");
            assertEquals(1, probe.logins().logins());
            assertFalse(sshd.sessions().isEmpty(), "the login stays open on the server between polls");

            sshd.killSessions();
            answered(poll(probe, ssh));
            assertEquals(2, relay.connections(), "the login the server ended is made again");
            assertEquals(2, probe.logins().logins());
            answered(poll(probe, ssh));
            assertEquals(2, relay.connections());
        }
    }

    @Test
    void aLoginThatHangsIsDroppedAndTheWorkDoneOnceMoreOnANewLogin() throws Exception {
        try (RealSshd sshd = RealSshd.start(Files.createDirectories(dir.resolve("sshd")));
             LoginRelay relay = new LoginRelay(sshd.port);
             SshSessionPool pool = new SshSessionPool("test-ssh", knownHosts(sshd, relay), HostKeyPrompt.REFUSE)) {
            SshSettings ssh = viaRelay(sshd, relay);
            SshSessionPool.Work<String> echo = s -> new String(s.exec("echo here", null, 1024, 1024).stdout(), StandardCharsets.UTF_8);
            assertEquals("here\n", pool.call(ssh, TIMEOUT, echo));
            // the kept login looks open on this side, but nothing passes on its connection any more
            relay.hangOpenConnections();
            assertEquals("here\n", pool.call(ssh, TIMEOUT, echo));
            assertEquals(2, relay.connections());
            assertEquals(2, pool.logins());
            // a login made just now that breaks is not tried again and again: one more login, then the failure
            int[] tries = {0};
            SshSession.Lost lost = assertThrows(SshSession.Lost.class, () -> pool.call(ssh, TIMEOUT, s -> {
                tries[0]++;
                throw new SshSession.Lost("lost on purpose", null);
            }));
            assertEquals("lost on purpose", lost.getMessage());
            assertEquals(2, tries[0], "the kept login, then one new login");
            assertEquals(3, pool.logins());
        }
    }

    @Test
    void aLoginUnusedForLongerThanTheBoundIsClosed() throws Exception {
        try (RealSshd sshd = RealSshd.start(Files.createDirectories(dir.resolve("sshd")));
             LoginRelay relay = new LoginRelay(sshd.port);
             IscPeerProbe probe = new IscPeerProbe(knownHosts(sshd, relay), Clock.systemUTC(), Duration.ofMillis(400))) {
            SshSettings ssh = viaRelay(sshd, relay);
            answered(poll(probe, ssh));
            assertEquals(1, probe.logins().open());
            // the server sees the logout: its processes for the login end
            waitUntil(() -> probe.logins().open() == 0 && sshd.sessions().isEmpty());
            answered(poll(probe, ssh));
            assertEquals(2, relay.connections(), "the next poll logs in again");
        }
    }

    @Test
    void aNewLoginStillRefusesAChangedHostKey() throws Exception {
        try (RealSshd sshd = RealSshd.start(Files.createDirectories(dir.resolve("sshd")));
             RealSshd other = RealSshd.start(Files.createDirectories(dir.resolve("other")));
             LoginRelay relay = new LoginRelay(sshd.port);
             IscPeerProbe probe = new IscPeerProbe(knownHosts(sshd, relay), Clock.systemUTC())) {
            SshSettings ssh = viaRelay(sshd, relay);
            answered(poll(probe, ssh));
            String known = Files.readString(dir.resolve("known_hosts"));
            // the same address now leads to a server with other host keys, and the kept login is gone
            relay.retarget(other.port);
            sshd.killSessions();
            PeerObservation o = poll(probe, ssh);
            assertFalse(o.reachable());
            assertTrue(o.problem().contains("host key was not accepted"), o.problem());
            assertEquals(2, relay.connections(), "a new login was tried, and refused");
            assertEquals(known, Files.readString(dir.resolve("known_hosts")), "the changed key is not remembered");
            PeerObservation again = poll(probe, ssh);
            assertFalse(again.reachable(), "refused at every poll");
            assertEquals(3, relay.connections());
        }
    }

    private static void waitUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not done within 10 s");
            Thread.sleep(20);
        }
    }
}
