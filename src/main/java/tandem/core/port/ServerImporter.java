package tandem.core.port;

import java.net.URI;
import java.util.Map;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;

/** Reads a server's configuration and finds its relationships; one implementation per backend. */
public interface ServerImporter {
    Backend backend();

    /** "Test connection": a sentence saying what answered (e.g. the version), or the failure. */
    ConnectionCheck check(ConnectionSettings connection);

    ImportResult inspect(String proposedName, ConnectionSettings connection);

    /**
     * As {@link #inspect(String, ConnectionSettings)}, with the control endpoints of peers the configuration does
     * not name (e.g. a Kea 3 peer whose HA URL is a dedicated HA listener), by peer name. Backends whose
     * configuration always names them ignore these.
     */
    default ImportResult inspect(String proposedName, ConnectionSettings connection, Map<String, URI> peerUrls) {
        return inspect(proposedName, connection);
    }

    record ConnectionCheck(boolean ok, String message) {}
}
