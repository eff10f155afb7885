package tandem.core;

/**
 * The HA timers of a relationship, in milliseconds as Kea states them; null where the configuration leaves the
 * default. Kept for the configuration checks and the details pane.
 */
public record HaParameters(Long heartbeatDelayMs, Long maxResponseDelayMs, Long maxAckDelayMs, Long maxUnackedClients) {
    public static final HaParameters NONE = new HaParameters(null, null, null, null);
}
