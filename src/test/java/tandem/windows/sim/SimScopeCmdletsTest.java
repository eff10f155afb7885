package tandem.windows.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.windows.sim.SimFixture.assertError;
import static tandem.windows.sim.SimFixture.ip;
import static tandem.windows.sim.SimFixture.ips;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimScopeCmdletsTest {
    private final SimFixture sim = new SimFixture("dhcp1", "dhcp2");

    private List<Object> addScope(Object... extra) {
        Object[] base = {"StartRange", ip("10.1.0.10"), "EndRange", ip("10.1.0.200"), "SubnetMask", ip("255.255.255.0"), "Name", "lan"};
        Object[] all = new Object[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return sim.run("dhcp1", "Add-DhcpServerv4Scope", all);
    }

    @Test
    void scopeIdIsStartRangeAndMask() {
        addScope();
        SimObject s = sim.one("dhcp1", "Get-DhcpServerv4Scope", "ScopeId", ips("10.1.0.0"));
        assertEquals(ip("10.1.0.0"), s.get("ScopeId"));
        assertEquals(ip("10.1.0.10"), s.get("StartRange"));
        assertEquals(ip("255.255.255.0"), s.get("SubnetMask"));
    }

    @Test
    void addScopeAppliesDocumentedDefaults() {
        addScope();
        SimObject s = sim.one("dhcp1", "Get-DhcpServerv4Scope");
        assertEquals(Duration.ofDays(8), s.get("LeaseDuration"));
        assertEquals("Active", s.get("State"));
        assertEquals("Dhcp", s.get("Type"));
        assertEquals(4294967295L, s.get("MaxBootpClients"));
        assertEquals(Boolean.TRUE, s.get("ActivatePolicies"));
        assertEquals("lan", s.get("Name"));
    }

    @Test
    void writersWriteNothingWithoutPassThru() {
        assertEquals(List.of(), addScope());
        List<Object> out = sim.run("dhcp1", "Set-DhcpServerv4Scope", "ScopeId", ip("10.1.0.0"), "Description", "d", "PassThru", true);
        assertEquals("d", ((SimObject) out.get(0)).get("Description"));
    }

    @Test
    void addExistingScopeIs20052() {
        addScope();
        SimError e = sim.fails("dhcp1", "Add-DhcpServerv4Scope", "StartRange", ip("10.1.0.50"), "EndRange", ip("10.1.0.60"),
                "SubnetMask", ip("255.255.255.0"), "Name", "again");
        assertError(e, "DHCP 20052,Add-DhcpServerv4Scope", "ResourceExists");
        assertEquals("Failed to add scope 10.1.0.0 on DHCP server dhcp1.", e.getMessage());
    }

    @Test
    void addScopeWithRangeOutsideItsSubnetIs20023() {
        SimError e = sim.fails("dhcp1", "Add-DhcpServerv4Scope", "StartRange", ip("10.1.0.10"), "EndRange", ip("10.1.1.10"),
                "SubnetMask", ip("255.255.255.0"), "Name", "bad");
        assertError(e, "DHCP 20023,Add-DhcpServerv4Scope", "InvalidData");
    }

    @Test
    void getMissingScopeIs20005() {
        SimError e = sim.fails("dhcp1", "Get-DhcpServerv4Scope", "ScopeId", ips("10.20.30.0"));
        assertError(e, "DHCP 20005,Get-DhcpServerv4Scope", "ObjectNotFound");
        assertEquals("Failed to get scope information for scope 10.20.30.0 on DHCP server dhcp1.", e.getMessage());
    }

    @Test
    void removeMissingScopeIs20005() {
        assertError(sim.fails("dhcp1", "Remove-DhcpServerv4Scope", "ScopeId", ips("10.20.30.0"), "Force", true),
                "DHCP 20005,Remove-DhcpServerv4Scope", "ObjectNotFound");
    }

    @Test
    void removeScopeDeletesIt() {
        addScope();
        sim.run("dhcp1", "Remove-DhcpServerv4Scope", "ScopeId", ips("10.1.0.0"), "Force", true);
        assertFalse(sim.hasScope("dhcp1", "10.1.0.0"));
    }

    @Test
    void setScopeWithRangeMovesTheRangeInsideTheSubnetOnly() {
        addScope();
        sim.runSet("dhcp1", "Set-DhcpServerv4Scope", "WithRange", "ScopeId", ip("10.1.0.0"), "StartRange", ip("10.1.0.20"),
                "EndRange", ip("10.1.0.30"));
        assertEquals(ip("10.1.0.30"), sim.one("dhcp1", "Get-DhcpServerv4Scope").get("EndRange"));
        SimError e = assertThrowsSim(() -> sim.runSet("dhcp1", "Set-DhcpServerv4Scope", "WithRange", "ScopeId", ip("10.1.0.0"),
                "StartRange", ip("10.1.0.20"), "EndRange", ip("10.9.0.30")));
        assertError(e, "DHCP 20023,Set-DhcpServerv4Scope", "InvalidData");
    }

    @Test
    void setFailoverScopeToBootpIs20129() {
        addScope();
        sim.loadBalance("fo1", "10.1.0.0");
        SimError e = sim.fails("dhcp1", "Set-DhcpServerv4Scope", "ScopeId", ip("10.1.0.0"), "Type", "Both");
        assertError(e, "DHCP 20129,Set-DhcpServerv4Scope", "InvalidOperation");
        assertEquals("Dhcp", sim.one("dhcp1", "Get-DhcpServerv4Scope").get("Type"));
    }

    @Test
    void addDuplicateOrOverlappingExclusionIs20023() {
        addScope();
        sim.run("dhcp1", "Add-DhcpServerv4ExclusionRange", "ScopeId", ip("10.1.0.0"), "StartRange", ip("10.1.0.10"), "EndRange", ip("10.1.0.20"));
        SimError e = sim.fails("dhcp1", "Add-DhcpServerv4ExclusionRange", "ScopeId", ip("10.1.0.0"), "StartRange", ip("10.1.0.15"),
                "EndRange", ip("10.1.0.25"));
        assertError(e, "DHCP 20023,Add-DhcpServerv4ExclusionRange", "InvalidData");
        assertEquals("Failed to add exclusion range with start range 10.1.0.15 and end range 10.1.0.25 to scope 10.1.0.0 on DHCP server dhcp1.",
                e.getMessage());
    }

    @Test
    void removeExclusionRangeWithoutRangeRemovesAll() {
        addScope();
        sim.run("dhcp1", "Add-DhcpServerv4ExclusionRange", "ScopeId", ip("10.1.0.0"), "StartRange", ip("10.1.0.10"), "EndRange", ip("10.1.0.20"));
        sim.run("dhcp1", "Add-DhcpServerv4ExclusionRange", "ScopeId", ip("10.1.0.0"), "StartRange", ip("10.1.0.30"), "EndRange", ip("10.1.0.40"));
        sim.run("dhcp1", "Remove-DhcpServerv4ExclusionRange", "ScopeId", ip("10.1.0.0"), "StartRange", ip("10.1.0.30"), "EndRange", ip("10.1.0.40"));
        assertEquals(1, sim.run("dhcp1", "Get-DhcpServerv4ExclusionRange", "ScopeId", ips("10.1.0.0")).size());
        sim.run("dhcp1", "Add-DhcpServerv4ExclusionRange", "ScopeId", ip("10.1.0.0"), "StartRange", ip("10.1.0.30"), "EndRange", ip("10.1.0.40"));
        sim.run("dhcp1", "Remove-DhcpServerv4ExclusionRange", "ScopeId", ip("10.1.0.0"));
        assertTrue(sim.run("dhcp1", "Get-DhcpServerv4ExclusionRange").isEmpty());
    }

    @Test
    void statisticsCountTheRangeMinusExclusionsAndReservations() {
        addScope();
        sim.run("dhcp1", "Add-DhcpServerv4ExclusionRange", "ScopeId", ip("10.1.0.0"), "StartRange", ip("10.1.0.10"), "EndRange", ip("10.1.0.19"));
        sim.run("dhcp1", "Add-DhcpServerv4Reservation", "ScopeId", ip("10.1.0.0"), "IPAddress", ip("10.1.0.50"), "ClientId", "00-50-56-b0-68-05");
        SimObject st = sim.one("dhcp1", "Get-DhcpServerv4ScopeStatistics", "ScopeId", ips("10.1.0.0"));
        assertEquals(191L - 10 - 1, st.get("AddressesFree"));
        assertEquals(1L, st.get("ReservedAddress"));
        assertEquals(0.0d, st.get("PercentageInUse"));
        assertFalse(st.has("AddressesFreeOnThisServer"));
    }

    @Test
    void failoverStatisticsOfAScopeInNoRelationshipIs20116() {
        addScope();
        assertError(sim.fails("dhcp1", "Get-DhcpServerv4ScopeStatistics", "ScopeId", ips("10.1.0.0"), "Failover", true),
                "DHCP 20116,Get-DhcpServerv4ScopeStatistics", "ObjectNotFound");
    }

    private static SimError assertThrowsSim(org.junit.jupiter.api.function.Executable call) {
        return org.junit.jupiter.api.Assertions.assertThrows(SimError.class, call);
    }
}
