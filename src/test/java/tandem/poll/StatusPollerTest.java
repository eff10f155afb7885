package tandem.poll;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import tandem.core.StatusEvent;
import tandem.core.port.PeerProbe;
import tandem.core.port.ServerImporter;
import tandem.store.Database;
import tandem.store.JdbcInventoryStore;
import tandem.store.JdbcStateStore;
import tandem.store.SecretCipher;

/**
 * The poller's own logic (change detection, event history, backoff, stale state) over the real store, with the
 * network replaced by a scripted probe; the lab tests cover the same path against real Kea.
 */
class StatusPollerTest {
    @TempDir Path dir;

    private Database db;
    private JdbcStateStore states;
    private Inventory inventory;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T02:00:00Z"));
    private final ScriptedProbe probe = new ScriptedProbe();
    private Preferences prefs = tandem.kea.KeaSettings.preferences(Duration.ofSeconds(10), Duration.ofSeconds(1), null, 8000, true);

    static final Relationship PAIR = new Relationship("pair", "pair", Backend.KEA, HaMode.LOAD_BALANCING,
            List.of(new PeerDefinition("s1", PeerRole.PRIMARY, URI.create("http://127.0.0.1:1/"), true),
                    new PeerDefinition("s2", PeerRole.SECONDARY, URI.create("http://127.0.0.1:2/"), true)),
            false, HaParameters.NONE);

    @BeforeEach
    void setUp() {
        db = Database.open(dir);
        states = new JdbcStateStore(db);
        var store = new JdbcInventoryStore(db, SecretCipher.inDirectory(dir));
        ServerImporter importer = new ServerImporter() {
            public Backend backend() { return Backend.KEA; }
            public ConnectionCheck check(ConnectionSettings c) { return new ConnectionCheck(true, "ok"); }
            public ImportResult inspect(String name, ConnectionSettings c) {
                return new ImportResult.Accepted(new ServerRecord("pair", Backend.KEA, c, null), List.of(PAIR),
                        List.of(), List.of());
            }
        };
        inventory = new Inventory(store, states, Map.of(Backend.KEA, importer));
        inventory.add(Backend.KEA, null, ConnectionSettings.of(URI.create("http://127.0.0.1:1/")));
    }

    @AfterEach
    void tearDown() { db.close(); }

    private StatusPoller poller() { return new StatusPoller(inventory, states, probe, () -> prefs, clock); }

    @Test
    void publishesOnlyChangesAndRecordsEachStatusChange() {
        List<List<RelationshipState>> published = new ArrayList<>();
        List<StatusEvent> events = new ArrayList<>();
        try (StatusPoller poller = poller()) {
            poller.addListener((changed, ev, at) -> { published.add(changed); events.addAll(ev); });
            probe.set("s1", "load-balancing");
            probe.set("s2", "load-balancing");
            poller.pollOnce();
            clock.advance(Duration.ofSeconds(10));
            poller.pollOnce();
            assertEquals(1, published.get(0).size());
            assertTrue(published.get(1).isEmpty(), "an unchanged cycle publishes nothing");

            probe.set("s1", "down");
            probe.set("s2", "partner-down");
            clock.advance(Duration.ofSeconds(10));
            poller.pollOnce();
            assertEquals(RelationshipStatus.IMPAIRED, published.get(2).get(0).status());
        }
        assertEquals(2, events.size());
        assertNull(events.get(0).from());
        assertEquals(RelationshipStatus.OK, events.get(0).to());
        assertEquals(RelationshipStatus.OK, events.get(1).from());
        assertEquals(RelationshipStatus.IMPAIRED, events.get(1).to());
        StatusEvent last = states.events(10).get(0);
        assertEquals(RelationshipStatus.OK, last.from());
        assertEquals(RelationshipStatus.IMPAIRED, last.to());
        assertTrue(last.reason().contains("Primary s1 is offline"), last.reason());
        assertEquals(2, states.events(10).size(), "first observation + one change");
    }

    @Test
    void eachProbeIsTimedPerPeerAndAPeerThatDoesNotAnswerIsMarked() {
        try (StatusPoller poller = poller()) {
            probe.set("s1", "load-balancing");
            probe.set("s2", "slow");
            probe.budget = Duration.ofSeconds(5); // the poller waits for the slow answer
            poller.pollOnce();
            Instant first = clock.instant();
            clock.advance(Duration.ofSeconds(10));
            probe.set("s2", "gone");
            poller.pollOnce();
            var samples = poller.roundTrips().of("pair");
            assertEquals(List.of("s1", "s2"), List.copyOf(samples.keySet()));
            assertEquals(2, samples.get("s1").size(), "one sample a probe");
            assertTrue(samples.get("s1").stream().allMatch(tandem.core.port.RoundTrips.Sample::answered));
            assertEquals(first, samples.get("s1").get(0).at());
            var slow = samples.get("s2").get(0);
            assertTrue(slow.answered());
            assertTrue(slow.roundTrip().compareTo(Duration.ofMillis(2900)) >= 0, "the slow answer took 3 s: " + slow);
            assertFalse(samples.get("s2").get(1).answered(), "refused: not an answer");
            assertTrue(poller.roundTrips().of("unknown").isEmpty());
        }
    }

