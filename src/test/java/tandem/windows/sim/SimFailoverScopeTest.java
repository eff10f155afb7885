package tandem.windows.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.windows.sim.SimFixture.assertError;
import static tandem.windows.sim.SimFixture.ip;
import static tandem.windows.sim.SimFixture.ips;
import static tandem.windows.sim.SimFixture.scopeIds;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scopes joining and leaving a relationship, and removing relationships (reference §1.2, §7.3-7.5, §7.7). */
class SimFailoverScopeTest {
    private final SimFixture sim = SimFixture.pair();

    @BeforeEach
    void fo1WithBothScopes() {
        sim.loadBalance("fo1", "10.1.0.0", "10.2.0.0");
        sim.scope("dhcp1", "10.3.0.0");
    }

    @Test
    void addFailoverScopeCreatesTheScopeOnThePartner() {
        sim.run("dhcp1", "Add-DhcpServerv4FailoverScope", "Name", "fo1", "ScopeId", ips("10.3.0.0"));
        assertTrue(sim.hasScope("dhcp2", "10.3.0.0"));
        assertEquals("10.1.0.0,10.2.0.0,10.3.0.0", scopeIds(sim.failover("dhcp2", "fo1")));
    }

    @Test
    void addFailoverScopeOfAScopeInAnotherRelationshipIs20113() {
        sim.loadBalance("fo2", "10.3.0.0");
        assertError(sim.fails("dhcp1", "Add-DhcpServerv4FailoverScope", "Name", "fo1", "ScopeId", ips("10.3.0.0")),
                "DHCP 20113,Add-DhcpServerv4FailoverScope", "InvalidOperation");
    }

    @Test
    void addFailoverScopeOfAMissingScopeIs20005() {
        assertError(sim.fails("dhcp1", "Add-DhcpServerv4FailoverScope", "Name", "fo1", "ScopeId", ips("10.9.0.0")),
                "DHCP 20005,Add-DhcpServerv4FailoverScope", "ObjectNotFound");
    }

    @Test
    void addFailoverScopeAlreadyOnThePartnerIs20052() {
        sim.scope("dhcp2", "10.3.0.0");
        assertError(sim.fails("dhcp1", "Add-DhcpServerv4FailoverScope", "Name", "fo1", "ScopeId", ips("10.3.0.0")),
                "DHCP 20052,Add-DhcpServerv4FailoverScope", "ResourceExists");
        assertEquals("10.1.0.0,10.2.0.0", scopeIds(sim.failover("dhcp1", "fo1")));
    }

    @Test
    void addFailoverScopeToAnUnknownRelationshipIs20115() {
        assertError(sim.fails("dhcp1", "Add-DhcpServerv4FailoverScope", "Name", "nope", "ScopeId", ips("10.3.0.0")),
                "DHCP 20115,Add-DhcpServerv4FailoverScope", "ObjectNotFound");
    }

    @Test
    void addFailoverScopeWhenNotNormalIs20120() {
        sim.net.cut("dhcp1", "dhcp2");
        assertError(sim.fails("dhcp1", "Add-DhcpServerv4FailoverScope", "Name", "fo1", "ScopeId", ips("10.3.0.0")),
                "DHCP 20120,Add-DhcpServerv4FailoverScope", "InvalidOperation");
        assertFalse(sim.hasScope("dhcp2", "10.3.0.0"));
    }

    @Test
    void removeFailoverScopeKeepsOnLDeletesOnP() {
        sim.run("dhcp1", "Remove-DhcpServerv4FailoverScope", "Name", "fo1", "ScopeId", ips("10.2.0.0"), "Force", true);
        assertTrue(sim.hasScope("dhcp1", "10.2.0.0"));
        assertFalse(sim.hasScope("dhcp2", "10.2.0.0"));
        assertError(sim.fails("dhcp1", "Get-DhcpServerv4Failover", "ScopeId", ips("10.2.0.0")),
                "DHCP 20116,Get-DhcpServerv4Failover", "ObjectNotFound");
        assertEquals("10.1.0.0", scopeIds(sim.failover("dhcp2", "fo1")));
    }

