package tandem.kea;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.core.config.ConfigRow;
import tandem.core.config.ConfigTables;

class KeaConfigTablesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception { return JSON.readTree(text.replace('\'', '"')); }

    @Test
    void subnetsPoolsReservationsOptionsAndClassesOfADhcp4Configuration() throws Exception {
        JsonNode config = json("""
                {'Dhcp4': {'option-data': [{'name': 'domain-name', 'data': 'example.org'}],
                  'client-classes': [{'name': 'phones', 'test': 'substring(option[60].hex,0,6) == 0x416173747261',
                                      'option-data': [{'name': 'tftp-server-name', 'data': 'tftp'}]}],
                  'subnet4': [{'id': 1, 'subnet': '10.10.0.0/24', 'user-context': {'comment': 'office'},
                      'pools': [{'pool': '10.10.0.100 - 10.10.0.199'}, {'pool': '10.10.0.224/28', 'client-class': 'phones'}],
                      'option-data': [{'name': 'routers', 'code': 3, 'data': '10.10.0.1'}],
                      'reservations': [{'hw-address': '02:00:00:00:00:01', 'ip-address': '10.10.0.10', 'hostname': 'printer',
                                        'option-data': [{'name': 'boot-file-name', 'data': 'pxe'}]},
                                       {'client-id': '01:aa', 'ip-address': '10.10.0.11'}]}],
                  'shared-networks': [{'name': 'campus', 'interface': 'eth1',
                      'option-data': [{'name': 'domain-name-servers', 'data': '10.20.0.53'}],
                      'subnet4': [{'id': 7, 'subnet': '10.20.0.0/24', 'pools': [{'pool': '10.20.0.10 - 10.20.0.19'}]}]}]}}
                """);
        JsonNode stats = json("{'subnet[1].total-addresses': [[116, '2026-01-01 00:00:00.0']],"
                + " 'subnet[1].assigned-addresses': [[29, '2026-01-01 00:00:00.0'], [3, '2025-12-31 00:00:00.0']]}");
        ConfigTables t = KeaConfigTables.tables("hq", "server1", Instant.EPOCH, config, stats);

        assertEquals("server1", t.readFrom());
        assertEquals(List.of(
                new ConfigRow.Subnet("10.10.0.0/24", "1", null, 2, 2, 116L, 29L, "office"),
                new ConfigRow.Subnet("10.20.0.0/24", "7", "campus", 1, 0, 10L, null, null)), t.subnets());
        assertEquals(0.25, t.subnets().get(0).utilization(), 0.001);
        assertEquals(List.of(new ConfigRow.Pool("10.10.0.0/24", "10.10.0.100 - 10.10.0.199", null),
                new ConfigRow.Pool("10.10.0.0/24", "10.10.0.224/28", "class phones"),
                new ConfigRow.Pool("10.20.0.0/24", "10.20.0.10 - 10.20.0.19", null)), t.pools());
        assertEquals(List.of(new ConfigRow.Reservation("10.10.0.0/24", "hw-address 02:00:00:00:00:01", "10.10.0.10", "printer", null),
                new ConfigRow.Reservation("10.10.0.0/24", "client-id 01:aa", "10.10.0.11", null, null)), t.reservations());
        assertEquals(List.of(new ConfigRow.Option("global", "domain-name", null, "example.org"),
                new ConfigRow.Option("10.10.0.0/24", "routers", 3, "10.10.0.1"),
                new ConfigRow.Option("reservation 10.10.0.10", "boot-file-name", null, "pxe"),
                new ConfigRow.Option("shared network campus", "domain-name-servers", null, "10.20.0.53")), t.options());
        assertEquals(List.of(new ConfigRow.SharedNetwork("campus", List.of("10.20.0.0/24"), "interface eth1")), t.sharedNetworks());
        assertEquals("phones", t.classes().get(0).name());
        assertEquals("1 option", t.classes().get(0).detail());
        assertTrue(t.classes().get(0).test().contains("0x416173747261"));
    }

    @Test
    void withoutStatisticsTheSubnetsShowTheirPoolSizesAndNothingLeased() throws Exception {
        JsonNode config = json("{'Dhcp4': {'subnet4': [{'id': 3, 'subnet': '10.1.0.0/16',"
                + " 'pools': [{'pool': '10.1.0.0 - 10.1.3.255'}]}]}}");
        ConfigRow.Subnet s = KeaConfigTables.tables("hq", "server2", Instant.EPOCH, config, null).subnets().get(0);
        assertEquals(1024L, s.addresses());
        assertNull(s.assigned());
        assertNull(s.utilization());
    }

    @Test
    void dhcp6RowsCarryDuidsPrefixesAndPdPools() throws Exception {
        JsonNode config = json("""
                {'Dhcp6': {'subnet6': [{'id': 1, 'subnet': '2001:db8:1::/64',
                    'pools': [{'pool': '2001:db8:1::100 - 2001:db8:1::1ff'}],
                    'pd-pools': [{'prefix': '2001:db9:1::', 'prefix-len': 56, 'delegated-len': 64}],
                    'reservations': [{'duid': '00:03:00:01:02:00:00:00:00:00', 'ip-addresses': ['2001:db8:1::10'],
                                      'prefixes': ['2001:db9:1:ff::/64']}]}]}}
                """);
        JsonNode stats = json("{'subnet[1].total-nas': [[256, 'x']], 'subnet[1].assigned-nas': [[64, 'x']]}");
        ConfigTables t = KeaConfigTables.tables("v6", "server1", Instant.EPOCH, config, stats);
        assertEquals(new ConfigRow.Subnet("2001:db8:1::/64", "1", null, 2, 1, 256L, 64L, null), t.subnets().get(0));
        assertEquals(new ConfigRow.Pool("2001:db8:1::/64", "2001:db9:1::/56", KeaConfigTables.PD_DETAIL + "64"), t.pools().get(1));
        assertEquals(new ConfigRow.Reservation("2001:db8:1::/64", "duid 00:03:00:01:02:00:00:00:00:00",
                "2001:db8:1::10, 2001:db9:1:ff::/64", null, null), t.reservations().get(0));
    }

    @Test
    void poolSizesOfRangesAndPrefixesAndNoneForWhatIsNotAnAddress() {
        assertEquals(BigInteger.valueOf(101), KeaConfigTables.poolSize("10.0.0.100 - 10.0.0.200"));
        assertEquals(BigInteger.valueOf(16), KeaConfigTables.poolSize("10.0.0.0/28"));
        assertEquals(BigInteger.ONE.shiftLeft(64), KeaConfigTables.poolSize("2001:db8::/64"));
        assertNull(KeaConfigTables.poolSize("10.0.0.9 - 10.0.0.1"));
        assertNull(KeaConfigTables.poolSize("printer.example.org - x"));
    }
}
