package tandem.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A failover relationship as imported from its primary, or a standalone server (mode STANDALONE, one PRIMARY peer).
 *
 * @param name            unique name shown in the tree and used by the command line
 * @param serverName      the inventory record it was imported through
 * @param sharedConfig    the servers share their configuration through a configuration backend, so it is never
 *                        replicated by the console
 * @param service         the DHCP service it provides (one relationship per service type); DHCPv4 unless said
 */
public record Relationship(String name, String serverName, Backend backend, HaMode mode, List<PeerDefinition> peers,
                           boolean sharedConfig, HaParameters parameters, ServiceType service) {
    /** A DHCPv4 relationship, as every ISC and Windows relationship and every record older than DHCPv6 is. */
    public Relationship(String name, String serverName, Backend backend, HaMode mode, List<PeerDefinition> peers,
                        boolean sharedConfig, HaParameters parameters) {
        this(name, serverName, backend, mode, peers, sharedConfig, parameters, ServiceType.DHCPV4);
    }

    public Relationship {
        if (service == null) service = ServiceType.DHCPV4;
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(mode, "mode");
        peers = List.copyOf(peers);
        if (parameters == null) parameters = HaParameters.NONE;
        if (backend == null) backend = Backend.KEA;
    }

    /** The mode in the backend's own words, e.g. "load-balance" for Windows, "load-balancing" for Kea. */
    public String modeName() { return backend.modeName(mode); }

    /** The same relationship providing {@code other}. */
    public Relationship withService(ServiceType other) {
        return new Relationship(name, serverName, backend, mode, peers, sharedConfig, parameters, other);
    }

    public Optional<PeerDefinition> primary() {
        return peers.stream().filter(p -> p.role() == PeerRole.PRIMARY).findFirst();
    }

    public Optional<PeerDefinition> partner() {
        return peers.stream().filter(p -> p.role().isPartner()).findFirst();
    }

    public Optional<PeerDefinition> peer(String peerName) {
        return peers.stream().filter(p -> p.name().equals(peerName)).findFirst();
    }
}
