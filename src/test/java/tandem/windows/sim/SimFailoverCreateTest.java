package tandem.windows.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.windows.sim.SimFixture.assertError;
import static tandem.windows.sim.SimFixture.ip;
import static tandem.windows.sim.SimFixture.ips;
import static tandem.windows.sim.SimFixture.scopeIds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Add-/Get-DhcpServerv4Failover: defaults, both sides, and every documented refusal (reference §1.2, §2, §4.2, §7.1-7.3, §7.12). */
class SimFailoverCreateTest {
    private final SimFixture sim = SimFixture.pair();

    private SimError addFails(Object... kv) {
        return assertThrows(SimError.class, () -> sim.run("dhcp1", "Add-DhcpServerv4Failover", kv));
    }

    private void assertNothingCreated() {
        assertTrue(sim.run("dhcp1", "Get-DhcpServerv4Failover").isEmpty());
        assertTrue(sim.run("dhcp2", "Get-DhcpServerv4Failover").isEmpty());
    }

    @Test
    void loadBalanceCreateWritesNothingAndSetsUpBothSides() {
        List<Object> out = sim.run("dhcp1", "Add-DhcpServerv4Failover", "Name", "fo1", "PartnerServer", "dhcp2",
                "ScopeId", ips("10.1.0.0", "10.2.0.0"));
        assertEquals(List.of(), out);
        SimObject a = sim.failover("dhcp1", "fo1");
        assertEquals("LoadBalance", a.get("Mode"));
        assertEquals("Normal", a.get("State"));
        assertEquals(50L, a.get("LoadBalancePercent"));
        assertNull(a.get("ReservePercent"));
        assertNull(a.get("ServerRole"));
        assertEquals(Duration.ofHours(1), a.get("MaxClientLeadTime"));
        assertNull(a.get("StateSwitchInterval"));
        assertEquals(false, a.get("AutoStateTransition"));
        assertEquals(false, a.get("EnableAuth"));
        assertEquals("10.1.0.0,10.2.0.0", scopeIds(a));
        assertEquals("PrimaryServer", a.get("ServerType"));
        assertEquals("dhcp2.lab.test", a.get("PartnerServer"));
        SimObject b = sim.failover("dhcp2", "fo1");
        assertEquals("dhcp1.lab.test", b.get("PartnerServer"));
        assertEquals("SecondaryServer", b.get("ServerType"));
        assertEquals(50L, b.get("LoadBalancePercent"));
        assertEquals("10.1.0.0,10.2.0.0", scopeIds(b));
    }

    @Test
    void createCopiesScopesWithExclusionsReservationsAndOptionsToPartner() {
        sim.run("dhcp1", "Add-DhcpServerv4ExclusionRange", "ScopeId", ip("10.1.0.0"), "StartRange", ip("10.1.0.10"), "EndRange", ip("10.1.0.19"));
        sim.run("dhcp1", "Add-DhcpServerv4Reservation", "ScopeId", ip("10.1.0.0"), "IPAddress", ip("10.1.0.50"), "ClientId", "00-50-56-b0-68-05");
        sim.run("dhcp1", "Set-DhcpServerv4OptionValue", "OptionId", 3L, "Value", List.of("10.1.0.1"), "ScopeId", ip("10.1.0.0"));
        sim.loadBalance("fo1", "10.1.0.0");
        SimObject scope = sim.one("dhcp2", "Get-DhcpServerv4Scope", "ScopeId", ips("10.1.0.0"));
        assertEquals(ip("10.1.0.200"), scope.get("EndRange"));
        assertEquals("scope 10.1.0.0", scope.get("Name"));
        assertEquals(1, sim.run("dhcp2", "Get-DhcpServerv4ExclusionRange", "ScopeId", ips("10.1.0.0")).size());
        assertEquals(1, sim.run("dhcp2", "Get-DhcpServerv4Reservation", "ScopeId", ip("10.1.0.0")).size());
        assertEquals(List.of("10.1.0.1"), sim.one("dhcp2", "Get-DhcpServerv4OptionValue", "ScopeId", ip("10.1.0.0")).get("Value"));
    }

    @Test
    void partnerKeepsTheRestOfTheLoadBalanceShare() {
        sim.run("dhcp1", "Add-DhcpServerv4Failover", "Name", "fo1", "PartnerServer", "dhcp2", "ScopeId", ips("10.1.0.0"),
                "LoadBalancePercent", 70L);
        assertEquals(70L, sim.failover("dhcp1", "fo1").get("LoadBalancePercent"));
        assertEquals(30L, sim.failover("dhcp2", "fo1").get("LoadBalancePercent"));
    }

    @Test
    void hotStandbyGivesThePartnerTheOppositeRoleAndReserveFive() {
        sim.runSet("dhcp1", "Add-DhcpServerv4Failover", "HotStandby", "Name", "hs", "PartnerServer", "dhcp2",
                "ScopeId", ips("10.1.0.0"), "ServerRole", "Standby");
        SimObject a = sim.failover("dhcp1", "hs");
        assertEquals("HotStandby", a.get("Mode"));
        assertEquals("Standby", a.get("ServerRole"));
        assertEquals(5L, a.get("ReservePercent"));
        assertNull(a.get("LoadBalancePercent"));
        assertEquals("Active", sim.failover("dhcp2", "hs").get("ServerRole"));
    }

