package tandem.windows.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Scope, scope statistics and exclusion range cmdlets (reference §1.3); they act on L only. */
final class SimScopeCmdlets {
    private SimScopeCmdlets() {}

    static void register(SimDhcpCmdlets c) {
        c.register("Get-DhcpServerv4Scope", SimScopeCmdlets::get);
        c.register("Add-DhcpServerv4Scope", SimScopeCmdlets::add);
        c.register("Set-DhcpServerv4Scope", SimScopeCmdlets::set);
        c.register("Remove-DhcpServerv4Scope", SimScopeCmdlets::remove);
        c.register("Get-DhcpServerv4ScopeStatistics", SimScopeCmdlets::statistics);
        c.register("Get-DhcpServerv4ExclusionRange", SimScopeCmdlets::getExclusions);
        c.register("Add-DhcpServerv4ExclusionRange", SimScopeCmdlets::addExclusion);
        c.register("Remove-DhcpServerv4ExclusionRange", SimScopeCmdlets::removeExclusions);
    }

    /** The scope or DHCP 20005 worded as Get words it (Remove and the item cmdlets use the same words on Windows). */
    static SimScope scope(SimCall call, SimIp scopeId) {
        SimScope s = call.server.scopes.get(scopeId.toLong());
        if (s == null) throw call.dhcp(20005, "get scope information for scope " + scopeId);
        return s;
    }

    /** The scopes named by {@code -ScopeId}, or every scope when none is named. */
    static List<SimScope> scopes(SimCall call) {
        List<SimScope> out = new ArrayList<>();
        if (!call.has("ScopeId")) return new ArrayList<>(call.server.scopes.values());
        for (SimIp id : call.ips("ScopeId")) out.add(scope(call, id));
        return out;
    }

    private static List<Object> get(SimCall call) {
        List<Object> out = new ArrayList<>();
        for (SimScope s : scopes(call)) out.add(s.toObject());
        return out;
    }

    private static List<Object> add(SimCall call) {
        SimIp start = call.requiredIp("StartRange");
        SimIp end = call.requiredIp("EndRange");
        SimIp mask = call.requiredIp("SubnetMask");
        String name = call.requiredString("Name");
        SimScope s = new SimScope(start.toLong(), end.toLong(), mask.toLong());
        String action = "add scope " + s.scopeId();
        if (start.toLong() > end.toLong() || (end.toLong() & mask.toLong()) != s.scopeId) throw call.dhcp(20023, action);
        if (call.server.scopes.containsKey(s.scopeId)) throw call.dhcp(20052, action);
        s.name = name;
        apply(call, s, action);
        call.server.scopes.put(s.scopeId, s);
        return call.passThru(List.of(s.toObject()));
    }

    private static List<Object> set(SimCall call) {
        SimScope s = scope(call, call.requiredIp("ScopeId"));
        String action = "set properties of scope " + s.scopeId();
        if (call.setIs("WithRange") || call.has("StartRange") || call.has("EndRange")) {
            long start = call.requiredIp("StartRange").toLong();
            long end = call.requiredIp("EndRange").toLong();
            if (start > end || (start & s.subnetMask) != s.scopeId || (end & s.subnetMask) != s.scopeId) {
                throw call.dhcp(20023, action);
            }
            s.startRange = start;
            s.endRange = end;
        }
        String type = call.string("Type");
        if (type != null && !type.equalsIgnoreCase("Dhcp") && call.server.failoverOfScope(s.scopeId) != null) {
            throw call.dhcp(20129, action);
        }
        if (call.has("Name")) s.name = call.string("Name");
        apply(call, s, action);
        return call.passThru(List.of(s.toObject()));
    }

    /** The optional scope properties Add and Set share. */
    private static void apply(SimCall call, SimScope s, String action) {
        if (call.has("Description")) s.description = call.string("Description");
        if (call.has("State")) s.state = canonical(call, call.string("State"), action, "Active", "InActive");
        if (call.has("Type")) s.type = canonical(call, call.string("Type"), action, "Dhcp", "Bootp", "Both");
        if (call.has("SuperscopeName")) s.superscopeName = call.string("SuperscopeName");
        if (call.has("MaxBootpClients")) s.maxBootpClients = call.number("MaxBootpClients");
        if (call.has("ActivatePolicies")) s.activatePolicies = call.bool("ActivatePolicies");
        if (call.has("NapEnable")) s.napEnable = call.bool("NapEnable");
        if (call.has("NapProfile")) s.napProfile = call.string("NapProfile");
        if (call.has("Delay")) s.delay = call.number("Delay");
        if (call.has("LeaseDuration")) {
            Duration lease = call.duration("LeaseDuration");
            if (lease.isNegative()) throw call.invalidParameter(action);
            s.leaseDuration = lease;
        }
    }

    /** A ValidateSet value in the set's own spelling (the binder does this too; kept for direct Java callers). */
    static String canonical(SimCall call, String value, String action, String... allowed) {
        for (String a : allowed) if (a.equalsIgnoreCase(value)) return a;
        throw call.invalidParameter(action);
    }

