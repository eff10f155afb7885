package tandem.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Preferences;
import tandem.core.port.PreferenceStore;

/**
 * Console settings, one row each: the poll interval and timeout in milliseconds, and each backend's own settings under
 * their keys. A missing or unreadable row means the default.
 */
public final class JdbcPreferenceStore implements PreferenceStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcPreferenceStore.class);

    static final String POLL_INTERVAL_MS = "poll-interval-ms";
    static final String TIMEOUT_MS = "timeout-ms";

    private final Database db;

    public JdbcPreferenceStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override public Preferences load() {
        Map<String, String> rows = db.transaction(c -> {
            Map<String, String> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, value_text FROM preference");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        });
        Preferences d = Preferences.defaults();
        // every other row is a backend's own setting, kept under its key (a stored NULL: the backend's default)
        Map<String, String> settings = new LinkedHashMap<>(rows);
        settings.remove(POLL_INTERVAL_MS);
        settings.remove(TIMEOUT_MS);
        return new Preferences(duration(rows, POLL_INTERVAL_MS, d.pollInterval()), duration(rows, TIMEOUT_MS, d.timeout()),
                settings);
    }

    @Override public void save(Preferences p) {
        Objects.requireNonNull(p, "preferences");
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put(POLL_INTERVAL_MS, p.pollInterval() == null ? null : Long.toString(p.pollInterval().toMillis()));
        rows.put(TIMEOUT_MS, p.timeout() == null ? null : Long.toString(p.timeout().toMillis()));
        rows.putAll(p.settings());
        db.transaction(c -> {
            // a setting no longer given goes back to its default
            try (PreparedStatement del = c.prepareStatement("DELETE FROM preference")) {
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(db.dialect().upsert(
                    "preference", List.of("name"), List.of("name", "value_text"), SqlDialect.values(2)))) {
                for (Map.Entry<String, String> e : rows.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, e.getValue());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static Duration duration(Map<String, String> rows, String key, Duration fallback) {
        String v = rows.get(key);
        if (v == null) return fallback;
        try {
            return Duration.ofMillis(Long.parseLong(v.strip()));
        } catch (NumberFormatException e) {
            log.warn("Preference {} has an unreadable value; using the default", key);
            return fallback;
        }
    }

}
