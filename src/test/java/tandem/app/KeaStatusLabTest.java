package tandem.app;

import tandem.services.Services;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.HaMode;
import tandem.core.ImportResult;
import tandem.core.PeerRole;
import tandem.core.Preferences;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.core.StatusEvent;
import tandem.lab.KeaLab;

/**
 * The seeds' fallback scenarios against real Kea servers and Control Agents on 127.0.0.1, through the same
 * services the console and the command line use.
 */
@Tag("kea")
class KeaStatusLabTest {
    private static final Duration SETTLE = Duration.ofSeconds(20);

    @TempDir Path data;

    @Test
    void loadBalancingPairThroughEveryFallbackState() {
        try (KeaLab lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0);
             Services services = Services.open(data)) {
            lab.awaitStable(Duration.ofSeconds(30));
            fastPolling(services);

            ImportResult added = services.inventory().add(Backend.KEA, null, ConnectionSettings.of(lab.caUrl(1)));
            var accepted = assertInstanceOf(ImportResult.Accepted.class, added, () -> added.toString());
            var rel = accepted.relationships().get(0);
            assertEquals("server1", rel.name());
            assertEquals(HaMode.LOAD_BALANCING, rel.mode());
            assertEquals(List.of(PeerRole.PRIMARY, PeerRole.SECONDARY), rel.peers().stream().map(p -> p.role()).toList());
            assertEquals(lab.caUrl(2), rel.peers().get(1).url(), "the partner comes with its control endpoint");

            RelationshipState s = awaitState(services, st -> st.status() == RelationshipStatus.OK);
            assertEquals("server1", s.assessment().sourceOfTruth());
            assertEquals("load-balancing", s.peers().get("server2").haState());
            assertNotNull(s.peers().get("server1").clockSkewSeconds(), "skew measured from ha-heartbeat");
            assertTrue(Math.abs(s.peers().get("server1").clockSkewSeconds()) <= 2);

            lab.killDhcp(1);
            s = awaitState(services, st -> st.status() == RelationshipStatus.IMPAIRED
                    && "server2".equals(st.assessment().sourceOfTruth()));
            assertFalse(s.peers().get("server1").up());
            assertTrue(s.peers().get("server1").reachable(), "the primary's agent still answers");

            lab.killDhcp(2);
            awaitState(services, st -> st.status() == RelationshipStatus.SERVICE_DOWN);

            lab.stopAgent(1);
            lab.stopAgent(2);
            awaitState(services, st -> st.status() == RelationshipStatus.UNREACHABLE);

            lab.startDhcp(1);
            lab.startDhcp(2);
            lab.startAgent(1);
            lab.startAgent(2);
            lab.awaitStable(Duration.ofSeconds(30));
            s = awaitState(services, st -> st.status() == RelationshipStatus.OK);
            assertEquals("server1", s.assessment().sourceOfTruth());

            List<RelationshipStatus> history = services.stateStore().events(50).stream()
                    .filter(e -> e.relationship().equals("server1")).map(StatusEvent::to).toList();
            // newest first; every change was recorded in order
            assertEquals(List.of(RelationshipStatus.OK, RelationshipStatus.UNREACHABLE, RelationshipStatus.SERVICE_DOWN,
                    RelationshipStatus.IMPAIRED, RelationshipStatus.OK), history);
        }
    }

    @Test
    void hotStandbyWithBackupAndRefusalThroughANonPrimary() {
        try (KeaLab lab = KeaLab.start(KeaLab.Mode.HOT_STANDBY, 3, 1);
             Services services = Services.open(data)) {
            lab.awaitStable(Duration.ofSeconds(30));
            fastPolling(services);

            for (int i : new int[]{2, 3}) {
                ImportResult refused = services.inventory().add(Backend.KEA, null, ConnectionSettings.of(lab.caUrl(i)));
                var r = assertInstanceOf(ImportResult.Refused.class, refused);
                assertTrue(r.message().contains("server1") && r.message().contains(lab.caUrl(1).toString()), r.message());
            }
            assertTrue(services.inventory().servers().isEmpty(), "nothing half-added");

            var accepted = assertInstanceOf(ImportResult.Accepted.class,
                    services.inventory().add(Backend.KEA, "hs", ConnectionSettings.of(lab.caUrl(1))));
            var rel = accepted.relationships().get(0);
            assertEquals("hs", rel.name());
            assertEquals(List.of(PeerRole.PRIMARY, PeerRole.STANDBY, PeerRole.BACKUP),
                    rel.peers().stream().map(p -> p.role()).toList());

            RelationshipState s = awaitState(services, st -> st.status() == RelationshipStatus.OK);
            assertEquals("backup", s.peers().get("server3").haState());

            lab.killDhcp(1);
            awaitState(services, st -> st.status() == RelationshipStatus.IMPAIRED
                    && "server2".equals(st.assessment().sourceOfTruth()));

            lab.killDhcp(2);
            s = awaitState(services, st -> st.status() == RelationshipStatus.SERVICE_DOWN);
            assertTrue(s.peers().get("server3").up(), "the backup still answers, so the service is down, not unreachable");
            assertNull(s.assessment().sourceOfTruth(), "nothing may be written while the service is down");

            lab.stopAgent(1);
            lab.stopAgent(2);
            lab.stopAgent(3);
            awaitState(services, st -> st.status() == RelationshipStatus.UNREACHABLE);

            for (int i = 1; i <= 3; i++) {
                lab.startDhcp(i);
                lab.startAgent(i);
            }
            lab.awaitStable(Duration.ofSeconds(30));
            s = awaitState(services, st -> st.status() == RelationshipStatus.OK);
            assertEquals("server1", s.assessment().sourceOfTruth());
        }
    }

    static void fastPolling(Services services) {
        Preferences d = Preferences.defaults();
        services.updatePreferences(tandem.kea.KeaSettings.preferences(Duration.ofSeconds(1), Duration.ofSeconds(1),
                d.setting("kea-control-agent-host"), tandem.kea.KeaSettings.of(d).controlAgentPort(), tandem.kea.KeaSettings.of(d).replicateConfig()));
    }

    /** Polls (bounded in time) until the only relationship satisfies the condition. */
    static RelationshipState awaitState(Services services, Predicate<RelationshipState> condition) {
        Instant deadline = Instant.now().plus(SETTLE);
        RelationshipState last = null;
        while (Instant.now().isBefore(deadline)) {
            List<RelationshipState> states = services.poller().pollOnce();
            assertEquals(1, states.size());
            last = states.get(0);
            if (condition.test(last)) return last;
            sleep(300);
        }
        fail("Not reached within " + SETTLE.toSeconds() + " s; last state: " + last);
        return last;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
