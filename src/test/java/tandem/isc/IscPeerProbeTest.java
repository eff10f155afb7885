package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.ConnectionSettings;
import tandem.core.PeerObservation;
import tandem.ssh.SshSettings;
import tandem.ssh.SshTarget;

/** ISC probes through a real sshd whose login is slow (a loopback relay made by the test holds it back). */
class IscPeerProbeTest {
    @TempDir Path dir;

    @Test
    void aSlowSshLoginIsWaitedForAndAServerStillBeingProbedIsNotProbedAgain() throws Exception {
        try (RealSshd sshd = RealSshd.start(Files.createDirectories(dir.resolve("sshd")));
             LoginRelay relay = new LoginRelay(sshd.port, Duration.ofMillis(4500));
             IscPeerProbe probe = new IscPeerProbe(dir.resolve("known_hosts"), Clock.systemUTC())) {
            // the relay's address is a known host (the probe never asks)
            StringBuilder known = new StringBuilder();
            for (String k : List.of("host_ed25519.pub", "host_ecdsa.pub")) {
                String[] pub = Files.readString(sshd.dir.resolve(k)).split(" ");
                known.append("[127.0.0.1]:").append(relay.port()).append(' ').append(pub[0]).append(' ').append(pub[1]).append('\n');
            }
            Files.writeString(dir.resolve("known_hosts"), known);
            SshSettings ssh = new SshSettings(new SshTarget(sshd.user, "127.0.0.1", relay.port()), sshd.clientKey, null, null, false);
            ConnectionSettings connection = IscServerSettings.defaults(ssh).toConnection(null, null);

            // a 2 s poll timeout: the poller used to give up after 4 s, before this login was even done
            Duration timeout = Duration.ofSeconds(2);
            Duration budget = probe.budget(null, timeout);
            assertTrue(budget.compareTo(Duration.ofSeconds(10)) >= 0, "an SSH probe gets at least 10 s: " + budget);
            long t0 = System.nanoTime();
            CompletableFuture<PeerObservation> first = probe.probe(null, "dhcp1", connection, timeout);
            List<CompletableFuture<PeerObservation>> again = new ArrayList<>();
            for (int i = 0; i < 5; i++) again.add(probe.probe(null, "dhcp1", connection, timeout));
            PeerObservation o = first.get(budget.toMillis() + 2000, TimeUnit.MILLISECONDS);
            long tookMillis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            assertTrue(o.reachable(), "reached after a slow login: " + o.problem());
            assertTrue(tookMillis > timeout.toMillis() + 2000, "the login was slower than the old wait: " + tookMillis + " ms");
            for (CompletableFuture<PeerObservation> f : again) assertSame(first, f, "the probe under way is awaited, not repeated");
            assertEquals(1, relay.connections(), "one login for six probes of the same server");

            // once it ended, the next poll asks again, on the login kept from the first
            waitUntil(() -> probe.inFlight() == 0);
            PeerObservation next = probe.probe(null, "dhcp1", connection, timeout).get(budget.toMillis() + 2000, TimeUnit.MILLISECONDS);
            assertTrue(next.reachable(), String.valueOf(next.problem()));
            assertEquals(1, relay.connections(), "the second poll used the first poll's login");
            assertEquals(1, probe.logins().logins());
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not done within 10 s");
            Thread.sleep(20);
        }
    }
}
