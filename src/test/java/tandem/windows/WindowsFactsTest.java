package tandem.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
