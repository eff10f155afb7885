package tandem.kea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import tandem.core.lease.Lease;

class KeaLeaseReaderTest {
    @Test
    void readsALeaseOfLease4GetPage() throws Exception {
        var node = new ObjectMapper().readTree("{\"ip-address\":\"10.10.0.150\",\"hw-address\":\"0A:00:00:00:00:01\","
                + "\"hostname\":\"\",\"subnet-id\":1,\"cltt\":1700000000,\"valid-lft\":4000,\"state\":1}");
        assertEquals(new Lease("10.10.0.150", "0a:00:00:00:00:01", null, 1, 1700004000L, "declined"),
                KeaLeaseReader.parse(node));
        assertNull(KeaLeaseReader.parse(new ObjectMapper().readTree("{\"hw-address\":\"0a:00:00:00:00:01\"}")));
        assertEquals("expired-reclaimed", KeaLeaseReader.stateName(2));
    }

    @Test
    void readsAnAddressAndAPrefixOfLease6GetPage() throws Exception {
        var na = new ObjectMapper().readTree("{\"ip-address\":\"2001:db8:1::150\",\"duid\":\"00:03:00:01:0A:00:00:00:01:50\","
                + "\"type\":\"IA_NA\",\"prefix-len\":128,\"hostname\":\"six\",\"subnet-id\":1,\"cltt\":1700000000,"
                + "\"valid-lft\":4000,\"state\":0}");
        assertEquals(new Lease("2001:db8:1::150", null, "six", 1, 1700004000L, "active", "00:03:00:01:0a:00:00:00:01:50"),
                KeaLeaseReader.parse6(na));
        var pd = new ObjectMapper().readTree("{\"ip-address\":\"2001:db8:8::\",\"type\":\"IA_PD\",\"prefix-len\":56,"
                + "\"duid\":\"00:01\",\"subnet-id\":1,\"cltt\":1,\"valid-lft\":1}");
        assertEquals("2001:db8:8::/56", KeaLeaseReader.parse6(pd).ip());
    }
}
