package tandem.core;

import java.util.Objects;

/**
 * One finding of the HA configuration checks, for the details pane and {@code tandem status}.
 *
 * @param sentence what is wrong and what it leads to, for an administrator
 */
public record ConfigCheck(Severity severity, String sentence) {
    public enum Severity {
        WARNING, ERROR;

        public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public ConfigCheck {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(sentence, "sentence");
    }

    public static ConfigCheck warning(String sentence) { return new ConfigCheck(Severity.WARNING, sentence); }

    public static ConfigCheck error(String sentence) { return new ConfigCheck(Severity.ERROR, sentence); }
}
