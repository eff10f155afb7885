package tandem.windows.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Option value cmdlets (reference §1.3) at three levels: a reserved IP ({@code -ReservedIP}), a scope
 * ({@code -ScopeId}) or else the server. Only the standard options below are defined; any other id is DHCP 20010.
 * {@code -DnsServer} without {@code -Force} is validated: the simulator counts an address as a working DNS server only
 * when it is the address of one of the network's simulated servers.
 */
final class SimOptionCmdlets {
    private record Definition(String name, String type) {}

    private static final Map<Long, Definition> DEFINED = Map.ofEntries(
            Map.entry(3L, new Definition("Router", "IPv4Address")),
            Map.entry(4L, new Definition("Time Server", "IPv4Address")),
            Map.entry(6L, new Definition("DNS Servers", "IPv4Address")),
            Map.entry(12L, new Definition("Host Name", "String")),
            Map.entry(15L, new Definition("DNS Domain Name", "String")),
            Map.entry(42L, new Definition("NTP Servers", "IPv4Address")),
            Map.entry(44L, new Definition("WINS/NBNS Servers", "IPv4Address")),
            Map.entry(46L, new Definition("WINS/NBT Node Type", "Byte")),
            Map.entry(66L, new Definition("Boot Server Host Name", "String")),
            Map.entry(67L, new Definition("Bootfile Name", "String")),
            Map.entry(252L, new Definition("WPAD", "String")));

    private SimOptionCmdlets() {}

    static void register(SimDhcpCmdlets c) {
        c.register("Get-DhcpServerv4OptionValue", SimOptionCmdlets::get);
        c.register("Set-DhcpServerv4OptionValue", SimOptionCmdlets::set);
        c.register("Remove-DhcpServerv4OptionValue", SimOptionCmdlets::remove);
    }

    /** The option values of the level the call names (created empty for a reserved IP on first use). */
    private static TreeMap<Long, List<String>> level(SimCall call, String action) {
        if (call.has("ScopeId") && call.has("ReservedIP")) throw call.invalidParameter(action);
        // Vendor/user classes and policies are not modelled: refused rather than silently merged with plain values.
        for (String p : List.of("VendorClass", "UserClass", "PolicyName")) {
            String v = call.string(p);
            if (v != null && !v.isEmpty()) throw call.invalidParameter(action);
        }
        if (call.has("ReservedIP")) {
            SimIp ip = call.ip("ReservedIP");
            SimScope s = SimReservationCmdlets.scopeReserving(call, ip, action);
            return s.reservedOptions.computeIfAbsent(ip.toLong(), k -> new TreeMap<>());
        }
        if (call.has("ScopeId")) return SimScopeCmdlets.scope(call, call.ip("ScopeId")).options;
        return call.server.serverOptions;
    }

    static SimObject toObject(long id, List<String> values) {
        Definition d = DEFINED.get(id);
        return new SimObject("Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DHCP/DhcpServerv4OptionValue")
                .put("Name", d.name())
                .put("OptionId", id)
                .put("PolicyName", null)
                .put("Type", d.type())
                .put("UserClass", "")
                .put("Value", new ArrayList<Object>(values))
                .put("VendorClass", "");
    }

    private static List<Object> get(SimCall call) {
        TreeMap<Long, List<String>> level = level(call, "get option values");
        List<Object> out = new ArrayList<>();
        if (!call.has("OptionId")) {
            level.forEach((id, values) -> out.add(toObject(id, values)));
            return out;
        }
        for (long id : call.longs("OptionId")) {
            List<String> values = level.get(id);
            if (values == null) throw call.dhcp(20010, "get option value of " + id);
            out.add(toObject(id, values));
        }
        return out;
    }

    /** Sets {@code OptionIds} (default: {@code -OptionId -Value}) and {@code CommonOptions} (named options). */
    private static List<Object> set(SimCall call) {
        boolean common = call.parameterSet != null ? call.setIs("CommonOptions") : !call.has("OptionId");
        Map<Long, List<String>> wanted = new TreeMap<>();
        if (common) {
            if (call.has("Router")) wanted.put(3L, texts(call.ips("Router")));
            if (call.has("DnsServer")) wanted.put(6L, texts(call.ips("DnsServer")));
            if (call.has("DnsDomain")) wanted.put(15L, List.of(call.string("DnsDomain")));
            if (call.has("WinsServer")) wanted.put(44L, texts(call.ips("WinsServer")));
            if (call.has("Wpad")) wanted.put(252L, List.of(call.string("Wpad")));
        } else {
            call.required("OptionId");
            call.required("Value");
            long id = call.number("OptionId");
            wanted.put(id, call.strings("Value"));
        }
        TreeMap<Long, List<String>> level = level(call, "set option values");
        for (Map.Entry<Long, List<String>> e : wanted.entrySet()) {
            String action = "set option value of " + e.getKey();
            Definition d = DEFINED.get(e.getKey());
            if (d == null) throw call.dhcp(20010, action);
            e.setValue(normalised(call, d, e.getValue(), action));
        }
        if (common && call.has("DnsServer") && !call.flag("Force")) {
            for (SimIp dns : call.ips("DnsServer")) {
                boolean known = call.network.servers().stream().anyMatch(s -> s.address().equals(dns));
                if (!known) {
                    throw SimError.win32(87, call.cmdlet, "InvalidData", call.network.wording(dns + " is not a valid DNS server."));
                }
            }
        }
        List<Object> out = new ArrayList<>();
        for (Map.Entry<Long, List<String>> e : wanted.entrySet()) {
            level.put(e.getKey(), List.copyOf(e.getValue()));
            out.add(toObject(e.getKey(), e.getValue()));
        }
        return call.passThru(out);
    }

    private static List<String> texts(List<SimIp> ips) {
        List<String> out = new ArrayList<>();
        for (SimIp ip : ips) out.add(ip.text());
        return out;
    }

    /** Values checked against the option's type: dotted IPv4 addresses or a byte; strings as given. */
    private static List<String> normalised(SimCall call, Definition d, List<String> values, String action) {
        if (values.isEmpty()) throw call.invalidParameter(action);
        List<String> out = new ArrayList<>();
        for (String v : values) {
            try {
                switch (d.type()) {
                    case "IPv4Address" -> out.add(new SimIp(v.trim()).text());
                    case "Byte" -> {
                        long b = Long.parseLong(v.trim());
                        if (b < 0 || b > 255) throw call.invalidParameter(action);
                        out.add(Long.toString(b));
                    }
                    default -> out.add(v);
                }
            } catch (IllegalArgumentException e) {
                throw call.invalidParameter(action);
            }
        }
        return out;
    }

    private static List<Object> remove(SimCall call) {
        TreeMap<Long, List<String>> level = level(call, "delete option values");
        call.required("OptionId");
        List<Long> ids = call.longs("OptionId");
        for (long id : ids) if (!level.containsKey(id)) throw call.dhcp(20010, "delete option value of " + id);
        List<Object> removed = new ArrayList<>();
        for (long id : ids) removed.add(toObject(id, level.remove(id)));
        return call.passThru(removed);
    }
}
