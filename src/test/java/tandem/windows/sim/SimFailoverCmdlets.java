package tandem.windows.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Get/Add/Set/Remove-DhcpServerv4Failover (reference §1.2, §2, §4.2). */
final class SimFailoverCmdlets {
    static final int MAX_RELATIONSHIPS = 31;
    static final int MAX_SCOPES_PER_CALL = 400;
    static final int MAX_NAME = 126;
    static final Duration DEFAULT_MCLT = Duration.ofHours(1);
    static final Duration DEFAULT_SWITCH_INTERVAL = Duration.ofMinutes(60);
    static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

    private SimFailoverCmdlets() {}

    static void register(SimDhcpCmdlets c) {
        c.register("Get-DhcpServerv4Failover", SimFailoverCmdlets::get);
        c.register("Add-DhcpServerv4Failover", SimFailoverCmdlets::add);
        c.register("Set-DhcpServerv4Failover", SimFailoverCmdlets::set);
        c.register("Remove-DhcpServerv4Failover", SimFailoverCmdlets::remove);
    }

    /** L's side of the relationship, or DHCP 20115 (FO_RELATIONSHIP_DOES_NOT_EXIST). */
    static SimFailover relationship(SimCall call, String name, String action) {
        SimFailover f = call.server.failovers.get(name.toLowerCase(Locale.ROOT));
        if (f == null) throw call.dhcp(20115, action);
        return f;
    }

    private static List<Object> get(SimCall call) {
        List<Object> out = new ArrayList<>();
        if (call.setIs("ScopeId") || (call.parameterSet == null && call.has("ScopeId"))) {
            call.required("ScopeId");
            for (SimIp id : call.ips("ScopeId")) {
                SimFailover f = call.server.failoverOfScope(id.toLong());
                if (f == null) throw call.dhcp(20116, "get failover relationship for scope " + id);
                out.add(f.toObject());
            }
            return out;
        }
        if (!call.has("Name")) {
            for (SimFailover f : call.server.failovers.values()) out.add(f.toObject());
            return out;
        }
        for (String name : call.strings("Name")) out.add(relationship(call, name, "get failover relationship " + name).toObject());
        return out;
    }

    /** The scopes of a call, without repeats, each on L, of type Dhcp and in no relationship (checked in that order). */
    static Set<Long> freeScopesOnL(SimCall call, String action) {
        call.required("ScopeId");
        Set<Long> ids = new LinkedHashSet<>();
        for (SimIp ip : call.ips("ScopeId")) ids.add(ip.toLong());
        if (ids.size() > MAX_SCOPES_PER_CALL) throw call.dhcp(20130, action);
        for (long id : ids) {
            SimScope s = SimScopeCmdlets.scope(call, SimIp.of(id));
            if (!"Dhcp".equals(s.type)) throw call.dhcp(20131, action);
            if (call.server.failoverOfScope(id) != null) throw call.dhcp(20113, action);
        }
        return ids;
    }

    /** Each scope absent on the partner (a split-scope copy must be deleted first), else DHCP 20052. */
    static void absentOnPartner(SimCall call, SimDhcpServer partner, Set<Long> ids, String action) {
        for (long id : ids) if (partner.scopes.containsKey(id)) throw call.dhcp(20052, action);
    }

    /** Copies L's scopes (with exclusions, reservations and options) to the partner and adds them to both sides. */
    static void enrol(SimFailover f, Set<Long> ids) {
        for (long id : ids) {
            f.peer.owner.scopes.put(id, f.owner.scopes.get(id).copy());
            f.scopeIds.add(id);
            f.peer.scopeIds.add(id);
        }
    }

    private static String mode(SimCall call) {
        boolean standby = call.has("ReservePercent") || call.has("ServerRole");
        boolean balance = call.has("LoadBalancePercent");
        if (standby && balance || standby && call.setIs("LoadBalance") || balance && call.setIs("HotStandby")) {
            throw SimError.binder("AmbiguousParameterSet", call.cmdlet, "InvalidArgument",
                    call.network.wording("Parameter set cannot be resolved using the specified named parameters."));
        }
        return standby || call.setIs("HotStandby") ? "HotStandby" : "LoadBalance";
    }

