package tandem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConfigSnapshot;
import tandem.core.ConnectionSettings;
import tandem.core.HaMode;
import tandem.core.PeerDefinition;
import tandem.core.PeerRole;
import tandem.core.Relationship;
import tandem.core.RelationshipStatus;
import tandem.core.ServerRecord;
import tandem.core.StatusEvent;

class JdbcInventoryStoreTest {
    private static final String PASSWORD = "Zq7-very-secret-password-4711";

    @TempDir Path dir;
    Database db;
    JdbcInventoryStore store;
    JdbcStateStore states;

    /** The embedded database in the test's folder; TeamStoresTest runs the same tests on PostgreSQL. */
    Database openDatabase() {
        return Database.open(dir);
    }

    @BeforeEach void open() {
        db = openDatabase();
        store = new JdbcInventoryStore(db, SecretCipher.inDirectory(dir));
        states = new JdbcStateStore(db);
    }

    @AfterEach void close() {
        if (db != null) db.close();
    }

    @Test void serverRoundTrip() {
        ServerRecord server = Samples.server("kea-a", PASSWORD);
        store.saveServer(server, List.of());
        assertEquals(Optional.of(server), store.server("kea-a"));
        assertEquals(List.of(server), store.servers());
        assertEquals(Optional.empty(), store.server("nope"));
        assertEquals(Optional.empty(), store.server(null));

        ServerRecord bare = Samples.bareServer("kea-0");
        store.saveServer(bare, List.of());
        assertEquals(List.of(bare, server), store.servers(), "ordered by name");
        assertNull(store.server("kea-0").orElseThrow().connection().password());
    }

