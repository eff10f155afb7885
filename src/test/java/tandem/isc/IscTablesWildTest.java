package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tandem.core.config.ConfigRow;
import tandem.core.config.ConfigTables;

/**
 * The configuration tables of the dhcpd.conf files other people wrote ({@code dhcpd-wild}): every file that parses
 * gives its tables, whose rows agree with the parsed configuration, and a few files are checked row by row.
 */
class IscTablesWildTest {
    private static ConfigTables tables(Path file) throws Exception {
        return IscTables.of(DhcpdConfig.read(file), "r", "dhcp1", Instant.EPOCH);
    }

    @Test
    void everyFileThatParsesGivesTablesThatAgreeWithTheConfiguration() throws Exception {
        Path dir = WildCorpusTest.folder();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        assertEquals(40, files.size());
        List<String> read = new ArrayList<>();
        for (Path f : files) {
            DhcpdConfig config;
            try {
                config = DhcpdConfig.read(f);
            } catch (ConfSyntaxException notDhcpd) {
                continue; // our parser refuses it at a line (WildCorpusTest holds which and why)
            }
            ConfigTables t = IscTables.of(config, "r", "dhcp1", Instant.EPOCH);
            String name = f.getFileName().toString();
            read.add(name);
            List<ConfNode> all = config.sites().stream().map(ConfSite::node).toList();
            assertEquals(config.subnets().stream().map(Subnet::cidr).distinct().count(), t.subnets().size(), name);
            assertEquals(config.pools().size(), t.pools().stream().filter(p -> !IscTables.BARE_RANGE.equals(p.detail())).count(), name);
            assertEquals(all.stream().filter(n -> n.isBlock() && n.keyword().equals("host")).count(), t.reservations().size(), name);
            assertEquals(all.stream().filter(n -> n.isBlock() && n.keyword().equals("class")).map(n -> n.tokens.get(1).value())
                    .distinct().count(), t.classes().size(), name);
            assertEquals(all.stream().filter(n -> n.isBlock() && n.keyword().equals("shared-network")).count(), t.sharedNetworks().size(), name);
            // every pool block of the configuration is found again from its row, as the row commands do
            for (ConfigRow.Pool p : t.pools()) {
                if (!IscTables.BARE_RANGE.equals(p.detail()) && config.pools().stream().filter(x -> x.subnet().equals(p.subnet())
                        && IscTables.rangeText(x.ranges()).equals(p.range())).count() == 1) {
                    assertNotNull(IscTables.poolOf(config, p), name + " " + p);
                }
            }
            for (ConfigRow.Subnet s : t.subnets()) {
                assertEquals(t.pools().stream().filter(p -> p.subnet().equals(s.subnet())).count(), s.pools(), name);
            }
        }
        assertTrue(read.size() >= 30, "only " + read.size() + " files parsed: " + read);
    }

    @Test
    void aFailoverPrimaryRowByRow() throws Exception {
        ConfigTables t = tables(WildCorpusTest.folder().resolve("10-sys265-group26-failover-primary.conf"));
        assertEquals(List.of(new ConfigRow.Subnet("172.16.1.0/24", null, null, 1, 0, 51L, null, null)), t.subnets());
        assertEquals(List.of(new ConfigRow.Pool("172.16.1.0/24", "172.16.1.100 - 172.16.1.150", "failover peer failover")), t.pools());
        assertEquals(List.of(
                new ConfigRow.Option("172.16.1.0/24", "routers", 3, "172.16.1.2"),
                new ConfigRow.Option("172.16.1.0/24", "subnet-mask", 1, "255.255.255.0"),
                new ConfigRow.Option("172.16.1.0/24", "domain-name", 15, "\"group26.local\""),
                new ConfigRow.Option("172.16.1.0/24", "domain-name-servers", 6, "172.16.1.12, 172.16.1.13")), t.options());
        assertTrue(t.reservations().isEmpty());
        assertNull(t.subnets().get(0).utilization(), "dhcpd.conf holds no leases");
    }

    @Test
    void sharedNetworksHostsAndClassesOfIscsOwnExample() throws Exception {
        ConfigTables t = tables(WildCorpusTest.folder().resolve("01-isc-dhcpd-conf-example.conf"));
        ConfigRow.SharedNetwork net = t.sharedNetworks().get(0);
        assertEquals("224-29", net.name());
        assertEquals(List.of("10.17.224.0/24", "10.0.29.0/24"), net.subnets());
        assertEquals("224-29", t.subnets().stream().filter(s -> s.subnet().equals("10.0.29.0/24")).findFirst().orElseThrow().sharedNetwork());
        ConfigRow.Reservation fantasia = t.reservations().stream().filter(r -> "fantasia".equals(r.name())).findFirst().orElseThrow();
        assertEquals("hardware ethernet 08:00:07:26:c0:a5", fantasia.identifier());
        assertEquals("fantasia.example.com", fantasia.address());
        assertEquals(List.of("foo"), t.classes().stream().map(ConfigRow.ClientClass::name).toList());
        assertEquals("match if substring (option vendor-class-identifier, 0, 4) = \"SUNW\"", t.classes().get(0).test());
        // the pools of the shared network, with their allow/deny rules
        assertTrue(t.pools().stream().anyMatch(p -> p.range().equals("10.0.29.10 - 10.0.29.230")
                && "deny members of \"foo\"".equals(p.detail())), t.pools().toString());
        assertTrue(t.options().stream().anyMatch(o -> o.level().equals("global") && o.name().equals("domain-name")
                && o.data().equals("\"example.org\"")), t.options().toString());
        ConfigRow.Reservation passacaglia = t.reservations().stream().filter(r -> "passacaglia".equals(r.name())).findFirst().orElseThrow();
        assertEquals("hardware ethernet 0:0:c0:5d:bd:95", passacaglia.identifier());
        assertNull(passacaglia.address(), "a host without fixed-address reserves no address");
        assertNull(passacaglia.subnet());
    }
}
