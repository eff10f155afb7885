package tandem.core;

import java.util.Objects;

/**
 * One finding of the HA configuration checks, for the details pane and {@code tandem status}.
 *
 * @param sentence what is wrong and what it leads to, for an administrator
 * @param kind     which check this is, for other tools (e.g. "lease-consistency"), or null for a configuration check
 * @param facts    the check's figures for other tools (names to text or numbers), empty when it has none
 */
public record ConfigCheck(Severity severity, String sentence, String kind, java.util.Map<String, Object> facts) {
    public enum Severity {
        WARNING, ERROR;

        public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public ConfigCheck {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(sentence, "sentence");
        facts = facts == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
    }

    public ConfigCheck(Severity severity, String sentence) { this(severity, sentence, null, null); }

    public static ConfigCheck warning(String sentence) { return new ConfigCheck(Severity.WARNING, sentence); }

    public static ConfigCheck error(String sentence) { return new ConfigCheck(Severity.ERROR, sentence); }
}