    @Test
    void hotStandbyServerRoleDefaultsToActive() {
        sim.runSet("dhcp1", "Add-DhcpServerv4Failover", "HotStandby", "Name", "hs", "PartnerServer", "dhcp2", "ScopeId", ips("10.1.0.0"));
        assertEquals("Active", sim.failover("dhcp1", "hs").get("ServerRole"));
        assertEquals("Standby", sim.failover("dhcp2", "hs").get("ServerRole"));
    }

    @Test
    void reservePercentWithLoadBalancePercentIsAmbiguousAndCreatesNothing() {
        SimError e = addFails("Name", "fo1", "PartnerServer", "dhcp2", "ScopeId", ips("10.1.0.0"), "ReservePercent", 10L,
                "LoadBalancePercent", 60L);
        assertEquals("AmbiguousParameterSet,Add-DhcpServerv4Failover", e.fqid());
        assertEquals(SimError.BINDING, e.exceptionType());
        assertNothingCreated();
    }

    @Test
    void intervalTurnsAutoStateTransitionOnAndAutoAloneGetsSixtyMinutes() {
        sim.run("dhcp1", "Add-DhcpServerv4Failover", "Name", "a", "PartnerServer", "dhcp2", "ScopeId", ips("10.1.0.0"),
                "StateSwitchInterval", Duration.ofMinutes(10));
        assertEquals(true, sim.failover("dhcp1", "a").get("AutoStateTransition"));
        assertEquals(Duration.ofMinutes(10), sim.failover("dhcp1", "a").get("StateSwitchInterval"));
        sim.run("dhcp1", "Add-DhcpServerv4Failover", "Name", "b", "PartnerServer", "dhcp2", "ScopeId", ips("10.2.0.0"),
                "AutoStateTransition", true);
        assertEquals(Duration.ofMinutes(60), sim.failover("dhcp2", "b").get("StateSwitchInterval"));
    }

    @Test
    void sharedSecretEnablesAuthAndIsNeverReadBack() {
        sim.run("dhcp1", "Add-DhcpServerv4Failover", "Name", "fo1", "PartnerServer", "dhcp2", "ScopeId", ips("10.1.0.0"),
                "SharedSecret", "s3cret-Value");
        SimObject a = sim.failover("dhcp1", "fo1");
        assertEquals(true, a.get("EnableAuth"));
        assertEquals(true, sim.failover("dhcp2", "fo1").get("EnableAuth"));
        assertNull(a.get("SharedSecret"));
        assertFalse(a.toString().contains("s3cret"));
        assertFalse(sim.net.server("dhcp1").failover("fo1").orElseThrow().toString().contains("s3cret"));
    }

    @Test
    void zeroMcltIsRefused() {
        assertError(addFails("Name", "fo1", "PartnerServer", "dhcp2", "ScopeId", ips("10.1.0.0"), "MaxClientLeadTime", Duration.ZERO),
                "WIN32 87,Add-DhcpServerv4Failover", "InvalidData");
        assertNothingCreated();
    }

    @Test
    void addFailoverRefusesScopeOnPartner() {
        sim.scope("dhcp2", "10.2.0.0");
        SimError e = addFails("Name", "fo1", "PartnerServer", "dhcp2", "ScopeId", ips("10.1.0.0", "10.2.0.0"));
        assertError(e, "DHCP 20052,Add-DhcpServerv4Failover", "ResourceExists");
        assertNothingCreated();
        assertFalse(sim.hasScope("dhcp2", "10.1.0.0"));
    }

    @Test
    void missingScopeOnLIs20005() {
        assertError(addFails("Name", "fo1", "PartnerServer", "dhcp2", "ScopeId", ips("10.9.0.0")),
                "DHCP 20005,Add-DhcpServerv4Failover", "ObjectNotFound");
        assertNothingCreated();
    }

    @Test
    void scopeInAnotherRelationshipIs20113() {
        sim.loadBalance("fo1", "10.1.0.0");
        assertError(addFails("Name", "fo2", "PartnerServer", "dhcp2", "ScopeId", ips("10.1.0.0")),
                "DHCP 20113,Add-DhcpServerv4Failover", "InvalidOperation");
    }

    @Test
    void bootpScopeIs20131() {
        sim.run("dhcp1", "Set-DhcpServerv4Scope", "ScopeId", ip("10.1.0.0"), "Type", "Both");
        assertError(addFails("Name", "fo1", "PartnerServer", "dhcp2", "ScopeId", ips("10.1.0.0")),
                "DHCP 20131,Add-DhcpServerv4Failover", "InvalidOperation");
    }

