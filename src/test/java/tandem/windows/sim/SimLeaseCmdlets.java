package tandem.windows.sim;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lease cmdlets on L only: Get-DhcpServerv4Lease (sets ScopeId, IPAddress, ClientId, BadLeases) and
 * Add-DhcpServerv4Lease, which Microsoft documents as "for testing purposes only" and the tests use to put a lease on
 * one partner. Each server keeps its own leases (see {@link SimScope.Lease}).
 */
final class SimLeaseCmdlets {
    private SimLeaseCmdlets() {}

    /** What -ScopeId returns without -AllLeases: "the active leases". */
    private static final Set<String> ACTIVE = Set.of("Active", "ActiveReservation");

    static void register(SimDhcpCmdlets c) {
        c.register("Get-DhcpServerv4Lease", SimLeaseCmdlets::get);
        c.register("Add-DhcpServerv4Lease", SimLeaseCmdlets::add);
    }

    static SimObject toObject(SimDhcpServer server, SimScope s, SimScope.Lease l) {
        return new SimObject("Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DHCP/DhcpServerv4Lease")
                .put("IPAddress", SimIp.of(l.ip()))
                .put("ScopeId", s.scopeId())
                .put("AddressState", l.state())
                .put("ClientId", l.clientId())
                .put("ClientType", "Dhcp")
                .put("Description", "")
                .put("HostName", l.hostName())
                .put("LeaseExpiryTime", l.expiry())
                .put("ServerIP", server.address());
    }

    /** A reservation no client holds yet, as the lease list shows it. */
    private static SimScope.Lease unused(SimScope.Reservation r) {
        return new SimScope.Lease(r.ip(), r.clientId(), r.name(), null, "InactiveReservation");
    }

    private static String set(SimCall call) {
        if (call.parameterSet != null) return call.parameterSet;
        if (call.has("BadLeases")) return "BadLeases";
        if (call.has("ClientId")) return "ClientId";
        return call.has("IPAddress") ? "IPAddress" : "ScopeId";
    }

    private static List<Object> get(SimCall call) {
        List<Object> out = new ArrayList<>();
        switch (set(call)) {
            case "IPAddress" -> {
                call.required("IPAddress");
                for (SimIp ip : call.ips("IPAddress")) {
                    SimScope s = call.server.scopeHolding(ip.toLong());
                    SimScope.Lease l = s == null ? null : s.leases.get(ip.toLong());
                    if (l == null) throw call.dhcp(20016, "get lease information for IP address " + ip);
                    out.add(toObject(call.server, s, l));
                }
            }
            case "ClientId" -> {
                SimScope s = SimScopeCmdlets.scope(call, call.requiredIp("ScopeId"));
                call.required("ClientId");
                for (String raw : call.strings("ClientId")) {
                    String action = "get lease information for client " + raw + " in scope " + s.scopeId();
                    String id = SimReservationCmdlets.clientId(call, raw, action);
                    List<SimScope.Lease> found = s.leases.values().stream().filter(l -> l.clientId().equals(id)).toList();
                    if (found.isEmpty()) throw call.dhcp(20016, action);
                    found.forEach(l -> out.add(toObject(call.server, s, l)));
                }
            }
            case "BadLeases" -> {
                List<SimScope> scopes = call.has("ScopeId")
                        ? List.of(SimScopeCmdlets.scope(call, call.requiredIp("ScopeId"))) : call.server.scopes();
                for (SimScope s : scopes) {
                    for (SimScope.Lease l : s.leases.values()) if (l.state().equals("Declined")) out.add(toObject(call.server, s, l));
                }
            }
            default -> {
                SimScope s = SimScopeCmdlets.scope(call, call.requiredIp("ScopeId"));
                boolean all = call.flag("AllLeases");
                java.util.TreeMap<Long, SimScope.Lease> shown = new java.util.TreeMap<>(s.leases);
                if (all) for (SimScope.Reservation r : s.reservations.values()) shown.putIfAbsent(r.ip(), unused(r));
                for (SimScope.Lease l : shown.values()) if (all || ACTIVE.contains(l.state())) out.add(toObject(call.server, s, l));
            }
        }
        return out;
    }

    private static List<Object> add(SimCall call) {
        SimScope s = SimScopeCmdlets.scope(call, call.requiredIp("ScopeId"));
        SimIp ip = call.requiredIp("IPAddress");
        String action = "add lease for IP address " + ip + " to scope " + s.scopeId();
        String id = SimReservationCmdlets.clientId(call, call.requiredString("ClientId"), action);
        if (!s.contains(ip.toLong())) throw call.invalidParameter(action);
        if (s.leases.containsKey(ip.toLong())) throw call.dhcp(20014, action);
        String state = call.has("AddressState") ? call.string("AddressState") : "Active";
        OffsetDateTime expiry = call.has("LeaseExpiryTime") && call.raw("LeaseExpiryTime") != null
                ? SimConvert.parseDateTime(call.raw("LeaseExpiryTime"))
                : state.endsWith("Reservation") ? null
                : call.server.now().plus(s.leaseDuration).atOffset(ZoneOffset.UTC);
        String host = call.has("HostName") && call.string("HostName") != null ? call.string("HostName") : "";
        SimScope.Lease l = new SimScope.Lease(ip.toLong(), id, host, expiry, state);
        s.leases.put(ip.toLong(), l);
        return call.passThru(List.of(toObject(call.server, s, l)));
    }
}
