package tandem.core.port;

import java.util.List;
import java.util.Optional;
import tandem.core.Relationship;
import tandem.core.ServerRecord;

/** The servers the administrator added and the relationships detected through them. */
public interface InventoryStore {
    /** Saves a server and replaces its relationships, all or nothing. */
    void saveServer(ServerRecord server, List<Relationship> relationships);

    /** Removes a server with its relationships and their last-known state; the event history stays. */
    boolean removeServer(String name);

    List<ServerRecord> servers();

    Optional<ServerRecord> server(String name);

    List<Relationship> relationships();
}
