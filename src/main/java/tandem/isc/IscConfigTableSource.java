package tandem.isc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import tandem.core.Backend;
import tandem.core.Relationship;
import tandem.core.ServerRecord;
import tandem.core.config.ConfigTableSource;
import tandem.core.config.ConfigTables;

/**
 * Reads the dhcpd.conf of the server a relationship came through (and every file it includes) over SSH, as the
 * change path reads it, and shows it as the console's tables ({@link IscTables}).
 */
public final class IscConfigTableSource implements ConfigTableSource {
    private final Supplier<List<ServerRecord>> servers;
    private final Path knownHosts;
    private final Clock clock;

    /** @param servers the inventory's servers, read at each call */
    public IscConfigTableSource(Supplier<List<ServerRecord>> servers, Path knownHosts, Clock clock) {
        this.servers = servers;
        this.knownHosts = knownHosts;
        this.clock = clock;
    }

    @Override
    public ConfigTables read(Relationship relationship) throws IOException {
        ServerRecord record = servers.get().stream()
                .filter(s -> s.backend() == Backend.ISC && s.name().equals(relationship.serverName())).findFirst()
                .orElseThrow(() -> new IOException("There is no ISC server named " + relationship.serverName()
                        + " in the inventory"));
        IscServerSettings settings;
        try {
            settings = IscServerSettings.fromConnection(record.connection());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        // reading takes no lock: a write in progress is all-or-nothing, so either version is whole
        IscConfigTarget target = IscConfigTarget.overSsh(settings, knownHosts, clock, "tandem", SafeWrite.LOCK_WAIT);
        return read(relationship.name(), record.name(), target);
    }

    /** The tables of any configuration target (a server over SSH, or this machine). */
    public ConfigTables read(String relationship, String server, IscConfigTarget target) throws IOException {
        try {
            return IscTables.of(target.load(), relationship, server, clock.instant());
        } catch (ConfSyntaxException e) {
            throw new IOException("dhcpd.conf of " + server + " cannot be read: " + e.getMessage(), e);
        }
    }
}
