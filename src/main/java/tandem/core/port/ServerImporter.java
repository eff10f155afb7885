package tandem.core.port;

import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;

/** Reads a server's configuration and finds its relationships; one implementation per backend. */
public interface ServerImporter {
    Backend backend();

    /** "Test connection": a sentence saying what answered (e.g. the version), or the failure. */
    ConnectionCheck check(ConnectionSettings connection);

    ImportResult inspect(String proposedName, ConnectionSettings connection);

    record ConnectionCheck(boolean ok, String message) {}
}