    @Test
    void roundTripsAreKeptForADayAndUpToTheirCapacity() {
        RoundTripRecorder recorder = new RoundTripRecorder(5);
        Instant t = Instant.parse("2026-11-22T00:00:00Z");
        for (int i = 0; i < 8; i++) recorder.record("r", "p", t.plusSeconds(i), Duration.ofMillis(10 + i), true);
        var kept = recorder.of("r").get("p");
        assertEquals(5, kept.size(), "the oldest make room");
        assertEquals(Duration.ofMillis(13), kept.get(0).roundTrip());
        assertEquals(Duration.ofMillis(17), kept.get(4).roundTrip());
        recorder.record("r", "p", t.plus(Duration.ofHours(25)), Duration.ofMillis(1), false);
        kept = recorder.of("r").get("p");
        assertEquals(1, kept.size(), "older than a day before the newest: dropped");
        assertFalse(kept.get(0).answered());
        assertEquals(Duration.ofMillis(1), kept.get(0).roundTrip());
        recorder.keepOnly(List.of("other"));
        assertTrue(recorder.of("r").isEmpty(), "a relationship removed takes its samples along");
    }

    @Test
    void aStatusSeenWhileTheConsoleAppliesAChangeNamesTheChange() {
        tandem.core.ChangeActivity activity = new tandem.core.ChangeActivity();
        List<StatusEvent> events = new ArrayList<>();
        try (StatusPoller poller = new StatusPoller(inventory, states, probe, () -> prefs, activity, clock)) {
            poller.addListener((changed, ev, at) -> events.addAll(ev));
            probe.set("s1", "load-balancing");
            probe.set("s2", "load-balancing");
            try (var running = activity.begin("pair", "'Reserve 10.0.0.5'")) {
                poller.pollOnce();
                assertEquals("OK", poller.states().get("pair").assessment().summary(), "an OK status is not explained");
                probe.set("s2", "syncing");
                clock.advance(Duration.ofSeconds(10));
                poller.pollOnce();
            }
            String reason = poller.states().get("pair").assessment().summary();
            assertTrue(reason.contains("while this console applies 'Reserve 10.0.0.5'"), reason);
            assertTrue(events.get(1).reason().contains("while this console applies"), events.get(1).reason());

            clock.advance(Duration.ofSeconds(10));
            poller.pollOnce();
            String after = poller.states().get("pair").assessment().summary();
            assertEquals(RelationshipStatus.IMPAIRED, poller.states().get("pair").status());
            assertFalse(after.contains("this console"), "once the change is over, a status is its own: " + after);
        }
    }

    @Test
    void unreachableEndpointsBackOffAndRefreshNowPollsThemAgain() throws Exception {
        probe.set("s1", "gone");
        probe.set("s2", "partner-down");
        try (StatusPoller poller = poller()) {
            for (int i = 0; i < 6; i++) {
                poller.pollOnce();
                clock.advance(prefs.pollInterval());
            }
            int s1 = probe.calls("s1");
            assertTrue(s1 < 6, "a dead endpoint is not asked every cycle: " + s1);
            assertEquals(6, probe.calls("s2"));
            assertEquals(RelationshipStatus.IMPAIRED, poller.states().get("pair").status(),
                    "while backing off, the last observation still counts");

            CountDownLatch refreshed = new CountDownLatch(1);
            poller.addListener((c, e, at) -> refreshed.countDown());
            poller.refreshNow();
            assertTrue(refreshed.await(5, TimeUnit.SECONDS));
            assertEquals(s1 + 1, probe.calls("s1"), "Refresh now asks every endpoint");
        }
    }

    @Test
    void lastKnownStateIsShownStaleUntilTheFirstPoll() {
        probe.set("s1", "load-balancing");
        probe.set("s2", "load-balancing");
        try (StatusPoller first = poller()) {
            first.pollOnce();
        }
        try (StatusPoller second = poller()) {
            RelationshipState known = second.states().get("pair");
            assertNotNull(known, "the tree can show the last-known state before any poll");
            assertTrue(known.stale());
            assertEquals(RelationshipStatus.OK, known.status());
            List<RelationshipState> changed = new ArrayList<>();
            second.addListener((c, e, at) -> changed.addAll(c));
            second.pollOnce();
            assertFalse(second.states().get("pair").stale());
            assertEquals(1, changed.size(), "confirming a stale state is a change the window must see");
            assertTrue(states.events(10).size() == 1, "confirming the same status records no new event");
        }
    }

