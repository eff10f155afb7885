package tandem.core.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaseComparisonTest {
    private static Lease lease(String ip, long expires, String state) {
        return new Lease(ip, "02:00:00:00:00:01", "host", 1, expires, state);
    }

    private static Map<String, List<Lease>> partners(List<Lease> one, List<Lease> two) {
        Map<String, List<Lease>> m = new LinkedHashMap<>();
        m.put("server1", one);
        m.put("server2", two);
        return m;
    }

    @Test
    void sameLeasesWithinTheToleranceAgree() {
        var cmp = LeaseComparison.of(partners(List.of(lease("10.0.0.5", 1000, "default")),
                List.of(lease("10.0.0.5", 1005, "default"))), 5);
        assertEquals(1, cmp.rows().size());
        assertTrue(cmp.rows().get(0).agree());
        assertEquals(List.of("server1", "server2"), cmp.rows().get(0).holders());
        assertTrue(cmp.disagreements().isEmpty());
    }

    @Test
    void aLeaseOnOnePartnerOnlyIsListedWithWhoHoldsIt() {
        var cmp = LeaseComparison.of(partners(List.of(), List.of(lease("10.0.0.9", 1000, "default"))), 5);
        var row = cmp.disagreements().get(0);
        assertEquals(List.of(LeaseComparison.Difference.ONE_PARTNER_ONLY), row.differences());
        assertEquals(List.of("server2"), row.holders());
        assertNull(row.byPartner().get("server1"));
        assertTrue(row.byPartner().containsKey("server1"));
        assertEquals(Map.of(1L, 1), cmp.disagreementsPerSubnet());
    }

    @Test
    void expiryBeyondTheToleranceAndStateDiffer() {
        var cmp = LeaseComparison.of(partners(List.of(lease("10.0.0.5", 1000, "default"),
                        lease("10.0.0.6", 1000, "default")),
                List.of(lease("10.0.0.5", 1006, "default"), lease("10.0.0.6", 1000, "declined"))), 5);
        assertEquals(List.of(LeaseComparison.Difference.EXPIRY), cmp.rows().get(0).differences());
        assertEquals(List.of(LeaseComparison.Difference.STATE), cmp.rows().get(1).differences());
        assertEquals(2, cmp.disagreements().size());
    }

    @Test
    void addressesAreInNumericOrder() {
        var cmp = LeaseComparison.of(partners(List.of(lease("10.0.0.10", 1, "default"), lease("10.0.0.9", 1, "default")),
                List.of(lease("10.0.0.100", 1, "default"))), 5);
        assertEquals(List.of("10.0.0.9", "10.0.0.10", "10.0.0.100"), cmp.rows().stream().map(LeaseComparison.Row::ip).toList());
        assertFalse(cmp.rows().get(0).agree());
    }
}
