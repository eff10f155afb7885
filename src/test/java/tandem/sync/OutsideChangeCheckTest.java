package tandem.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tandem.core.Assessment;
import tandem.core.Backend;
import tandem.core.ConfigSnapshot;
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

/** The check for configurations changed outside the console, at the scale of thousands of relationships. */
class OutsideChangeCheckTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Keeps every snapshot saved, not only the latest. */
    private static final class CountingStates extends InMemoryStateStore {
        final List<ConfigSnapshot> saved = new ArrayList<>();

        @Override public synchronized void saveSnapshot(ConfigSnapshot snapshot) {
            saved.add(snapshot);
            super.saveSnapshot(snapshot);
        }
    }

    private static final class Replication implements ConfigReplication {
        @Override public boolean replicates(Relationship r) { return false; }
        @Override public int replayJournal(String r) { return 0; }
        @Override public Map<String, String> resynchronizeReturningPeers(String r, Set<String> skip) { return Map.of(); }
        @Override public Optional<String> currentConfig(Relationship r, String peer) { return Optional.empty(); }
        @Override public String fingerprint(String c) { return Integer.toHexString(c.hashCode()); }
        @Override public String describeChange(String before, String after) { return before + " -> " + after; }
    }

    private final CountingStates states = new CountingStates();
    private final Map<String, RelationshipState> current = new HashMap<>();
    private final InMemoryInventoryStore inventory = new InMemoryInventoryStore();

    private void relationships(int n) {
        for (int i = 0; i < n; i++) {
            String name = String.format("branch-%03d", i);
            URI a = URI.create("http://127.0.0.1:" + (8000 + 2 * i) + "/");
            Relationship rel = new Relationship(name, name, Backend.KEA, HaMode.HOT_STANDBY, List.of(
                    new PeerDefinition("server1", PeerRole.PRIMARY, a, true),
                    new PeerDefinition("server2", PeerRole.STANDBY, URI.create("http://127.0.0.1:" + (8001 + 2 * i) + "/"),
                            true)), false, HaParameters.NONE);
            inventory.saveServer(new ServerRecord(name, Backend.KEA, ConnectionSettings.of(a), T0), List.of(rel));
            PeerObservation up = new PeerObservation("server1", true, DaemonState.UP, "hot-standby", "primary",
                    List.of(), 0L, true, false, 0L, 0L, null, T0);
            current.put(name, new RelationshipState(rel, new Assessment(RelationshipStatus.OK, "server1", List.of()),
                    Map.of("server1", up), T0, false));
        }
    }

    private BackgroundSynchronizer synchronizer(Duration poll, BackgroundSynchronizer.OutsideChangeDetector reader,
                                                Duration interval) {
        return new BackgroundSynchronizer(new Inventory(inventory, new InMemoryStateStore(), Map.of()),
                Map.of(Backend.KEA, new Replication()), List::of, new InMemoryReplicationStore(), states,
                () -> new Preferences(poll, Duration.ofSeconds(2)), () -> current, reader, interval,
                Clock.fixed(T0, ZoneOffset.UTC));
    }

    @Test void anUnchangedConfigurationIsNotStoredAgainAndAChangedOneIsStoredAndTold() {
        relationships(1);
        String[] config = {"{\"Dhcp4\":{\"valid-lifetime\":3600}}"};
        BackgroundSynchronizer sync = synchronizer(Duration.ofSeconds(10), (r, p) -> Optional.of(config[0]), Duration.ZERO);
        List<String> told = new ArrayList<>();
        sync.addEventListener(e -> told.add(e.reason()));
        for (int i = 0; i < 3; i++) sync.pass();
        assertEquals(1, states.saved.size(), "the first reading only");
        assertEquals(List.of(), told);

        config[0] = "{\"Dhcp4\":{\"valid-lifetime\":7200}}";
        sync.pass();
        sync.pass();
        assertEquals(2, states.saved.size());
        assertEquals(1, told.size(), told.toString());
        assertTrue(told.get(0).contains("changed outside the console"), told.get(0));
    }

    @Test void aPassReadsForAtMostHalfAPollIntervalAndTheNextGoesOnWithThoseReadLongestAgo() {
        relationships(60);
        Set<String> read = new LinkedHashSet<>();
        List<Integer> readPerPass = new ArrayList<>();
        BackgroundSynchronizer sync = synchronizer(Duration.ofMillis(200), (r, p) -> {
            read.add(r.name());
            try {
                Thread.sleep(10); // a config-get
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of("{}");
        }, Duration.ZERO); // every relationship is due again at once: the ones read longest ago go first

        for (int pass = 0; pass < 40 && read.size() < 60; pass++) {
            int before = read.size();
            sync.pass();
            readPerPass.add(read.size() - before);
        }
        assertEquals(60, read.size(), "every relationship read in turn: " + readPerPass);
        // 100 ms of 10 ms reads: about ten a pass, never all sixty at once
        assertTrue(readPerPass.get(0) >= 1 && readPerPass.get(0) <= 15, readPerPass.toString());
        assertTrue(readPerPass.size() >= 4, readPerPass.toString());
    }
}
