package tandem.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.DaemonState;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.PeerRole;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.ServerRecord;
import tandem.core.StatusRules;
import tandem.core.port.PeerProbe;
import tandem.ui.InMemoryInventoryStore;
import tandem.ui.InMemoryStateStore;

/** The last-known states are read beside the start; a read that failed is made again before the first cycle. */
class StatusPollerLastKnownTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Fails its first read of the last-known states. */
    private static final class FlakyStates extends InMemoryStateStore {
        final AtomicInteger reads = new AtomicInteger();

        @Override public Map<String, RelationshipState> lastKnown(List<Relationship> relationships) {
            if (reads.incrementAndGet() == 1) throw new IllegalStateException("the store is busy");
            return super.lastKnown(relationships);
        }
    }

    private static PeerObservation up(String peer, String role, Instant at) {
        return new PeerObservation(peer, true, DaemonState.UP, "hot-standby", role, List.of(), 0L, true, false, 0L, 0L,
                null, at);
    }

    @Test void aFailedReadIsMadeAgainSoTheFirstCycleFindsNothingNew() {
        Relationship rel = new Relationship("hq", "hq", Backend.KEA, HaMode.HOT_STANDBY, List.of(
                new PeerDefinition("server1", PeerRole.PRIMARY, URI.create("http://127.0.0.1:8001/"), true),
                new PeerDefinition("server2", PeerRole.STANDBY, URI.create("http://127.0.0.1:8002/"), true)),
                false, HaParameters.NONE);
        InMemoryInventoryStore servers = new InMemoryInventoryStore();
        servers.saveServer(new ServerRecord("hq", Backend.KEA, ConnectionSettings.of(URI.create("http://127.0.0.1:8001/")),
                T0), List.of(rel));
        FlakyStates states = new FlakyStates();
        Map<String, PeerObservation> seen = Map.of("server1", up("server1", "primary", T0),
                "server2", up("server2", "standby", T0));
        states.saveStates(List.of(new RelationshipState(rel, StatusRules.assess(rel, seen, null,
                tandem.kea.KeaStates.VOCABULARY), seen, T0, false)));
        PeerProbe probe = new PeerProbe() {
            @Override public CompletableFuture<PeerObservation> probe(Relationship r, String peer,
                                                                     ConnectionSettings connection, Duration timeout) {
                return CompletableFuture.completedFuture(up(peer, peer.equals("server1") ? "primary" : "standby",
                        Instant.now()));
            }

            @Override public tandem.core.backend.StateVocabulary vocabulary(Relationship r) {
                return tandem.kea.KeaStates.VOCABULARY;
            }
        };
        try (StatusPoller poller = new StatusPoller(new Inventory(servers, states, Map.of()), states, probe,
                Preferences::defaults, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC))) {
            assertEquals(Map.of(), poller.states(), "the read beside the start failed");
            poller.refresh();
            assertEquals(2, states.reads.get(), "read again before the cycle");
            assertEquals(List.of("hq"), List.copyOf(poller.states().keySet()));
            assertTrue(states.events(10).isEmpty(), "nothing first seen, nothing changed: " + states.events(10));
        }
    }
}
