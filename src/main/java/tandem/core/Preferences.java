package tandem.core;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Console-wide settings: how often and how patiently servers are polled, and each backend's own settings by key
 * (see {@link tandem.core.backend.Setting}); a setting that is absent takes its backend's default.
 */
public record Preferences(Duration pollInterval, Duration timeout, Map<String, String> settings) {
    public static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(1);

    public Preferences {
        Map<String, String> copy = new LinkedHashMap<>();
        if (settings != null) settings.forEach((k, v) -> { if (v != null) copy.put(k, v); });
        settings = Collections.unmodifiableMap(copy);
    }

    public Preferences(Duration pollInterval, Duration timeout) {
        this(pollInterval, timeout, Map.of());
    }

    public static Preferences defaults() {
        return new Preferences(Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    /** A backend setting's stored value, or null when it takes its default. */
    public String setting(String key) {
        return settings.get(key);
    }

    /** The same preferences with one setting changed (null: back to its default). */
    public Preferences with(String key, String value) {
        Map<String, String> next = new LinkedHashMap<>(settings);
        if (value == null) next.remove(key);
        else next.put(key, value);
        return new Preferences(pollInterval, timeout, next);
    }

    /** Where a relationship's muted desktop notifications are remembered, one setting per relationship. */
    static final String MUTED_PREFIX = "notifications.muted.";

    /** Whether the console keeps quiet about the relationship's status changes. */
    public boolean muted(String relationship) {
        return "true".equals(settings.get(MUTED_PREFIX + relationship));
    }

    /** The relationships whose notifications are muted. */
    public java.util.Set<String> mutedRelationships() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        settings.forEach((k, v) -> {
            if (k.startsWith(MUTED_PREFIX) && "true".equals(v)) out.add(k.substring(MUTED_PREFIX.length()));
        });
        return out;
    }

    /** The same preferences with the relationship's notifications muted or not. */
    public Preferences withMuted(String relationship, boolean muted) {
        return with(MUTED_PREFIX + relationship, muted ? "true" : null);
    }

    /** Returns a list of problems, one sentence per bad field, empty when valid. */
    public List<String> problems() {
        var out = new java.util.ArrayList<String>();
        if (pollInterval == null || pollInterval.compareTo(MIN_POLL_INTERVAL) < 0) out.add("Poll interval must be at least 1 s");
        if (timeout == null || timeout.isZero() || timeout.isNegative()) out.add("Timeout must be positive");
        else if (pollInterval != null && timeout.compareTo(pollInterval) > 0) out.add("Timeout must not exceed the poll interval");
        return out;
    }
}