    @Test
    void nameTakenIs20114OnEitherServer() {
        sim.loadBalance("fo1", "10.1.0.0");
        assertError(addFails("Name", "FO1", "PartnerServer", "dhcp2", "ScopeId", ips("10.2.0.0")),
                "DHCP 20114,Add-DhcpServerv4Failover", "ResourceExists");
        sim.net.addServer("dhcp3");
        sim.scope("dhcp3", "10.3.0.0");
        SimError onPartner = assertThrows(SimError.class, () -> sim.run("dhcp3", "Add-DhcpServerv4Failover", "Name", "fo1",
                "PartnerServer", "dhcp2", "ScopeId", ips("10.3.0.0")));
        assertError(onPartner, "DHCP 20114,Add-DhcpServerv4Failover", "ResourceExists");
        assertFalse(sim.hasScope("dhcp2", "10.3.0.0"));
    }

    @Test
    void nameLongerThan126Is20125() {
        sim.run("dhcp1", "Add-DhcpServerv4Failover", "Name", "n".repeat(126), "PartnerServer", "dhcp2", "ScopeId", ips("10.1.0.0"));
        assertError(addFails("Name", "n".repeat(127), "PartnerServer", "dhcp2", "ScopeId", ips("10.2.0.0")),
                "DHCP 20125,Add-DhcpServerv4Failover", "InvalidOperation");
    }

    @Test
    void thirtySecondRelationshipIs20128() {
        for (int i = 0; i < 31; i++) {
            String net = "10.100." + i + ".0";
            sim.scope("dhcp1", net);
            sim.loadBalance("fo" + i, net);
        }
        assertEquals(31, sim.run("dhcp2", "Get-DhcpServerv4Failover").size());
        assertError(addFails("Name", "fo31", "PartnerServer", "dhcp2", "ScopeId", ips("10.1.0.0")),
                "DHCP 20128,Add-DhcpServerv4Failover", "InvalidOperation");
    }

    @Test
    void moreThan400ScopesInOneCallIs20130() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 401; i++) many.add(ip("10." + (50 + i / 256) + "." + (i % 256) + ".0"));
        assertError(addFails("Name", "big", "PartnerServer", "dhcp2", "ScopeId", many),
                "DHCP 20130,Add-DhcpServerv4Failover", "InvalidOperation");
    }

    @Test
    void clocksMoreThanSixtySecondsApartIs20119() {
        sim.net.setClockOffset("dhcp2", Duration.ofSeconds(61));
        assertError(addFails("Name", "fo1", "PartnerServer", "dhcp2", "ScopeId", ips("10.1.0.0")),
                "DHCP 20119,Add-DhcpServerv4Failover", "InvalidOperation");
        assertNothingCreated();
        sim.net.setClockOffset("dhcp2", Duration.ofSeconds(60));
        sim.loadBalance("fo1", "10.1.0.0");
    }

    @Test
    void unknownPartnerIs20124() {
        assertError(addFails("Name", "fo1", "PartnerServer", "nowhere", "ScopeId", ips("10.1.0.0")),
                "DHCP 20124,Add-DhcpServerv4Failover", "InvalidOperation");
    }

    @Test
    void partnerNamedByFqdnInAnyCase() {
        sim.run("dhcp1", "Add-DhcpServerv4Failover", "Name", "fo1", "PartnerServer", "DHCP2.Lab.Test", "ScopeId", ips("10.1.0.0"));
        assertEquals("dhcp1.lab.test", sim.failover("dhcp2", "fo1").get("PartnerServer"));
    }

    @Test
    void partnerStoppedOrLinkCutIs20122() {
        sim.net.cut("dhcp1", "dhcp2");
        assertError(addFails("Name", "fo1", "PartnerServer", "dhcp2", "ScopeId", ips("10.1.0.0")),
                "DHCP 20122,Add-DhcpServerv4Failover", "InvalidOperation");
        sim.net.heal("dhcp1", "dhcp2");
        sim.net.stopService("dhcp2");
        assertError(addFails("Name", "fo1", "PartnerServer", "dhcp2", "ScopeId", ips("10.1.0.0")),
                "DHCP 20122,Add-DhcpServerv4Failover", "InvalidOperation");
        sim.net.startService("dhcp2");
        assertNothingCreated();
    }

    @Test
    void getFailoverOfAScopeInNoRelationshipIs20116() {
        SimError e = sim.fails("dhcp1", "Get-DhcpServerv4Failover", "ScopeId", ips("10.1.0.0"));
        assertError(e, "DHCP 20116,Get-DhcpServerv4Failover", "ObjectNotFound");
        assertEquals("Failed to get failover relationship for scope 10.1.0.0 on DHCP server dhcp1.", e.getMessage());
    }

    @Test
    void getFailoverByScopeFindsItsRelationship() {
        sim.loadBalance("fo1", "10.1.0.0");
        SimObject f = (SimObject) sim.runSet("dhcp2", "Get-DhcpServerv4Failover", "ScopeId", "ScopeId", ips("10.1.0.0")).get(0);
        assertEquals("fo1", f.get("Name"));
    }

    @Test
    void getUnknownFailoverNameIs20115() {
        assertError(sim.fails("dhcp1", "Get-DhcpServerv4Failover", "Name", List.of("nope")),
                "DHCP 20115,Get-DhcpServerv4Failover", "ObjectNotFound");
    }
}