    private static List<Object> remove(SimCall call) {
        call.required("ScopeId");
        List<Object> removed = new ArrayList<>();
        for (SimIp id : call.ips("ScopeId")) {
            SimScope s = scope(call, id);
            if (call.server.failoverOfScope(s.scopeId) != null) throw call.dhcp(20113, "delete scope " + id);
            call.server.scopes.remove(s.scopeId);
            removed.add(s.toObject());
        }
        return call.passThru(removed);
    }

    private static List<Object> statistics(SimCall call) {
        boolean failover = call.flag("Failover");
        List<Object> out = new ArrayList<>();
        for (SimScope s : scopes(call)) {
            SimFailover f = call.server.failoverOfScope(s.scopeId);
            if (failover && f == null) {
                if (call.has("ScopeId")) throw call.dhcp(20116, "get failover statistics for scope " + s.scopeId());
                continue;
            }
            long free = s.freeAddresses();
            SimObject o = new SimObject("Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DHCP/DhcpServerv4ScopeStatistics")
                    .put("ScopeId", s.scopeId())
                    .put("AddressesFree", free)
                    .put("AddressesInUse", 0L)
                    .put("PendingOffers", 0L)
                    .put("ReservedAddress", (long) s.reservations.size())
                    .put("PercentageInUse", 0.0d)
                    .put("SuperscopeName", s.superscopeName);
            if (failover) {
                long mine = freeOnThisServer(f, free, call.server.now());
                o.put("AddressesFreeOnThisServer", mine)
                        .put("AddressesFreeOnPartnerServer", free - mine)
                        .put("AddressesInUseOnThisServer", 0L)
                        .put("AddressesInUseOnPartnerServer", 0L);
            }
            out.add(o);
        }
        return out;
    }

    /**
     * This side's share of the free addresses: its load-balance percent, or in hot standby the reserve for the
     * standby and the rest for the active server; all of them once PartnerDown has lasted MCLT (reference §3).
     */
    private static long freeOnThisServer(SimFailover f, long free, java.time.Instant now) {
        if (f.ownsWholePool(now)) return free;
        if (f.peer.ownsWholePool(now)) return 0;
        if ("LoadBalance".equals(f.mode)) return free * f.loadBalancePercent / 100;
        long reserve = free * f.reservePercent / 100;
        return "Standby".equals(f.serverRole) ? reserve : free - reserve;
    }

    private static SimObject exclusion(SimScope s, long start, long end) {
        return new SimObject("Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DHCP/DhcpServerv4ExclusionRange")
                .put("ScopeId", s.scopeId())
                .put("StartRange", SimIp.of(start))
                .put("EndRange", SimIp.of(end));
    }

    private static List<Object> getExclusions(SimCall call) {
        List<Object> out = new ArrayList<>();
        for (SimScope s : scopes(call)) {
            for (Map.Entry<Long, Long> e : s.exclusions.entrySet()) out.add(exclusion(s, e.getKey(), e.getValue()));
        }
        return out;
    }

    private static List<Object> addExclusion(SimCall call) {
        SimScope s = scope(call, call.requiredIp("ScopeId"));
        long start = call.requiredIp("StartRange").toLong();
        long end = call.requiredIp("EndRange").toLong();
        String action = "add exclusion range with start range " + SimIp.of(start) + " and end range " + SimIp.of(end)
                + " to scope " + s.scopeId();
        if (start > end || !s.contains(start) || !s.contains(end)) throw call.dhcp(20023, action);
        for (Map.Entry<Long, Long> e : s.exclusions.entrySet()) {
            if (start <= e.getValue() && end >= e.getKey()) throw call.dhcp(20023, action);
        }
        s.exclusions.put(start, end);
        return call.passThru(List.of(exclusion(s, start, end)));
    }

    /** Without {@code -StartRange}/{@code -EndRange} every exclusion range of the scope goes. */
    private static List<Object> removeExclusions(SimCall call) {
        SimScope s = scope(call, call.requiredIp("ScopeId"));
        List<Object> removed = new ArrayList<>();
        if (!call.has("StartRange") && !call.has("EndRange")) {
            for (Map.Entry<Long, Long> e : s.exclusions.entrySet()) removed.add(exclusion(s, e.getKey(), e.getValue()));
            s.exclusions.clear();
            return call.passThru(removed);
        }
        long start = call.requiredIp("StartRange").toLong();
        long end = call.requiredIp("EndRange").toLong();
        Long known = s.exclusions.get(start);
        if (known == null || known != end) {
            throw call.dhcp(20023, "delete exclusion range with start range " + SimIp.of(start) + " and end range "
                    + SimIp.of(end) + " from scope " + s.scopeId());
        }
        s.exclusions.remove(start);
        return call.passThru(List.of(exclusion(s, start, end)));
    }
}
