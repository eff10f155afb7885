package tandem.isc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tandem.core.ConnectionSettings;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.Relationship;
import tandem.core.config.ConfigRow;
import tandem.core.lease.Lease;
import tandem.core.lease.Reservation;
import tandem.core.lease.LeaseSource;
import tandem.core.lease.PartnerLeases;
import tandem.ssh.HostKeyPrompt;

/**
 * An ISC failover relationship's leases, read from each partner's lease file over the SSH path the console already
 * uses for dhcpd.conf (read only: {@code cat}). The file is the one dhcpd.conf names with {@code lease-file-name}, else
 * Debian's default. A lease's subnet is the dhcpd.conf subnet that contains its address; its id is the subnet's address
 * as a number. A DHCPv6 lease's is the subnet6 holding its address (or delegating its prefix), known by a number above
 * every IPv4 one.
 */
final class IscLeaseSource implements LeaseSource {
    static final String DEFAULT_LEASE_FILE = "/var/lib/dhcp/dhcpd.leases";
    private static final Pattern LEASE_FILE_NAME = Pattern.compile("(?m)^\\s*lease-file-name\\s+\"([^\"]+)\"\\s*;");
    /** Addresses no client holds: the pool's share of each partner. Listing them would bury the leases. */
    private static final Set<String> UNLEASED = Set.of("free", "backup");
    /** How IscTables shows a DHCPv6 host's DUID ({@code host-identifier option dhcp6.client-id DUID;}). */
    static final String PARTNER_NOT_AT_HAND = "its host declarations are in its own dhcpd.conf, which this server's"
            + " SSH connection does not reach: add the partner to the inventory as a server of its own";
    static final String PARTNER_LEASES_NOT_AT_HAND = "its leases are in its own lease file, which this server's"
            + " SSH connection does not reach: add the partner to the inventory as a server of its own";
    private static final String DHCP6_CLIENT_ID = "host-identifier option dhcp6.client-id ";

    /** Opens a shell on a server (SSH, or this machine in tests). */
    interface Shells {
        Shell open(IscServerSettings settings, Duration timeout) throws IOException;
    }

    private final Supplier<Inventory> inventory;
    private final Shells shells;

    IscLeaseSource(Supplier<Inventory> inventory, Shells shells) {
        this.inventory = inventory;
        this.shells = shells;
    }

    /** Over SSH, with the console's known hosts (an unknown host key is refused, never accepted here). */
    static Shells ssh(Path knownHosts) {
        return (settings, timeout) -> SshConnection.open(settings.ssh(), knownHosts, HostKeyPrompt.REFUSE, timeout);
    }

    @Override
    public PartnerLeases read(Relationship rel, OptionalLong subnetId, Duration within) {
        Map<String, List<Lease>> held = new LinkedHashMap<>();
        Map<String, String> unread = new LinkedHashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        // read through this server, the "partner" would be this server's own lease file again
        eachPartner(rel, within, PARTNER_LEASES_NOT_AT_HAND, unread, (p, s, shell) -> {
            List<Lease> leases = read(shell, s.configPath(), names);
            held.put(p.name(), subnetId.isPresent()
                    ? leases.stream().filter(l -> l.subnetId() == subnetId.getAsLong()).toList() : leases);
        });
        return new PartnerLeases(held, unread, names, false);
    }

    /** Each partner's host declarations, read from its dhcpd.conf (and the files it includes) over SSH. */
    @Override
    public PartnerReservations reservations(Relationship rel, Duration within) {
        Map<String, List<Reservation>> held = new LinkedHashMap<>();
        Map<String, String> unread = new LinkedHashMap<>();
        eachPartner(rel, within, PARTNER_NOT_AT_HAND, unread, (p, s, shell) ->
                held.put(p.name(), reservations(DhcpdConfig.read(s.configPath(), shell::readFile), failoverPeer(rel))));
        return new PartnerReservations(held, unread);
    }

    /** What is read from one partner through a shell on its own server. */
    private interface PartnerRead {
        void read(PeerDefinition peer, IscServerSettings settings, Shell shell) throws Exception;
    }

