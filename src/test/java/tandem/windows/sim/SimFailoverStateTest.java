package tandem.windows.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.windows.sim.SimFixture.assertError;
import static tandem.windows.sim.SimFixture.ips;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-side failover state machine (reference §3, §7.8-7.10) and -PartnerDown. */
class SimFailoverStateTest {
    private final SimFixture sim = SimFixture.pair();

    @BeforeEach
    void fo1() {
        sim.loadBalance("fo1", "10.1.0.0");
        sim.scope("dhcp1", "10.3.0.0");
    }

    private SimFailover side(String server) { return sim.net.server(server).failover("fo1").orElseThrow(); }

    private void partnerDown() {
        sim.run("dhcp1", "Set-DhcpServerv4Failover", "Name", "fo1", "PartnerDown", true, "Force", true);
    }

    private SimObject failoverStatistics(String server) {
        return sim.one(server, "Get-DhcpServerv4ScopeStatistics", "ScopeId", ips("10.1.0.0"), "Failover", true);
    }

    @Test
    void cutLinkIsCommunicationInterruptedOnBothSides() {
        sim.net.cut("dhcp1", "dhcp2");
        assertEquals("CommunicationInterrupted", sim.state("dhcp1", "fo1"));
        assertEquals("CommunicationInterrupted", sim.state("dhcp2", "fo1"));
    }

    @Test
    void partnerStoppedIsCommunicationInterruptedAndStaysWithoutAutoTransition() {
        sim.net.stopService("dhcp2");
        sim.net.advance(Duration.ofDays(3));
        assertEquals("CommunicationInterrupted", sim.state("dhcp1", "fo1"));
    }

    @Test
    void linkBackWhileCommunicationInterruptedIsNormal() {
        sim.net.cut("dhcp1", "dhcp2");
        sim.net.advance(Duration.ofMinutes(5));
        sim.net.heal("dhcp1", "dhcp2");
        assertEquals("Normal", sim.state("dhcp1", "fo1"));
        assertEquals("Normal", sim.state("dhcp2", "fo1"));
    }

    @Test
    void setPartnerDownFromCommunicationInterrupted() {
        sim.net.stopService("dhcp2");
        partnerDown();
        assertEquals("PartnerDown", sim.state("dhcp1", "fo1"));
    }

    @Test
    void partnerDownOutsideCommunicationInterruptedIsRefused() {
        SimError e = sim.fails("dhcp1", "Set-DhcpServerv4Failover", "Name", "fo1", "PartnerDown", true, "Force", true);
        assertError(e, "WIN32 5023,Set-DhcpServerv4Failover", "InvalidOperation");
        assertEquals("Normal", sim.state("dhcp1", "fo1"));
    }

    @Test
    void cutThenAutoPartnerDownAfterInterval() {
        sim.run("dhcp1", "Set-DhcpServerv4Failover", "Name", "fo1", "StateSwitchInterval", Duration.ofMinutes(10));
        assertEquals(true, sim.failover("dhcp2", "fo1").get("AutoStateTransition"));
        Instant t0 = sim.net.clock().now();
        sim.net.cut("dhcp1", "dhcp2");
        sim.net.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertEquals("CommunicationInterrupted", sim.state("dhcp1", "fo1"));
        sim.net.advance(Duration.ofHours(3));
        assertEquals("PartnerDown", sim.state("dhcp1", "fo1"));
        assertEquals(t0.plus(Duration.ofMinutes(10)), side("dhcp1").since());
    }

    @Test
    void partnerDownOwnsTheWholePoolAfterMclt() {
        sim.net.stopService("dhcp2");
        partnerDown();
        SimObject before = failoverStatistics("dhcp1");
        assertEquals(95L, before.get("AddressesFreeOnThisServer"));
        assertEquals(96L, before.get("AddressesFreeOnPartnerServer"));
        sim.net.advance(Duration.ofHours(1));
        SimObject after = failoverStatistics("dhcp1");
        assertEquals(191L, after.get("AddressesFreeOnThisServer"));
        assertEquals(0L, after.get("AddressesFreeOnPartnerServer"));
    }

    @Test
    void recoverAfterMclt() {
        sim.net.stopService("dhcp2");
        partnerDown();
        sim.net.startService("dhcp2");
        assertTrue(side("dhcp2").history().contains("Recover"), side("dhcp2").history().toString());
        assertEquals("RecoverWait", sim.state("dhcp2", "fo1"));
        assertEquals("PartnerDown", sim.state("dhcp1", "fo1"));
        sim.net.advance(Duration.ofHours(1).minusSeconds(1));
        assertEquals("RecoverWait", sim.state("dhcp2", "fo1"));
        sim.net.advance(Duration.ofSeconds(1));
        assertEquals("Normal", sim.state("dhcp2", "fo1"));
        assertEquals("Normal", sim.state("dhcp1", "fo1"));
        List<String> path = side("dhcp2").history();
        assertEquals(List.of("Recover", "RecoverWait", "RecoverDone", "Normal"), path.subList(path.size() - 4, path.size()));
    }

