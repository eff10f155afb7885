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

    /**
     * Sets or clears (null) where a server stands. Saving a server with a site sets it too; saving one without
     * keeps the site it had.
     *
     * @return false when there is no such server
     * @throws IllegalArgumentException when the site is not a usable name ({@link ServerRecord#normalSite})
     */
    boolean setSite(String serverName, String site);

    List<ServerRecord> servers();

    Optional<ServerRecord> server(String name);

    List<Relationship> relationships();

    /**
     * A cheap summary that changes when servers, relationships or peers are added or removed, so that a reader can
     * keep what it read until then; null when this store cannot tell (read everything every time). Edits in place
     * that keep the counts need not change it.
     */
    default String fingerprint() { return null; }
}
