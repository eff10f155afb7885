package tandem.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.lab.KeaLab;

/** The command line against a real Kea 2.2 DHCPv6 pair: status, IPv6 changes, refusals at the field, HA actions. */
@Tag("kea")
class Dhcp6CommandLabTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path data;

    private CliRun tandem(String... args) {
        return CliRun.in(data, args);
    }

    private JsonNode status() {
        CliRun r = tandem("status", "--json");
        assertTrue(r.code() == 0 || r.code() == 2, r.err());
        try {
            return JSON.readTree(r.out()).path("relationships").get(0);
        } catch (Exception e) {
            throw new AssertionError(r.out(), e);
        }
    }

    private JsonNode awaitStatus(Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode last = null;
        for (int i = 0; i < 100 && Instant.now().isBefore(deadline); i++) {
            last = status();
            if (condition.test(last)) return last;
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return fail("not reached: " + last);
    }

    private static Predicate<JsonNode> status(String s) { return r -> s.equals(r.path("status").asText()); }

    private static JsonNode subnet(JsonNode dhcp6, String prefix) {
        for (JsonNode s : dhcp6.path("subnet6")) if (s.path("subnet").asText().equals(prefix)) return s;
        return null;
    }

    @Test
    void aDhcp6PairIsStatusedChangedWithIpv6ValuesAndTakesHaActions() throws Exception {
        try (KeaLab lab = KeaLab.start(KeaLab.Service.DHCP6, KeaLab.Mode.LOAD_BALANCING, 2, 0)) {
            lab.awaitStable(Duration.ofSeconds(30));
            CliRun add = tandem("server", "add", "kea", "--url", lab.caUrl(1).toString(), "--name", "v6");
            assertEquals(0, add.code(), add.err());

            JsonNode rel = awaitStatus(status("OK"));
            assertEquals("v6", rel.path("name").asText());
            assertEquals("dhcp6", rel.path("service").asText());
            assertEquals("load-balancing", rel.path("peers").get(1).path("haState").asText());

            // an IPv6 prefix, a pool and a prefix-delegation pool, on both servers
            CliRun subnetAdd = tandem("subnet", "add", "v6", "--subnet", "2001:db8:70::/64",
                    "--pool", "2001:db8:70::100 - 2001:db8:70::1ff");
            assertEquals(0, subnetAdd.code(), subnetAdd.err());
            CliRun pd = tandem("pd-pool", "add", "v6", "--subnet", "2001:db8:70::/64", "--prefix", "2001:db9:70::/56",
                    "--delegated-length", "64");
            assertEquals(0, pd.code(), pd.err());
            for (int i = 1; i <= 2; i++) {
                JsonNode s = subnet(lab.dhcp6(i), "2001:db8:70::/64");
                assertNotNull(s, "server" + i + " has the subnet");
                // Kea writes back a range that is a whole prefix as that prefix
                assertEquals("2001:db8:70::100/120", s.path("pools").get(0).path("pool").asText());
                assertEquals("2001:db9:70::", s.path("pd-pools").get(0).path("prefix").asText());
                assertEquals(56, s.path("pd-pools").get(0).path("prefix-len").asInt());
                assertEquals(64, s.path("pd-pools").get(0).path("delegated-len").asInt());
            }

            // bad input is refused at the field, before any server is asked
            CliRun badPrefix = tandem("subnet", "add", "v6", "--subnet", "2001:db8:zz::/64");
            assertEquals(TandemCommand.EXIT_USAGE, badPrefix.code());
            assertTrue(badPrefix.err().contains("--subnet: 2001:db8:zz::/64 is not an IPv6 prefix"), badPrefix.err());
            CliRun hostBits = tandem("subnet", "add", "v6", "--subnet", "2001:db8:71::1/64");
            assertEquals(TandemCommand.EXIT_USAGE, hostBits.code());
            assertTrue(hostBits.err().contains("host bits are set (the prefix is 2001:db8:71::/64)"), hostBits.err());
            CliRun v4OnV6 = tandem("subnet", "add", "v6", "--subnet", "10.99.0.0/24");
            assertEquals(TandemCommand.EXIT_USAGE, v4OnV6.code());
            assertTrue(v4OnV6.err().contains("--subnet: 10.99.0.0/24 is IPv4, but this is a DHCPv6 relationship"),
                    v4OnV6.err());
            CliRun poolOutside = tandem("pool", "add", "v6", "--subnet", "2001:db8:70::/64", "--pool",
                    "2001:db8:71::1 - 2001:db8:71::9");
            assertEquals(TandemCommand.EXIT_USAGE, poolOutside.code());
            assertTrue(poolOutside.err().contains("--pool: Pool 2001:db8:71::1 - 2001:db8:71::9 is not within subnet"),
                    poolOutside.err());
            CliRun badDuid = tandem("reservation", "add", "v6", "--subnet", "2001:db8:70::/64", "--duid", "xyz",
                    "--ip", "2001:db8:70::20");
            assertEquals(TandemCommand.EXIT_USAGE, badDuid.code());
            assertTrue(badDuid.err().contains("--duid: xyz is not a DUID"), badDuid.err());
            CliRun badLength = tandem("pd-pool", "add", "v6", "--subnet", "2001:db8:70::/64", "--prefix",
                    "2001:db9:71::/56", "--delegated-length", "48");
            assertEquals(TandemCommand.EXIT_USAGE, badLength.code());
            assertTrue(badLength.err().contains("--delegated-length: The delegated length must be from 56"), badLength.err());
            assertNull(subnet(lab.dhcp6(1), "2001:db8:71::/64"), "nothing was written");

            // a reservation by DUID with an address and a delegated prefix
            CliRun res = tandem("reservation", "add", "v6", "--subnet", "2001:db8:70::/64",
                    "--duid", "00:03:00:01:AA:BB:CC:DD:EE:01", "--ip", "2001:db8:70::20", "--prefix", "2001:db9:7f::/64");
            assertEquals(0, res.code(), res.err());
            // Kea 2.2 has no host_cmds: config-set, and the line says why
            assertTrue(res.out().contains("Through: config-set (server1 does not load libdhcp_host_cmds.so (no reservation-add))"),
                    res.out());
            JsonNode r = subnet(lab.dhcp6(2), "2001:db8:70::/64").path("reservations").get(0);
            assertEquals("00:03:00:01:aa:bb:cc:dd:ee:01", r.path("duid").asText());
            assertEquals("2001:db8:70::20", r.path("ip-addresses").get(0).asText());
            assertEquals("2001:db9:7f::/64", r.path("prefixes").get(0).asText());

            // an HA action goes to the dhcp6 daemons
            CliRun start = tandem("ha", "maintenance-start", "v6", "--yes");
            assertEquals(0, start.code(), start.err());
            awaitStatus(j -> "partner-in-maintenance".equals(j.path("peers").get(0).path("haState").asText())
                    && "in-maintenance".equals(j.path("peers").get(1).path("haState").asText()));
            CliRun cancel = tandem("ha", "maintenance-cancel", "v6", "--yes");
            assertEquals(0, cancel.code(), cancel.err());
            awaitStatus(status("OK"));

            // the daemons going away, while the agents stay
            lab.killDhcp(2);
            rel = awaitStatus(status("IMPAIRED"));
            assertEquals("down", rel.path("peers").get(1).path("daemon").asText());
            lab.killDhcp(1);
            rel = awaitStatus(status("SERVICE_DOWN"));
            assertEquals("down", rel.path("peers").get(0).path("daemon").asText());
        }
    }
}