    @Test
    void addFailoverScopeWhileRecoveringIs20133() {
        sim.net.stopService("dhcp2");
        partnerDown();
        sim.net.startService("dhcp2");
        assertError(sim.fails("dhcp2", "Add-DhcpServerv4FailoverScope", "Name", "fo1", "ScopeId", ips("10.3.0.0")),
                "DHCP 20133,Add-DhcpServerv4FailoverScope", "InvalidOperation");
        assertError(sim.fails("dhcp1", "Add-DhcpServerv4FailoverScope", "Name", "fo1", "ScopeId", ips("10.3.0.0")),
                "DHCP 20120,Add-DhcpServerv4FailoverScope", "InvalidOperation");
    }

    @Test
    void setFailoverChangesBothSides() {
        sim.run("dhcp1", "Set-DhcpServerv4Failover", "Name", "fo1", "LoadBalancePercent", 80L, "MaxClientLeadTime", Duration.ofMinutes(30),
                "SharedSecret", "k3y");
        SimObject b = sim.failover("dhcp2", "fo1");
        assertEquals(20L, b.get("LoadBalancePercent"));
        assertEquals(Duration.ofMinutes(30), b.get("MaxClientLeadTime"));
        assertEquals(true, b.get("EnableAuth"));
        sim.run("dhcp1", "Set-DhcpServerv4Failover", "Name", "fo1", "SharedSecret", null);
        assertEquals(false, sim.failover("dhcp2", "fo1").get("EnableAuth"));
        assertEquals(false, sim.failover("dhcp1", "fo1").get("EnableAuth"));
    }

    @Test
    void setFailoverModeToHotStandbyAppliesItsDefaults() {
        List<Object> out = sim.run("dhcp1", "Set-DhcpServerv4Failover", "Name", "fo1", "Mode", "HotStandby", "PassThru", true);
        SimObject a = (SimObject) out.get(0);
        assertEquals("HotStandby", a.get("Mode"));
        assertEquals("Active", a.get("ServerRole"));
        assertEquals(5L, a.get("ReservePercent"));
        assertEquals(null, a.get("LoadBalancePercent"));
        assertEquals("Standby", sim.failover("dhcp2", "fo1").get("ServerRole"));
    }

    @Test
    void setFailoverSettingsOverACutLinkIs20122() {
        sim.net.cut("dhcp1", "dhcp2");
        assertError(sim.fails("dhcp1", "Set-DhcpServerv4Failover", "Name", "fo1", "LoadBalancePercent", 80L),
                "DHCP 20122,Set-DhcpServerv4Failover", "InvalidOperation");
        assertEquals(50L, sim.failover("dhcp1", "fo1").get("LoadBalancePercent"));
    }

    @Test
    void setFailoverOfAnUnknownRelationshipIs20115() {
        assertError(sim.fails("dhcp1", "Set-DhcpServerv4Failover", "Name", "nope", "MaxClientLeadTime", Duration.ofHours(2)),
                "DHCP 20115,Set-DhcpServerv4Failover", "ObjectNotFound");
    }

    @Test
    void turningAutoOffClearsTheInterval() {
        sim.run("dhcp1", "Set-DhcpServerv4Failover", "Name", "fo1", "AutoStateTransition", true);
        assertEquals(Duration.ofMinutes(60), sim.failover("dhcp1", "fo1").get("StateSwitchInterval"));
        sim.run("dhcp1", "Set-DhcpServerv4Failover", "Name", "fo1", "AutoStateTransition", false);
        assertEquals(null, sim.failover("dhcp2", "fo1").get("StateSwitchInterval"));
    }

    @Test
    void forcedPotentialConflictStaysAndRefusesNewScopesWith20133() {
        side("dhcp1").forceState(SimFailover.State.PotentialConflict);
        sim.net.advance(Duration.ofHours(2));
        assertEquals("PotentialConflict", sim.state("dhcp1", "fo1"));
        assertError(sim.fails("dhcp1", "Add-DhcpServerv4FailoverScope", "Name", "fo1", "ScopeId", ips("10.3.0.0")),
                "DHCP 20133,Add-DhcpServerv4FailoverScope", "InvalidOperation");
        side("dhcp1").forceState(SimFailover.State.Normal);
        sim.run("dhcp1", "Add-DhcpServerv4FailoverScope", "Name", "fo1", "ScopeId", ips("10.3.0.0"));
        assertTrue(sim.hasScope("dhcp2", "10.3.0.0"));
    }
}
