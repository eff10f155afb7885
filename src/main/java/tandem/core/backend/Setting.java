package tandem.core.backend;

/**
 * One setting a backend adds to the console's preferences, stored by key beside the console-wide ones.
 *
 * @param key          the stored name, e.g. "kea-control-agent-port"
 * @param label        as the Preferences dialog shows it
 * @param kind         what the value is, which also says how it is checked
 * @param defaultValue the value when none is stored ("" for none)
 * @param hint         one sentence under the field, or null
 */
public record Setting(String key, String label, Kind kind, String defaultValue, String hint) {
    public enum Kind {
        /** A host name or address; blank for the backend's own choice. */
        HOST,
        /** A TCP port, 1 to 65535. */
        PORT,
        /** On or off ("true" or "false"). */
        FLAG
    }
}
