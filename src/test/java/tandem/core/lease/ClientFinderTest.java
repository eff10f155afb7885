package tandem.core.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tandem.core.Backend;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.PeerDefinition;
import tandem.core.PeerRole;
import tandem.core.Relationship;

/** Finding a client through any backend's lease source: leases and reservations, compared between partners. */
class ClientFinderTest {
    private static Relationship rel(String name, Backend backend) {
        return new Relationship(name, name, backend, HaMode.HOT_STANDBY, List.of(
                new PeerDefinition("a", PeerRole.PRIMARY, URI.create("ssh://a"), false),
                new PeerDefinition("b", PeerRole.STANDBY, URI.create("ssh://b"), false)), false, HaParameters.NONE);
    }

    private static LeaseSource source(Map<String, List<Lease>> leases, Map<String, List<Reservation>> reservations,
                                      Map<String, String> unread) {
        return new LeaseSource() {
            @Override public PartnerLeases read(Relationship r, java.util.OptionalLong s, Duration within) {
                return new PartnerLeases(leases, unread, Map.of(7L, "2001:db8:1::/64", 1L, "10.0.1.0/24"), false);
            }

            @Override public PartnerReservations reservations(Relationship r, Duration within) {
                return new PartnerReservations(reservations, Map.of());
            }
        };
    }

    @Test
    void findsLeasesAndReservationsInEveryBackendThatReadsThem() {
        String duid = "00:03:00:01:0a:00:00:00:01:50";
        Map<String, List<Lease>> v6 = new LinkedHashMap<>();
        v6.put("a", List.of(new Lease("2001:db8:1::150", null, "six", 7, 100, "default", duid)));
        v6.put("b", List.of());
        Map<String, List<Reservation>> res = new LinkedHashMap<>();
        res.put("a", List.of(new Reservation("10.0.1.0/24", "10.0.1.9", "02:00:00:00:00:09", null, "printer",
                Map.of("ip-address", "10.0.1.9", "hostname", "printer"))));
        res.put("b", List.of(new Reservation("10.0.1.0/24", "10.0.1.9", "02:00:00:00:00:09", null, "printer",
                Map.of("ip-address", "10.0.1.9", "hostname", "Printer"))));
        Relationship kea6 = rel("kea6", Backend.KEA), isc = rel("isc", Backend.ISC), win = rel("win", Backend.WINDOWS);
        Map<Relationship, LeaseSource> sources = Map.of(kea6, source(v6, Map.of(), Map.of()),
                isc, source(Map.of("a", List.of()), res, Map.of("b", "unreachable")));
        ClientFinder finder = new ClientFinder(() -> List.of(kea6, isc, win),
                r -> Optional.ofNullable(sources.get(r)), Duration.ofSeconds(1));

        for (String q : new String[]{"2001:db8:1:0:0:0:0:150", duid.toUpperCase(), "six"}) {
            ClientFinder.Result r = finder.find(ClientQuery.parse(q).orElseThrow());
            assertEquals(1, r.matches().size(), q + ": " + r);
            ClientFinder.Match m = r.matches().get(0);
            assertEquals("kea6", m.relationship());
            assertEquals("2001:db8:1::/64", m.subnet());
            assertEquals("lease", m.kind());
            assertEquals(duid, m.duid());
            assertEquals(List.of("a"), m.holders());
            assertEquals(List.of("b"), m.lacking());
            assertFalse(m.agree());
            assertEquals(Map.of("isc/b", "unreachable"), r.unread());
        }

        ClientFinder.Match printer = finder.find(ClientQuery.parse("printer").orElseThrow()).matches().get(0);
        assertEquals("reservation", printer.kind());
        assertEquals("isc", printer.relationship());
        assertEquals(List.of("a", "b"), printer.holders());
        assertFalse(printer.agree(), "the partners word the host name differently");
        assertTrue(finder.find(ClientQuery.parse("10.0.1.10").orElseThrow()).matches().isEmpty());
    }
}
