package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import tandem.core.AddressRules;
import tandem.core.PeerDefinition;
import tandem.core.Relationship;
import tandem.core.lease.Lease;
import tandem.core.lease.LeaseSource;
import tandem.core.lease.PartnerLeases;
import tandem.core.lease.Reservation;

/**
 * A Windows failover relationship's leases, read from each partner with one script (Get-DhcpServerv4Lease -AllLeases
 * over the scopes the partner has in the relationship), and its reservations from each partner's scopes. A partner is
 * reached with its own inventory record's login, as the console's other reads do. Read only. A lease's subnet id is its
 * scope id as a number.
 */
final class WindowsLeaseSource implements LeaseSource {
    private final WindowsServers servers;

    WindowsLeaseSource(WindowsServers servers) { this.servers = servers; }

    @Override
    public PartnerLeases read(Relationship rel, OptionalLong subnetId, Duration within) {
        Map<String, List<Lease>> held = new LinkedHashMap<>();
        Map<String, String> unread = new LinkedHashMap<>();
        Map<Long, String> subnets = new LinkedHashMap<>();
        for (PeerDefinition p : rel.peers()) {
            try (WindowsSession s = servers.open(p.name(), within)) {
                List<Lease> leases = leases(s.run(WindowsScripts.leases(rel.name())), subnets);
                held.put(p.name(), subnetId.isPresent()
                        ? leases.stream().filter(l -> l.subnetId() == subnetId.getAsLong()).toList() : leases);
            } catch (IOException | IllegalArgumentException e) {
                unread.put(p.name(), e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        return new PartnerLeases(held, unread, subnets, false);
    }

    @Override
    public PartnerReservations reservations(Relationship rel, Duration within) {
        Map<String, List<Reservation>> out = new LinkedHashMap<>();
        Map<String, String> unread = new LinkedHashMap<>();
        for (PeerDefinition p : rel.peers()) {
            try (WindowsSession s = servers.open(p.name(), within)) {
                List<String> ids = WindowsReads.state(s).failovers().stream().filter(f -> f.name().equalsIgnoreCase(rel.name()))
                        .findFirst().map(WinFailover::scopeIds).orElse(List.of());
                List<Reservation> found = new ArrayList<>();
                for (ScopeConfig c : WindowsServers.scopeConfigs(s, WindowsServers.sorted(ids)).values()) {
                    String subnet = prefix(c.scope().scopeId(), c.scope().subnetMask());
                    for (WinReservation r : c.reservations()) found.add(reservation(subnet, r));
                }
                out.put(p.name(), found);
            } catch (IOException | IllegalArgumentException e) {
                unread.put(p.name(), e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        return new PartnerReservations(out, unread);
    }

    /** The leases of one partner's answer to {@link WindowsScripts#leases}; adds its scopes' prefixes to {@code subnets}. */
    static List<Lease> leases(JsonNode data, Map<Long, String> subnets) {
        for (JsonNode row : WindowsReads.rows(data.get("scopes"))) {
            WinScope s = WinScope.from(row);
            subnets.putIfAbsent(id(s.scopeId()), prefix(s.scopeId(), s.subnetMask()));
        }
        List<Lease> out = new ArrayList<>();
        for (JsonNode row : WindowsReads.rows(data.get("leases"))) {
            WinLease l = WinLease.from(row);
            String state = state(l.addressState());
            if (state == null) continue;
            out.add(new Lease(l.ipAddress(), mac(l.clientId()), l.hostName(), id(l.scopeId()),
                    l.expires() == null ? 0 : l.expires(), state));
        }
        return out;
    }

    /**
     * AddressState in the words the other backends use ("active", "declined", "expired"...), a reserved address in
     * use as "active-reservation"; null for a reservation no client holds (InactiveReservation): no lease, and the
     * reservation itself is compared with the reservations.
     */
    static String state(String addressState) {
        String s = addressState == null ? "" : addressState.strip();
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "inactivereservation" -> null;
            case "activereservation" -> "active-reservation";
            case "offer", "offered" -> "offered";
            case "" -> "unknown";
            default -> s.toLowerCase(Locale.ROOT);
        };
    }

    /** "aa-bb-cc-dd-ee-ff" (Windows' client id) as "aa:bb:cc:dd:ee:ff"; null when empty. */
    static String mac(String clientId) {
        if (clientId == null || clientId.isBlank()) return null;
        return clientId.strip().toLowerCase(Locale.ROOT).replace('-', ':');
    }

    private static Reservation reservation(String subnet, WinReservation r) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("ip-address", r.ipAddress());
        detail.put("client-id", r.clientId().toLowerCase(Locale.ROOT));
        detail.put("name", r.name());
        detail.put("type", r.type());
        detail.put("description", r.description());
        return new Reservation(subnet, r.ipAddress(), mac(r.clientId()), null, r.name(), detail);
    }

    /** The scope id as a number, the subnet id the comparison keys on; 0 when it is not an address. */
    private static long id(String scopeId) { return Math.max(0, AddressRules.ipv4(scopeId)); }

    /** "10.1.0.0/24" from the scope id and its mask. */
    static String prefix(String scopeId, String mask) {
        long m = AddressRules.ipv4(mask);
        return m < 0 ? scopeId : scopeId + "/" + Long.bitCount(m);
    }
}
