package tandem.windows;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.HaMode;
import tandem.core.ImportResult;
import tandem.core.PeerDefinition;
import tandem.core.PeerRole;
import tandem.core.Relationship;
import tandem.core.ServerRecord;
import tandem.core.port.ServerImporter;
import tandem.ssh.HostKeyPrompt;
import tandem.ssh.SshTarget;

/**
 * Adds a Windows DHCP server: logs in over SSH, checks PowerShell, the DhcpServer module, the DHCP Server service and
 * the right to read failover, and makes a relationship of each failover relationship the server has. The server
 * added is the relationship's primary (its source of truth); its partner is reached with its own inventory record
 * when it has one, else with this server's login at the partner's name. A relationship already in the inventory
 * (added through its partner) is left as it is: this server is then that relationship's partner.
 */
public final class WindowsServerImporter implements ServerImporter {
    private final Path knownHosts;
    private final Supplier<Duration> timeout;
    private final Clock clock;
    private final Supplier<List<Relationship>> known;
    private final WindowsPeers peers;

    public WindowsServerImporter(Path knownHosts, Supplier<Duration> timeout, Clock clock,
                                 Supplier<List<Relationship>> known, WindowsPeers peers) {
        this.knownHosts = knownHosts;
        this.timeout = timeout;
        this.clock = clock;
        this.known = known;
        this.peers = peers;
    }

    @Override public Backend backend() { return Backend.WINDOWS; }

    @Override
    public ConnectionCheck check(ConnectionSettings connection) {
        List<String> seen = new ArrayList<>();
        try (WindowsSession s = open(connection, seen)) {
            WindowsReads.Readiness r = WindowsReads.readiness(s);
            if (r.dhcpModules() == 0) return new ConnectionCheck(false, "PowerShell answers, but the DhcpServer module is not installed");
            return new ConnectionCheck(true, "PowerShell " + r.powershell() + ", DhcpServer module, DHCP Server service "
                    + r.service().toLowerCase(Locale.ROOT) + ", DHCP server version " + r.version() + ", "
                    + r.failovers() + " failover relationship" + (r.failovers() == 1 ? "" : "s") + " readable");
        } catch (tandem.windows.ps.PsFailure e) {
            return new ConnectionCheck(false, e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            return new ConnectionCheck(false, e.getMessage() + seenHint(seen));
        }
    }

    @Override
    public ImportResult inspect(String proposedName, ConnectionSettings connection) {
        WindowsServerSettings settings;
        try {
            settings = WindowsServerSettings.fromConnection(connection);
        } catch (IllegalArgumentException e) {
            return new ImportResult.Refused(e.getMessage(), "url");
        }
        List<String> seen = new ArrayList<>();
        WindowsReads.ServerState state;
        try (WindowsSession s = open(connection, seen)) {
            state = WindowsReads.state(s);
        } catch (tandem.windows.ps.PsFailure e) {
            return new ImportResult.Refused(e.getMessage(), null);
        } catch (IOException e) {
            return new ImportResult.Refused(e.getMessage() + seenHint(seen), "url");
        }
        if (!state.running()) {
            return new ImportResult.Refused("The DHCP Server service is " + state.service().toLowerCase(Locale.ROOT)
                    + " on " + settings.ssh().target() + ": start it to read its failover relationships", null);
        }
        String name = proposedName != null && !proposedName.isBlank() ? proposedName : settings.ssh().target().host();
        String hostKey = WindowsServerSettings.hostKey(connection.url());
        ConnectionSettings stored = settings.toConnection(hostKey, null);
        ServerRecord server = new ServerRecord(name, Backend.WINDOWS, stored, clock.instant());
        List<Relationship> rels = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (WinFailover f : state.failovers()) {
            // known through its partner: this server is its partner there (its own are read anew)
            Optional<Relationship> already = known.get().stream().filter(r -> r.name().equalsIgnoreCase(f.name())
                    && !r.serverName().equalsIgnoreCase(name)).findFirst();
            if (already.isPresent()) {
                notes.add(f.name() + " is already in the inventory through " + already.get().serverName() + "; "
                        + name + " is its partner there");
                continue;
            }
            rels.add(relationship(name, stored, settings, f, notes));
        }
        if (state.failovers().isEmpty()) {
            rels.add(new Relationship(name, name, Backend.WINDOWS, HaMode.STANDALONE, List.of(new PeerDefinition(name,
                    PeerRole.PRIMARY, stored.url(), false)), false, null));
            notes.add(name + " has no failover relationship; added as a standalone server");
        }
        return new ImportResult.Accepted(server, rels, List.of(), notes);
    }

    private Relationship relationship(String name, ConnectionSettings stored, WindowsServerSettings settings,
                                      WinFailover f, List<String> notes) {
        boolean hotStandby = f.failoverMode() == FailoverMode.HOT_STANDBY;
        PeerDefinition self = new PeerDefinition(name, PeerRole.PRIMARY, WindowsServerSettings.peerUrl(stored.url(), f.name()), true);
        String partnerName = f.partner().isBlank() ? "partner" : f.partner();
        URI partnerUrl;
        Optional<ServerRecord> partnerRecord = peers.record(partnerName);
        if (partnerRecord.isPresent()) {
            partnerName = partnerRecord.get().name();
            partnerUrl = WindowsServerSettings.peerUrl(partnerRecord.get().connection().url(), f.name());
        } else {
            SshTarget t = settings.ssh().target();
            partnerUrl = WindowsServerSettings.of(new SshTarget(t.user(), partnerName, t.port()), null, settings.ssh().jump())
                    .toConnection(null, f.name()).url();
            notes.add("The partner " + partnerName + " of " + f.name() + " is reached with the login of " + name
                    + " until it is added itself (tandem server add windows --ssh USER@HOST --name " + partnerName + ")");
        }
        PeerDefinition partner = new PeerDefinition(partnerName, hotStandby ? PeerRole.STANDBY : PeerRole.SECONDARY, partnerUrl, true);
        return new Relationship(f.name(), name, Backend.WINDOWS, hotStandby ? HaMode.HOT_STANDBY : HaMode.LOAD_BALANCING,
                List.of(self, partner), false, null);
    }

    private WindowsSession open(ConnectionSettings connection, List<String> seen) throws IOException {
        WindowsServerSettings s = WindowsServerSettings.fromConnection(connection);
        return WindowsSession.open(s.ssh().target().host(), connection, knownHosts,
                HostKeyPrompt.pinned(WindowsServerSettings.hostKey(connection.url()), seen), loginTimeout());
    }

    private static String seenHint(List<String> seen) {
        if (seen.isEmpty()) return "";
        String fp = seen.get(0).substring(seen.get(0).lastIndexOf(' ') + 1);
        return " (" + seen.get(0) + "; if that is the server's key, accept it: --accept-host-key " + fp + ")";
    }

    private Duration loginTimeout() {
        Duration t = timeout.get();
        return t.compareTo(WindowsPeerProbe.MIN_BUDGET) < 0 ? WindowsPeerProbe.MIN_BUDGET : t;
    }
}
