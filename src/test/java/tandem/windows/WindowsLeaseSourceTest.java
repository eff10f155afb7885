package tandem.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.core.lease.Lease;

/** A partner's answer to the lease script, as Windows PowerShell 5.1 and PowerShell 7 print it, read into leases. */
class WindowsLeaseSourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsLeasesWithMacSubnetExpiryAndStateAndDropsUnusedReservations() throws Exception {
        // 5.1 wraps a lone array as {"value":[...],"Count":n} and may print numbers as strings
        String answer = """
                {"scopes":{"value":[{"scopeId":"10.1.0.0","name":"s","subnetMask":"255.255.255.0",
                  "startRange":"10.1.0.10","endRange":"10.1.0.200","state":"Active","type":"Dhcp","leaseDurationSec":691200}],"Count":1},
                 "leases":[
                  {"scopeId":"10.1.0.0","ipAddress":"10.1.0.77","clientId":"AA-BB-CC-DD-EE-FF","hostName":"pc1.corp",
                   "addressState":"Active","expires":1767686400},
                  {"scopeId":"10.1.0.0","ipAddress":"10.1.0.78","clientId":"00-11-22-33-44-55","hostName":null,
                   "addressState":"Declined","expires":"1767686401"},
                  {"scopeId":"10.1.0.0","ipAddress":"10.1.0.50","clientId":"00-11-22-33-44-66","hostName":"printer",
                   "addressState":"InactiveReservation","expires":null},
                  {"scopeId":"10.1.0.0","ipAddress":"10.1.0.51","clientId":"00-11-22-33-44-67","hostName":"nas",
                   "addressState":"ActiveReservation"}]}
                """;
        Map<Long, String> subnets = new LinkedHashMap<>();
        List<Lease> leases = WindowsLeaseSource.leases(JSON.readTree(answer), subnets);
        long scope = (10L << 24) + (1 << 16);
        assertEquals(Map.of(scope, "10.1.0.0/24"), subnets);
        assertEquals(List.of(
                new Lease("10.1.0.77", "aa:bb:cc:dd:ee:ff", "pc1.corp", scope, 1767686400L, "active"),
                new Lease("10.1.0.78", "00:11:22:33:44:55", null, scope, 1767686401L, "declined"),
                new Lease("10.1.0.51", "00:11:22:33:44:67", "nas", scope, 0, "active-reservation")), leases);
    }

    @Test
    void oneLeaseAloneAndNoScopesAreRead() throws Exception {
        // a single object where an array is expected (ConvertTo-Json of a one-item pipeline)
        String answer = "{\"scopes\":[],\"leases\":{\"scopeId\":\"10.2.0.0\",\"ipAddress\":\"10.2.0.9\",\"clientId\":\"\","
                + "\"addressState\":\"Expired\",\"expires\":5}}";
        Map<Long, String> subnets = new LinkedHashMap<>();
        List<Lease> leases = WindowsLeaseSource.leases(JSON.readTree(answer), subnets);
        assertEquals(List.of(new Lease("10.2.0.9", null, null, (10L << 24) + (2 << 16), 5, "expired")), leases);
        assertEquals(Map.of(), subnets);
    }

    @Test
    void statesAndClientIds() {
        assertEquals("offered", WindowsLeaseSource.state("Offer"));
        assertEquals("offered", WindowsLeaseSource.state("Offered"));
        assertEquals("expired", WindowsLeaseSource.state("Expired"));
        assertNull(WindowsLeaseSource.state("InactiveReservation"));
        assertEquals("01:aa:bb:cc:dd:ee:ff", WindowsLeaseSource.mac("01-AA-BB-CC-DD-EE-FF"));
        assertNull(WindowsLeaseSource.mac(" "));
        assertEquals("10.1.0.0/22", WindowsLeaseSource.prefix("10.1.0.0", "255.255.252.0"));
    }
}
