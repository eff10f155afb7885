package tandem.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tandem.core.Relationship;
import tandem.core.ServerRecord;
import tandem.core.port.InventoryStore;

/** The inventory in a map, for UI tests that need no database. */
public final class InMemoryInventoryStore implements InventoryStore {
    private final Map<String, ServerRecord> servers = new LinkedHashMap<>();
    private final Map<String, List<Relationship>> relationships = new LinkedHashMap<>();

    @Override public synchronized void saveServer(ServerRecord server, List<Relationship> rels) {
        ServerRecord before = servers.get(server.name());
        // like the database: saved without a site, a server keeps the one it had
        servers.put(server.name(), server.site() == null && before != null ? server.withSite(before.site()) : server);
        relationships.put(server.name(), List.copyOf(rels));
    }

    @Override public synchronized boolean removeServer(String name) {
        relationships.remove(name);
        return servers.remove(name) != null;
    }

    @Override public synchronized boolean setSite(String name, String site) {
        ServerRecord s = servers.get(name);
        if (s == null) return false;
        servers.put(name, s.withSite(site));
        return true;
    }

    @Override public synchronized List<ServerRecord> servers() { return List.copyOf(servers.values()); }

    @Override public synchronized Optional<ServerRecord> server(String name) { return Optional.ofNullable(servers.get(name)); }

    @Override public synchronized List<Relationship> relationships() {
        List<Relationship> out = new ArrayList<>();
        relationships.values().forEach(out::addAll);
        return out;
    }
}
