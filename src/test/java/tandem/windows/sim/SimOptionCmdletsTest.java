package tandem.windows.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static tandem.windows.sim.SimFixture.assertError;
import static tandem.windows.sim.SimFixture.ip;
import static tandem.windows.sim.SimFixture.ips;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimOptionCmdletsTest {
    private final SimFixture sim = SimFixture.pair();

    private void setOption(long id, Object... levelAndValues) {
        Object[] kv = new Object[4 + levelAndValues.length];
        kv[0] = "OptionId";
        kv[1] = id;
        System.arraycopy(levelAndValues, 0, kv, 2, levelAndValues.length);
        kv[kv.length - 2] = "Force";
        kv[kv.length - 1] = true;
        sim.runSet("dhcp1", "Set-DhcpServerv4OptionValue", "OptionIds", kv);
    }

    private List<?> value(Object... kv) {
        return (List<?>) sim.one("dhcp1", "Get-DhcpServerv4OptionValue", kv).get("Value");
    }

    @Test
    void unsetOptionIs20010() {
        SimError e = sim.fails("dhcp1", "Get-DhcpServerv4OptionValue", "OptionId", List.of(6L));
        assertError(e, "DHCP 20010,Get-DhcpServerv4OptionValue", "ObjectNotFound");
        assertEquals("Failed to get option value of 6 on DHCP server dhcp1.", e.getMessage());
    }

    @Test
    void undefinedOptionIs20010() {
        assertError(assertThrows(SimError.class, () -> setOption(199, "Value", List.of("x"))),
                "DHCP 20010,Set-DhcpServerv4OptionValue", "ObjectNotFound");
    }

    @Test
    void serverScopeAndReservedIpLevelsAreSeparate() {
        sim.run("dhcp1", "Add-DhcpServerv4Reservation", "ScopeId", ip("10.1.0.0"), "IPAddress", ip("10.1.0.50"), "ClientId", "00-50-56-b0-68-05");
        setOption(15, "Value", List.of("server.test"));
        setOption(15, "Value", List.of("scope.test"), "ScopeId", ip("10.1.0.0"));
        setOption(15, "Value", List.of("host.test"), "ReservedIP", ip("10.1.0.50"));
        assertEquals(List.of("server.test"), value("OptionId", List.of(15L)));
        assertEquals(List.of("scope.test"), value("OptionId", List.of(15L), "ScopeId", ip("10.1.0.0")));
        assertEquals(List.of("host.test"), value("OptionId", List.of(15L), "ReservedIP", ip("10.1.0.50")));
        assertError(sim.fails("dhcp1", "Get-DhcpServerv4OptionValue", "OptionId", List.of(15L), "ScopeId", ip("10.2.0.0")),
                "DHCP 20010,Get-DhcpServerv4OptionValue", "ObjectNotFound");
    }

    @Test
    void scopeIdTogetherWithReservedIpIsRefused() {
        sim.run("dhcp1", "Add-DhcpServerv4Reservation", "ScopeId", ip("10.1.0.0"), "IPAddress", ip("10.1.0.50"), "ClientId", "00-50-56-b0-68-05");
        SimError e = assertThrows(SimError.class, () -> setOption(3, "Value", List.of("10.1.0.1"), "ScopeId", ip("10.1.0.0"),
                "ReservedIP", ip("10.1.0.50")));
        assertError(e, "WIN32 87,Set-DhcpServerv4OptionValue", "InvalidData");
    }

    @Test
    void dnsServerIsCheckedUnlessForce() {
        SimError e = assertThrows(SimError.class, () -> sim.runSet("dhcp1", "Set-DhcpServerv4OptionValue", "CommonOptions",
                "DnsServer", ips("10.10.1.5")));
        assertEquals("10.10.1.5 is not a valid DNS server.", e.getMessage());
        assertError(e, "WIN32 87,Set-DhcpServerv4OptionValue", "InvalidData");
        sim.runSet("dhcp1", "Set-DhcpServerv4OptionValue", "CommonOptions", "DnsServer", ips("10.10.1.5"), "Force", true);
        assertEquals(List.of("10.10.1.5"), value("OptionId", List.of(6L)));
    }

    @Test
    void dnsServerThatIsASimulatedServerPassesTheCheck() {
        SimIp dhcp2 = sim.net.server("dhcp2").address();
        sim.runSet("dhcp1", "Set-DhcpServerv4OptionValue", "CommonOptions", "DnsServer", List.of(dhcp2), "DnsDomain", "lab.test",
                "ScopeId", ip("10.1.0.0"));
        assertEquals(List.of(dhcp2.text()), value("OptionId", List.of(6L), "ScopeId", ip("10.1.0.0")));
        assertEquals(List.of("lab.test"), value("OptionId", List.of(15L), "ScopeId", ip("10.1.0.0")));
    }

    @Test
    void addressOptionRefusesAnythingButAnAddress() {
        assertError(assertThrows(SimError.class, () -> setOption(3, "Value", List.of("router"))),
                "WIN32 87,Set-DhcpServerv4OptionValue", "InvalidData");
    }

    @Test
    void getWithoutOptionIdListsTheLevel() {
        setOption(3, "Value", List.of("10.1.0.1"), "ScopeId", ip("10.1.0.0"));
        setOption(6, "Value", List.of("10.1.0.2", "10.1.0.3"), "ScopeId", ip("10.1.0.0"));
        SimObject router = (SimObject) sim.run("dhcp1", "Get-DhcpServerv4OptionValue", "ScopeId", ip("10.1.0.0")).get(0);
        assertEquals(3L, router.get("OptionId"));
        assertEquals("Router", router.get("Name"));
        assertEquals(2, sim.run("dhcp1", "Get-DhcpServerv4OptionValue", "ScopeId", ip("10.1.0.0")).size());
        assertEquals(0, sim.run("dhcp1", "Get-DhcpServerv4OptionValue").size());
    }

    @Test
    void removeOptionValueRemovesOnlyThatLevel() {
        setOption(3, "Value", List.of("10.1.0.1"));
        setOption(3, "Value", List.of("10.1.0.1"), "ScopeId", ip("10.1.0.0"));
        sim.run("dhcp1", "Remove-DhcpServerv4OptionValue", "OptionId", List.of(3L), "ScopeId", ip("10.1.0.0"));
        assertEquals(List.of("10.1.0.1"), value("OptionId", List.of(3L)));
        assertError(sim.fails("dhcp1", "Remove-DhcpServerv4OptionValue", "OptionId", List.of(3L), "ScopeId", ip("10.1.0.0")),
                "DHCP 20010,Remove-DhcpServerv4OptionValue", "ObjectNotFound");
    }

    @Test
    void classesAndPoliciesAreNotModelledAndRefused() {
        assertError(assertThrows(SimError.class, () -> setOption(6, "Value", List.of("10.1.0.2"), "PolicyName", "printers")),
                "WIN32 87,Set-DhcpServerv4OptionValue", "InvalidData");
        assertEquals(0, sim.run("dhcp1", "Get-DhcpServerv4OptionValue", "VendorClass", "").size());
    }
}