    private static List<Object> add(SimCall call) {
        String mode = mode(call);
        String name = call.requiredString("Name");
        String partnerName = call.requiredString("PartnerServer");
        String action = "create failover relationship " + name;
        SimDhcpServer l = call.server;
        if (name.length() > MAX_NAME) throw call.dhcp(20125, action);
        if (l.failover(name).isPresent()) throw call.dhcp(20114, action);
        if (l.failovers.size() >= MAX_RELATIONSHIPS) throw call.dhcp(20128, action);
        Set<Long> ids = freeScopesOnL(call, action);
        long lb = percent(call, "LoadBalancePercent", 50, action);
        long reserve = percent(call, "ReservePercent", 5, action);
        String role = call.has("ServerRole") ? SimScopeCmdlets.canonical(call, call.string("ServerRole"), action, "Active", "Standby") : "Active";
        Duration mclt = call.has("MaxClientLeadTime") ? call.duration("MaxClientLeadTime") : DEFAULT_MCLT;
        if (mclt.isZero() || mclt.isNegative()) throw call.invalidParameter(action);
        Duration interval = call.duration("StateSwitchInterval");
        if (interval != null && (interval.isZero() || interval.isNegative())) throw call.invalidParameter(action);
        boolean auto = call.has("AutoStateTransition") ? call.bool("AutoStateTransition") : interval != null;
        String secret = call.string("SharedSecret");

        SimDhcpServer p = call.network.find(partnerName).orElseThrow(() -> call.dhcp(20124, action));
        if (p == l) throw call.invalidParameter(action);
        call.reachPartner(p, action);
        if (p.failover(name).isPresent()) throw call.dhcp(20114, action);
        if (p.failovers.size() >= MAX_RELATIONSHIPS) throw call.dhcp(20128, action);
        if (l.clockOffset.minus(p.clockOffset).abs().compareTo(MAX_CLOCK_SKEW) > 0) throw call.dhcp(20119, action);
        absentOnPartner(call, p, ids, action);

        java.time.Instant now = call.network.clock().now();
        SimFailover mine = new SimFailover(l, name, "PrimaryServer", now);
        SimFailover theirs = new SimFailover(p, name, "SecondaryServer", now);
        mine.peer = theirs;
        theirs.peer = mine;
        for (SimFailover side : List.of(mine, theirs)) {
            side.mode = mode;
            side.maxClientLeadTime = mclt;
            side.autoStateTransition = auto;
            side.stateSwitchInterval = auto ? (interval == null ? DEFAULT_SWITCH_INTERVAL : interval) : null;
            side.secret(secret == null || secret.isEmpty() ? null : secret);
            if ("HotStandby".equals(mode)) side.reservePercent = reserve;
        }
        if ("LoadBalance".equals(mode)) {
            mine.loadBalancePercent = lb;
            theirs.loadBalancePercent = 100 - lb;
        } else {
            mine.serverRole = role;
            theirs.serverRole = role.equals("Active") ? "Standby" : "Active";
        }
        l.failovers.put(name.toLowerCase(Locale.ROOT), mine);
        p.failovers.put(name.toLowerCase(Locale.ROOT), theirs);
        enrol(mine, ids);
        return call.passThru(List.of(mine.toObject()));
    }

    /** A percentage parameter (0..100; the binder's ValidateRange stops others first), or its default. */
    private static long percent(SimCall call, String parameter, long fallback, String action) {
        Long v = call.number(parameter);
        if (v == null) return fallback;
        if (v < 0 || v > 100) throw call.invalidParameter(action);
        return v;
    }

