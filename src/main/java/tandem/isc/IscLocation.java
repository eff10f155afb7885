package tandem.isc;

import java.nio.file.Path;
import java.util.Objects;
import tandem.core.change.ProcessId;
import tandem.ssh.SshSettings;

/**
 * Where a dhcpd.conf is and how a write to it is checked and finished: what the journal keeps of an ISC change so
 * that it can be settled and undone later, from another process.
 *
 * @param server     the inventory ISC server it belongs to, or null
 * @param ssh        the login to the server, or null for a file on this machine; the password is kept in memory only
 * @param knownHosts the known hosts a login checks against, or null for the data folder's
 */
public record IscLocation(String server, SshSettings ssh, String configPath, String validateCommand,
                          String restartCommand, Path knownHosts) {
    public IscLocation {
        Objects.requireNonNull(configPath, "configPath");
    }

    /** A file on this machine. */
    public static IscLocation local(String configPath, String validateCommand, String restartCommand) {
        return new IscLocation(null, null, configPath, validateCommand, restartCommand, null);
    }

    /** An inventory server, as its settings say. */
    public static IscLocation ofServer(String name, IscServerSettings s) {
        return new IscLocation(name, s.ssh(), s.configPath(), s.validateCommand(), s.restartCommand(), null);
    }

    public IscLocation withServer(String name) {
        return new IscLocation(name, ssh, configPath, validateCommand, restartCommand, knownHosts);
    }

    /** The host the file is on: the SSH host, or this machine's name. */
    public String host() {
        return ssh == null ? ProcessId.current().host() : ssh.target().host();
    }

    /** What the journal and the audit file the change under: the server's name, else where the file is. */
    public String name() {
        if (server != null) return server;
        return (ssh == null ? "this machine" : ssh.target().toString()) + ":" + configPath;
    }

    /** The lock every process on the data folder takes before writing this file. */
    public String fileLock() {
        return "isc-file:" + host() + ":" + configPath;
    }
}
