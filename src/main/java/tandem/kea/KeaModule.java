package tandem.kea;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import tandem.core.Backend;
import tandem.core.Inventory;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.backend.ReplicationStatus;
import tandem.core.backend.Setting;
import java.util.List;
import tandem.core.backend.BackendModule;
import tandem.core.backend.FailoverActions;
import tandem.core.backend.StateVocabulary;
import tandem.core.port.ConfigChecker;
import tandem.core.port.PeerProbe;
import tandem.core.port.ServerImporter;
import tandem.core.port.StateStore;

/**
 * ISC Kea with High Availability, through its Control Agents. The status poll travels over a non-blocking transport
 * of its own ({@link KeaAsyncHttp}: no thread per agent being polled); every other command (imports, changes, HA
 * actions, leases, configuration tables) over the console's {@link KeaControlAgentClient}.
 */
public final class KeaModule implements BackendModule, AutoCloseable {
    private final KeaServerImporter importer;
    private final KeaAsyncHttp pollTransport;
    private final KeaPeerProbe probe;
    private final KeaHaActions actions;
    private final KeaConfigChecker checks;
    private final KeaLeaseSource leases;
    private final KeaConfigTables tables;

    /**
     * @param inventory   the console's inventory (built after the importers it is given, hence a supplier)
     * @param pollTimeout the preferences' timeout for one status request
     */
    public KeaModule(KeaControlAgentClient client, Supplier<Inventory> inventory, StateStore states,
                     Supplier<Duration> pollTimeout, Clock clock) {
        this.importer = new KeaServerImporter(client, pollTimeout, clock);
        this.pollTransport = new KeaAsyncHttp(client);
        this.probe = new KeaPeerProbe(pollTransport::sendAsync, clock);
        this.actions = new KeaHaActions(client, inventory, pollTimeout);
        this.checks = new KeaConfigChecker(states, inventory, clock);
        // a page of 1000 leases takes longer than a status answer
        this.leases = new KeaLeaseSource(client, inventory, () -> Duration.ofSeconds(Math.max(10, pollTimeout.get().toSeconds())));
        this.tables = new KeaConfigTables(client, inventory, clock);
    }

    /** Stops the poll's transport; the client given is the caller's to close. */
    @Override
    public void close() {
        pollTransport.close();
    }

    @Override public Backend backend() { return Backend.KEA; }

    @Override public String displayName() { return "Kea DHCP"; }

    @Override public ServerImporter importer() { return importer; }

    @Override public PeerProbe probe() { return probe; }

    @Override public StateVocabulary states() { return KeaStates.VOCABULARY; }

    @Override public FailoverActions actions() { return actions; }

    @Override public ConfigChecker checks() { return checks; }

    @Override public java.util.Optional<tandem.core.lease.LeaseSource> leases() { return java.util.Optional.of(leases); }
    @Override public java.util.Optional<tandem.core.config.ConfigTableSource> configuration() {
        return java.util.Optional.of(tables);
    }

    @Override public List<Setting> settings() { return KeaSettings.SETTINGS; }

    @Override public ReplicationStatus replication(Relationship relationship, Preferences preferences) {
        return KeaSettings.replication(relationship, preferences);
    }
}
