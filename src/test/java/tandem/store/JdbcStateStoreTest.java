package tandem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.ConfigSnapshot;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.core.StatusEvent;

class JdbcStateStoreTest {
    @TempDir Path dir;
    private Database db;
    private JdbcInventoryStore inventory;
    private JdbcStateStore store;

    /** The embedded database in the test's folder; TeamStoresTest runs the same tests on PostgreSQL. */
    Database openDatabase() {
        return Database.open(dir);
    }

    @BeforeEach void open() {
        db = openDatabase();
        inventory = new JdbcInventoryStore(db, SecretCipher.inDirectory(dir));
        store = new JdbcStateStore(db);
    }

    @AfterEach void close() {
        db.close();
    }

    @Test void lastKnownRoundTripsMarkedStale() {
        Relationship hs = Samples.hotStandby("hs", "kea-a");
        Relationship lb = Samples.loadBalancing("lb", "kea-a");
        inventory.saveServer(Samples.server("kea-a", "pw"), List.of(lb, hs));
        RelationshipState impaired = Samples.state(hs, RelationshipStatus.IMPAIRED, Samples.T0);
        RelationshipState ok = Samples.state(lb, RelationshipStatus.OK, Samples.T0.plusSeconds(5));
        store.saveState(impaired);
        store.saveState(ok);

        Map<String, RelationshipState> known = store.lastKnown();
        assertEquals(List.of("lb", "hs"), List.copyOf(known.keySet()), "inventory order");
        assertEquals(impaired.asStale(), known.get("hs"));
        assertEquals(ok.asStale(), known.get("lb"));
        assertTrue(known.get("hs").stale());
        assertEquals(Samples.T0, known.get("hs").peers().get("hs-server1").observedAt(), "microseconds survive");
    }

    @Test void saveStateReplacesThePreviousOne() {
        Relationship hs = Samples.hotStandby("hs", "kea-a");
        inventory.saveServer(Samples.server("kea-a", "pw"), List.of(hs));
        store.saveState(Samples.state(hs, RelationshipStatus.IMPAIRED, Samples.T0));
        RelationshipState later = Samples.state(hs, RelationshipStatus.OK, Samples.T0.plusSeconds(10));
        store.saveState(later);
        assertEquals(Map.of("hs", later.asStale()), store.lastKnown());
    }

    @Test void stateOfAnUnknownRelationshipIsDropped() {
        store.saveState(Samples.state(Samples.hotStandby("gone", "kea-x"), RelationshipStatus.OK, Samples.T0));
        assertTrue(store.lastKnown().isEmpty());
    }

    @Test void statesOfRemovedRelationshipsAreNotReturned() {
        Relationship hs = Samples.hotStandby("hs", "kea-a");
        inventory.saveServer(Samples.server("kea-a", "pw"), List.of(hs));
        store.saveState(Samples.state(hs, RelationshipStatus.OK, Samples.T0));
        inventory.saveServer(Samples.server("kea-a", "pw"), List.of());
        assertTrue(store.lastKnown().isEmpty());
        inventory.saveServer(Samples.server("kea-a", "pw"), List.of(hs));
        assertTrue(store.lastKnown().isEmpty(), "a relationship added again starts without a state");
    }

    @Test void eventsNewestFirst() {
        StatusEvent first = new StatusEvent(Samples.T0, "hs", null, RelationshipStatus.OK, "first poll");
        StatusEvent second = new StatusEvent(Samples.T0.plusSeconds(60), "hs", RelationshipStatus.OK,
                RelationshipStatus.IMPAIRED, "Partner unreachable");
        StatusEvent third = new StatusEvent(Samples.T0.plusSeconds(120), "lb", null, RelationshipStatus.SERVICE_DOWN,
                null);
        StatusEvent sameInstant = new StatusEvent(Samples.T0.plusSeconds(120), "hs", RelationshipStatus.IMPAIRED,
                RelationshipStatus.OK, "recovered");
        store.appendEvent(second);
        store.appendEvent(first);
        store.appendEvent(third);
        store.appendEvent(sameInstant);
        assertEquals(List.of(sameInstant, third, second, first), store.events(10));
        assertEquals(List.of(sameInstant, third), store.events(2));
        assertEquals(List.of(), store.events(0));
    }

