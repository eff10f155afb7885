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
}
