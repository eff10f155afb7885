package tandem.core.desktop;

import java.util.Map;

/**
 * This desktop's own console settings (appearance, window size and place, divider and column widths): small
 * key/value pairs kept beside the data folder's store, private to the user, never shared with a team.
 */
public interface DesktopSettings {
    /** What was saved; empty when nothing was or it could not be read. */
    Map<String, String> load();

    /** Replaces what was saved; a failure is logged by the implementation, never thrown at the window. */
    void save(Map<String, String> values);

    /** Kept in memory only: for a console without a data folder, and for tests. */
    static DesktopSettings inMemory() {
        return new DesktopSettings() {
            private volatile Map<String, String> values = Map.of();

            @Override public Map<String, String> load() { return values; }

            @Override public void save(Map<String, String> v) { values = Map.copyOf(v); }
        };
    }
}