    /**
     * One parameter set. {@code -PartnerDown} acts on L alone and only from CommunicationInterrupted (else WIN32 5023
     * ERROR_INVALID_STATE, our choice: the code is not documented); every other setting is relationship-wide and so
     * must reach the partner. {@code -SharedSecret $null} (or empty) turns authentication off.
     */
    private static List<Object> set(SimCall call) {
        String name = call.requiredString("Name");
        String action = "set failover relationship " + name;
        SimFailover f = relationship(call, name, action);
        boolean partnerDown = call.flag("PartnerDown");
        if (partnerDown && f.state != SimFailover.State.CommunicationInterrupted) {
            throw call.win32(5023, action, "The group or resource is not in the correct state to perform the requested operation.");
        }
        String mode = call.has("Mode") ? SimScopeCmdlets.canonical(call, call.string("Mode"), action, "LoadBalance", "HotStandby") : f.mode;
        boolean modeChanges = !mode.equals(f.mode);
        if (call.has("LoadBalancePercent") && !mode.equals("LoadBalance")) throw call.invalidParameter(action);
        if (call.has("ReservePercent") && !mode.equals("HotStandby")) throw call.invalidParameter(action);
        long lb = percent(call, "LoadBalancePercent", f.loadBalancePercent == null ? 50 : f.loadBalancePercent, action);
        long reserve = percent(call, "ReservePercent", f.reservePercent == null ? 5 : f.reservePercent, action);
        Duration mclt = call.has("MaxClientLeadTime") ? call.duration("MaxClientLeadTime") : f.maxClientLeadTime;
        if (mclt.isZero() || mclt.isNegative()) throw call.invalidParameter(action);
        Duration interval = call.has("StateSwitchInterval") ? call.duration("StateSwitchInterval") : f.stateSwitchInterval;
        if (interval != null && (interval.isZero() || interval.isNegative())) throw call.invalidParameter(action);
        boolean auto = call.has("AutoStateTransition") ? call.bool("AutoStateTransition")
                : call.has("StateSwitchInterval") || f.autoStateTransition;
        boolean settings = call.has("Mode") || call.has("LoadBalancePercent") || call.has("ReservePercent")
                || call.has("MaxClientLeadTime") || call.has("StateSwitchInterval") || call.has("AutoStateTransition")
                || call.has("SharedSecret");
        if (settings) call.reachPartner(f.peer.owner, action);

        if (partnerDown) f.enter(SimFailover.State.PartnerDown, call.network.clock().now());
        if (settings) {
            String secret = call.string("SharedSecret");
            for (SimFailover side : List.of(f, f.peer)) {
                side.mode = mode;
                side.maxClientLeadTime = mclt;
                side.autoStateTransition = auto;
                side.stateSwitchInterval = auto ? (interval == null ? DEFAULT_SWITCH_INTERVAL : interval) : null;
                if (call.has("SharedSecret")) side.secret(secret == null || secret.isEmpty() ? null : secret);
                if (mode.equals("LoadBalance")) {
                    side.reservePercent = null;
                    side.serverRole = null;
                } else {
                    side.loadBalancePercent = null;
                    side.reservePercent = reserve;
                }
            }
            if (mode.equals("LoadBalance")) {
                f.loadBalancePercent = lb;
                f.peer.loadBalancePercent = 100 - lb;
            } else if (modeChanges) {
                f.serverRole = "Active";
                f.peer.serverRole = "Standby";
            }
        }
        return call.passThru(List.of(f.toObject()));
    }

    /** Both sides go; the scopes stay on L and are deleted on the partner. All names checked before any change. */
    private static List<Object> remove(SimCall call) {
        call.required("Name");
        List<SimFailover> found = new ArrayList<>();
        for (String name : call.strings("Name")) {
            SimFailover f = relationship(call, name, "delete failover relationship " + name);
            if (!found.contains(f)) found.add(f);
        }
        for (SimFailover f : found) call.reachPartner(f.peer.owner, "delete failover relationship " + f.name);
        List<Object> removed = new ArrayList<>();
        for (SimFailover f : found) {
            removed.add(f.toObject());
            for (long id : f.peer.scopeIds) f.peer.owner.scopes.remove(id);
            f.owner.failovers.remove(f.name.toLowerCase(Locale.ROOT));
            f.peer.owner.failovers.remove(f.name.toLowerCase(Locale.ROOT));
        }
        return call.passThru(removed);
    }
}
