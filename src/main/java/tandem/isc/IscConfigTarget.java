package tandem.isc;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import tandem.ssh.HostKeyPrompt;

/**
 * A configuration the console edits: where it is read from and how a change is written (validated, backed up,
 * restarted). The dialogs work against this, whatever the transport.
 */
public interface IscConfigTarget {
    /** For titles and messages, e.g. "admin@dhcp1:/etc/dhcp/dhcpd.conf". */
    String name();

    DhcpdConfig load() throws IOException, ConfSyntaxException;

    SafeWrite.Result apply(DhcpdConfig before, ConfigChange change) throws IOException;

    /**
     * Puts the server into partner-down for a failover peer (it then serves the whole pool). Only for a partner that
     * is really down: if both serve, they can give one address to two clients.
     */
    default FailoverStatus setPartnerDown(String failoverPeer) throws IOException {
        throw new IOException("partner-down is not available for " + name());
    }

    /** The server's failover state for a peer, as OMAPI reports it. */
    default FailoverStatus failoverStatus(String failoverPeer) throws IOException {
        throw new IOException("the failover state is not available for " + name());
    }

    /** Each file's text as it is now, "" for a missing one: how a journaled write is settled. */
    default Map<String, String> readFiles(Collection<String> paths) throws IOException {
        throw new IOException("the files of " + name() + " cannot be read");
    }

    /**
     * An ISC server: each call logs in over SSH, does its work and logs out. Writes are not journaled here: the
     * console and the command line reach servers through {@link IscChangeService}.
     *
     * @param owner    this process as another writer is told it while it holds the server's lock
     * @param lockWait how long a write waits for another writer's lock on the server
     */
    static IscConfigTarget overSsh(IscServerSettings settings, java.nio.file.Path knownHosts, Clock clock, String owner,
                                   Duration lockWait) {
        Duration timeout = Duration.ofSeconds(30);
        return new IscConfigTarget() {
            @Override public String name() { return settings.ssh().target() + ":" + settings.configPath(); }

            private SshConnection open() throws IOException {
                return SshConnection.open(settings.ssh(), knownHosts, HostKeyPrompt.REFUSE, timeout);
            }

            @Override public DhcpdConfig load() throws IOException, ConfSyntaxException {
                try (SshConnection c = open()) {
                    return SafeWrite.read(c, settings.configPath());
                }
            }

            @Override public SafeWrite.Result apply(DhcpdConfig before, ConfigChange change) throws IOException {
                try (SshConnection c = open()) {
                    return new SafeWrite(c, settings.validateCommand(), settings.restartCommand(), clock, owner, lockWait)
                            .apply(before, change);
                }
            }

            @Override public Map<String, String> readFiles(Collection<String> paths) throws IOException {
                try (SshConnection c = open()) {
                    return IscConfigTarget.readFiles(c, paths);
                }
            }

            @Override public FailoverStatus failoverStatus(String failoverPeer) throws IOException {
                try (SshConnection c = open()) {
                    return OmapiFailoverClient.forServer(c, settings).read(failoverPeer);
                }
            }

            @Override public FailoverStatus setPartnerDown(String failoverPeer) throws IOException {
                try (SshConnection c = open()) {
                    return OmapiFailoverClient.forServer(c, settings).setPartnerDown(failoverPeer);
                }
            }
        };
    }

    /** A configuration reached through a {@link Shell} (SSH to a server, or this machine), written with {@link SafeWrite}. */
    static IscConfigTarget of(Shell shell, String configPath, String validateCommand, String restartCommand, Clock clock) {
        return of(shell, configPath, validateCommand, restartCommand, clock, "tandem", SafeWrite.LOCK_WAIT);
    }

    /** The same, naming this process to other writers as {@code owner} and waiting {@code lockWait} for them. */
    static IscConfigTarget of(Shell shell, String configPath, String validateCommand, String restartCommand, Clock clock,
                              String owner, Duration lockWait) {
        SafeWrite writer = new SafeWrite(shell, validateCommand, restartCommand, clock, owner, lockWait);
        return new IscConfigTarget() {
            @Override public String name() { return shell.where() + ":" + configPath; }

            @Override public DhcpdConfig load() throws IOException, ConfSyntaxException { return SafeWrite.read(shell, configPath); }

            @Override public SafeWrite.Result apply(DhcpdConfig before, ConfigChange change) throws IOException {
                return writer.apply(before, change);
            }

            @Override public Map<String, String> readFiles(Collection<String> paths) throws IOException {
                return IscConfigTarget.readFiles(shell, paths);
            }
        };
    }

    private static Map<String, String> readFiles(Shell shell, Collection<String> paths) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : paths) {
            try {
                out.put(p, shell.readFile(p));
            } catch (java.nio.file.NoSuchFileException missing) {
                out.put(p, "");
            }
        }
        return out;
    }
}
