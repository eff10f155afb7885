package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** What "the configuration contains the change" means for each kind of change. */
final class KeaChangeContains {
    private KeaChangeContains() {}

    /** The subnet a change acts on, or null for a change to the global options. */
    static String subnetOf(KeaChange change) {
        return KeaHotChange.subnetOf(change);
    }

    static void assertContains(KeaChange change, ObjectNode before, ObjectNode after) {
        if (change instanceof KeaChange.AddSubnet c) {
            JsonNode s = subnet(after, c.subnet());
            assertNotNull(s, "the new subnet, written as " + c.subnet().strip());
            List<String> pools = new ArrayList<>();
            s.path("pools").forEach(p -> pools.add(p.path("pool").asText()));
            assertEquals(c.pools().stream().map(String::strip).toList(), pools);
            assertTrue(s.path("id").canConvertToExactIntegral() && s.path("id").asLong() > 0
                    && s.path("id").asLong() <= KeaChange.AddSubnet.MAX_ID, "a subnet id Kea takes: " + s.path("id"));
        } else if (change instanceof KeaChange.EditSubnet c) {
            JsonNode s = subnet(after, c.subnet());
            assertNotNull(s);
            c.parameters().forEach((k, v) -> {
                if (v == null || v.isNull()) assertFalse(s.has(k), k + " removed");
                else assertEquals(v, s.get(k), k);
            });
        } else if (change instanceof KeaChange.RemoveSubnet c) {
            // one entry goes; a configuration Kea accepted has no second one of that prefix
            assertEquals(subnets(before, c.subnet()) - 1, subnets(after, c.subnet()), "the subnet is gone");
        } else if (change instanceof KeaChange.AddPool c) {
            JsonNode s = subnet(after, c.subnet());
            assertNotNull(s);
            boolean found = false;
            for (JsonNode p : s.path("pools")) found |= p.path("pool").asText().equals(c.pool().strip());
            assertTrue(found, "the new pool");
        } else if (change instanceof KeaChange.RemovePool c) {
            JsonNode s = subnet(after, c.subnet());
            assertNotNull(s);
            assertEquals(pools(subnet(before, c.subnet()), c.pool()) - 1, pools(s, c.pool()), "the pool is gone");
        } else if (change instanceof KeaChange.AddReservation c) {
            JsonNode s = subnet(after, c.subnet());
            assertNotNull(s);
            assertEquals(1, count(s, c.mac()), "one reservation for " + c.mac());
        } else if (change instanceof KeaChange.RemoveReservation c) {
            // a null subnet names a global reservation: the Dhcp4 object holds the list
            JsonNode s = c.subnet() == null ? after.get("Dhcp4") : subnet(after, c.subnet());
            assertNotNull(s);
            JsonNode was = c.subnet() == null ? before.get("Dhcp4") : subnet(before, c.subnet());
            assertEquals(count(was, c.mac()) - 1, count(s, c.mac()), "the reservation of " + c.mac() + " is gone");
        } else if (change instanceof KeaChange.SetOption c) {
            JsonNode at = c.subnet() == null ? after.get("Dhcp4") : subnet(after, c.subnet());
            JsonNode was = c.subnet() == null ? before.get("Dhcp4") : subnet(before, c.subnet());
            assertNotNull(at);
            if (c.data() == null) {
                assertEquals(named(was, c.name()).size() - 1, named(at, c.name()).size(), "one option less");
            } else {
                List<JsonNode> now = named(at, c.name());
                assertFalse(now.isEmpty(), "the option is set");
                assertEquals(c.data(), now.get(0).path("data").asText(), "the option's data");
            }
        } else if (change instanceof KeaChange.RestoreSubnet c) {
            JsonNode s = subnet(after, c.subnet());
            if (c.previous() == null || c.previous().isNull()) assertEquals(null, s);
            else assertEquals(c.previous(), s);
        } else if (change instanceof KeaChange.RestoreGlobalOptions c) {
            assertEquals(c.previous(), after.get("Dhcp4").get("option-data"));
        } else {
            throw new AssertionError("a kind of change this test does not know: " + change);
        }
    }

    private static JsonNode subnet(ObjectNode config, String cidr) {
        for (JsonNode s : allSubnets(config)) {
            if (s.isObject() && s.path("subnet").asText().equals(cidr == null ? null : cidr.strip())) return s;
        }
        return null;
    }

    private static long subnets(ObjectNode config, String cidr) {
        long n = 0;
        for (JsonNode s : allSubnets(config)) if (s.isObject() && s.path("subnet").asText().equals(cidr.strip())) n++;
        return n;
    }

    /** The top-level subnets, then those of each shared network. */
    private static List<JsonNode> allSubnets(ObjectNode config) {
        List<JsonNode> out = new ArrayList<>();
        config.path("Dhcp4").path("subnet4").forEach(out::add);
        for (JsonNode n : config.path("Dhcp4").path("shared-networks")) n.path("subnet4").forEach(out::add);
        return out;
    }

    private static long pools(JsonNode subnet, String pool) {
        long n = 0;
        for (JsonNode p : subnet.path("pools")) if (Ipv4.pool(pool).equals(Ipv4.pool(p.path("pool").asText()))) n++;
        return n;
    }

    private static long count(JsonNode subnet, String mac) {
        String wanted = KeaChange.Macs.normal(mac);
        long n = 0;
        for (JsonNode r : subnet.path("reservations")) if (KeaChange.Macs.normal(r.path("hw-address").asText("")).equals(wanted)) n++;
        return n;
    }

    private static List<JsonNode> named(JsonNode parent, String name) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode o : parent.path("option-data")) if (o.path("name").asText().equals(name.strip())) out.add(o);
        return out;
    }
}
