package tandem.windows.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.windows.sim.SimFixture.assertError;
import static tandem.windows.sim.SimFixture.ip;
import static tandem.windows.sim.SimFixture.ips;
import static tandem.windows.sim.SimFixture.scopeIds;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Service, version, settings, access and wording (reference §1.3, §3, §4.1, §4.4, §7.12, §7.13). */
class SimFaultsTest {
    private final SimFixture sim = SimFixture.pair();

    @Test
    void everyCmdletOfTheReferenceIsModelled() {
        for (String c : List.of("Get-DhcpServerv4Failover", "Add-DhcpServerv4Failover", "Set-DhcpServerv4Failover",
                "Remove-DhcpServerv4Failover", "Add-DhcpServerv4FailoverScope", "Remove-DhcpServerv4FailoverScope",
                "Invoke-DhcpServerv4FailoverReplication", "Get-DhcpServerv4Scope", "Add-DhcpServerv4Scope", "Set-DhcpServerv4Scope",
                "Remove-DhcpServerv4Scope", "Get-DhcpServerv4ScopeStatistics", "Get-DhcpServerv4OptionValue",
                "Set-DhcpServerv4OptionValue", "Remove-DhcpServerv4OptionValue", "Get-DhcpServerv4Reservation",
                "Add-DhcpServerv4Reservation", "Remove-DhcpServerv4Reservation", "Get-DhcpServerv4ExclusionRange",
                "Add-DhcpServerv4ExclusionRange", "Remove-DhcpServerv4ExclusionRange", "Get-DhcpServerVersion",
                "Get-DhcpServerSetting", "Get-Service", "Get-DhcpServerv4Lease", "Add-DhcpServerv4Lease")) {
            assertTrue(sim.cmdlets.knows(c), c);
            assertTrue(sim.cmdlets.knows(c.toLowerCase()), c);
        }
        assertFalse(sim.cmdlets.knows("Remove-DhcpServerv4Lease"));
    }

    @Test
    void stoppedServiceAnswersWin32_1722() {
        sim.net.stopService("dhcp2");
        SimError e = sim.fails("dhcp2", "Get-DhcpServerv4Scope");
        assertError(e, "WIN32 1722,Get-DhcpServerv4Scope", "InvalidOperation");
        assertTrue(e.getMessage().endsWith("The RPC server is unavailable."), e.getMessage());
        assertError(sim.fails("dhcp2", "Get-DhcpServerv4Failover"), "WIN32 1722,Get-DhcpServerv4Failover", "InvalidOperation");
    }

    @Test
    void getServiceReportsStatusAndStartTypeAsEnums() {
        SimObject running = sim.one("dhcp1", "Get-Service", "Name", List.of("DHCPServer"));
        assertEquals(new SimEnum("System.ServiceProcess.ServiceControllerStatus", "Running", 4), running.get("Status"));
        assertEquals(2L, ((SimEnum) running.get("StartType")).value());
        sim.net.stopService("dhcp1");
        SimEnum stopped = (SimEnum) sim.one("dhcp1", "Get-Service", "Name", List.of("dhcpserver")).get("Status");
        assertEquals("Stopped", stopped.name());
        assertEquals(1L, stopped.value());
    }

    @Test
    void getServiceOfAMissingServiceIsNoServiceFoundForGivenName() {
        sim.net.server("dhcp2").setServiceInstalled(false);
        SimError e = sim.fails("dhcp2", "Get-Service", "Name", List.of("DHCPServer"));
        assertEquals("NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand", e.fqid());
        assertEquals("ObjectNotFound", e.category());
        assertEquals(SimError.SERVICE, e.exceptionType());
        assertEquals("Cannot find any service with service name 'DHCPServer'.", e.getMessage());
        assertError(sim.fails("dhcp2", "Get-DhcpServerVersion"), "WIN32 1722,Get-DhcpServerVersion", "InvalidOperation");
    }

    @Test
    void versionIsTenZero() {
        SimObject v = sim.one("dhcp1", "Get-DhcpServerVersion");
        assertEquals(10L, v.get("MajorVersion"));
        assertEquals(0L, v.get("MinorVersion"));
    }

    @Test
    void settingsReportAuthorizationAndDomain() {
        sim.net.server("dhcp1").setAuthorized(false);
        SimObject s = sim.one("dhcp1", "Get-DhcpServerSetting");
        assertEquals(false, s.get("IsAuthorized"));
        assertEquals(true, s.get("IsDomainJoined"));
    }

