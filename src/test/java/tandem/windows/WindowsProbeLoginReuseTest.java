package tandem.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.HaMode;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.PeerRole;
import tandem.core.Relationship;
import tandem.ssh.SshSession;
import tandem.ssh.SshTarget;
import tandem.windows.sim.WindowsLab;

/**
 * Windows probes keep their SSH login between polls (a new PowerShell runs for each read), against the Windows DHCP
 * simulator behind its SSH endpoint, which counts the logins it accepts.
 */
class WindowsProbeLoginReuseTest {
    private static final Relationship FO1 = new Relationship("fo1", "dhcp1", Backend.WINDOWS, HaMode.LOAD_BALANCING,
            List.of(new PeerDefinition("dhcp1", PeerRole.PRIMARY, URI.create("ssh://a@h1:22/#failover=fo1"), true),
                    new PeerDefinition("dhcp2", PeerRole.SECONDARY, URI.create("ssh://a@h2:22/#failover=fo1"), true)),
            false, null);

    @TempDir Path dir;
    private WindowsLab lab;
    private final Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
    private final Clock clock = new Clock() {
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now[0]; }
    };

    @BeforeEach
    void relationship() throws Exception {
        lab = WindowsLab.start(dir.resolve("lab"), "dhcp1", "dhcp2");
        assertEquals(0, lab.ps("dhcp1", "Add-DhcpServerv4Scope -Name s1 -StartRange 10.1.0.10 -EndRange 10.1.0.200 -SubnetMask 255.255.255.0").exitCode());
        assertEquals(0, lab.ps("dhcp1", "Add-DhcpServerv4Failover -Name fo1 -PartnerServer dhcp2 -ScopeId 10.1.0.0"
                + " -StateSwitchInterval 00:10:00").exitCode());
    }

    @AfterEach
    void stop() { lab.close(); }

    private ConnectionSettings dhcp1() throws Exception {
        WindowsLab.Server s = lab.server("dhcp1");
        WindowsServerSettings settings = WindowsServerSettings.of(new SshTarget(s.user(), s.host(), s.port()), s.password(), null);
        // the server is trusted as when it was added; probes themselves never ask
        try (SshSession trust = SshSession.open(settings.ssh(), dir.resolve("known_hosts"),
                (h, t, f) -> f.equals(s.hostKeyFingerprint()), Duration.ofSeconds(20))) {
            assertTrue(trust.isOpen());
        }
        return settings.toConnection(s.hostKeyFingerprint(), "fo1");
    }

    /** One poll, after the last one's read has gone stale (a read answers for the same poll only). */
    private PeerObservation poll(WindowsPeerProbe probe, ConnectionSettings c) throws Exception {
        now[0] = now[0].plus(WindowsPeerProbe.SHARED_FOR).plusSeconds(1);
        return probe.probe(FO1, "dhcp1", c, Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void twoPollsLogInOnceAndALoginDroppedByTheServerIsMadeAgain() throws Exception {
        ConnectionSettings c = dhcp1();
        int before = lab.logins("dhcp1");
        try (WindowsPeerProbe probe = new WindowsPeerProbe(dir.resolve("known_hosts"), new WindowsPeers(List::of),
                new WindowsFacts(), clock)) {
            PeerObservation first = poll(probe, c);
            assertEquals("normal", first.haState(), String.valueOf(first.problem()));
            // the second poll reads the server anew (it sees the cut link) on the same login
            lab.cut("dhcp1", "dhcp2");
            PeerObservation second = poll(probe, c);
            assertEquals("communication-interrupted", second.haState(), String.valueOf(second.problem()));
            assertEquals(1, lab.logins("dhcp1") - before, "two polls, one login");
            assertEquals(1, probe.logins().logins());

            // the server's SSH service restarts: its sessions are gone, and the next poll logs in again
            lab.stopSsh("dhcp1");
            lab.startSsh("dhcp1");
            PeerObservation third = poll(probe, c);
            assertTrue(third.reachable(), String.valueOf(third.problem()));
            assertEquals("communication-interrupted", third.haState(), String.valueOf(third.problem()));
            assertEquals(2, lab.logins("dhcp1") - before);
            assertEquals(2, probe.logins().logins());
        }
    }
}
