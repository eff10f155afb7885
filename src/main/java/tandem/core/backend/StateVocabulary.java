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
}
