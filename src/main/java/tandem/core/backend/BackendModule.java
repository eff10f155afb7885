package tandem.core.backend;

import java.util.List;
import tandem.core.Backend;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.port.ConfigChecker;
import tandem.core.port.PeerProbe;
import tandem.core.port.ServerImporter;

/**
 * Everything one kind of DHCP server brings to the console: how a server is imported and probed, what its states
 * mean, its HA or failover actions and its configuration checks. Each backend's package implements it; the
 * composition root registers each one once ({@link Backends}), and the rest of the console asks the registry.
 */
public interface BackendModule {
    Backend backend();

    /** As a person reads it, e.g. "Kea DHCP". */
    String displayName();

    ServerImporter importer();

    PeerProbe probe();

    StateVocabulary states();

    default FailoverActions actions() { return FailoverActions.NONE; }

    default ConfigChecker checks() { return (relationship, state) -> List.of(); }

    /** Its own preferences, shown in the Preferences dialog. */
    default List<Setting> settings() { return List.of(); }

    /**
     * The relationship's settings as last read from its servers (Windows: mode, MCLT, percentages, switchover,
     * authentication, scopes), for the details pane; empty when the backend has nothing beyond the relationship.
     * Must not block: backends answer from what their last poll read.
     */
    default List<Fact> facts(Relationship relationship) { return List.of(); }

    /** How the relationship's subnets, pools, reservations and options are read for the console's tables. */
    default java.util.Optional<tandem.core.config.ConfigTableSource> configuration() {
        return java.util.Optional.empty();
    }

    /**
     * How each partner's leases (and host reservations) are read, for the Leases tab, finding a client and the lease
     * consistency check; empty when the backend cannot read them.
     */
    default java.util.Optional<tandem.core.lease.LeaseSource> leases() { return java.util.Optional.empty(); }

    /** Whether the console mirrors configuration changes to the relationship's other servers, and why not. */
    default ReplicationStatus replication(Relationship relationship, Preferences preferences) {
        return ReplicationStatus.NOT_BY_THE_CONSOLE;
    }
}
