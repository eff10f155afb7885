package tandem.core;

import java.time.Duration;

/**
 * Console-wide settings.
 *
 * @param keaControlAgentHost host used for a new Kea server's Control Agent; null means the server's own address
 * @param keaControlAgentPort port used for a new Kea server's Control Agent
 * @param keaReplicateConfig  whether configuration changes are mirrored to the other servers of a relationship
 */
public record Preferences(Duration pollInterval, Duration timeout, String keaControlAgentHost, int keaControlAgentPort,
                         boolean keaReplicateConfig) {
    public static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(1);

    public static Preferences defaults() {
        return new Preferences(Duration.ofSeconds(10), Duration.ofSeconds(2), null, 8000, true);
    }

    /** Returns a list of problems, one sentence per bad field, empty when valid. */
    public java.util.List<String> problems() {
        var out = new java.util.ArrayList<String>();
        if (pollInterval == null || pollInterval.compareTo(MIN_POLL_INTERVAL) < 0) out.add("Poll interval must be at least 1 s");
        if (timeout == null || timeout.isZero() || timeout.isNegative()) out.add("Timeout must be positive");
        else if (pollInterval != null && timeout.compareTo(pollInterval) > 0) out.add("Timeout must not exceed the poll interval");
        if (keaControlAgentPort < 1 || keaControlAgentPort > 65535) out.add("Control Agent port must be between 1 and 65535");
        return out;
    }
}