    @Test
    void keyLoginDeniedOnPartnerOperations() {
        sim.loadBalance("fo1", "10.1.0.0");
        sim.scope("dhcp1", "10.3.0.0");
        denied(() -> sim.runWithKey("dhcp1", "Add-DhcpServerv4Failover", "Name", "fo2", "PartnerServer", "dhcp2", "ScopeId", ips("10.2.0.0")),
                "Add-DhcpServerv4Failover");
        denied(() -> sim.runWithKey("dhcp1", "Add-DhcpServerv4FailoverScope", "Name", "fo1", "ScopeId", ips("10.3.0.0")),
                "Add-DhcpServerv4FailoverScope");
        denied(() -> sim.runWithKey("dhcp1", "Remove-DhcpServerv4FailoverScope", "Name", "fo1", "ScopeId", ips("10.1.0.0")),
                "Remove-DhcpServerv4FailoverScope");
        denied(() -> sim.runWithKey("dhcp1", "Invoke-DhcpServerv4FailoverReplication", "Force", true),
                "Invoke-DhcpServerv4FailoverReplication");
        denied(() -> sim.runWithKey("dhcp1", "Set-DhcpServerv4Failover", "Name", "fo1", "LoadBalancePercent", 70L),
                "Set-DhcpServerv4Failover");
        denied(() -> sim.runWithKey("dhcp1", "Remove-DhcpServerv4Failover", "Name", List.of("fo1"), "Force", true),
                "Remove-DhcpServerv4Failover");
        assertEquals(1, sim.run("dhcp2", "Get-DhcpServerv4Failover").size());
        assertEquals(1, sim.run("dhcp1", "Get-DhcpServerv4Failover").size());
        assertEquals("10.1.0.0", scopeIds(sim.failover("dhcp2", "fo1")));
        assertEquals(50L, sim.failover("dhcp1", "fo1").get("LoadBalancePercent"));
        assertFalse(sim.hasScope("dhcp2", "10.2.0.0") || sim.hasScope("dhcp2", "10.3.0.0"));
    }

    private static void denied(Executable call, String cmdlet) {
        SimError e = assertThrows(SimError.class, call);
        assertError(e, "WIN32 5," + cmdlet, "PermissionDenied");
    }

    @Test
    void keyLoginStillReadsAndChangesLOnly() {
        sim.loadBalance("fo1", "10.1.0.0");
        sim.runWithKey("dhcp1", "Add-DhcpServerv4Reservation", "ScopeId", ip("10.1.0.0"), "IPAddress", ip("10.1.0.50"), "ClientId", "00-50-56-b0-68-05");
        assertEquals(1, sim.runWithKey("dhcp1", "Get-DhcpServerv4Reservation", "ScopeId", ip("10.1.0.0")).size());
        sim.net.cut("dhcp1", "dhcp2");
        sim.runWithKey("dhcp1", "Set-DhcpServerv4Failover", "Name", "fo1", "PartnerDown", true, "Force", true);
        assertEquals("PartnerDown", sim.state("dhcp1", "fo1"));
    }

    @Test
    void nonAdministratorIsAccessDenied() {
        sim.net.server("dhcp1").denyUser("operator");
        SimError e = assertThrows(SimError.class,
                () -> sim.cmdlets.invoke(new SimSession("dhcp1", "operator", true), "Get-DhcpServerv4Scope", null, SimFixture.map()));
        assertError(e, "WIN32 5,Get-DhcpServerv4Scope", "PermissionDenied");
        assertEquals("Failed to enumerate scopes on DHCP server dhcp1. Access is denied.", e.getMessage());
    }

    @Test
    void scrambledWordingKeepsIdsAndCategories() {
        sim.net.setScrambledWording(true);
        SimError e = sim.fails("dhcp1", "Get-DhcpServerv4Scope", "ScopeId", ips("10.20.30.0"));
        assertError(e, "DHCP 20005,Get-DhcpServerv4Scope", "ObjectNotFound");
        assertFalse(e.getMessage().contains("Failed") || e.getMessage().contains("10.20.30.0"), e.getMessage());
        SimError service = sim.fails("dhcp1", "Get-Service", "Name", List.of("Spooler"));
        assertFalse(service.getMessage().contains("Spooler"), service.getMessage());
    }

    @Test
    void missingMandatoryParameterIsTheBindersError() {
        SimError e = sim.fails("dhcp1", "Add-DhcpServerv4Failover", "Name", "fo1", "ScopeId", ips("10.1.0.0"));
        assertEquals("MissingMandatoryParameter,Add-DhcpServerv4Failover", e.fqid());
        assertEquals(SimError.BINDING, e.exceptionType());
    }

    @Test
    void serverClockCarriesItsOffset() {
        sim.net.setClockOffset("dhcp2", Duration.ofSeconds(-90));
        assertEquals(sim.net.clock().now().minusSeconds(90), sim.net.server("dhcp2").now());
    }

    @Test
    void computerNameOfThePartnerIsASecondHop() {
        sim.scope("dhcp2", "10.7.0.0");
        assertEquals(1, sim.run("dhcp1", "Get-DhcpServerv4Scope", "ComputerName", "DHCP2.lab.test").size());
        assertError(assertThrows(SimError.class, () -> sim.runWithKey("dhcp1", "Get-DhcpServerv4Scope", "ComputerName", "dhcp2")),
                "WIN32 5,Get-DhcpServerv4Scope", "PermissionDenied");
        sim.net.cut("dhcp1", "dhcp2");
        assertError(sim.fails("dhcp1", "Get-DhcpServerv4Scope", "ComputerName", "dhcp2"), "WIN32 1722,Get-DhcpServerv4Scope", "InvalidOperation");
        assertEquals(2, sim.run("dhcp1", "Get-DhcpServerv4Scope", "ComputerName", "dhcp1").size());
    }

    @Test
    void whatIfChangesNothing() {
        sim.run("dhcp1", "Remove-DhcpServerv4Scope", "ScopeId", ips("10.1.0.0"), "Force", true, "WhatIf", true);
        assertTrue(sim.hasScope("dhcp1", "10.1.0.0"));
    }
}
