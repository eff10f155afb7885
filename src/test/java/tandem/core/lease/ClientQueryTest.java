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
}
