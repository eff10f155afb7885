package tandem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

class H2PreferenceStoreTest {
    @TempDir Path dir;
    private Database db;
    private H2PreferenceStore store;

    @BeforeEach void open() {
        db = Database.open(dir);
        store = new H2PreferenceStore(db);
    }

    @AfterEach void close() {
        db.close();
    }

    @Test void emptyStoreGivesDefaults() {
        assertEquals(Preferences.defaults(), store.load());
    }

    @Test void roundTrip() {
        Preferences p = new Preferences(Duration.ofMillis(2500), Duration.ofMillis(750), "10.0.0.5", 8080, false);
        store.save(p);
        assertEquals(p, store.load());
        Preferences back = Preferences.defaults();
        store.save(back);
        assertEquals(back, store.load());
    }

    @Test void durationsAreStoredInMilliseconds() {
        store.save(new Preferences(Duration.ofSeconds(15), Duration.ofSeconds(3), null, 8000, true));
        Map<String, String> rows = rows();
        assertEquals("15000", rows.get(H2PreferenceStore.POLL_INTERVAL_MS));
        assertEquals("3000", rows.get(H2PreferenceStore.TIMEOUT_MS));
        assertEquals(null, rows.get(H2PreferenceStore.KEA_CA_HOST));
    }

    @Test void nullHostSurvives() {
        store.save(new Preferences(Duration.ofSeconds(5), Duration.ofSeconds(1), "ca.example", 8001, true));
        Preferences withoutHost = new Preferences(Duration.ofSeconds(5), Duration.ofSeconds(1), null, 8001, true);
        store.save(withoutHost);
        assertEquals(withoutHost, store.load());
    }

    @Test void missingAndUnreadableRowsFallBackToDefaults() {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO preference (name, value_text) VALUES (?, ?), (?, ?), (?, ?)")) {
                ps.setString(1, H2PreferenceStore.POLL_INTERVAL_MS);
                ps.setString(2, "30000");
                ps.setString(3, H2PreferenceStore.KEA_CA_PORT);
                ps.setString(4, "eighty");
                ps.setString(5, H2PreferenceStore.KEA_REPLICATE_CONFIG);
                ps.setString(6, "maybe");
                return ps.executeUpdate();
            }
        });
        Preferences d = Preferences.defaults();
        assertEquals(new Preferences(Duration.ofSeconds(30), d.timeout(), d.keaControlAgentHost(),
                d.keaControlAgentPort(), d.keaReplicateConfig()), store.load());
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
