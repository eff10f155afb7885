package tandem.core;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tandem.core.port.InventoryStore;
import tandem.core.port.ServerImporter;
import tandem.core.port.StateStore;

/** Adding, listing and removing servers; the relationships come from each server's configuration. */
public final class Inventory {
    private final InventoryStore store;
    private final StateStore states;
    private final Map<Backend, ServerImporter> importers;
    /** A team member adds or removes servers only with administer-dhcp-servers (alone: always). */
    private volatile tandem.core.access.AccessPolicy access = tandem.core.access.AccessPolicy.EVERYTHING;
    /** Changes made through this inventory, edits in place included: what the store's fingerprint may not show. */
    private final java.util.concurrent.atomic.AtomicLong edits = new java.util.concurrent.atomic.AtomicLong();

    public Inventory(InventoryStore store, StateStore states, Map<Backend, ServerImporter> importers) {
        this.store = store;
        this.states = states;
        this.importers = Map.copyOf(importers);
    }

    /** Checks every addition and removal against the signed-in member's grants from now on. */
    public void guardedBy(tandem.core.access.AccessPolicy policy) { this.access = policy; }

    private void mayAdministerServer(String serverName) {
        access.check(List.of(new tandem.core.access.Need(tandem.core.access.Permission.ADMINISTER_DHCP_SERVERS,
                serverName, null)));
    }

    public ServerImporter importer(Backend backend) {
        ServerImporter importer = importers.get(backend);
        if (importer == null) throw new IllegalArgumentException("No support for " + backend.wire() + " servers yet");
        return importer;
    }

    /**
     * Reads the server's configuration and, when it may be added, stores it with its relationships.
     *
     * @throws tandem.core.access.PermissionDenied before the server is contacted, for a member without
     *                                             administer-dhcp-servers
     */
    public ImportResult add(Backend backend, String proposedName, ConnectionSettings connection) {
        return add(backend, proposedName, connection, Map.of());
    }

    /** @param peerUrls control endpoints of peers the server's configuration does not name, by peer name */
    public ImportResult add(Backend backend, String proposedName, ConnectionSettings connection,
                            Map<String, java.net.URI> peerUrls) {
        return add(backend, proposedName, connection, peerUrls, null);
    }

    /**
     * @param site where the server stands, stored with it (null: none)
     * @throws IllegalArgumentException before the server is contacted, when the site is not a usable name
     *                                  ({@link ServerRecord#normalSite})
     */
    public ImportResult add(Backend backend, String proposedName, ConnectionSettings connection,
                            Map<String, java.net.URI> peerUrls, String site) {
        String normalSite = ServerRecord.normalSite(site);
        mayAdministerServer(null);
        if (proposedName != null && !proposedName.isBlank() && store.server(proposedName.strip()).isPresent()) {
            return new ImportResult.Refused("A server named " + proposedName.strip() + " is already in the inventory", "name");
        }
        ImportResult result = importer(backend).inspect(proposedName == null ? null : proposedName.strip(), connection,
                peerUrls);
        if (!(result instanceof ImportResult.Accepted accepted)) return result;
        if (store.server(accepted.server().name()).isPresent()) {
            return new ImportResult.Refused("A server named " + accepted.server().name()
                    + " is already in the inventory; give this one another name", "name");
        }
        Set<String> taken = new HashSet<>();
        for (Relationship r : store.relationships()) taken.add(r.name());
        for (Relationship r : accepted.relationships()) {
            if (taken.contains(r.name())) {
                return new ImportResult.Refused("The relationship " + r.name()
                        + " is already in the inventory (added through another server)", null);
            }
        }
        if (normalSite != null) {
            accepted = new ImportResult.Accepted(accepted.server().withSite(normalSite), accepted.relationships(),
                    accepted.snapshots(), accepted.notes());
        }
        store.saveServer(accepted.server(), accepted.relationships());
        edits.incrementAndGet();
        accepted.snapshots().forEach(states::saveSnapshot);
        return accepted;
    }

    /** @throws tandem.core.access.PermissionDenied for a member without administer-dhcp-servers on it */
    public boolean remove(String serverName) {
        mayAdministerServer(serverName);
        boolean removed = store.removeServer(serverName);
        edits.incrementAndGet();
        return removed;
    }

    /**
     * Reads the server's configuration again and detects its relationships anew, as after a reconnection: peers
     * may have been added, removed or given other roles meanwhile. Returns a sentence when something changed and
     * was stored, empty when nothing changed or the server cannot be read now.
     */
    public Optional<String> redetect(String serverName) {
        Optional<ServerRecord> server = store.server(serverName);
        if (server.isEmpty()) return Optional.empty();
        List<Relationship> before = store.relationships().stream().filter(r -> r.serverName().equals(serverName)).toList();
        // control endpoints given when the server was added, for peers its configuration does not name
        Map<String, java.net.URI> known = new java.util.HashMap<>();
        before.forEach(r -> r.peers().forEach(p -> known.putIfAbsent(p.name(), p.url())));
        ImportResult result = importer(server.get().backend()).inspect(serverName, server.get().connection(), known);
        if (!(result instanceof ImportResult.Accepted accepted)) return Optional.empty();
        if (before.equals(accepted.relationships())) return Optional.empty();
        store.saveServer(server.get(), accepted.relationships());
        edits.incrementAndGet();
        return Optional.of("The configuration of " + serverName + " was read again after reconnecting: its "
                + "relationships are now " + String.join(", ", accepted.relationships().stream()
                .map(r -> r.name() + " (" + r.modeName() + ": " + String.join(", ", r.peers().stream()
                        .map(p -> p.name() + " " + p.role().wire()).toList()) + ")").toList()));
    }

    /**
     * Servers that became one relationship, or one relationship that became servers again: the records named in
     * {@code removed} give way to {@code added} (read from the servers just before). The console then shows what the
     * servers' configurations now say.
     */
    public void replace(List<String> removed, List<ImportResult.Accepted> added) {
        for (String name : removed) store.removeServer(name);
        for (ImportResult.Accepted a : added) {
            store.saveServer(a.server(), a.relationships());
            a.snapshots().forEach(states::saveSnapshot);
        }
        edits.incrementAndGet();
    }

    public List<ServerRecord> servers() { return store.servers(); }

    /**
     * Sets or clears where a server stands; it changes no server, only the inventory.
     *
     * @return false when there is no such server
     * @throws tandem.core.access.PermissionDenied for a member without administer-dhcp-servers on it
     */
    public boolean setSite(String serverName, String site) {
        mayAdministerServer(serverName);
        return store.setSite(serverName, site);
    }

    /**
     * Changes when servers or relationships were added, removed or detected anew through this inventory, or added or
     * removed in the store by another process; null when the store cannot tell. Cheap: for a reader that keeps the
     * lists between reads (the poller, every cycle).
     */
    public String fingerprint() {
        String stored = store.fingerprint();
        return stored == null ? null : edits.get() + "@" + stored;
    }

    public Optional<ServerRecord> server(String name) { return store.server(name); }

    public List<Relationship> relationships() { return store.relationships(); }

    /**
     * The console reaches every peer with the settings of the server the relationship was added through, except
     * for the credentials of an https server, which a plain-http peer does not get
     * ({@link ConnectionSettings#forPeer}).
     */
    public Optional<ConnectionSettings> connectionFor(Relationship relationship, PeerDefinition peer) {
        return store.server(relationship.serverName()).map(s -> s.connection().forPeer(peer.url()));
    }
}