    /**
     * Opens a shell on each partner's own server in turn and reads from it; a partner that cannot be reached, or is
     * only seen through this server ({@code notAtHand}), is put in {@code unread} with the reason.
     */
    private void eachPartner(Relationship rel, Duration within, String notAtHand, Map<String, String> unread,
                             PartnerRead reader) {
        for (PeerDefinition p : rel.peers()) {
            Optional<ConnectionSettings> c = inventory.get().connectionFor(rel, p);
            if (c.isEmpty()) {
                unread.put(p.name(), "no connection settings");
                continue;
            }
            c = ownConnection(rel, p, c.get());
            if (c.isEmpty()) {
                unread.put(p.name(), notAtHand);
                continue;
            }
            try {
                IscServerSettings s = IscServerSettings.fromConnection(c.get());
                Shell shell = shells.open(s, within);
                try {
                    reader.read(p, s, shell);
                } finally {
                    if (shell instanceof AutoCloseable closeable) closeable.close();
                }
            } catch (Exception e) {
                unread.put(p.name(), e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
    }

    /**
     * A configuration's host declarations as reservations, as the configuration table shows them: the subnet around
     * the host or the one holding its fixed address ("global" when none), its first fixed address, its Ethernet
     * address, and its host name: {@code option host-name}, else {@code ddns-hostname}, else the declaration's name
     * (which dhcpd gives the client with use-host-decl-names). With {@code peer}, a host in a subnet whose pools
     * name only other failover peers is left out: it belongs to another relationship of the server.
     */
    static List<Reservation> reservations(DhcpdConfig config, String peer) {
        // a server in two failover relationships: a host goes with the subnet whose pools name the peer
        Map<String, Set<String>> peersOfSubnet = new LinkedHashMap<>();
        for (AddressPool pool : config.pools()) {
            if (pool.failoverPeer() != null) peersOfSubnet.computeIfAbsent(pool.subnet(), k -> new java.util.HashSet<>()).add(pool.failoverPeer());
        }
        List<Reservation> out = new ArrayList<>();
        for (ConfigRow.Reservation r : IscTables.of(config, "", "", java.time.Instant.EPOCH).reservations()) {
            Set<String> peers = peersOfSubnet.get(r.subnet());
            if (peer != null && peers != null && !peers.contains(peer)) continue;
            String mac = null, duid = null;
            if (r.identifier() != null) {
                for (String id : r.identifier().split(", ")) {
                    if (id.startsWith("hardware ethernet ")) mac = id.substring("hardware ethernet ".length());
                    if (id.startsWith(DHCP6_CLIENT_ID)) duid = id.substring(DHCP6_CLIENT_ID.length());
                }
            }
            String ip = r.address() == null ? null : r.address().split(", ")[0];
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("host", r.name());
            if (r.identifier() != null) detail.put("identifier", r.identifier());
            if (r.address() != null) detail.put("fixed-address", r.address());
            if (r.hostname() != null) detail.put("host-name", r.hostname());
            out.add(new Reservation(r.subnet() == null ? "global" : r.subnet(), ip, mac, duid,
                    r.hostname() != null ? r.hostname() : r.name(), detail));
        }
        return out;
    }

    /**
     * The connection that reaches a peer's own files. A partner this server sees only through its failover peer
     * declaration is read through the inventory's dhcpd server at the partner's address that declares the same
     * failover peer, when there is one; else empty.
     */
    private Optional<ConnectionSettings> ownConnection(Relationship rel, PeerDefinition p, ConnectionSettings c) {
        String fragment = IscServerSettings.fragment(c.url());
        if (fragment == null || !fragment.startsWith("partner=")) return Optional.of(c);
        String peer = failoverPeer(rel);
        if (peer == null) return Optional.empty();
        Inventory inv = inventory.get();
        for (Relationship other : inv.relationships()) {
            if (other.backend() != rel.backend() || other.serverName().equals(rel.serverName())
                    || !peer.equals(failoverPeer(other))) continue;
            Optional<ConnectionSettings> own = inv.server(other.serverName()).map(server -> server.connection());
            if (own.isPresent() && p.name().equalsIgnoreCase(sshHost(own.get()))) return own;
        }
        return Optional.empty();
    }

    private static String sshHost(ConnectionSettings c) {
        try {
            return IscServerSettings.fromConnection(c).ssh().target().host();
        } catch (IllegalArgumentException notSsh) {
            return null;
        }
    }

    /** The failover peer a relationship "server/peer" is named after; null for a server without failover. */
    static String failoverPeer(Relationship rel) {
        String prefix = rel.serverName() + "/";
        return rel.name().startsWith(prefix) ? rel.name().substring(prefix.length()) : null;
    }

    /** One server's leases, each given the id of the subnet that holds it; adds the subnets' names to {@code names}. */
    static List<Lease> read(Shell shell, String configPath, Map<Long, String> names) throws IOException, ConfSyntaxException {
        DhcpdConfig config = DhcpdConfig.read(configPath, shell::readFile);
        String leaseFile = DEFAULT_LEASE_FILE;
        for (String text : config.render().values()) {
            Matcher m = LEASE_FILE_NAME.matcher(text);
            if (m.find()) leaseFile = m.group(1);
        }
        List<long[]> subnets = new ArrayList<>();
        for (Subnet s : config.subnets()) {
            long net = Ipv4.parse(s.network());
            int len = Ipv4.prefixLength(s.netmask());
            if (net < 0 || len < 0) continue;
            long mask = len == 0 ? 0 : (0xFFFFFFFFL << (32 - len)) & 0xFFFFFFFFL;
            subnets.add(new long[]{net & mask, mask});
            names.put(net & mask, Ipv4.format(net & mask) + "/" + len);
        }
        List<Subnet6> subnets6 = Subnet6.of(config);
        for (Subnet6 s : subnets6) names.put(s.prefix().id(), s.cidr());
        return subnetsOf(IscLeaseFile.parse(shell.readFile(leaseFile)), subnets, subnets6);
    }

    /**
     * The leases clients hold, each with the id of its subnet: the IPv4 subnet holding the address (its network as
     * a number), or for a DHCPv6 lease the subnet6 holding the address or whose prefix6 range delegated the prefix
     * ({@link Ipv6.Prefix#id()}); 0 when none does.
     */
    static List<Lease> subnetsOf(List<Lease> leases, List<long[]> subnets, List<Subnet6> subnets6) {
        List<Lease> out = new ArrayList<>();
        for (Lease l : leases) {
            if (UNLEASED.contains(l.state())) continue;
            long ip = Ipv4.parse(l.ip());
            long id;
            if (ip >= 0) {
                id = subnets.stream().filter(s -> (ip & s[1]) == s[0]).mapToLong(s -> s[0]).findFirst().orElse(0);
            } else {
                Subnet6 s6 = Subnet6.holding(subnets6, l.ip());
                id = s6 == null ? 0 : s6.prefix().id();
            }
            out.add(new Lease(l.ip(), l.mac(), l.hostname(), id, l.expires(), l.state(), l.duid()));
        }
        return out;
    }
}
