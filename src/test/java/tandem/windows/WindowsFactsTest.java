package tandem.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.core.Backend;
import tandem.core.HaMode;
import tandem.core.PeerDefinition;
import tandem.core.PeerRole;
import tandem.core.Relationship;

/** What the last polls of both partners say about drift: a scope on one partner only, a scope that differs. */
class WindowsFactsTest {
    private static final Relationship FO1 = new Relationship("fo1", "dhcp1", Backend.WINDOWS, HaMode.LOAD_BALANCING,
            List.of(new PeerDefinition("dhcp1", PeerRole.PRIMARY, URI.create("ssh://a@h1:22/#failover=fo1"), true),
                    new PeerDefinition("dhcp2", PeerRole.SECONDARY, URI.create("ssh://a@h2:22/#failover=fo1"), true)),
            false, null);

    private static WinFailover failover(String... scopes) {
        return new WinFailover("fo1", "x", "LoadBalance", "Normal", "", "PrimaryServer", 50, null, 3600L, null, false,
                false, List.of(scopes));
    }

    private static ScopeConfig scope(String id, WinReservation... reservations) {
        return new ScopeConfig(new WinScope(id, "s", "255.255.255.0", id.replace(".0", ".10"), id.replace(".0", ".200"),
                "Active", "Dhcp", 691200L, ""), List.of(), List.of(reservations), List.of());
    }

    @Test
    void aScopeOnOnePartnerOnlyAndOneThatDiffersAreNamed() {
        WindowsFacts facts = new WindowsFacts();
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        facts.remember("fo1", "dhcp1", failover("10.1.0.0", "10.2.0.0"), now.getEpochSecond(), now,
                Map.of("10.1.0.0", scope("10.1.0.0", new WinReservation("10.1.0.0", "10.1.0.50", "00-11-22-33-44-55", "", "Both", "")),
                        "10.2.0.0", scope("10.2.0.0")));
        facts.remember("fo1", "dhcp2", failover("10.1.0.0", "10.2.0.0"), now.getEpochSecond() + 75, now,
                Map.of("10.1.0.0", scope("10.1.0.0")));
        List<String> drift = facts.drift(FO1).stream().map(WindowsFacts.Drift::sentence).toList();
        assertEquals(2, drift.size(), drift.toString());
        assertEquals("Scope 10.1.0.0 differs: 1 reservation between dhcp1 and dhcp2", drift.get(0));
        assertEquals("Scope 10.2.0.0 exists only on dhcp1", drift.get(1));
        assertEquals(75L, facts.clockSkewSeconds(FO1));
    }

    @Test
    void nothingIsSaidBeforeBothPartnersWereRead() {
        WindowsFacts facts = new WindowsFacts();
        Instant now = Instant.now();
        facts.remember("fo1", "dhcp1", failover("10.1.0.0"), now.getEpochSecond(), now, Map.of("10.1.0.0", scope("10.1.0.0")));
        assertEquals(List.of(), facts.drift(FO1));
        assertEquals(null, facts.clockSkewSeconds(FO1));
    }

    private static ScopeConfig large(String id, int reservations) {
        List<WinReservation> rs = new java.util.ArrayList<>();
        List<WinOptionValue> options = new java.util.ArrayList<>();
        String prefix = id.substring(0, id.lastIndexOf('.') + 1);
        for (int i = 0; i < reservations; i++) {
            String ip = prefix + (i % 250 + 1);
            rs.add(new WinReservation(id, ip, String.format("00-15-5d-00-%02x-%02x", i / 256, i % 256), "host-" + i,
                    "Both", "desk " + i));
            options.add(new WinOptionValue(6, "DNS Servers", List.of("10.0.0.53", "10.0.1.53"), ip));
        }
        return new ScopeConfig(new WinScope(id, "branch", "255.255.255.0", prefix + "10", prefix + "200", "Active",
                "Dhcp", 691200L, "Branch scope"), List.of(new WinExclusion(id, prefix + "1", prefix + "9")), rs, options);
    }

    @Test
    void scopesAreKeptPackedAndComeBackExactly() {
        Map<String, ScopeConfig> scopes = new java.util.LinkedHashMap<>();
        scopes.put("10.3.0.0", large("10.3.0.0", 200));
        scopes.put("10.1.0.0", large("10.1.0.0", 50));
        PackedScopes packed = PackedScopes.pack(scopes);
        assertEquals(scopes, packed.unpack());
        assertEquals(List.of("10.3.0.0", "10.1.0.0"), List.copyOf(packed.unpack().keySet()));
        // 250 reservations with an option each: a few hundred bytes a reservation as objects, a few dozen packed
        assertTrue(packed.size() < 250 * 40, packed.size() + " bytes");
        assertTrue(PackedScopes.pack(Map.of("10.1.0.0", large("10.1.0.0", 50))).sameAs(
                PackedScopes.pack(Map.of("10.1.0.0", large("10.1.0.0", 50)))));
        assertFalse(PackedScopes.pack(Map.of("10.1.0.0", large("10.1.0.0", 50))).sameAs(
                PackedScopes.pack(Map.of("10.1.0.0", large("10.1.0.0", 51)))));
    }

    @Test
    void driftIsFoundAgainOnlyWhenAPartnerReportsSomethingNew() {
        WindowsFacts facts = new WindowsFacts();
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        facts.remember("fo1", "dhcp1", failover("10.1.0.0"), now.getEpochSecond(), now, Map.of("10.1.0.0", large("10.1.0.0", 20)));
        facts.remember("fo1", "dhcp2", failover("10.1.0.0"), now.getEpochSecond(), now, Map.of("10.1.0.0", large("10.1.0.0", 21)));
        List<WindowsFacts.Drift> first = facts.drift(FO1);
        assertEquals(1, first.size(), first.toString());
        // the next poll reports the same scopes: the comparison is not made again
        facts.remember("fo1", "dhcp2", failover("10.1.0.0"), now.getEpochSecond() + 10, now.plusSeconds(10),
                Map.of("10.1.0.0", large("10.1.0.0", 21)));
        assertSame(first, facts.drift(FO1));
        // the partner catches up: the drift is gone
        facts.remember("fo1", "dhcp2", failover("10.1.0.0"), now.getEpochSecond() + 20, now.plusSeconds(20),
                Map.of("10.1.0.0", large("10.1.0.0", 20)));
        assertEquals(List.of(), facts.drift(FO1));
    }
}
