package tandem.poll;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.DaemonState;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.ImportResult;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.PeerRole;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.core.ServerRecord;
import tandem.core.port.PeerProbe;
import tandem.core.port.ServerImporter;
import tandem.store.Database;
import tandem.store.JdbcInventoryStore;
import tandem.store.JdbcStateStore;
import tandem.store.SecretCipher;

/**
 * How long a cycle waits for its probes when the transport queues them behind a bound on requests in flight: an
 * answer that waited its turn is an answer, a probe that never completes ends the wait once the others are in, and
 * probes that trickle in slower than their timeouts allow are cut off in the end.
 */
class StatusPollerWaitTest {
    /** The poll timeout: the poller's former fixed wait was this plus 2 s. */
    private static final Duration TIMEOUT = Duration.ofMillis(200);
    private static final Duration FORMER_WAIT = TIMEOUT.plusSeconds(2);

    @TempDir Path dir;
    private Database db;
    private JdbcStateStore states;
    private Inventory inventory;
    private final Preferences prefs = tandem.kea.KeaSettings.preferences(Duration.ofSeconds(10), TIMEOUT, null, 8000, true);
    private QueuedProbe probe;

    @BeforeEach
    void open() { db = Database.open(dir); states = new JdbcStateStore(db); }

    @AfterEach
    void close() {
        if (probe != null) probe.pool.shutdownNow();
        db.close();
    }

    @Test
    void answersQueuedBehindTheBoundInFlightAreWaitedForAndNotMarkedUnreachable() {
        relationships(20);
        probe = new QueuedProbe(2, Duration.ofMillis(150), Set.of());
        List<RelationshipState> polled;
        try (StatusPoller poller = new StatusPoller(inventory, states, probe, () -> prefs, Clock.systemUTC())) {
            polled = poller.pollOnce();
        }
        assertTrue(probe.lastAnswerAfterFirstAsk().compareTo(FORMER_WAIT) > 0,
                "the premise: the queue outlasts the former fixed wait (" + probe.lastAnswerAfterFirstAsk() + ")");
        assertEquals(20, polled.size());
        for (RelationshipState s : polled) {
            assertEquals(RelationshipStatus.OK, s.status(), s.relationship().name() + ": " + s.assessment().summary());
            s.peers().values().forEach(o -> assertTrue(o.reachable(), o.peer() + ": " + o.problem()));
        }
    }

    @Test
    void aProbeThatNeverCompletesEndsTheCycleOnceTheOthersAreIn() {
        relationships(20);
        probe = new QueuedProbe(2, Duration.ofMillis(150), Set.of("r00/s1"));
        long t0 = System.nanoTime();
        List<RelationshipState> polled;
        try (StatusPoller poller = new StatusPoller(inventory, states, probe, () -> prefs, Clock.systemUTC())) {
            polled = poller.pollOnce();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "the cycle ended: " + took);
        assertEquals(39, probe.answered.size(), "every other probe answered first");
        PeerObservation hung = polled.get(0).peers().get("s1");
        assertFalse(hung.reachable());
        assertEquals("No answer within 0.2 s", hung.problem());
        assertEquals(RelationshipStatus.IMPAIRED, polled.get(0).status());
        for (RelationshipState s : polled.subList(1, polled.size())) assertEquals(RelationshipStatus.OK, s.status());
    }

    @Test
    void probesSlowerThanTheirTimeoutsAllowAreCutOffWhenTheyCouldNotAllHaveBeenOnTime() {
        // six probes of 200 ms each could take 1.2 s one after another; these take 1.5 s each, one at a time
        relationships(3);
        probe = new QueuedProbe(1, Duration.ofMillis(1500), Set.of());
        List<RelationshipState> polled;
        try (StatusPoller poller = new StatusPoller(inventory, states, probe, () -> prefs, Clock.systemUTC())) {
            polled = poller.pollOnce();
        }
        List<PeerObservation> cut = polled.stream().flatMap(s -> s.peers().values().stream())
                .filter(o -> !o.reachable()).toList();
        assertTrue(cut.size() >= 1 && cut.size() < 6, cut.size() + " cut off: the first answers count, the rest are not waited for");
        cut.forEach(o -> assertEquals("No answer within 0.2 s", o.problem()));
    }

    private void relationships(int count) {
        List<Relationship> rels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rels.add(new Relationship(String.format("r%02d", i), "branches", Backend.KEA, HaMode.HOT_STANDBY,
                    List.of(new PeerDefinition("s1", PeerRole.PRIMARY, URI.create("http://127.0.0.1:" + (2000 + 2 * i) + "/"), true),
                            new PeerDefinition("s2", PeerRole.STANDBY, URI.create("http://127.0.0.1:" + (2001 + 2 * i) + "/"), true)),
                    false, HaParameters.NONE));
        }
        ServerImporter importer = new ServerImporter() {
            public Backend backend() { return Backend.KEA; }
            public ConnectionCheck check(ConnectionSettings c) { return new ConnectionCheck(true, "ok"); }
            public ImportResult inspect(String name, ConnectionSettings c) {
                return new ImportResult.Accepted(new ServerRecord("branches", Backend.KEA, c, null), rels, List.of(), List.of());
            }
        };
        inventory = new Inventory(new JdbcInventoryStore(db, SecretCipher.inDirectory(dir)), states, Map.of(Backend.KEA, importer));
        inventory.add(Backend.KEA, null, ConnectionSettings.of(URI.create("http://127.0.0.1:2000/")));
    }

    /**
     * A transport with at most {@code inFlight} requests out, each answered after {@code each}; the rest wait in its
     * queue. Its timeout counts from when a request leaves, so a queued probe is never late on its own account.
     */
    static final class QueuedProbe implements PeerProbe {
        final ExecutorService pool;
        final Duration each;
        final Set<String> never;
        final Map<String, Instant> answered = new ConcurrentHashMap<>();
        private final AtomicLong firstAsked = new AtomicLong();
        private final AtomicLong lastAnswered = new AtomicLong();

        QueuedProbe(int inFlight, Duration each, Set<String> never) {
            this.pool = Executors.newFixedThreadPool(inFlight);
            this.each = each;
            this.never = never;
        }

        Duration lastAnswerAfterFirstAsk() { return Duration.ofNanos(lastAnswered.get() - firstAsked.get()); }

        @Override public tandem.core.backend.StateVocabulary vocabulary(Relationship rel) { return tandem.kea.KeaStates.VOCABULARY; }

        @Override
        public CompletableFuture<PeerObservation> probe(Relationship rel, String peer, ConnectionSettings c, Duration timeout) {
            firstAsked.compareAndSet(0, System.nanoTime());
            CompletableFuture<PeerObservation> answer = new CompletableFuture<>();
            if (never.contains(rel.name() + "/" + peer)) return answer;
            pool.execute(() -> {
                try {
                    Thread.sleep(each.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                answered.put(rel.name() + "/" + peer, Instant.now());
                lastAnswered.set(System.nanoTime());
                String state = rel.mode() == HaMode.HOT_STANDBY ? "hot-standby" : "load-balancing";
                answer.complete(new PeerObservation(peer, true, DaemonState.UP, state, null, List.of(), 0L, true, false,
                        0L, 0L, null, Instant.now()));
            });
            return answer;
        }
    }
}
