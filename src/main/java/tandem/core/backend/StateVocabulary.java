package tandem.core.backend;

/**
 * What a backend's HA or failover state names mean to the status rules: which are a healthy relationship's, and in
 * which a server may be the source of truth. Kea says "load-balancing", dhcpd "normal", Windows "Normal".
 */
public interface StateVocabulary {
    /** A state of a healthy relationship. */
    boolean isNormal(String state);

    /** A server in this state is authoritative for the configuration (not restarting, syncing or in maintenance). */
    boolean isActive(String state);

    /** What a state means beyond its name, for a reason shown to the administrator (null: nothing to add). */
    default String meaning(String state) { return null; }

    /**
     * A server in this state hands the source of truth over at once, although its daemon answers: it stopped
     * serving on purpose (maintenance), unlike a server restarting its state machine after a configuration change.
     */
    default boolean handsOver(String state) { return false; }
}
