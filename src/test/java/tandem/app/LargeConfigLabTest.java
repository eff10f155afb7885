package tandem.app;

import tandem.services.Services;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.Preferences;
import tandem.core.RelationshipStatus;
import tandem.kea.KeaStatus;
import tandem.kea.change.KeaChange;
import tandem.lab.KeaLab;

/**
 * A reservation added to a relationship of 2,000 subnets and 20,000 reservations reaches the partner, and while
 * one server is busy with its multi-second config-set the other stays in its normal HA state.
 */
@Tag("kea")
class LargeConfigLabTest {
    @TempDir Path data;

    record Sample(long atMs, int server, String state) {}

    @Test
    void aLargeConfigurationIsReplicatedWithoutThePartnerLeavingItsNormalState() throws Exception {
        try (KeaLab lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0, 2000, 10);
             Services services = Services.open(data)) {
            lab.awaitStable(Duration.ofSeconds(60));
            services.updatePreferences(tandem.kea.KeaSettings.preferences(Duration.ofSeconds(10), Duration.ofSeconds(5), null, 8000, true));
            services.inventory().add(Backend.KEA, "big", ConnectionSettings.of(lab.caUrl(1)));
            assertEquals(RelationshipStatus.OK, services.poller().refresh().get("big").status());

            List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean running = new AtomicBoolean(true);
            long t0 = System.nanoTime();
            Thread monitor = new Thread(() -> {
                for (int i = 0; i < 2000 && running.get(); i++) {
                    for (int s = 1; s <= 2; s++) {
                        var reply = services.kea().statusGet(lab.endpoint(s).withTimeout(Duration.ofMillis(800)));
                        String state = reply.parse(KeaStatus::from).flatMap(KeaStatus::ha)
                                .map(h -> h.local().state()).orElse(reply.isSuccess() ? "?" : "no answer");
                        samples.add(new Sample((System.nanoTime() - t0) / 1_000_000, s, state));
                    }
                    try {
                        Thread.sleep(150);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "ha-state-monitor");
            monitor.start();

            long applyStart = System.nanoTime();
            var preview = services.changes().prepare("big",
                    new KeaChange.AddReservation("10.10.0.0/24", "02:dd:00:00:00:01", "10.10.0.250", "big-host"));
            var applied = services.changes().apply(preview);
            running.set(false);
            monitor.join(10_000);
            System.out.printf("large configuration: prepare + apply took %d ms%n", (System.nanoTime() - applyStart) / 1_000_000);

            assertEquals("verified", applied.peers().get("server2"), applied.peers().toString());
            assertTrue(services.kea().configGet(lab.endpoint(2).withTimeout(Duration.ofSeconds(60)))
                    .parse(n -> n.toString().contains("10.10.0.250")).orElse(false));

            Set<String> harmless = Set.of("load-balancing", "waiting", "syncing", "ready", "no answer");
            for (Sample s : samples) {
                assertTrue(harmless.contains(s.state()), "server" + s.server() + " went to " + s.state() + ": " + samples);
            }
            // never both away from load-balancing at once (a server blocked in config-set does not answer)
            List<Sample> copy = new ArrayList<>(samples);
            for (int i = 0; i + 1 < copy.size(); i += 2) {
                Sample a = copy.get(i);
                Sample b = copy.get(i + 1);
                boolean aAway = !a.state().equals("load-balancing");
                boolean bAway = !b.state().equals("load-balancing");
                assertFalse(aAway && bAway && !a.state().equals("no answer") && !b.state().equals("no answer"),
                        "both servers restarting at " + a.atMs() + " ms: " + a + " " + b);
            }
            assertTrue(copy.stream().anyMatch(s -> !s.state().equals("load-balancing")),
                    "the monitor saw the config-set restarts (otherwise it watched nothing): " + copy.size() + " samples");
        }
    }
}
