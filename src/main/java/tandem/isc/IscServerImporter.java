package tandem.isc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

/**
 * Adds an ISC dhcpd server: logs in over SSH, reads its dhcpd.conf, and makes a relationship of each failover peer
 * it declares, with the server itself and its partner (as the server sees it through OMAPI). A host not yet in
 * known hosts is trusted only when its fingerprint is the one pinned in the connection URL.
 */
public final class IscServerImporter implements ServerImporter {
    private final Path knownHosts;
    private final Supplier<Duration> timeout;
    private final Clock clock;

    public IscServerImporter(Path knownHosts, Supplier<Duration> timeout, Clock clock) {
        this.knownHosts = knownHosts;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override public Backend backend() { return Backend.ISC; }

    @Override
    public ConnectionCheck check(ConnectionSettings connection) {
        IscServerSettings s;
        try {
            s = IscServerSettings.fromConnection(connection);
        } catch (IllegalArgumentException e) {
            return new ConnectionCheck(false, e.getMessage());
        }
        List<String> seen = new ArrayList<>();
        try (SshConnection c = SshConnection.open(s.ssh(), knownHosts, HostKeyPrompt.pinned(IscServerSettings.hostKey(connection.url()), seen), sshTimeout())) {
            Shell.ExecResult v = c.exec("dhcpd --version 2>&1 || /usr/sbin/dhcpd --version 2>&1");
            return new ConnectionCheck(true, "Logged in to " + s.ssh().target() + (v.output().isBlank() ? "" : ": " + v.output().lines().findFirst().orElse("")));
        } catch (IOException e) {
            return new ConnectionCheck(false, e.getMessage() + (seen.isEmpty() ? "" : " (" + seen.get(0) + ")"));
        }
    }

    @Override
    public ImportResult inspect(String proposedName, ConnectionSettings connection) {
        IscServerSettings s;
        try {
            s = IscServerSettings.fromConnection(connection);
        } catch (IllegalArgumentException e) {
            return new ImportResult.Refused(e.getMessage(), "url");
        }
        List<String> seen = new ArrayList<>();
        DhcpdConfig config;
        try (SshConnection c = SshConnection.open(s.ssh(), knownHosts, HostKeyPrompt.pinned(IscServerSettings.hostKey(connection.url()), seen), sshTimeout())) {
            config = SafeWrite.read(c, s.configPath());
        } catch (ConfSyntaxException e) {
            return new ImportResult.Refused("The configuration cannot be read: " + e.getMessage(), null);
        } catch (IOException e) {
            String hint = seen.isEmpty() ? "" : " " + seen.get(0) + "; if that is the server's key, accept it (--accept-host-key "
                    + seen.get(0).substring(seen.get(0).lastIndexOf(' ') + 1) + ")";
            return new ImportResult.Refused(e.getMessage() + hint, "url");
        }
        String name = proposedName != null && !proposedName.isBlank() ? proposedName : s.ssh().target().host();
        ServerRecord server = new ServerRecord(name, Backend.ISC, s.toConnection(IscServerSettings.hostKey(connection.url()), null), clock.instant());
        List<Relationship> rels = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (PeerDeclaration d : config.peers()) {
            FailoverPeer p = d.peer();
            PeerRole own = p.role() == FailoverRole.SECONDARY ? PeerRole.SECONDARY : PeerRole.PRIMARY;
            PeerRole other = own == PeerRole.PRIMARY ? PeerRole.SECONDARY : PeerRole.PRIMARY;
            PeerDefinition self = new PeerDefinition(name, own, s.toConnection(null, "peer=" + p.name()).url(), true);
            PeerDefinition partner = new PeerDefinition(p.peerAddress() == null ? "partner" : p.peerAddress(), other,
                    s.toConnection(null, "partner=" + p.name()).url(), true);
            List<PeerDefinition> peers = own == PeerRole.PRIMARY ? List.of(self, partner) : List.of(partner, self);
            HaMode mode = p.split() != null && (p.split() == 0 || p.split() == 256) ? HaMode.HOT_STANDBY : HaMode.LOAD_BALANCING;
            rels.add(new Relationship(name + "/" + p.name(), name, Backend.ISC, mode, peers, false, null));
            if (p.role() == null) notes.add("Failover peer \"" + p.name() + "\" has no role (primary or secondary)");
        }
        if (rels.isEmpty()) {
            rels.add(new Relationship(name, name, Backend.ISC, HaMode.STANDALONE,
                    List.of(new PeerDefinition(name, PeerRole.PRIMARY, s.toConnection(null, null).url(), false)), false, null));
            notes.add("No failover peer is declared in " + s.configPath() + "; added as a standalone server");
        }
        config.check().stream().filter(p -> p.severity() == ConfProblem.Severity.ERROR).limit(5)
                .forEach(p -> notes.add("Configuration problem: " + p));
        return new ImportResult.Accepted(server, rels, List.of(), notes);
    }

    private Duration sshTimeout() {
        Duration t = timeout.get();
        // an SSH login takes several round trips; the poll timeout is for one request
        return t.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : t;
    }
}
