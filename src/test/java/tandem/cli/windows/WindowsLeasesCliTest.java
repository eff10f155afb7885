package tandem.cli.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.windows.sim.WindowsLab;

/**
 * A Windows failover relationship's leases through SSH to the simulator: {@code tandem find} and the lease
 * consistency check of {@code tandem status}, with one lease only one partner holds (as a lost lease update leaves it).
 */
class WindowsLeasesCliTest {
    @TempDir Path dir;
    WindowsLab lab;
    WindowsCli cli;

    @BeforeEach
    void relationshipWithLeases() throws Exception {
        lab = WindowsLab.start(dir.resolve("lab"), "dhcp1", "dhcp2");
        cli = new WindowsCli(dir.resolve("data"), lab);
        ps("dhcp1", "Add-DhcpServerv4Scope -Name n1 -StartRange 10.1.0.10 -EndRange 10.1.0.200 -SubnetMask 255.255.255.0");
        ps("dhcp1", "Add-DhcpServerv4Reservation -ScopeId 10.1.0.0 -IPAddress 10.1.0.50 -ClientId 00-11-22-33-44-55 -Name printer");
        assertEquals(0, cli.add("dhcp1").code());
        assertEquals(0, cli.add("dhcp2").code());
        WindowsCli.Run r = cli.tandem("windows", "relationship", "add", "fo1", "--server", "dhcp1", "--partner", "dhcp2",
                "--mode", "load-balance", "--scope", "10.1.0.0", "--yes");
        assertEquals(0, r.code(), r.toString());
        String lonely = " -ScopeId 10.1.0.0 -IPAddress 10.1.0.77 -ClientId AA-BB-CC-DD-EE-FF -HostName pc1"
                + " -LeaseExpiryTime '2026-01-06 08:00:00Z'";
        ps("dhcp1", "Add-DhcpServerv4Lease" + lonely);
        String shared = " -ScopeId 10.1.0.0 -IPAddress 10.1.0.80 -ClientId 00-50-56-00-00-80 -HostName pc2"
                + " -LeaseExpiryTime '2026-01-06 09:00:00Z'";
        ps("dhcp1", "Add-DhcpServerv4Lease" + shared);
        ps("dhcp2", "Add-DhcpServerv4Lease" + shared);
    }

    private void ps(String server, String line) {
        var run = lab.ps(server, line);
        assertEquals(0, run.exitCode(), line + ": " + run.stdout() + run.stderr());
    }

    @AfterEach
    void stop() { lab.close(); }

    private static String partner(JsonNode partners, String server) {
        List<String> names = new ArrayList<>();
        partners.fieldNames().forEachRemaining(names::add);
        return names.stream().filter(n -> n.toLowerCase().startsWith(server)).findFirst()
                .orElseThrow(() -> new AssertionError(server + " not among " + names));
    }

    @Test
    void findNamesThePartnerThatHoldsALeaseTheOtherLacks() {
        for (String q : new String[] {"10.1.0.77", "aa:bb:cc:dd:ee:ff", "AA-BB-CC-DD-EE-FF"}) {
            WindowsCli.Run found = cli.tandem("find", q, "--json");
            assertEquals(0, found.code(), q + ": " + found);
            JsonNode matches = found.json().path("matches");
            assertEquals(1, matches.size(), found.out());
            JsonNode m = matches.get(0);
            assertEquals("fo1", m.path("relationship").asText());
            assertEquals("lease", m.path("kind").asText());
            assertEquals("10.1.0.0/24", m.path("subnet").asText());
            assertEquals("10.1.0.77", m.path("ip").asText());
            assertEquals("aa:bb:cc:dd:ee:ff", m.path("mac").asText());
            assertEquals("pc1", m.path("hostname").asText());
            assertFalse(m.path("agree").asBoolean(true), found.out());
            JsonNode partners = m.path("partners");
            assertEquals(2, partners.size(), found.out());
            assertEquals("10.1.0.77", partners.path(partner(partners, "dhcp1")).path("ip").asText(), found.out());
            assertTrue(partners.get(partner(partners, "dhcp2")).isNull(), found.out());
        }
        WindowsCli.Run text = cli.tandem("find", "10.1.0.77");
        assertTrue(text.out().contains("missing on dhcp2"), text.toString());
    }

    @Test
    void aLeaseOnBothPartnersAndAReplicatedReservationAgree() {
        WindowsCli.Run lease = cli.tandem("find", "00:50:56:00:00:80", "--json");
        assertEquals(0, lease.code(), lease.toString());
        JsonNode m = lease.json().path("matches");
        assertEquals(1, m.size(), lease.out());
        assertTrue(m.get(0).path("agree").asBoolean(false), lease.out());
        assertEquals("active", m.get(0).path("partners").path(partner(m.get(0).path("partners"), "dhcp2")).path("state").asText(),
                lease.out());

        WindowsCli.Run reserved = cli.tandem("find", "printer", "--json");
        JsonNode r = reserved.json().path("matches");
        assertEquals(1, r.size(), reserved.out());
        assertEquals("reservation", r.get(0).path("kind").asText());
        assertEquals("10.1.0.50", r.get(0).path("ip").asText());
        assertEquals("10.1.0.0/24", r.get(0).path("subnet").asText());
        assertTrue(r.get(0).path("agree").asBoolean(false), reserved.out());
    }

    @Test
    void theLeaseConsistencyCheckCountsOneDisagreementInTheScope() {
        WindowsCli.Run status = cli.tandem("status", "--json");
        JsonNode rel = status.json().path("relationships").get(0);
        List<JsonNode> checks = new ArrayList<>();
        rel.path("checks").forEach(c -> { if (c.path("check").asText().equals("lease-consistency")) checks.add(c); });
        assertEquals(1, checks.size(), status.out());
        JsonNode check = checks.get(0);
        assertEquals("10.1.0.0/24", check.path("subnet").asText(), status.out());
        assertEquals((10L << 24) + (1 << 16), check.path("subnetId").asLong());
        assertEquals(1, check.path("disagreements").asInt(), status.out());

        // the partner gets the same lease: nothing left to disagree about
        ps("dhcp2", "Add-DhcpServerv4Lease -ScopeId 10.1.0.0 -IPAddress 10.1.0.77 -ClientId AA-BB-CC-DD-EE-FF -HostName pc1"
                + " -LeaseExpiryTime '2026-01-06 08:00:00Z'");
        JsonNode after = cli.tandem("status", "--json").json().path("relationships").get(0);
        List<JsonNode> none = new ArrayList<>();
        after.path("checks").forEach(c -> { if (c.path("check").asText().equals("lease-consistency")) none.add(c); });
        assertEquals(0, none.size(), after.toString());
    }
}
