package tandem.poll;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.ImportResult;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.PeerRole;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.ServerRecord;
import tandem.core.port.InventoryStore;
import tandem.core.port.ServerImporter;
import tandem.store.Database;
import tandem.store.JdbcInventoryStore;
import tandem.store.JdbcStateStore;
import tandem.store.SecretCipher;

/**
 * The poller keeps the inventory it read between cycles, and still sees at its next cycle a server another process
 * (the command line, a team member) added or removed in the same database.
 */
class StatusPollerInventoryTest {
    @TempDir Path dir;
    private Database db;
    private JdbcStateStore states;
    private CountingStore counted;
    private Inventory mine;
    /** Another process's inventory on the same database. */
    private Inventory theirs;
    private final StatusPollerTest.MutableClock clock = new StatusPollerTest.MutableClock(Instant.parse("2026-11-22T02:00:00Z"));
    private final StatusPollerTest.ScriptedProbe probe = new StatusPollerTest.ScriptedProbe();
    private final Preferences prefs = tandem.kea.KeaSettings.preferences(Duration.ofSeconds(10), Duration.ofSeconds(1), null, 8000, true);

    @BeforeEach
    void setUp() {
        db = Database.open(dir);
        states = new JdbcStateStore(db);
        JdbcInventoryStore store = new JdbcInventoryStore(db, SecretCipher.inDirectory(dir));
        counted = new CountingStore(store);
        Map<Backend, ServerImporter> importers = Map.of(Backend.KEA, new PairImporter());
        mine = new Inventory(counted, states, importers);
        theirs = new Inventory(new JdbcInventoryStore(db, SecretCipher.inDirectory(dir)), states, importers);
        mine.add(Backend.KEA, "east", ConnectionSettings.of(URI.create("http://127.0.0.1:1/")));
        for (String p : List.of("east-1", "east-2", "west-1", "west-2")) probe.set(p, "load-balancing");
    }

    @AfterEach
    void tearDown() { db.close(); }

    @Test
    void cyclesReuseTheInventoryUntilAnotherProcessAddsOrRemovesAServer() {
        try (StatusPoller poller = new StatusPoller(mine, states, probe, () -> prefs, clock)) {
            poller.pollOnce();
            int reads = counted.reads.get();
            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofSeconds(10));
                poller.pollOnce();
            }
            assertEquals(reads, counted.reads.get(), "unchanged: the inventory is not read again");

            theirs.add(Backend.KEA, "west", ConnectionSettings.of(URI.create("http://127.0.0.2:1/")));
            clock.advance(Duration.ofSeconds(10));
            poller.pollOnce();
            assertEquals(List.of("east", "west"), List.copyOf(poller.states().keySet()), "added elsewhere: polled now");
            assertTrue(poller.states().get("west").peers().get("west-1").reachable());

            assertTrue(theirs.remove("east"));
            clock.advance(Duration.ofSeconds(10));
            poller.pollOnce();
            assertEquals(List.of("west"), List.copyOf(poller.states().keySet()), "removed elsewhere: gone now");

            reads = counted.reads.get();
            poller.inventoryChanged();
            assertTrue(counted.reads.get() > reads, "told of a change: read again");
        }
    }

    /** Each server holds one load-balancing pair named after it. */
    private static final class PairImporter implements ServerImporter {
        public Backend backend() { return Backend.KEA; }

        public ConnectionCheck check(ConnectionSettings c) { return new ConnectionCheck(true, "ok"); }

        public ImportResult inspect(String name, ConnectionSettings c) {
            Relationship r = new Relationship(name, name, Backend.KEA, HaMode.LOAD_BALANCING,
                    List.of(new PeerDefinition(name + "-1", PeerRole.PRIMARY, URI.create(c.url() + "p1/"), true),
                            new PeerDefinition(name + "-2", PeerRole.SECONDARY, URI.create(c.url() + "p2/"), true)),
                    false, HaParameters.NONE);
            return new ImportResult.Accepted(new ServerRecord(name, Backend.KEA, c, null), List.of(r), List.of(), List.of());
        }
    }

    /** Counts full reads of the servers and relationships. */
    private static final class CountingStore implements InventoryStore {
        final AtomicInteger reads = new AtomicInteger();
        private final InventoryStore store;

        CountingStore(InventoryStore store) { this.store = store; }

        @Override public void saveServer(ServerRecord server, List<Relationship> relationships) { store.saveServer(server, relationships); }

        @Override public boolean removeServer(String name) { return store.removeServer(name); }

        @Override public boolean setSite(String name, String site) { return store.setSite(name, site); }

        @Override public List<ServerRecord> servers() {
            reads.incrementAndGet();
            return store.servers();
        }

        @Override public Optional<ServerRecord> server(String name) { return store.server(name); }

        @Override public List<Relationship> relationships() {
            reads.incrementAndGet();
            return store.relationships();
        }

        @Override public String fingerprint() { return store.fingerprint(); }
    }
}
