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
