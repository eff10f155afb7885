package tandem.isc;

import java.io.IOException;
import java.time.Clock;

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

    /** An inventory ISC server: each call logs in over SSH, does its work and logs out. */
    static IscConfigTarget overSsh(IscServerSettings settings, java.nio.file.Path knownHosts, Clock clock) {
        java.time.Duration timeout = java.time.Duration.ofSeconds(30);
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
                    return SafeWrite.forServer(c, settings, clock).apply(before, change);
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
        SafeWrite writer = new SafeWrite(shell, validateCommand, restartCommand, clock);
        return new IscConfigTarget() {
            @Override public String name() { return shell.where() + ":" + configPath; }

            @Override public DhcpdConfig load() throws IOException, ConfSyntaxException { return SafeWrite.read(shell, configPath); }

            @Override public SafeWrite.Result apply(DhcpdConfig before, ConfigChange change) throws IOException {
                return writer.apply(before, change);
            }
        };
    }
}
