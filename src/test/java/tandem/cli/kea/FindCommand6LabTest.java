package tandem.cli.kea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.cli.CliRun;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaReply;
import tandem.lab.KeaLab;

/** {@code tandem find} and the lease check on a real Kea DHCPv6 pair, with a lease one partner lacks. */
@Tag("kea")
class FindCommand6LabTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DUID = "00:03:00:01:0a:00:00:00:01:50";

    @TempDir Path data;

    @Test
    void aDhcpv6LeaseOnOnePartnerOnlyIsFoundByAddressAndDuidAndCounted() throws Exception {
        try (KeaLab lab = KeaLab.start(KeaLab.Service.DHCP6, KeaLab.Mode.LOAD_BALANCING, 2, 0);
             KeaControlAgentClient client = new KeaControlAgentClient()) {
            lab.awaitStable(Duration.ofSeconds(30));
            var args = JSON.createObjectNode().put("ip-address", "2001:db8:1::150").put("duid", DUID).put("iaid", 1)
                    .put("subnet-id", 1).put("hostname", "six");
            KeaReply added = client.send(lab.endpoint(2), "lease6-add", "dhcp6", args);
            assertTrue(added.isSuccess(), "lease6-add: " + added);

            assertEquals(0, CliRun.in(data, "server", "add", "kea", "--url", lab.caUrl(1).toString(), "--name", "pair").code());
            String holder = lab.server(2).name();
            String lacker = lab.server(1).name();
            for (String q : new String[]{"2001:DB8:1:0:0:0:0:150", DUID.replace(':', '-'), "six"}) {
                CliRun found = CliRun.in(data, "find", q, "--json");
                assertEquals(0, found.code(), q + ": " + found.out() + found.err());
                JsonNode matches = JSON.readTree(found.out()).path("matches");
                assertEquals(1, matches.size(), found.out());
                JsonNode m = matches.get(0);
                assertEquals("lease", m.path("kind").asText());
                assertEquals("2001:db8:1::/64", m.path("subnet").asText());
                assertEquals("2001:db8:1::150", m.path("ip").asText());
                assertEquals(DUID, m.path("duid").asText());
                assertEquals("six", m.path("hostname").asText());
                assertFalse(m.path("agree").asBoolean(true));
                assertEquals(DUID, m.path("partners").path(holder).path("duid").asText(), found.out());
                assertTrue(m.path("partners").get(lacker).isNull(), found.out());
            }
            CliRun text = CliRun.in(data, "find", "six");
            assertTrue(text.out().contains(DUID) && text.out().contains("missing on " + lacker), text.out());

            // the lab's first DHCPv6 reservation, by DUID, on both partners alike
            CliRun reserved = CliRun.in(data, "find", "00:03:00:01:02:00:00:00:00:00", "--json");
            assertEquals(0, reserved.code(), reserved.out() + reserved.err());
            JsonNode r = JSON.readTree(reserved.out()).path("matches");
            assertEquals(1, r.size(), reserved.out());
            assertEquals("reservation", r.get(0).path("kind").asText());
            assertEquals("2001:db8:1::a", r.get(0).path("ip").asText());
            assertTrue(r.get(0).path("agree").asBoolean(false), reserved.out());

            CliRun status = CliRun.in(data, "status", "--json");
            List<JsonNode> leaseChecks = new ArrayList<>();
            JSON.readTree(status.out()).path("relationships").get(0).path("checks")
                    .forEach(c -> { if (c.path("check").asText().equals("lease-consistency")) leaseChecks.add(c); });
            assertEquals(1, leaseChecks.size(), status.out());
            assertEquals("2001:db8:1::/64", leaseChecks.get(0).path("subnet").asText());
            assertEquals(1, leaseChecks.get(0).path("disagreements").asInt());
        }
    }
}