    @Test
    void lastScopeOutLeavesTheRelationshipEmpty() {
        sim.run("dhcp1", "Remove-DhcpServerv4FailoverScope", "Name", "fo1", "ScopeId", ips("10.1.0.0", "10.2.0.0"), "Force", true);
        assertEquals("", scopeIds(sim.failover("dhcp1", "fo1")));
        assertEquals("", scopeIds(sim.failover("dhcp2", "fo1")));
    }

    @Test
    void removeFailoverScopeChecksEveryScopeBeforeAnyChange() {
        SimError e = sim.fails("dhcp1", "Remove-DhcpServerv4FailoverScope", "Name", "fo1", "ScopeId", ips("10.1.0.0", "10.3.0.0"),
                "Force", true);
        assertError(e, "DHCP 20116,Remove-DhcpServerv4FailoverScope", "ObjectNotFound");
        assertTrue(sim.hasScope("dhcp2", "10.1.0.0"));
        assertEquals("10.1.0.0,10.2.0.0", scopeIds(sim.failover("dhcp1", "fo1")));
        assertError(sim.fails("dhcp1", "Remove-DhcpServerv4FailoverScope", "Name", "fo1", "ScopeId", ips("10.1.0.0", "10.9.0.0")),
                "DHCP 20005,Remove-DhcpServerv4FailoverScope", "ObjectNotFound");
        assertTrue(sim.hasScope("dhcp2", "10.1.0.0"));
    }

    @Test
    void removeFailoverKeepsScopesOnLDeletesOnP() {
        assertEquals(List.of(), sim.run("dhcp1", "Remove-DhcpServerv4Failover", "Name", List.of("fo1"), "Force", true));
        assertTrue(sim.run("dhcp1", "Get-DhcpServerv4Failover").isEmpty());
        assertTrue(sim.run("dhcp2", "Get-DhcpServerv4Failover").isEmpty());
        assertTrue(sim.hasScope("dhcp1", "10.1.0.0") && sim.hasScope("dhcp1", "10.2.0.0"));
        assertFalse(sim.hasScope("dhcp2", "10.1.0.0") || sim.hasScope("dhcp2", "10.2.0.0"));
    }

    @Test
    void removeFailoverRunOnThePartnerKeepsScopesThere() {
        sim.run("dhcp2", "Remove-DhcpServerv4Failover", "Name", List.of("fo1"), "Force", true);
        assertTrue(sim.hasScope("dhcp2", "10.1.0.0"));
        assertFalse(sim.hasScope("dhcp1", "10.1.0.0"));
    }

    @Test
    void removeUnknownFailoverIs20115AndRemovesNothing() {
        assertError(sim.fails("dhcp1", "Remove-DhcpServerv4Failover", "Name", List.of("fo1", "nope"), "Force", true),
                "DHCP 20115,Remove-DhcpServerv4Failover", "ObjectNotFound");
        assertEquals("fo1", sim.failover("dhcp2", "fo1").get("Name"));
    }

    @Test
    void removeFailoverWithPartnerUnreachableIs20122() {
        sim.net.stopService("dhcp2");
        assertError(sim.fails("dhcp1", "Remove-DhcpServerv4Failover", "Name", List.of("fo1"), "Force", true),
                "DHCP 20122,Remove-DhcpServerv4Failover", "InvalidOperation");
        assertEquals("fo1", sim.failover("dhcp1", "fo1").get("Name"));
    }

    @Test
    void failoverScopeCannotBeDeleted20113() {
        SimError e = sim.fails("dhcp1", "Remove-DhcpServerv4Scope", "ScopeId", ips("10.1.0.0"), "Force", true);
        assertError(e, "DHCP 20113,Remove-DhcpServerv4Scope", "InvalidOperation");
        assertTrue(sim.hasScope("dhcp1", "10.1.0.0"));
        assertError(sim.fails("dhcp2", "Remove-DhcpServerv4Scope", "ScopeId", ips("10.1.0.0"), "Force", true),
                "DHCP 20113,Remove-DhcpServerv4Scope", "InvalidOperation");
    }

    @Test
    void changesToAFailoverScopeStayOnOneSide() {
        sim.run("dhcp1", "Add-DhcpServerv4Reservation", "ScopeId", ip("10.1.0.0"), "IPAddress", ip("10.1.0.50"), "ClientId", "00-50-56-b0-68-05");
        assertTrue(sim.run("dhcp2", "Get-DhcpServerv4Reservation", "ScopeId", ip("10.1.0.0")).isEmpty());
    }
}
