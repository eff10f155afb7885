package tandem.windows.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tandem.windows.sim.SimFixture.assertError;
import static tandem.windows.sim.SimFixture.ips;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The reference's partner-down scenarios end to end (§7.8, §7.9, §7.10). The other scenarios are covered rule by rule:
 * §7.1-7.3 in SimFailoverCreateTest and SimFailoverScopeTest, §7.4, §7.5, §7.7 in SimFailoverScopeTest, §7.6 in
 * SimReplicationTest, §7.12 and §7.13 in SimFailoverCreateTest and SimFaultsTest.
 */
class SimScenariosTest {
    private final SimFixture sim = SimFixture.pair();

    @Test
    void partnerStoppedThenManualPartnerDownThenRecovery() {
        sim.loadBalance("fo1", "10.1.0.0", "10.2.0.0");
        sim.net.stopService("dhcp2");
        sim.net.advance(Duration.ofHours(2));
        assertEquals("CommunicationInterrupted", sim.state("dhcp1", "fo1"));
        assertError(sim.fails("dhcp2", "Get-DhcpServerv4Failover"), "WIN32 1722,Get-DhcpServerv4Failover", "InvalidOperation");
        sim.run("dhcp1", "Set-DhcpServerv4Failover", "Name", "fo1", "PartnerDown", true, "Force", true);
        assertEquals("PartnerDown", sim.state("dhcp1", "fo1"));
        sim.net.startService("dhcp2");
        assertEquals("RecoverWait", sim.state("dhcp2", "fo1"));
        sim.net.advance(Duration.ofHours(1));
        assertEquals("Normal", sim.state("dhcp1", "fo1"));
        assertEquals("Normal", sim.state("dhcp2", "fo1"));
    }

    @Test
    void linkLostWithTenMinuteIntervalThenPoolOwnedAfterMclt() {
        sim.loadBalance("fo1", "10.1.0.0");
        sim.run("dhcp1", "Set-DhcpServerv4Failover", "Name", "fo1", "StateSwitchInterval", Duration.ofMinutes(10));
        sim.net.cut("dhcp1", "dhcp2");
        sim.net.advance(Duration.ofMinutes(10));
        assertEquals("PartnerDown", sim.state("dhcp1", "fo1"));
        assertEquals("PartnerDown", sim.state("dhcp2", "fo1"));
        sim.net.advance(Duration.ofMinutes(59));
        SimObject early = sim.one("dhcp1", "Get-DhcpServerv4ScopeStatistics", "ScopeId", ips("10.1.0.0"), "Failover", true);
        assertEquals(96L, early.get("AddressesFreeOnPartnerServer"));
        sim.net.advance(Duration.ofMinutes(1));
        SimObject owned = sim.one("dhcp1", "Get-DhcpServerv4ScopeStatistics", "ScopeId", ips("10.1.0.0"), "Failover", true);
        assertEquals(0L, owned.get("AddressesFreeOnPartnerServer"));
        assertEquals(191L, owned.get("AddressesFreeOnThisServer"));
    }

    @Test
    void bothSidesPartnerDownThenHealedTheSecondaryRecovers() {
        sim.loadBalance("fo1", "10.1.0.0");
        sim.net.cut("dhcp1", "dhcp2");
        sim.run("dhcp1", "Set-DhcpServerv4Failover", "Name", "fo1", "PartnerDown", true, "Force", true);
        sim.run("dhcp2", "Set-DhcpServerv4Failover", "Name", "fo1", "PartnerDown", true, "Force", true);
        sim.net.heal("dhcp1", "dhcp2");
        assertEquals("RecoverWait", sim.state("dhcp2", "fo1"));
        assertEquals("PartnerDown", sim.state("dhcp1", "fo1"));
        sim.net.advance(Duration.ofHours(1));
        assertEquals("Normal", sim.state("dhcp2", "fo1"));
    }
}
