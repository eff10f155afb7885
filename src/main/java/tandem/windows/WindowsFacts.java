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
    record Side(WinFailover failover, Long unixTime, Instant at, PackedScopes packed) {
        Map<String, ScopeConfig> scopes() { return packed == null ? null : packed.unpack(); }
    }

    /** The last drift found and the very sides it was found between: unchanged sides are not compared again. */
    private record Found(Side a, Side b, List<Drift> drift) {}

    private final Map<String, Map<String, Side>> byRelationship = new ConcurrentHashMap<>();
    private final Map<String, Found> lastDrift = new ConcurrentHashMap<>();

    void remember(String relationship, String peer, WinFailover failover, Long unixTime, Instant at,
                  Map<String, ScopeConfig> scopes) {
        Map<String, Side> sides = byRelationship.computeIfAbsent(relationship.toLowerCase(java.util.Locale.ROOT),
                k -> new ConcurrentHashMap<>());
        PackedScopes packed = scopes == null ? null : PackedScopes.pack(scopes);
        Side before = sides.get(peer);
        // the same scopes as last time keep the same object, which tells drift() nothing changed
        if (packed != null && before != null && packed.sameAs(before.packed())) packed = before.packed();
        sides.put(peer, new Side(failover, unixTime, at, packed));
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
        if (sides.size() < 2 || sides.get(0).getValue().packed() == null || sides.get(1).getValue().packed() == null
                || sides.get(0).getValue().failover() == null || sides.get(1).getValue().failover() == null) return List.of();
        Side sideA = sides.get(0).getValue(), sideB = sides.get(1).getValue();
        String key = rel.name().toLowerCase(java.util.Locale.ROOT);
        Found found = lastDrift.get(key);
        if (found != null && same(found.a(), sideA) && same(found.b(), sideB)) return found.drift();
        List<Drift> out = drift(sides.get(0).getKey(), sideA, sides.get(1).getKey(), sideB);
        lastDrift.put(key, new Found(sideA, sideB, out));
        return out;
    }

    private static boolean same(Side was, Side now) {
        return was.packed() == now.packed() && java.util.Objects.equals(was.failover(), now.failover());
    }

    private static List<Drift> drift(String a, Side sideA, String b, Side sideB) {
        Map<String, ScopeConfig> onA = sideA.scopes(), onB = sideB.scopes();
        java.util.Set<String> ids = new java.util.TreeSet<>(java.util.Comparator.comparingLong(tandem.core.AddressRules::ipv4));
        ids.addAll(sideA.failover().scopeIds());
        ids.addAll(sideB.failover().scopeIds());
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
        return List.copyOf(out);
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