    @Test void historyOfOneRelationshipStartsWithItsStatusBeforeTheWindow() {
        java.time.Instant since = Samples.T0.plusSeconds(3600);
        store.appendEvents(List.of(
                new StatusEvent(Samples.T0, "hs", null, RelationshipStatus.OK, "first poll"),
                new StatusEvent(Samples.T0.plusSeconds(60), "hs", RelationshipStatus.OK, RelationshipStatus.IMPAIRED, "a"),
                new StatusEvent(Samples.T0.plusSeconds(90), "other", null, RelationshipStatus.OK, "b"),
                new StatusEvent(since.plusSeconds(5), "hs", RelationshipStatus.IMPAIRED, RelationshipStatus.OK, "c"),
                new StatusEvent(since.plusSeconds(7), "other", RelationshipStatus.OK, RelationshipStatus.IMPAIRED, "d"),
                new StatusEvent(since.plusSeconds(9), "hs", RelationshipStatus.OK, RelationshipStatus.UNREACHABLE, "e")));
        List<String> reasons = store.history("hs", since).stream().map(StatusEvent::reason).toList();
        assertEquals(List.of("a", "c", "e"), reasons, "the last event before the window, then the window's, oldest first");
        tandem.core.port.StateStore plain = new tandem.core.port.StateStore() {
            @Override public void saveStates(List<RelationshipState> s) {}
            @Override public Map<String, RelationshipState> lastKnown() { return Map.of(); }
            @Override public void appendEvents(List<StatusEvent> e) {}
            @Override public List<StatusEvent> events(int limit) { return store.events(limit); }
            @Override public void saveSnapshot(ConfigSnapshot c) {}
            @Override public java.util.Optional<ConfigSnapshot> latestSnapshot(String r, String p) {
                return java.util.Optional.empty();
            }
        };
        assertEquals(reasons, plain.history("hs", since).stream().map(StatusEvent::reason).toList(),
                "the port's default agrees");
        assertTrue(store.history("nobody", since).isEmpty());
    }

    @Test void eventsOfRemovedServersRemain() {
        inventory.saveServer(Samples.server("kea-a", "pw"), List.of(Samples.hotStandby("hs", "kea-a")));
        store.appendEvent(new StatusEvent(Samples.T0, "hs", null, RelationshipStatus.OK, "first"));
        inventory.removeServer("kea-a");
        assertEquals(1, store.events(5).size());
    }

    @Test void latestSnapshotIsTheNewestTaken() {
        ConfigSnapshot older = new ConfigSnapshot("hs", "p1", "h-old", "{\"Dhcp4\":{}}", Samples.T0);
        ConfigSnapshot newer = new ConfigSnapshot("hs", "p1", "h-new", "{\"Dhcp4\":{\"x\":1}}",
                Samples.T0.plusSeconds(30));
        ConfigSnapshot otherPeer = new ConfigSnapshot("hs", "p2", "h-p2", "{}", Samples.T0.plusSeconds(99));
        store.saveSnapshot(newer);
        store.saveSnapshot(older); // written later, taken earlier
        store.saveSnapshot(otherPeer);
        assertEquals(newer, store.latestSnapshot("hs", "p1").orElseThrow());
        assertEquals(otherPeer, store.latestSnapshot("hs", "p2").orElseThrow());
        assertTrue(store.latestSnapshot("hs", "p3").isEmpty());
        assertTrue(store.latestSnapshot(null, "p1").isEmpty());
    }

    @Test void largeSnapshotsRoundTrip() {
        StringBuilder json = new StringBuilder("{\"reservations\":[");
        for (int i = 0; i < 50_000; i++) json.append(i == 0 ? "" : ",").append("{\"hw-address\":\"").append(i).append("\"}");
        json.append("]}");
        ConfigSnapshot big = new ConfigSnapshot("hs", "p1", "h", json.toString(), Samples.T0);
        store.saveSnapshot(big);
        assertEquals(big, store.latestSnapshot("hs", "p1").orElseThrow());
    }

    @Test void onlyTheNewestSnapshotsAreKept() {
        int total = JdbcStateStore.SNAPSHOTS_KEPT + 7;
        for (int i = 0; i < total; i++) {
            store.saveSnapshot(new ConfigSnapshot("hs", "p1", "h" + i, "{}", Samples.T0.plusSeconds(i)));
        }
        store.saveSnapshot(new ConfigSnapshot("hs", "p2", "other", "{}", Samples.T0));
        List<String> kept = db.transaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT hash FROM config_snapshot WHERE relationship = 'hs' AND peer = 'p1' ORDER BY taken_at");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
        List<String> expected = new ArrayList<>();
        for (int i = total - JdbcStateStore.SNAPSHOTS_KEPT; i < total; i++) expected.add("h" + i);
        assertEquals(expected, kept);
        assertEquals("other", store.latestSnapshot("hs", "p2").orElseThrow().hash());
    }

    @Test void unreadableStateRowIsSkipped() {
        Relationship hs = Samples.hotStandby("hs", "kea-a");
        Relationship lb = Samples.loadBalancing("lb", "kea-a");
        inventory.saveServer(Samples.server("kea-a", "pw"), List.of(hs, lb));
        store.saveState(Samples.state(hs, RelationshipStatus.OK, Samples.T0));
        store.saveState(Samples.state(lb, RelationshipStatus.OK, Samples.T0));
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE relationship_state SET peers = 'not json' WHERE relationship_name = 'lb'")) {
                return ps.executeUpdate();
            }
        });
        assertEquals(List.of("hs"), List.copyOf(store.lastKnown().keySet()));
    }

    @Test void observedAtMayBeUnknown() {
        Relationship hs = Samples.hotStandby("hs", "kea-a");
        inventory.saveServer(Samples.server("kea-a", "pw"), List.of(hs));
        RelationshipState s = Samples.state(hs, RelationshipStatus.UNREACHABLE, Samples.T0);
        store.saveState(new RelationshipState(hs, s.assessment(), Map.of(), null, false));
        RelationshipState back = store.lastKnown().get("hs");
        assertNull(back.observedAt());
        assertEquals(Map.of(), back.peers());
        assertEquals(Instant.class, Samples.T0.getClass());
    }
}
