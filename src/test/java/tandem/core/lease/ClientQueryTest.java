package tandem.core.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientQueryTest {
    @Test
    void tellsTheThreeKindsApartAndNormalizes() {
        assertEquals(new ClientQuery(ClientQuery.Kind.IP, "10.10.0.50"), ClientQuery.parse(" 10.10.0.50 ").orElseThrow());
        assertEquals(new ClientQuery(ClientQuery.Kind.MAC, "02:00:ab:00:00:01"),
                ClientQuery.parse("02-00-AB-00-00-01").orElseThrow());
        assertEquals(new ClientQuery(ClientQuery.Kind.HOSTNAME, "host-1.example.org"),
                ClientQuery.parse("Host-1.example.org.").orElseThrow());
    }

    @Test
    void refusesWhatIsNoneOfThem() {
        for (String bad : new String[]{"10.0.0.300", "1.2.3", "", " ", "bad_name", "-host", "a..b", "02:00:00:00:00"}) {
            assertTrue(ClientQuery.parse(bad).isEmpty(), bad);
        }
        assertTrue(ClientQuery.problem("x_y").contains("'x_y' is neither"));
    }

    @Test
    void matchesByEachIdentifier() {
        assertTrue(ClientQuery.parse("10.0.0.5").orElseThrow().matches("10.0.0.5", null, null));
        assertFalse(ClientQuery.parse("10.0.0.5").orElseThrow().matches("10.0.0.50", null, null));
        assertTrue(ClientQuery.parse("02:00:00:00:00:0a").orElseThrow().matches(null, "02:00:00:00:00:0A", null));
        assertTrue(ClientQuery.parse("host-1").orElseThrow().matches(null, null, "HOST-1.example.org."));
        assertFalse(ClientQuery.parse("host-1").orElseThrow().matches(null, null, "host-10"));
        assertFalse(ClientQuery.parse("host-1.example.org").orElseThrow().matches(null, null, "host-1"));
    }

    @Test
    void readsIpv6AddressesAndDuidsForDhcpv6() {
        assertEquals(new ClientQuery(ClientQuery.Kind.IP, "2001:db8:1::150"),
                ClientQuery.parse("2001:DB8:1:0:0:0:0:150").orElseThrow());
        assertEquals(new ClientQuery(ClientQuery.Kind.IP, "2001:db8::1:0:0:1"), ClientQuery.parse("2001:db8:0:0:1::1").orElseThrow());
        assertEquals(new ClientQuery(ClientQuery.Kind.DUID, "00:03:00:01:0a:00:00:00:01:50"),
                ClientQuery.parse("00-03-00-01-0A-00-00-00-01-50").orElseThrow());
        // a server's short form and the typed long form are the same address
        assertTrue(ClientQuery.parse("2001:db8:1:0::150").orElseThrow().matches("2001:db8:1::150", null, null, null));
        assertFalse(ClientQuery.parse("2001:db8:1::150").orElseThrow().matches("2001:db8:1::151", null, null, null));
        assertTrue(ClientQuery.parse("00:03:00:01:0a:00:00:00:01:50").orElseThrow()
                .matches(null, null, "00:03:00:01:0A:00:00:00:01:50", null));
        assertFalse(ClientQuery.parse("00:03:00:01:0a:00:00:00:01:50").orElseThrow()
                .matches(null, "00:03:00:01:0a:00", null, null));
        for (String bad : new String[]{"2001:db8::1::2", "2001:db8:zz::1", ":::", "00:03:00:01:0a:00:00:00:01:5"}) {
            assertTrue(ClientQuery.parse(bad).isEmpty(), bad);
        }
    }
}
