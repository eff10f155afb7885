package tandem.windows.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reservation cmdlets (reference §1.3): Get/Add/Set/Remove-DhcpServerv4Reservation on L only. Set has one parameter
 * set, keyed by {@code -IPAddress} (the address itself cannot be changed: that is Remove then Add); only the
 * parameters given change.
 */
final class SimReservationCmdlets {
    private SimReservationCmdlets() {}

    static void register(SimDhcpCmdlets c) {
        c.register("Get-DhcpServerv4Reservation", SimReservationCmdlets::get);
        c.register("Add-DhcpServerv4Reservation", SimReservationCmdlets::add);
        c.register("Set-DhcpServerv4Reservation", SimReservationCmdlets::modify);
        c.register("Remove-DhcpServerv4Reservation", SimReservationCmdlets::remove);
    }

    static SimObject toObject(SimScope s, SimScope.Reservation r) {
        return new SimObject("Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DHCP/DhcpServerv4Reservation")
                .put("IPAddress", SimIp.of(r.ip()))
                .put("ScopeId", s.scopeId())
                .put("AddressState", "InactiveReservation")
                .put("ClientId", r.clientId())
                .put("Description", r.description())
                .put("Name", r.name())
                .put("Type", r.type());
    }

    /** A client id as Windows shows it: lower-case hex pairs joined by '-' (input may use '-', ':' or nothing). */
    static String clientId(SimCall call, String raw, String action) {
        String hex = raw.replaceAll("[-:.]", "").toLowerCase(Locale.ROOT);
        if (hex.isEmpty() || hex.length() % 2 != 0 || !hex.matches("[0-9a-f]+")) throw call.invalidParameter(action);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) b.append(i == 0 ? "" : "-").append(hex, i, i + 2);
        return b.toString();
    }

    /** The reservation of {@code ip} in any scope of L, or DHCP 20018 (NOT_RESERVED_CLIENT, our choice of code). */
    static SimScope scopeReserving(SimCall call, SimIp ip, String action) {
        SimScope s = call.server.scopeHolding(ip.toLong());
        if (s == null || !s.reservations.containsKey(ip.toLong())) throw call.dhcp(20018, action);
        return s;
    }

    /** Sets: {@code ScopeId} (default: all of the scope), {@code IPAddress}, {@code ClientId} (with ScopeId). */
    private static String set(SimCall call) {
        if (call.parameterSet != null) return call.parameterSet;
        if (call.has("ClientId")) return "ClientId";
        return call.has("IPAddress") ? "IPAddress" : "ScopeId";
    }

    private static List<Object> get(SimCall call) {
        return select(call, set(call), "get reservation");
    }

    /** The reservations a Get or Remove names, each checked (first missing → error) before the caller changes any. */
    private static List<Object> select(SimCall call, String set, String verb) {
        List<Object> out = new ArrayList<>();
        switch (set) {
            case "IPAddress" -> {
                call.required("IPAddress");
                for (SimIp ip : call.ips("IPAddress")) {
                    SimScope s = scopeReserving(call, ip, verb + " for IP address " + ip);
                    out.add(toObject(s, s.reservations.get(ip.toLong())));
                }
            }
            case "ClientId" -> {
                SimScope s = SimScopeCmdlets.scope(call, call.requiredIp("ScopeId"));
                call.required("ClientId");
                for (String raw : call.strings("ClientId")) {
                    String action = verb + " for client " + raw + " in scope " + s.scopeId();
                    String id = clientId(call, raw, action);
                    SimScope.Reservation found = null;
                    for (SimScope.Reservation r : s.reservations.values()) if (r.clientId().equals(id)) found = r;
                    if (found == null) throw call.dhcp(20018, action);
                    out.add(toObject(s, found));
                }
            }
            default -> {
                SimScope s = SimScopeCmdlets.scope(call, call.requiredIp("ScopeId"));
                for (SimScope.Reservation r : s.reservations.values()) out.add(toObject(s, r));
            }
        }
        return out;
    }

    private static List<Object> add(SimCall call) {
        SimScope s = SimScopeCmdlets.scope(call, call.requiredIp("ScopeId"));
        SimIp ip = call.requiredIp("IPAddress");
        String action = "add reservation for IP address " + ip + " to scope " + s.scopeId();
        String id = clientId(call, call.requiredString("ClientId"), action);
        if (!s.contains(ip.toLong())) throw call.invalidParameter(action);
        if (s.reservations.containsKey(ip.toLong())) throw call.dhcp(20022, action);
        for (SimScope.Reservation r : s.reservations.values()) if (r.clientId().equals(id)) throw call.dhcp(20014, action);
        String type = call.has("Type") ? SimScopeCmdlets.canonical(call, call.string("Type"), action, "Both", "Dhcp", "Bootp") : "Both";
        String name = call.has("Name") ? call.string("Name") : "";
        String description = call.has("Description") ? call.string("Description") : "";
        SimScope.Reservation r = new SimScope.Reservation(ip.toLong(), id, name, description, type);
        s.reservations.put(ip.toLong(), r);
        return call.passThru(List.of(toObject(s, r)));
    }

    /**
     * Changes the reservation of {@code -IPAddress}: none there is DHCP 20018; a client id another reservation of the
     * scope holds is DHCP 20014, as Add says it.
     */
    private static List<Object> modify(SimCall call) {
        SimIp ip = call.requiredIp("IPAddress");
        String action = "modify reservation for IP address " + ip;
        SimScope s = scopeReserving(call, ip, action);
        SimScope.Reservation r = s.reservations.get(ip.toLong());
        String id = r.clientId();
        if (call.has("ClientId")) {
            id = clientId(call, call.string("ClientId") == null ? "" : call.string("ClientId"), action);
            for (SimScope.Reservation other : s.reservations.values()) {
                if (other.ip() != r.ip() && other.clientId().equals(id)) throw call.dhcp(20014, action);
            }
        }
        String type = call.has("Type") ? SimScopeCmdlets.canonical(call, call.string("Type"), action, "Both", "Dhcp", "Bootp") : r.type();
        String name = call.has("Name") ? nonNull(call.string("Name")) : r.name();
        String description = call.has("Description") ? nonNull(call.string("Description")) : r.description();
        SimScope.Reservation changed = new SimScope.Reservation(r.ip(), id, name, description, type);
        s.reservations.put(r.ip(), changed);
        return call.passThru(List.of(toObject(s, changed)));
    }

    private static String nonNull(String s) { return s == null ? "" : s; }

    /** Sets {@code IPAddress} (default), {@code ScopeId} (every reservation of the scope), {@code ClientId}. */
    private static List<Object> remove(SimCall call) {
        String set = call.parameterSet != null ? call.parameterSet
                : call.has("IPAddress") ? "IPAddress" : call.has("ClientId") ? "ClientId" : "ScopeId";
        List<Object> removed = select(call, set, "delete reservation");
        for (Object o : removed) {
            SimObject r = (SimObject) o;
            long ip = ((SimIp) r.get("IPAddress")).toLong();
            SimScope s = call.server.scopes.get(((SimIp) r.get("ScopeId")).toLong());
            s.reservations.remove(ip);
            s.reservedOptions.remove(ip);
        }
        return call.passThru(removed);
    }
}
