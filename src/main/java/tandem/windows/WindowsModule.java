package tandem.windows;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tandem.core.Backend;
import tandem.core.ConfigCheck;
import tandem.core.Relationship;
import tandem.core.ServerRecord;
import tandem.core.backend.BackendModule;
import tandem.core.backend.Fact;
import tandem.core.backend.StateVocabulary;
import tandem.core.port.ConfigChecker;
import tandem.core.port.PeerProbe;
import tandem.core.port.ServerImporter;

/** Windows Server DHCP failover relationships, through PowerShell over SSH. */
public final class WindowsModule implements BackendModule, AutoCloseable {
    private final WindowsServerImporter importer;
    private final WindowsPeerProbe probe;
    private final WindowsFacts facts = new WindowsFacts();
    private final WindowsPeers peers;
    private final WindowsServers servers;
    private final WindowsFailoverActions actions;
    private final WindowsConfigTableSource configuration;
    private final WindowsLeaseSource leases;

    /**
     * @param knownHosts    the console's SSH known hosts
     * @param servers       the inventory's servers (a partner is reached with its own record's login)
     * @param relationships the inventory's relationships (one already there is not imported again)
     */
    public WindowsModule(Path knownHosts, Supplier<List<ServerRecord>> servers, Supplier<List<Relationship>> relationships,
                         Supplier<Duration> timeout, Clock clock) {
        this.peers = new WindowsPeers(servers);
        this.importer = new WindowsServerImporter(knownHosts, timeout, clock, relationships, peers);
        this.probe = new WindowsPeerProbe(knownHosts, peers, facts, clock);
        this.servers = new WindowsServers(peers, knownHosts, timeout);
        this.actions = new WindowsFailoverActions(this.servers);
        this.configuration = new WindowsConfigTableSource(this.servers, clock);
        this.leases = new WindowsLeaseSource(this.servers);
    }

    @Override public java.util.Optional<tandem.core.lease.LeaseSource> leases() { return java.util.Optional.of(leases); }

    @Override
    public java.util.Optional<tandem.core.config.ConfigTableSource> configuration() {
        return java.util.Optional.of(configuration);
    }

    @Override public tandem.core.backend.FailoverActions actions() { return actions; }

    /** Sessions to the inventory's Windows servers, for the change service. */
    public WindowsServers servers() { return servers; }

    @Override public Backend backend() { return Backend.WINDOWS; }

    @Override public String displayName() { return "Windows Server DHCP"; }

    @Override public ServerImporter importer() { return importer; }

    @Override public PeerProbe probe() { return probe; }

    @Override public StateVocabulary states() { return WindowsStates.VOCABULARY; }

    @Override public List<Fact> facts(Relationship relationship) { return facts.facts(relationship); }

    public WindowsPeers peers() { return peers; }

    public WindowsFacts lastRead() { return facts; }

    @Override
    public ConfigChecker checks() {
        return (rel, state) -> {
            List<ConfigCheck> out = new ArrayList<>();
            Long skew = facts.clockSkewSeconds(rel);
            if (skew != null && skew > WindowsFacts.MAX_CLOCK_SKEW_SECONDS) {
                out.add(ConfigCheck.warning("The partners' clocks are " + skew + " s apart: Windows failover needs them"
                        + " within a minute (leases may expire early, and a relationship cannot be set up)"));
            }
            for (WindowsFacts.Drift drift : facts.drift(rel)) {
                out.add(ConfigCheck.warning(drift.sentence() + ". Only leases replicate on their own: Replicate… the"
                        + " scope from the source of truth (tandem windows replicate --scope " + drift.scopeId() + ")"));
            }
            for (Map.Entry<String, WindowsFacts.Side> e : facts.sides(rel).entrySet()) {
                if (e.getValue().failover() == null) {
                    out.add(ConfigCheck.error(e.getKey() + " has no failover relationship named " + rel.name()
                            + ": it was removed there, or the partner is another server"));
                }
            }
            return out;
        };
    }

    @Override public void close() { probe.close(); }
}
