package tandem.windows.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Add/Remove-DhcpServerv4FailoverScope and Invoke-DhcpServerv4FailoverReplication (reference §1.2): the cmdlets that
 * move scopes in and out of a relationship and copy L's failover scopes over the partner's.
 */
final class SimFailoverScopeCmdlets {
    private SimFailoverScopeCmdlets() {}

    static void register(SimDhcpCmdlets c) {
        c.register("Add-DhcpServerv4FailoverScope", SimFailoverScopeCmdlets::add);
        c.register("Remove-DhcpServerv4FailoverScope", SimFailoverScopeCmdlets::remove);
        c.register("Invoke-DhcpServerv4FailoverReplication", SimFailoverScopeCmdlets::replicate);
    }

    /** Only in Normal: DHCP 20133 while re-integrating (recovery, conflict resolution), 20120 in any other state. */
    private static List<Object> add(SimCall call) {
        String name = call.requiredString("Name");
        String action = "add scopes to failover relationship " + name;
        SimFailover f = SimFailoverCmdlets.relationship(call, name, action);
        if (f.isReintegrating()) throw call.dhcp(20133, action);
        if (f.state != SimFailover.State.Normal) throw call.dhcp(20120, action);
        Set<Long> ids = SimFailoverCmdlets.freeScopesOnL(call, action);
        SimDhcpServer p = f.peer.owner;
        call.reachPartner(p, action);
        SimFailoverCmdlets.absentOnPartner(call, p, ids, action);
        SimFailoverCmdlets.enrol(f, ids);
        return call.passThru(List.of(f.toObject()));
    }

    /**
     * Each scope must be on L and in this relationship; all are checked before any change. They leave the
     * relationship, stay on L and are deleted on the partner; the relationship stays, even with no scope left.
     */
    private static List<Object> remove(SimCall call) {
        String name = call.requiredString("Name");
        String action = "remove scopes from failover relationship " + name;
        SimFailover f = SimFailoverCmdlets.relationship(call, name, action);
        call.required("ScopeId");
        Set<Long> ids = new LinkedHashSet<>();
        for (SimIp ip : call.ips("ScopeId")) {
            SimScopeCmdlets.scope(call, ip);
            if (!f.scopeIds.contains(ip.toLong())) throw call.dhcp(20116, action);
            ids.add(ip.toLong());
        }
        call.reachPartner(f.peer.owner, action);
        for (long id : ids) {
            f.scopeIds.remove(id);
            f.peer.scopeIds.remove(id);
            f.peer.owner.scopes.remove(id);
        }
        return call.passThru(List.of(f.toObject()));
    }

    /**
     * Sets {@code ScopeId}, {@code Name}, or neither (every failover scope of L). L → partner, overwriting: scope
     * properties, exclusions, reservations, scope and reserved-IP options; items only on the partner vanish; server
     * options untouched. Everything is checked (and every partner reached) before any scope is written. Writes the
     * replicated scope ids as strings.
     */
    private static List<Object> replicate(SimCall call) {
        Map<SimFailover, Set<Long>> plan = new LinkedHashMap<>();
        boolean byScope = call.setIs("ScopeId") || (call.parameterSet == null && call.has("ScopeId"));
        if (byScope) {
            call.required("ScopeId");
            for (SimIp ip : call.ips("ScopeId")) {
                SimScopeCmdlets.scope(call, ip);
                SimFailover f = call.server.failoverOfScope(ip.toLong());
                if (f == null) throw call.dhcp(20116, "replicate scope " + ip);
                plan.computeIfAbsent(f, k -> new LinkedHashSet<>()).add(ip.toLong());
            }
        } else if (call.has("Name")) {
            for (String name : call.strings("Name")) {
                SimFailover f = SimFailoverCmdlets.relationship(call, name, "replicate failover relationship " + name);
                plan.computeIfAbsent(f, k -> new LinkedHashSet<>()).addAll(f.scopeIds);
            }
        } else {
            for (SimFailover f : call.server.failovers.values()) plan.put(f, new LinkedHashSet<>(f.scopeIds));
        }
        for (SimFailover f : plan.keySet()) call.reachPartner(f.peer.owner, "replicate failover relationship " + f.name);
        List<Object> out = new ArrayList<>();
        for (Map.Entry<SimFailover, Set<Long>> e : plan.entrySet()) {
            SimDhcpServer p = e.getKey().peer.owner;
            for (long id : e.getValue()) {
                SimScope source = call.server.scopes.get(id);
                SimScope target = p.scopes.get(id);
                if (target == null) p.scopes.put(id, source.copy());
                else target.copyFrom(source);
                out.add(SimIp.of(id).text());
            }
        }
        return out;
    }
}
