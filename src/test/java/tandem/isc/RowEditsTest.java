package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration table's edits of a subnet, an option and a host: the file before and after, and dhcpd -t on it. */
class RowEditsTest {
    private static final String PATH = "/etc/dhcp/dhcpd.conf";
    private static final String FILE = String.join("\n",
            "# site configuration",
            "option domain-name \"example.org\";",
            "option domain-name-servers 10.0.0.53;",
            "default-lease-time 600;",
            "",
            "subnet 10.0.0.0 netmask 255.255.255.0 {",
            "  option routers 10.0.0.1;   # the core switch",
            "  default-lease-time 3600;",
            "  pool {",
            "    range 10.0.0.100 10.0.0.199;",
            "  }",
            "}",
            "",
            "host printer {",
            "  hardware ethernet 00:11:22:33:44:55;",
            "  fixed-address 10.0.0.5;",
            "}",
            "host laptop { hardware ethernet 00:11:22:33:44:66; fixed-address 10.0.0.6; }",
            "");

    private static DhcpdConfig config() throws Exception { return DhcpdConfig.parse(PATH, FILE); }

    private static Map<String, String> values(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void aSubnetsStatementsAreChangedInPlaceAddedAfterItsStatementsAndRemoved() throws Exception {
        DhcpdConfig c = config();
        assertEquals(values("routers", "10.0.0.1", "domain-name-servers", "", "domain-name", "",
                "default-lease-time", "3600", "max-lease-time", ""), RowEdits.subnetValues(c, "10.0.0.0/24"));
        FailoverEdits.Edit e = RowEdits.editSubnet(c, "10.0.0.0/24", values("routers", "10.0.0.254", "domain-name-servers",
                "10.0.0.53 10.0.0.54", "domain-name", "lab.example.org", "default-lease-time", "", "max-lease-time", "7200"));
        assertTrue(e.applicable(), e.problems().toString());
        assertEquals(FILE.replace("  option routers 10.0.0.1;   # the core switch\n  default-lease-time 3600;\n",
                "  option routers 10.0.0.254;   # the core switch\n"
                        + "  option domain-name-servers 10.0.0.53, 10.0.0.54;\n"
                        + "  option domain-name \"lab.example.org\";\n"
                        + "  max-lease-time 7200;\n"), e.after().render().get(PATH));
        RealDhcpd.assertAccepted(e.after());
        assertTrue(RowEdits.editSubnet(c, "10.0.0.0/24", RowEdits.subnetValues(c, "10.0.0.0/24")).change().isEmpty(),
                "the values as read change nothing");
    }

    @Test
    void aSubnetsBadInputIsRefusedAtItsField() throws Exception {
        DhcpdConfig c = config();
        assertEquals("routers", field(() -> RowEdits.editSubnet(c, "10.0.0.0/24", values("routers", "10.0.1.1"))));
        assertEquals("routers", field(() -> RowEdits.editSubnet(c, "10.0.0.0/24", values("routers", "10.0.0.300"))));
        assertEquals("domain-name-servers", field(() -> RowEdits.editSubnet(c, "10.0.0.0/24", values("domain-name-servers", "dns1;"))));
        assertEquals("default-lease-time", field(() -> RowEdits.editSubnet(c, "10.0.0.0/24", values("default-lease-time", "1h"))));
        assertEquals("max-lease-time", field(() -> RowEdits.editSubnet(c, "10.0.0.0/24",
                values("default-lease-time", "3600", "max-lease-time", "600"))));
        assertEquals("domain-name", field(() -> RowEdits.editSubnet(c, "10.0.0.0/24", values("domain-name", "a b"))));
    }

    @Test
    void anOptionsValueIsSetOrRemovedAtItsLevelOnly() throws Exception {
        DhcpdConfig c = config();
        FailoverEdits.Edit global = RowEdits.setOption(c, "global", "domain-name-servers", "10.0.0.53, 10.0.0.54");
        assertEquals(FILE.replace("option domain-name-servers 10.0.0.53;", "option domain-name-servers 10.0.0.53, 10.0.0.54;"),
                global.after().render().get(PATH));
        RealDhcpd.assertAccepted(global.after());
        // a text option typed without quotes gets them
        FailoverEdits.Edit text = RowEdits.setOption(c, "global", "domain-name", "corp.example.org");
        assertTrue(text.after().render().get(PATH).contains("option domain-name \"corp.example.org\";"));
        RealDhcpd.assertAccepted(text.after());
        FailoverEdits.Edit removed = RowEdits.setOption(c, "10.0.0.0/24", "routers", null);
        assertEquals(FILE.replace("  option routers 10.0.0.1;   # the core switch\n", ""), removed.after().render().get(PATH));
        RealDhcpd.assertAccepted(removed.after());
        assertThrows(IllegalArgumentException.class, () -> RowEdits.setOption(c, "10.0.0.0/24", "domain-name", null),
                "domain-name is global, not the subnet's");
        assertEquals("value", field(() -> RowEdits.setOption(c, "global", "domain-name-servers", "10.0.0.1; deny booting")));
        assertEquals("value", field(() -> RowEdits.setOption(c, "global", "time-offset", "3600; } host x {")));
        assertEquals("value", field(() -> RowEdits.setOption(c, "global", "time-offset", " ")));
    }

    @Test
    void aHostsAddressesAndNameAreChangedAndAnotherHostsAreRefused() throws Exception {
        DhcpdConfig c = config();
        assertEquals(values("hardware", "00:11:22:33:44:55", "fixed-address", "10.0.0.5", "host-name", ""),
                RowEdits.hostValues(c, "printer"));
        FailoverEdits.Edit e = RowEdits.editHost(c, "printer", values("hardware", "00-11-22-33-44-AA",
                "fixed-address", "10.0.0.7", "host-name", "printer.example.org"));
        assertEquals(FILE.replace("  hardware ethernet 00:11:22:33:44:55;\n  fixed-address 10.0.0.5;\n",
                "  hardware ethernet 00:11:22:33:44:aa;\n  fixed-address 10.0.0.7;\n"
                        + "  option host-name \"printer.example.org\";\n"), e.after().render().get(PATH));
        assertTrue(e.change().warnings().isEmpty(), e.change().warnings().toString());
        RealDhcpd.assertAccepted(e.after());
        // an inline host stays inline
        FailoverEdits.Edit inline = RowEdits.editHost(c, "laptop", values("hardware", "00:11:22:33:44:66", "fixed-address", "10.0.0.8"));
        assertTrue(inline.after().render().get(PATH).contains(
                "host laptop { hardware ethernet 00:11:22:33:44:66; fixed-address 10.0.0.8; }\n"), inline.after().render().get(PATH));
        RealDhcpd.assertAccepted(inline.after());
        FailoverEdits.Edit outside = RowEdits.editHost(c, "printer", values("hardware", "00:11:22:33:44:55", "fixed-address", "192.168.9.9"));
        assertEquals(List.of("192.168.9.9 is in no subnet this server declares: dhcpd will not give it to the host"),
                outside.change().warnings());

        assertEquals("hardware", field(() -> RowEdits.editHost(c, "printer", values("hardware", "00:11:22:33:44:66"))));
        assertEquals("hardware", field(() -> RowEdits.editHost(c, "printer", values("hardware", "00:11:22:33:44"))));
        assertEquals("hardware", field(() -> RowEdits.editHost(c, "printer", values("hardware", "", "fixed-address", "10.0.0.5"))));
        assertEquals("fixed-address", field(() -> RowEdits.editHost(c, "printer",
                values("hardware", "00:11:22:33:44:55", "fixed-address", "10.0.0.6"))));
        assertEquals("fixed-address", field(() -> RowEdits.editHost(c, "printer",
                values("hardware", "00:11:22:33:44:55", "fixed-address", "10.0.0.999"))));
        assertEquals("host-name", field(() -> RowEdits.editHost(c, "printer",
                values("hardware", "00:11:22:33:44:55", "host-name", "bad name"))));
        assertThrows(IllegalArgumentException.class, () -> RowEdits.editHost(c, "scanner", values("hardware", "00:11:22:33:44:77")));
    }

    private static String field(org.junit.jupiter.api.function.Executable edit) {
        return assertThrows(RowFields.Invalid.class, edit).field();
    }
}
