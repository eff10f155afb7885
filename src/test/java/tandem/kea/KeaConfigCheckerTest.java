package tandem.kea;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConfigCheck;
import tandem.core.ConfigSnapshot;
import tandem.core.ConnectionSettings;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.ImportResult;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.PeerRole;
import tandem.core.Relationship;
import tandem.core.ServerRecord;
import tandem.core.port.ServerImporter;
import tandem.store.Database;
import tandem.store.JdbcInventoryStore;
import tandem.store.JdbcStateStore;
import tandem.store.SecretCipher;

/** The HA checks look at the stored configuration of every peer, not only the one the relationship was added through. */
class KeaConfigCheckerTest {
    @TempDir Path dir;
    private Database db;
    private JdbcStateStore states;
    private Inventory inventory;

    static final Relationship PAIR = new Relationship("server1", "server1", Backend.KEA, HaMode.LOAD_BALANCING,
            List.of(new PeerDefinition("server1", PeerRole.PRIMARY, URI.create("http://127.0.0.1:8001/"), true),
                    new PeerDefinition("server2", PeerRole.SECONDARY, URI.create("http://127.0.0.1:8002/"), true)),
            false, HaParameters.NONE);

    @BeforeEach
    void setUp() {
        db = Database.open(dir);
        states = new JdbcStateStore(db);
        ServerImporter importer = new ServerImporter() {
            public Backend backend() { return Backend.KEA; }
            public ConnectionCheck check(ConnectionSettings c) { return new ConnectionCheck(true, "ok"); }
            public ImportResult inspect(String name, ConnectionSettings c) {
                return new ImportResult.Accepted(new ServerRecord("server1", Backend.KEA, c, null), List.of(PAIR),
                        List.of(), List.of());
            }
        };
        inventory = new Inventory(new JdbcInventoryStore(db, SecretCipher.inDirectory(dir)), states, Map.of(Backend.KEA, importer));
        inventory.add(Backend.KEA, null, ConnectionSettings.of(URI.create("http://127.0.0.1:8001/")));
    }

    @AfterEach
    void tearDown() { db.close(); }

    private static String config(String self, boolean leaseCmds) {
        return "{\"Dhcp4\":{\"hooks-libraries\":["
                + (leaseCmds ? "{\"library\":\"/usr/lib/kea/hooks/libdhcp_lease_cmds.so\"}," : "")
                + "{\"library\":\"/usr/lib/kea/hooks/libdhcp_ha.so\",\"parameters\":{\"high-availability\":[{"
                + "\"this-server-name\":\"" + self + "\",\"mode\":\"load-balancing\",\"max-unacked-clients\":0,"
                + "\"peers\":[{\"name\":\"server1\",\"url\":\"http://127.0.0.1:8001/\",\"role\":\"primary\"},"
                + "{\"name\":\"server2\",\"url\":\"http://127.0.0.1:8002/\",\"role\":\"secondary\"}]}]}}]}}";
    }

    private void snapshot(String peer, String json) {
        states.saveSnapshot(new ConfigSnapshot("server1", peer, Integer.toHexString(json.hashCode()), json,
                Instant.parse("2026-11-22T08:00:00Z")));
    }

    @Test
    void aFindingOnThePartnerIsShownAndOneTheyShareIsShownOnce() {
        snapshot("server1", config("server1", true));
        KeaConfigChecker onlyPrimary = new KeaConfigChecker(states, () -> inventory, Clock.fixed(Instant.parse("2026-11-22T08:01:00Z"), ZoneOffset.UTC));
        List<String> before = onlyPrimary.checks(PAIR, null).stream().map(ConfigCheck::sentence).toList();
        assertEquals(1, before.stream().filter(s -> s.startsWith("max-unacked-clients is 0")).count(), before.toString());
        assertTrue(before.stream().noneMatch(s -> s.contains("lease_cmds")), before.toString());

        snapshot("server2", config("server2", false));
        KeaConfigChecker both = new KeaConfigChecker(states, () -> inventory, Clock.fixed(Instant.parse("2026-11-22T08:02:00Z"), ZoneOffset.UTC));
        List<String> after = both.checks(PAIR, null).stream().map(ConfigCheck::sentence).toList();
        assertTrue(after.stream().anyMatch(s -> s.startsWith("server2 does not load libdhcp_lease_cmds.so")), after.toString());
        assertEquals(1, after.stream().filter(s -> s.startsWith("max-unacked-clients is 0")).count(), "shared finding once: " + after);
    }

    @Test
    void anUnchangedSnapshotIsNotReadAgainAndAChangedOneIs() throws Exception {
        snapshot("server1", config("server1", true));
        snapshot("server2", config("server2", false));
        Instant[] now = {Instant.parse("2026-11-22T08:01:00Z")};
        Clock moving = new Clock() {
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId zone) { return this; }
            public Instant instant() { return now[0]; }
        };
        KeaConfigChecker checker = new KeaConfigChecker(states, () -> inventory, moving);
        List<ConfigCheck> first = checker.checks(PAIR, null);
        assertTrue(first.stream().anyMatch(c -> c.sentence().startsWith("server2 does not load")), first.toString());
        // the stored configurations become unreadable but keep their hashes: only a full read would notice
        try (var c = db.connection(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE config_snapshot SET json = 'v1:unreadable'");
        }
        now[0] = now[0].plus(KeaConfigChecker.RECHECK).plusSeconds(1);
        assertEquals(first, checker.checks(PAIR, null), "checked again from the hashes alone");

        snapshot("server2", config("server2", true));
        now[0] = now[0].plus(KeaConfigChecker.RECHECK).plusSeconds(1);
        List<String> changed = checker.checks(PAIR, null).stream().map(ConfigCheck::sentence).toList();
        assertTrue(changed.stream().noneMatch(s -> s.startsWith("server2 does not load")), "a new snapshot is read: " + changed);
    }
}
