package tandem.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tandem.core.Assessment;
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
import tandem.core.RelationshipStatus;
import tandem.core.ServerRecord;
import tandem.core.port.ConfigReplication;
import tandem.ui.InMemoryInventoryStore;
import tandem.ui.InMemoryReplicationStore;
import tandem.ui.InMemoryStateStore;

/** A peer whose resynchronization keeps failing is retried after 1, 2, 4... poll intervals, capped; success resets. */
class ResyncBackoffTest {
    private static final Duration POLL = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = T0;
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    /** Counts the attempts; fails them until told to succeed. */
    private final class FlakyReplication implements ConfigReplication {
        final List<Instant> attempts = new ArrayList<>();
        final List<Set<String>> skipped = new ArrayList<>();
        String outcome = "failed: server2 did not answer config-set";
        RuntimeException thrown;

        @Override public boolean replicates(Relationship r) { return true; }
        @Override public int replayJournal(String r) { return 0; }
        @Override public Map<String, String> resynchronizeReturningPeers(String r, Set<String> skip) {
            attempts.add(clock.now);
            skipped.add(Set.copyOf(skip));
            if (thrown != null) throw thrown;
            if (skip.contains("server2")) return Map.of();
            if (ConfigReplication.SYNCED.equals(outcome)) journal.markInSync(r, "server2");
            return Map.of("server2", outcome);
        }
        @Override public Optional<String> currentConfig(Relationship r, String peer) { return Optional.empty(); }
        @Override public String fingerprint(String c) { return c; }
        @Override public String describeChange(String before, String after) { return ""; }
    }

    private final HandClock clock = new HandClock();
    private final InMemoryReplicationStore journal = new InMemoryReplicationStore();
    private final FlakyReplication replication = new FlakyReplication();
    private final BackgroundSynchronizer synchronizer;

    ResyncBackoffTest() {
        Relationship rel = new Relationship("hq", "hq", Backend.KEA, HaMode.HOT_STANDBY, List.of(
                new PeerDefinition("server1", PeerRole.PRIMARY, URI.create("http://127.0.0.1:8001/"), true),
                new PeerDefinition("server2", PeerRole.STANDBY, URI.create("http://127.0.0.1:8002/"), true)),
                false, HaParameters.NONE);
        InMemoryInventoryStore store = new InMemoryInventoryStore();
        store.saveServer(new ServerRecord("hq", Backend.KEA, ConnectionSettings.of(URI.create("http://127.0.0.1:8001/")),
                T0), List.of(rel));
        Inventory inventory = new Inventory(store, new InMemoryStateStore(), Map.of());
        Map<String, PeerObservation> up = Map.of(
                "server1", new PeerObservation("server1", true, DaemonState.UP, "hot-standby", "primary", List.of(),
                        0L, true, false, 0L, 0L, null, T0),
                "server2", new PeerObservation("server2", true, DaemonState.UP, "hot-standby", "standby", List.of(),
                        0L, true, false, 0L, 0L, null, T0));
        RelationshipState state = new RelationshipState(rel,
                new Assessment(RelationshipStatus.OK, "server1", List.of()), up, T0, false);
        synchronizer = new BackgroundSynchronizer(inventory, Map.of(Backend.KEA, replication), List::of, journal,
                new InMemoryStateStore(), () -> new Preferences(POLL, Duration.ofSeconds(2)), () -> Map.of("hq", state),
                (r, p) -> Optional.empty(), Duration.ofHours(1), clock);
        journal.markOutOfSync("hq", "server2", "went offline", T0);
    }

    /** Passes once a second for {@code seconds}; returns the attempts' offsets from T0 in seconds. */
    private List<Long> passEverySecondFor(long seconds) {
        for (long s = 0; s < seconds; s++) {
            synchronizer.pass();
            clock.now = clock.now.plusSeconds(1);
        }
        return replication.attempts.stream().map(a -> Duration.between(T0, a).toSeconds()).toList();
    }

    @Test
    void failuresAreRetriedAfterDoublingWaitsUpToTheCap() {
        // waits 10, 20, 40, 80, 160, 320, then 600 (the cap) instead of 640, and 600 again
        List<Long> attempts = passEverySecondFor(2_500);
        assertEquals(List.of(0L, 10L, 30L, 70L, 150L, 310L, 630L, 1230L, 1830L, 2430L), attempts);
        assertEquals(Duration.ofMinutes(10), RetryBackoff.CAP);
    }

    @Test
    void aPeerWaitingIsNotAskedForAndASuccessResetsTheWait() {
        passEverySecondFor(71); // attempts at 0, 10, 30, 70: the next one would be at 150
        assertEquals(4, replication.attempts.size());
        replication.outcome = ConfigReplication.SYNCED;
        clock.now = T0.plusSeconds(150);
        synchronizer.pass();
        assertEquals(5, replication.attempts.size());
        assertTrue(journal.outOfSync("hq").isEmpty());

        // it falls behind again later: tried at once, and its first failure waits one interval, not 160 s
        replication.outcome = "failed: server2 did not answer config-get";
        journal.markOutOfSync("hq", "server2", "went offline", clock.now);
        clock.now = T0.plusSeconds(151);
        synchronizer.pass();
        clock.now = T0.plusSeconds(161);
        synchronizer.pass();
        assertEquals(7, replication.attempts.size());
        assertEquals(T0.plusSeconds(161), replication.attempts.get(6));
    }

    @Test
    void aFailureOfTheWholeAttemptBacksOffToo() {
        replication.thrown = new IllegalStateException("server1 did not answer config-get");
        List<Long> attempts = passEverySecondFor(31);
        assertEquals(List.of(0L, 10L, 30L), attempts);
    }

    @Test
    void theDelayNeverOverflows() {
        assertEquals(Duration.ofSeconds(10), RetryBackoff.delay(1, POLL));
        assertEquals(Duration.ofMinutes(10), RetryBackoff.delay(10_000, POLL));
        assertEquals(Duration.ofHours(1), RetryBackoff.delay(40, Duration.ofHours(1)), "a base above the cap stays");
    }
}
