package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.config.ConfigRow;
import tandem.core.config.ConfigTables;
import tandem.core.lease.Lease;
import tandem.core.lease.PartnerLeases;

/**
 * A {@code dhcpd -6} configuration (accepted by the real {@code dhcpd -t -6}) in the tables: its subnet6 declarations
 * with their range6/prefix6 pools and fixed-address6 host; and its leases, each under the subnet6 that holds it.
 */
class IscSubnet6Test {
    @TempDir Path dir;

    static Path conf() throws Exception {
        return Path.of(IscSubnet6Test.class.getResource("/isc/v6/dhcpd6.conf").toURI());
    }

    /** What the real dhcpd -6 says about the file. */
    static void assertAcceptedBy6(Path file) throws Exception {
        Process p = new ProcessBuilder(RealDhcpd.dhcpd().toString(), "-t", "-6", "-cf", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    @Test
    void subnet6DeclarationsAreSubnetsWithTheirPoolsAndHosts() throws Exception {
        assertAcceptedBy6(conf());
        ConfigTables t = IscTables.of(DhcpdConfig.read(conf()), "r", "dhcp6", Instant.EPOCH);
        // the second prefix is written "2001:DB8:2:0::/64": shown, as the leases name it, in its short form
        assertEquals(List.of(
                new ConfigRow.Subnet("2001:db8:1::/64", null, "lab6", 3, 0, 512L, null, null),
                new ConfigRow.Subnet("2001:db8:2::/64", null, "lab6", 1, 1, 4096L, null, null)), t.subnets());
        assertEquals(List.of(
                new ConfigRow.Pool("2001:db8:1::/64", "2001:db8:1::100 - 2001:db8:1::1ff", IscTables.BARE_RANGE),
                new ConfigRow.Pool("2001:db8:1::/64", "2001:db8:1::/120", IscTables.BARE_RANGE + "; temporary"),
                new ConfigRow.Pool("2001:db8:1::/64", "2001:db8:1:8000:: - 2001:db8:1:ff00::",
                        IscTables.BARE_RANGE + "; prefix delegation /56"),
                new ConfigRow.Pool("2001:db8:2::/64", "2001:db8:2::1000 - 2001:db8:2::1fff, 2001:db8:2:100:: - 2001:db8:2:f00::",
                        "prefix delegation /56")), t.pools());
        assertEquals(List.of(new ConfigRow.SharedNetwork("lab6", List.of("2001:db8:1::/64", "2001:db8:2::/64"), null)),
                t.sharedNetworks());
        // a global host goes with the subnet6 holding its fixed address
        assertEquals(List.of(new ConfigRow.Reservation("2001:db8:2::/64",
                "host-identifier option dhcp6.client-id 00:01:00:01:1c:91:38:40:02:00:00:00:00:01", "2001:db8:2::10", null,
                "printer6")), t.reservations());
        assertTrue(t.options().contains(new ConfigRow.Option("2001:db8:1::/64", "dhcp6.name-servers", null, "2001:db8:1::53")),
                t.options().toString());
    }

    @Test
    void eachV6LeaseIsUnderTheSubnet6HoldingItsAddressOrDelegatingItsPrefix() throws Exception {
        Path leases = dir.resolve("dhcpd6.leases");
        String key = "\\001\\000\\000\\000\\000\\003\\000\\001\\002\\000\\000\\000\\000\\00";
        StringBuilder file = new StringBuilder();
        String[][] blocks = {{"ia-na", "iaaddr", "2001:db8:1::150"}, {"ia-pd", "iaprefix", "2001:db8:1:8000::/56"},
                {"ia-na", "iaaddr", "2001:db8:2::1234"}, {"ia-pd", "iaprefix", "2001:db8:2:200::/56"},
                {"ia-na", "iaaddr", "2001:db8:9::1"}};
        for (int i = 0; i < blocks.length; i++) {
            file.append(blocks[i][0]).append(" \"").append(key).append(i + 1).append("\" {\n  cltt 3 2026/12/02 11:00:00;\n  ")
                    .append(blocks[i][1]).append(' ').append(blocks[i][2])
                    .append(" {\n    binding state active;\n    ends 3 2036/12/02 12:00:00;\n  }\n}\n");
        }
        Files.writeString(leases, file.toString());
        Path main = dir.resolve("dhcpd6.conf");
        Files.writeString(main, Files.readString(conf()) + "lease-file-name \"" + leases + "\";\n");
        assertAcceptedBy6(main);

        Map<Long, String> names = new LinkedHashMap<>();
        List<Lease> read = IscLeaseSource.read(new LocalShell(Duration.ofSeconds(10)), main.toString(), names);
        PartnerLeases partner = new PartnerLeases(Map.of("dhcp6", read), Map.of(), names, false);
        assertEquals(List.of("2001:db8:1::150 2001:db8:1::/64", "2001:db8:1:8000::/56 2001:db8:1::/64",
                        "2001:db8:2::1234 2001:db8:2::/64", "2001:db8:2:200::/56 2001:db8:2::/64", "2001:db8:9::1 id 0"),
                read.stream().map(l -> l.ip() + " " + partner.subnetName(l.subnetId())).toList());
        assertEquals(2, partner.only(read.get(0).subnetId()).byPartner().get("dhcp6").size(), "a subnet6's leases alone");
        assertTrue(read.get(0).subnetId() > 0xFFFFFFFFL, "never an IPv4 network's id");
    }

    @Test
    void ipv6AddressesAreReadInEveryFormDhcpdTakes() {
        assertEquals("2001:db8:2::", Ipv6.format(Ipv6.parse("2001:DB8:2:0::")));
        assertEquals("::ffff:a00:1", Ipv6.format(Ipv6.parse("::ffff:10.0.0.1")));
        assertEquals("::", Ipv6.format(BigInteger.ZERO));
        assertEquals("2001:db8:0:1:1:1:1:1", Ipv6.format(Ipv6.parse("2001:db8:0:1:1:1:1:1")), "one zero group stays");
        assertEquals("2001:db8::1:0:0:1", Ipv6.format(Ipv6.parse("2001:db8:0:0:1:0:0:1")), "the first of two equal runs");
        for (String bad : List.of("1::2::3", "10.0.0.1", "12345::", "1:2:3:4:5:6:7:8:9", "fe80::1%eth0", "host.example")) {
            assertNull(Ipv6.parse(bad), bad);
        }
        assertEquals("2001:db8::/32", Ipv6.prefix("2001:db8:ffff::/32").toString());
        assertNull(Ipv6.prefix("2001:db8::/129"));
    }
}
