package tandem.isc;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import tandem.core.Backend;
import tandem.core.backend.BackendModule;
import tandem.core.backend.StateVocabulary;
import tandem.core.port.PeerProbe;
import tandem.core.port.ServerImporter;

/** ISC DHCP (dhcpd) failover peers, through SSH and OMAPI. */
public final class IscModule implements BackendModule, AutoCloseable {
    private final IscServerImporter importer;
    private final IscPeerProbe probe;
    private final IscLeaseSource leases;

    /** @param knownHosts the console's SSH known hosts */
    public IscModule(Path knownHosts, Supplier<Duration> timeout, Clock clock) {
        this(knownHosts, timeout, clock, null);
    }

    /** @param inventory the console's inventory, for reading leases from each partner; null: no lease reading */
    public IscModule(Path knownHosts, Supplier<Duration> timeout, Clock clock, Supplier<tandem.core.Inventory> inventory) {
        this.importer = new IscServerImporter(knownHosts, timeout, clock);
        this.probe = new IscPeerProbe(knownHosts, clock);
        this.leases = inventory == null ? null : new IscLeaseSource(inventory, IscLeaseSource.ssh(knownHosts));
    }

    @Override public java.util.Optional<tandem.core.lease.LeaseSource> leases() { return java.util.Optional.ofNullable(leases); }

    @Override public Backend backend() { return Backend.ISC; }

    @Override public String displayName() { return "ISC DHCP (dhcpd)"; }

    @Override public ServerImporter importer() { return importer; }

    @Override public PeerProbe probe() { return probe; }

    @Override public StateVocabulary states() { return IscStates.VOCABULARY; }

    @Override public void close() { probe.close(); }
}
