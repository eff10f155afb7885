package tandem.core.config;

import java.io.IOException;
import tandem.core.Relationship;

/**
 * How a backend reads a relationship's configuration for the console's tables. It talks to a server, so it is
 * called in the background, never on the FX thread.
 */
public interface ConfigTableSource {
    /** Reads the tables from a server of the relationship that answers; fails when none does. */
    ConfigTables read(Relationship relationship) throws IOException;
}
