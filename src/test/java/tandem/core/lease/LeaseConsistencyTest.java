package tandem.core.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tandem.core.ConfigCheck;
import tandem.core.Relationship;

/** The lease consistency check: counted per subnet, read again only when the last result is old. */
class LeaseConsistencyTest {
    private static final Instant T0 = Instant.parse("2026-12-02T11:00:00Z");

    private static Lease lease(String ip, long subnet) { return new Lease(ip, "02:00:00:00:00:01", null, subnet, 1000, "default"); }

    /** Two subnets: 1 with one address on one partner only, 2 with every address on both. */
    private static PartnerLeases read() {
        Map<String, List<Lease>> held = new LinkedHashMap<>();
        held.put("a", List.of(lease("10.0.1.5", 1), lease("10.0.1.6", 1), lease("10.0.2.5", 2)));
        held.put("b", List.of(lease("10.0.1.6", 1), lease("10.0.2.5", 2)));
        return new PartnerLeases(held, Map.of(), Map.of(1L, "10.0.1.0/24", 2L, "10.0.2.0/24"), false);
    }

    @Test
    void countsDisagreementsPerSubnetAndWarnsOnlyWhereThereAreSome() {
        LeaseConsistency.Result r = LeaseConsistency.of("rel", read(), T0);
        assertEquals(List.of(new LeaseConsistency.SubnetCount(1, "10.0.1.0/24", 1), new LeaseConsistency.SubnetCount(2, "10.0.2.0/24", 0)),
                r.perSubnet());
        List<ConfigCheck> checks = LeaseConsistency.checks(r, T0.plus(Duration.ofMinutes(4)));
        assertEquals(1, checks.size(), checks.toString());
        ConfigCheck c = checks.get(0);
        assertEquals(LeaseConsistency.KIND, c.kind());
        assertEquals(1, c.facts().get("disagreements"));
        assertEquals("10.0.1.0/24", c.facts().get("subnet"));
        assertTrue(c.sentence().startsWith("1 lease differs between the partners in 10.0.1.0/24"), c.sentence());
        assertTrue(c.sentence().contains("checked 4 min ago"), c.sentence());
    }

    @Test
    void aPollUsesTheLastResultAndReadsAgainInTheBackgroundOnlyWhenItIsOld() {
        AtomicInteger reads = new AtomicInteger();
        LeaseSource source = (rel, subnet, within) -> {
            reads.incrementAndGet();
            return read();
        };
        Instant[] now = {T0};
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        };
        List<Runnable> queued = new ArrayList<>();
        LeaseConsistency lc = new LeaseConsistency(rel -> Optional.of(source), Duration.ofSeconds(5),
                Duration.ofMinutes(10), clock, queued::add);
        Relationship rel = new Relationship("rel", "rel", tandem.core.Backend.KEA, tandem.core.HaMode.HOT_STANDBY,
                List.of(new tandem.core.PeerDefinition("a", tandem.core.PeerRole.PRIMARY, java.net.URI.create("http://a:8000/"), false),
                        new tandem.core.PeerDefinition("b", tandem.core.PeerRole.STANDBY, java.net.URI.create("http://b:8000/"), false)),
                false, tandem.core.HaParameters.NONE);

        assertEquals(List.of(), lc.checks(rel), "nothing known yet");
        assertEquals(1, queued.size(), "a read is started");
        assertEquals(List.of(), lc.checks(rel));
        assertEquals(1, queued.size(), "not a second one while the first runs");
        queued.remove(0).run();
        assertEquals(1, reads.get());

        now[0] = T0.plus(Duration.ofMinutes(9));
        assertEquals(1, lc.checks(rel).size());
        assertTrue(queued.isEmpty(), "a result younger than the cadence is used as it is");
        now[0] = T0.plus(Duration.ofMinutes(10));
        assertTrue(lc.checks(rel).get(0).sentence().contains("checked 10 min ago"));
        assertEquals(1, queued.size(), "an old result is shown while a new read runs");
        queued.remove(0).run();
        assertEquals(2, reads.get());
        assertTrue(lc.checks(rel).get(0).sentence().contains("checked just now"));

        LeaseConsistency none = new LeaseConsistency(r -> Optional.empty(), Duration.ofSeconds(5),
                Duration.ofMinutes(10), clock, queued::add);
        assertEquals(List.of(), none.checks(rel));
        assertTrue(queued.isEmpty(), "a backend without leases is never read");
        assertEquals(Optional.empty(), none.checkNow(rel));
    }

    @Test
    void aPartnerNotReadIsSaid() {
        PartnerLeases p = new PartnerLeases(Map.of("a", List.of(lease("10.0.1.5", 1))), Map.of("b", "unreachable"), Map.of(), false);
        List<ConfigCheck> checks = LeaseConsistency.checks(LeaseConsistency.of("rel", p, T0), T0);
        assertEquals(1, checks.size(), checks.toString());
        assertTrue(checks.get(0).sentence().startsWith("Leases not compared: b: unreachable"), checks.get(0).sentence());
    }
}