    @Test
    void scheduledPollingRunsOnItsOwnThreadAtTheInterval() throws Exception {
        prefs = tandem.kea.KeaSettings.preferences(Duration.ofSeconds(1), Duration.ofMillis(500), null, 8000, true);
        probe.set("s1", "load-balancing");
        probe.set("s2", "load-balancing");
        CountDownLatch cycles = new CountDownLatch(3);
        List<String> threads = new ArrayList<>();
        try (StatusPoller poller = new StatusPoller(inventory, states, probe, () -> prefs, Clock.systemUTC())) {
            poller.addListener((c, e, at) -> { threads.add(Thread.currentThread().getName()); cycles.countDown(); });
            poller.start();
            assertTrue(cycles.await(6, TimeUnit.SECONDS), "three cycles within 6 s at a 1 s interval");
        }
        assertTrue(threads.stream().allMatch(t -> t.equals("tandem-poller")), threads.toString());
    }

    @Test
    void aProbeThatNeverAnswersIsCutOffAtTheTimeout() {
        probe.set("s1", "hang");
        probe.set("s2", "load-balancing");
        prefs = tandem.kea.KeaSettings.preferences(Duration.ofSeconds(10), Duration.ofMillis(200), null, 8000, true);
        try (StatusPoller poller = poller()) {
            long t0 = System.nanoTime();
            RelationshipState s = poller.pollOnce().get(0);
            assertTrue(Duration.ofNanos(System.nanoTime() - t0).toMillis() < 5000);
            assertFalse(s.peers().get("s1").reachable());
            assertEquals(RelationshipStatus.IMPAIRED, s.status());
        }
    }

    @Test
    void aProbeThatNeedsMoreThanTheTimeoutIsWaitedForAsLongAsItsBudget() {
        // an SSH probe: the login alone outlasts a 200 ms poll timeout, and the probe says it needs up to 5 s
        probe.set("s1", "slow");
        probe.set("s2", "load-balancing");
        probe.budget = Duration.ofSeconds(5);
        prefs = tandem.kea.KeaSettings.preferences(Duration.ofSeconds(10), Duration.ofMillis(200), null, 8000, true);
        try (StatusPoller poller = poller()) {
            RelationshipState s = poller.pollOnce().get(0);
            assertTrue(s.peers().get("s1").reachable(), "answered after 3 s, within its budget: " + s.peers().get("s1").problem());
            assertEquals(RelationshipStatus.OK, s.status());
        }
    }

    /** Answers per peer what the test set: an HA state, "down" (daemon), "gone" (unreachable), "hang" or "slow" (3 s). */
    static final class ScriptedProbe implements PeerProbe {
        volatile Duration budget;
        private final Map<String, String> script = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        void set(String peer, String what) { script.put(peer, what); }

        int calls(String peer) { return calls.getOrDefault(peer, new AtomicInteger()).get(); }

        @Override
        public tandem.core.backend.StateVocabulary vocabulary(Relationship rel) {
            return tandem.kea.KeaStates.VOCABULARY;
        }

        @Override
        public Duration budget(Relationship rel, Duration timeout) { return budget == null ? timeout : budget; }

        @Override
        public CompletableFuture<PeerObservation> probe(Relationship rel, String peer, ConnectionSettings c, Duration timeout) {
            calls.computeIfAbsent(peer, p -> new AtomicInteger()).incrementAndGet();
            Instant now = Instant.now();
            return switch (script.get(peer)) {
                case "hang" -> new CompletableFuture<>();
                case "slow" -> CompletableFuture.supplyAsync(() -> new PeerObservation(peer, true, DaemonState.UP,
                        "load-balancing", null, List.of(), 0L, true, false, 0L, 0L, null, Instant.now()),
                        CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS));
                case "gone" -> CompletableFuture.completedFuture(PeerObservation.unreachable(peer, "refused", now));
                case "down" -> CompletableFuture.completedFuture(PeerObservation.daemonDown(peer, "offline", now));
                default -> CompletableFuture.completedFuture(new PeerObservation(peer, true, DaemonState.UP,
                        script.get(peer), null, List.of(), 0L, true, false, 0L, 0L, null, now));
            };
        }
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) { now = start; }

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(java.time.ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }
}
