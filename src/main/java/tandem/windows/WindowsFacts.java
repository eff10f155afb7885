package tandem.windows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tandem.core.PeerDefinition;
import tandem.core.Relationship;
import tandem.core.backend.Fact;

/**
 * Each relationship's settings as each partner last reported them, for the details pane and the checks: kept in
 * memory from the polls, never stored (a relationship shows them again after its first poll).
 */
public final class WindowsFacts {
    /** Partners whose clocks differ by more than this cannot run failover (Windows refuses to set it up). */
    public static final long MAX_CLOCK_SKEW_SECONDS = 60;

    /** @param scopes the relationship's scopes as this side has them; null when they could not be read */
    record Side(WinFailover failover, Long unixTime, Instant at, Map<String, ScopeConfig> scopes) {}

    private final Map<String, Map<String, Side>> byRelationship = new ConcurrentHashMap<>();

    void remember(String relationship, String peer, WinFailover failover, Long unixTime, Instant at,
                  Map<String, ScopeConfig> scopes) {
        byRelationship.computeIfAbsent(relationship.toLowerCase(java.util.Locale.ROOT), k -> new ConcurrentHashMap<>())
                .put(peer, new Side(failover, unixTime, at, scopes));
    }

    /**
     * The relationship's scopes that differ between the partners at their last reads, from the first peer's (the
     * source of truth's) point of view: "10.1.0.0 differs: 3 reservations, option 6", "10.2.0.0 only on dhcp1".
     */
    /** One scope's drift: its id, and the sentence that says how. */
    public record Drift(String scopeId, String sentence) {
        @Override public String toString() { return sentence; }
    }

    public List<Drift> drift(Relationship rel) {
        List<Map.Entry<String, Side>> sides = new ArrayList<>(sides(rel).entrySet());
        if (sides.size() < 2 || sides.get(0).getValue().scopes() == null || sides.get(1).getValue().scopes() == null
                || sides.get(0).getValue().failover() == null || sides.get(1).getValue().failover() == null) return List.of();
        String a = sides.get(0).getKey(), b = sides.get(1).getKey();
        Map<String, ScopeConfig> onA = sides.get(0).getValue().scopes(), onB = sides.get(1).getValue().scopes();
        java.util.Set<String> ids = new java.util.TreeSet<>(java.util.Comparator.comparingLong(tandem.core.AddressRules::ipv4));
        ids.addAll(sides.get(0).getValue().failover().scopeIds());
        ids.addAll(sides.get(1).getValue().failover().scopeIds());
        List<Drift> out = new ArrayList<>();
        for (String id : ids) {
            ScopeConfig x = onA.get(id), y = onB.get(id);
            if (x == null && y == null) continue;
            if (x == null || y == null) {
                out.add(new Drift(id, "Scope " + id + " exists only on " + (x == null ? b : a)));
                continue;
            }
            ScopeDiff d = ScopeDiff.between(x, y);
            if (!d.isEmpty()) out.add(new Drift(id, "Scope " + id + " " + d.summary(a, b) + " between " + a + " and " + b));
        }
        return out;
    }


    /** What each peer reported last, by peer name, in the relationship's peer order. */
    Map<String, Side> sides(Relationship rel) {
        Map<String, Side> known = byRelationship.getOrDefault(rel.name().toLowerCase(java.util.Locale.ROOT), Map.of());
        Map<String, Side> out = new LinkedHashMap<>();
        for (PeerDefinition p : rel.peers()) if (known.containsKey(p.name())) out.put(p.name(), known.get(p.name()));
        return out;
    }

    /** How far apart the partners' clocks were at their last reads (seconds, corrected for when each was read). */
    public Long clockSkewSeconds(Relationship rel) {
        List<Side> s = sides(rel).values().stream().filter(x -> x.unixTime() != null).toList();
        if (s.size() < 2) return null;
        long a = s.get(0).unixTime() - s.get(0).at().getEpochSecond();
        long b = s.get(1).unixTime() - s.get(1).at().getEpochSecond();
        return Math.abs(a - b);
    }

    public List<Fact> facts(Relationship rel) {
        Map<String, Side> sides = sides(rel);
        WinFailover main = null;
        for (Side s : sides.values()) if (s.failover() != null) { main = s.failover(); break; }
        if (main == null) return List.of();
        List<Fact> out = new ArrayList<>();
        if (!main.partner().isBlank()) out.add(new Fact("Partner (as Windows names it)", main.partner()));
        List<String> states = new ArrayList<>();
        sides.forEach((peer, s) -> states.add(peer + ": " + (s.failover() == null ? "no such relationship" : s.failover().state())));
        out.add(new Fact("State", String.join(", ", states)));
        out.add(new Fact("Scopes", main.scopeIds().isEmpty() ? "none" : String.join(", ", main.scopeIds())));
        out.add(new Fact("MCLT", duration(main.mcltSec())));
        if (main.loadBalancePercent() != null) {
            List<String> shares = new ArrayList<>();
            sides.forEach((peer, s) -> {
                if (s.failover() != null && s.failover().loadBalancePercent() != null) {
                    shares.add(peer + " " + s.failover().loadBalancePercent() + " %");
                }
            });
            out.add(new Fact("Load balance", String.join(", ", shares)));
        }
        if (main.reservePercent() != null) {
            String standby = null;
            for (Map.Entry<String, Side> e : sides.entrySet()) {
                if (e.getValue().failover() != null && "Standby".equalsIgnoreCase(e.getValue().failover().serverRole())) standby = e.getKey();
            }
            out.add(new Fact("Standby reserve", main.reservePercent() + " %" + (standby == null ? "" : " (standby: " + standby + ")")));
        }
        out.add(new Fact("State switchover", main.autoStateTransition() && main.switchIntervalSec() != null
                ? duration(main.switchIntervalSec()) + " (automatic)" : "off (manual partner down)"));
        out.add(new Fact("Authentication", main.enableAuth() ? "on (shared secret)" : "off"));
        Long skew = clockSkewSeconds(rel);
        if (skew != null) out.add(new Fact("Clocks apart", skew + " s"));
        return out;
    }

    /** "1 h", "10 min", "90 s". */
    static String duration(Long seconds) {
        if (seconds == null) return "not set";
        if (seconds % 3600 == 0 && seconds > 0) return seconds / 3600 + " h";
        if (seconds % 60 == 0 && seconds > 0) return seconds / 60 + " min";
        return seconds + " s";
    }
}