    @Test void aSiteIsKeptWhenTheServerIsSavedAgainWithoutOne() {
        ServerRecord server = Samples.server("kea-a", PASSWORD).withSite("  Branch 0042 ");
        store.saveServer(server, List.of());
        assertEquals("Branch 0042", store.server("kea-a").orElseThrow().site());
        // re-detected or re-added: the importer knows nothing of sites
        store.saveServer(Samples.server("kea-a", PASSWORD), List.of());
        assertEquals("Branch 0042", store.servers().get(0).site());
        assertTrue(store.setSite("kea-a", "Campus North"));
        assertEquals("Campus North", store.server("kea-a").orElseThrow().site());
        assertTrue(store.setSite("kea-a", " "));
        assertNull(store.server("kea-a").orElseThrow().site());
        assertFalse(store.setSite("nosuch", "x"));
        assertThrows(IllegalArgumentException.class, () -> store.setSite("kea-a", "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> store.setSite("kea-a", "x".repeat(256)));
        assertNull(store.server("kea-a").orElseThrow().site());
    }

    @Test void savingAgainUpdatesTheServer() {
        store.saveServer(Samples.server("kea-a", PASSWORD), List.of());
        ServerRecord changed = new ServerRecord("kea-a", Backend.KEA, new ConnectionSettings(
                URI.create("https://127.0.0.1:8443/"), null, null, null, null), Instant.parse("2025-04-01T00:00:00Z"));
        store.saveServer(changed, List.of());
        assertEquals(List.of(changed), store.servers());
    }

    @Test void relationshipsRoundTripInOrder() {
        Relationship r1 = Samples.hotStandby("hs-1", "kea-b");
        Relationship r2 = Samples.loadBalancing("lb-1", "kea-b");
        Relationship r3 = Samples.hotStandby("hs-0", "kea-a");
        Relationship standalone = new Relationship("solo", "kea-b", Backend.KEA, HaMode.STANDALONE, List.of(
                new PeerDefinition("solo", PeerRole.PRIMARY, URI.create("http://127.0.0.1:8020/"), false)),
                false, null);
        store.saveServer(Samples.server("kea-b", PASSWORD), List.of(r1, r2, standalone));
        store.saveServer(Samples.server("kea-a", PASSWORD), List.of(r3));
        assertEquals(List.of(r3, r1, r2, standalone), store.relationships(), "by server, then as configured");
        assertEquals(List.of("z-primary", "a-secondary", "m-backup"),
                store.relationships().get(2).peers().stream().map(PeerDefinition::name).toList());
    }

    @Test void savingReplacesTheRelationshipsAndKeepsStateOfTheSurvivors() {
        Relationship keep = Samples.hotStandby("keep", "kea-a");
        Relationship drop = Samples.loadBalancing("drop", "kea-a");
        store.saveServer(Samples.server("kea-a", PASSWORD), List.of(keep, drop));
        states.saveState(Samples.state(keep, RelationshipStatus.OK, Samples.T0));
        states.saveState(Samples.state(drop, RelationshipStatus.IMPAIRED, Samples.T0));

        Relationship keepChanged = new Relationship("keep", "kea-a", Backend.KEA, HaMode.LOAD_BALANCING,
                List.of(keep.peers().get(1), keep.peers().get(0)), true, null);
        Relationship added = Samples.hotStandby("added", "kea-a");
        store.saveServer(Samples.server("kea-a", PASSWORD), List.of(added, keepChanged));

        assertEquals(List.of(added, keepChanged), store.relationships());
        assertEquals(List.of("keep"), List.copyOf(states.lastKnown().keySet()));
        assertEquals(keepChanged, states.lastKnown().get("keep").relationship(), "joined to the new definition");
    }

    @Test void aFailedSaveChangesNothing() {
        ServerRecord original = Samples.server("kea-a", PASSWORD);
        Relationship r = Samples.hotStandby("hs-1", "kea-a");
        store.saveServer(original, List.of(r));

        ServerRecord changed = new ServerRecord("kea-a", Backend.KEA,
                ConnectionSettings.of(URI.create("http://127.0.0.1:9999/")), Samples.T0);
        Relationship fine = Samples.loadBalancing("lb-new", "kea-a");
        Relationship duplicatePeers = new Relationship("hs-2", "kea-a", Backend.KEA, HaMode.HOT_STANDBY, List.of(
                new PeerDefinition("twin", PeerRole.PRIMARY, URI.create("http://127.0.0.1:8000/"), true),
                new PeerDefinition("twin", PeerRole.STANDBY, URI.create("http://127.0.0.1:8001/"), true)),
                false, null);
        assertThrows(StoreException.class, () -> store.saveServer(changed, List.of(fine, duplicatePeers)));

        assertEquals(List.of(original), store.servers());
        assertEquals(List.of(r), store.relationships());
    }

    @Test void aRelationshipOfAnotherServerIsRefusedWhole() {
        Relationship theirs = Samples.hotStandby("shared-name", "kea-a");
        store.saveServer(Samples.server("kea-a", PASSWORD), List.of(theirs));
        assertThrows(StoreException.class, () -> store.saveServer(Samples.server("kea-b", PASSWORD),
                List.of(Samples.loadBalancing("lb", "kea-b"), Samples.hotStandby("shared-name", "kea-b"))));
        assertEquals(List.of("kea-a"), store.servers().stream().map(ServerRecord::name).toList());
        assertEquals(List.of(theirs), store.relationships());
    }

    @Test void relationshipMustBelongToTheServer() {
        assertThrows(IllegalArgumentException.class, () -> store.saveServer(Samples.server("kea-a", PASSWORD),
                List.of(Samples.hotStandby("x", "kea-other"))));
        assertTrue(store.servers().isEmpty());
    }

    @Test void removeCascadesButKeepsHistory() {
        Relationship a = Samples.hotStandby("hs-a", "kea-a");
        Relationship b = Samples.hotStandby("hs-b", "kea-b");
        store.saveServer(Samples.server("kea-a", PASSWORD), List.of(a));
        store.saveServer(Samples.server("kea-b", PASSWORD), List.of(b));
        states.saveState(Samples.state(a, RelationshipStatus.OK, Samples.T0));
        states.saveState(Samples.state(b, RelationshipStatus.OK, Samples.T0));
        states.appendEvent(new StatusEvent(Samples.T0, "hs-a", null, RelationshipStatus.OK, "first poll"));
        states.saveSnapshot(new ConfigSnapshot("hs-a", "hs-a-server1", "h1", "{}", Samples.T0));

        assertTrue(store.removeServer("kea-a"));
        assertFalse(store.removeServer("kea-a"));
        assertFalse(store.removeServer(null));

        assertEquals(List.of("kea-b"), store.servers().stream().map(ServerRecord::name).toList());
        assertEquals(List.of(b), store.relationships());
        assertEquals(List.of("hs-b"), List.copyOf(states.lastKnown().keySet()));
        assertEquals(0, count("SELECT COUNT(*) FROM peer WHERE relationship_name = 'hs-a'"));
        assertEquals(0, count("SELECT COUNT(*) FROM relationship_state WHERE relationship_name = 'hs-a'"));
        assertEquals(1, states.events(10).size());
        assertTrue(states.latestSnapshot("hs-a", "hs-a-server1").isPresent());
    }

    @Test void passwordIsStoredEncrypted() throws Exception {
        store.saveServer(Samples.server("kea-a", PASSWORD), List.of());
        String stored = db.transaction(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT password_enc FROM server")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertTrue(stored.startsWith("v2:"), stored);
        assertFalse(stored.contains(PASSWORD));
    }

    @Test void passwordNeverReachesTheDatabaseFile() throws Exception {
        store.saveServer(Samples.server("kea-a", PASSWORD), List.of(Samples.hotStandby("hs", "kea-a")));
        store.saveServer(Samples.server("kea-b", PASSWORD), List.of()); // old versions of pages linger in the file
        db.close();
        db = null;

        byte[] file = Files.readAllBytes(dir.resolve("tandem.mv.db"));
        // The scan must be able to see stored text at all, or its silence about the password proves nothing.
        assertTrue(contains(file, "admin-kea-a".getBytes(StandardCharsets.UTF_8)), "the user name is visible");
        assertFalse(contains(file, PASSWORD.getBytes(StandardCharsets.UTF_8)));
        assertFalse(contains(file, PASSWORD.getBytes(StandardCharsets.UTF_16BE)));
        assertFalse(contains(file, PASSWORD.getBytes(StandardCharsets.UTF_16LE)));

        // A copy of the database without secret.key yields the servers but not their passwords.
        Path copy = Files.createDirectories(dir.resolve("copy"));
        try (Stream<Path> files = Files.list(dir)) {
            // the database with its password file, which opens it, but without the key, which opens its secrets
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".mv.db")
                    || p.getFileName().toString().equals("db.password")).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        assertFalse(Files.exists(copy.resolve("secret.key")));
        try (Database other = Database.open(copy)) {
            ServerRecord loaded = new JdbcInventoryStore(other, SecretCipher.inDirectory(copy)).server("kea-a")
                    .orElseThrow();
            assertEquals("admin-kea-a", loaded.connection().username());
            assertNull(loaded.connection().password());
        }
        try (Database again = Database.open(dir)) {
            assertEquals(PASSWORD, new JdbcInventoryStore(again, SecretCipher.inDirectory(dir)).server("kea-a")
                    .orElseThrow().connection().password(), "the original folder still has its key");
        }
    }

    private int count(String sql) {
        return db.transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}
