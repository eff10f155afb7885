package tandem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Preferences;

class JdbcPreferenceStoreTest {
    @TempDir Path dir;
    private Database db;
    private JdbcPreferenceStore store;

    /** The embedded database in the test's folder; TeamStoresTest runs the same tests on PostgreSQL. */
    Database openDatabase() {
        return Database.open(dir);
    }

    @BeforeEach void open() {
        db = openDatabase();
        store = new JdbcPreferenceStore(db);
    }

    @AfterEach void close() {
        db.close();
    }

    @Test void emptyStoreGivesDefaults() {
        assertEquals(Preferences.defaults(), store.load());
    }

    @Test void roundTrip() {
        Preferences p = tandem.kea.KeaSettings.preferences(Duration.ofMillis(2500), Duration.ofMillis(750), "10.0.0.5", 8080, false);
        store.save(p);
        assertEquals(p, store.load());
        Preferences back = Preferences.defaults();
        store.save(back);
        assertEquals(back, store.load());
    }

    @Test void mutedNotificationsAreRememberedPerRelationship() {
        Preferences p = Preferences.defaults().withMuted("dhcp-east", true).withMuted("branch, north", true);
        store.save(p);
        Preferences loaded = store.load();
        assertTrue(loaded.muted("dhcp-east"));
        assertTrue(loaded.muted("branch, north"));
        assertFalse(loaded.muted("dhcp-west"));
        assertEquals(java.util.Set.of("dhcp-east", "branch, north"), loaded.mutedRelationships());
        store.save(loaded.withMuted("dhcp-east", false));
        assertEquals(java.util.Set.of("branch, north"), store.load().mutedRelationships(), "unmuted: gone from the store");
    }

    @Test void durationsAreStoredInMilliseconds() {
        store.save(tandem.kea.KeaSettings.preferences(Duration.ofSeconds(15), Duration.ofSeconds(3), null, 8000, true));
        Map<String, String> rows = rows();
        assertEquals("15000", rows.get(JdbcPreferenceStore.POLL_INTERVAL_MS));
        assertEquals("3000", rows.get(JdbcPreferenceStore.TIMEOUT_MS));
        assertEquals(null, rows.get("kea-control-agent-host"));
    }

    @Test void nullHostSurvives() {
        store.save(tandem.kea.KeaSettings.preferences(Duration.ofSeconds(5), Duration.ofSeconds(1), "ca.example", 8001, true));
        Preferences withoutHost = tandem.kea.KeaSettings.preferences(Duration.ofSeconds(5), Duration.ofSeconds(1), null, 8001, true);
        store.save(withoutHost);
        assertEquals(withoutHost, store.load());
    }

    @Test void missingAndUnreadableRowsFallBackToDefaults() {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO preference (name, value_text) VALUES (?, ?), (?, ?), (?, ?)")) {
                ps.setString(1, JdbcPreferenceStore.POLL_INTERVAL_MS);
                ps.setString(2, "30000");
                ps.setString(3, "kea-control-agent-port");
                ps.setString(4, "eighty");
                ps.setString(5, "kea-replicate-config");
                ps.setString(6, "maybe");
                return ps.executeUpdate();
            }
        });
        Preferences d = Preferences.defaults();
        Preferences loaded = store.load();
        assertEquals(Duration.ofSeconds(30), loaded.pollInterval());
        assertEquals(d.timeout(), loaded.timeout());
        // Kea reads what it cannot use as its defaults
        assertEquals(new tandem.kea.KeaSettings(null, 8000, true), tandem.kea.KeaSettings.of(loaded));
    }

    private Map<String, String> rows() {
        return db.transaction(c -> {
            Map<String, String> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, value_text FROM preference");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        });
    }
}
