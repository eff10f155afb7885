package tandem.cli.kea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.cli.TandemCommand;
import tandem.core.lease.Lease;
import tandem.core.lease.LeaseComparison;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaLeaseReader;
import tandem.kea.KeaReply;
import tandem.lab.KeaLab;
import tandem.services.Services;

/** Leases compared across a real Kea pair, and {@code tandem find}, with a lease one partner lacks. */
@Tag("kea")
class FindCommandLabTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path data;

    record Run(int code, String out, String err) { }

    private Run tandem(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data", data.toString()));
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), dir -> fail("no console for a command"),
                Services::open, tandem.app.Launcher.backendCommands(), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** lease4-add sent straight to one server's Control Agent: HA does not pass such a lease to the partner. */
    private static void addLease(KeaControlAgentClient client, KeaLab lab, int server, String ip, String mac,
                                 String hostname) {
        ObjectNode args = JSON.createObjectNode().put("ip-address", ip).put("hw-address", mac)
                .put("hostname", hostname).put("subnet-id", 1);
        KeaReply reply = client.send(lab.endpoint(server), "lease4-add", KeaControlAgentClient.DHCP4, args);
        assertTrue(reply.isSuccess(), "lease4-add on server " + server + ": " + reply);
    }

    @Test
    void aLeaseOnOnePartnerOnlyIsComparedAndFound() throws Exception {
        try (KeaLab lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0);
             KeaControlAgentClient client = new KeaControlAgentClient()) {
            lab.awaitStable(Duration.ofSeconds(30));
            addLease(client, lab, 2, "10.10.0.150", "0a:00:00:00:01:50", "lonely");
            addLease(client, lab, 1, "10.10.0.151", "0a:00:00:00:01:51", "paired");
            addLease(client, lab, 2, "10.10.0.151", "0a:00:00:00:01:51", "paired");

            KeaLeaseReader reader = new KeaLeaseReader(client);
            Map<String, List<Lease>> leases = new LinkedHashMap<>();
            for (int i = 1; i <= 2; i++) {
                KeaLeaseReader.Result r = reader.read(lab.endpoint(i), Duration.ofSeconds(30));
                assertTrue(r.answered() && !r.truncated(), "server " + i + ": " + r);
                leases.put("server" + i, r.leases());
            }
            var cmp = LeaseComparison.of(leases, LeaseComparison.DEFAULT_TOLERANCE_SECONDS);
            var only = cmp.disagreements();
            assertEquals(List.of("10.10.0.150"), only.stream().map(LeaseComparison.Row::ip).toList(), cmp.rows().toString());
            assertEquals(List.of(LeaseComparison.Difference.ONE_PARTNER_ONLY), only.get(0).differences());
            assertEquals(List.of("server2"), only.get(0).holders());
            assertEquals(Map.of(1L, 1), cmp.disagreementsPerSubnet());
            var paired = cmp.rows().stream().filter(r -> r.ip().equals("10.10.0.151")).findFirst().orElseThrow();
            assertTrue(paired.agree(), paired.toString());

            assertEquals(0, tandem("server", "add", "kea", "--url", lab.caUrl(1).toString(), "--name", "pair").code());
            String holder = lab.server(2).name();
            String lacker = lab.server(1).name();
            for (String q : new String[]{"10.10.0.150", "0A-00-00-00-01-50", "lonely"}) {
                Run found = tandem("find", q, "--json");
                assertEquals(0, found.code(), q + ": " + found.out() + found.err());
                JsonNode json = JSON.readTree(found.out());
                assertEquals(q, json.path("query").asText());
                JsonNode matches = json.path("matches");
                assertEquals(1, matches.size(), found.out());
                JsonNode m = matches.get(0);
                assertEquals("pair", m.path("relationship").asText());
                assertEquals("10.10.0.0/24", m.path("subnet").asText());
                assertEquals("lease", m.path("kind").asText());
                assertEquals("10.10.0.150", m.path("ip").asText());
                assertEquals("0a:00:00:00:01:50", m.path("mac").asText());
                assertEquals("lonely", m.path("hostname").asText());
                assertFalse(m.path("agree").asBoolean(true), found.out());
                assertEquals("10.10.0.150", m.path("partners").path(holder).path("ip").asText(), found.out());
                assertTrue(m.path("partners").has(lacker) && m.path("partners").get(lacker).isNull(), found.out());
            }
            Run text = tandem("find", "10.10.0.150");
            assertEquals(0, text.code());
            assertTrue(text.out().contains("on " + holder) && text.out().contains("missing on " + lacker), text.out());

            Run agreed = tandem("find", "0a:00:00:00:01:51", "--json");
            assertEquals(0, agreed.code(), agreed.out() + agreed.err());
            JsonNode a = JSON.readTree(agreed.out()).path("matches");
            assertEquals(1, a.size(), agreed.out());
            assertTrue(a.get(0).path("agree").asBoolean(false), agreed.out());
            assertFalse(a.get(0).path("partners").path(holder).isNull());
            assertFalse(a.get(0).path("partners").path(lacker).isNull());

            // the lab's first reservation: host-0, 02:00:00:00:00:00, 10.10.0.10, on both partners alike
            Run reserved = tandem("find", "host-0", "--json");
            assertEquals(0, reserved.code(), reserved.out() + reserved.err());
            JsonNode r = JSON.readTree(reserved.out()).path("matches");
            assertEquals(1, r.size(), reserved.out());
            assertEquals("reservation", r.get(0).path("kind").asText());
            assertEquals("10.10.0.10", r.get(0).path("ip").asText());
            assertEquals("10.10.0.0/24", r.get(0).path("subnet").asText());
            assertTrue(r.get(0).path("agree").asBoolean(false), reserved.out());

            Run nothing = tandem("find", "10.10.0.199");
            assertEquals(1, nothing.code(), nothing.out() + nothing.err());
            assertTrue(nothing.out().contains("Nothing found for 10.10.0.199"), nothing.out());
            JsonNode none = JSON.readTree(tandem("find", "10.10.0.199", "--json").out());
            assertEquals(0, none.path("matches").size());

            // the lease consistency check: one disagreeing lease in subnet 1, counted as a check of the relationship
            Run status = tandem("status", "--json");
            JsonNode rel = JSON.readTree(status.out()).path("relationships").get(0);
            List<JsonNode> leaseChecks = new ArrayList<>();
            rel.path("checks").forEach(c -> { if (c.path("check").asText().equals("lease-consistency")) leaseChecks.add(c); });
            assertEquals(1, leaseChecks.size(), status.out());
            JsonNode check = leaseChecks.get(0);
            assertEquals("warning", check.path("severity").asText());
            assertEquals("10.10.0.0/24", check.path("subnet").asText(), status.out());
            assertEquals(1, check.path("subnetId").asLong());
            assertEquals(1, check.path("disagreements").asInt(), status.out());
            assertTrue(check.path("message").asText().startsWith("1 lease differs between the partners in 10.10.0.0/24"),
                    status.out());
            Run statusText = tandem("status");
            assertTrue(statusText.out().contains("warning: 1 lease differs between the partners in 10.10.0.0/24"),
                    statusText.out());

            Run bad = tandem("find", "10.10.0.300");
            assertEquals(TandemCommand.EXIT_USAGE, bad.code());
            assertTrue(bad.err().contains("IP|MAC|HOSTNAME: '10.10.0.300' is neither"), bad.err());
            Run help = tandem("find", "--help");
            assertEquals(0, help.code());
            assertTrue(help.out().contains("Usage: tandem find") && help.out().contains("--json"), help.out());
        }
    }
}
