package tandem.windows.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.windows.sim.SimFixture.assertError;
import static tandem.windows.sim.SimFixture.ip;
import static tandem.windows.sim.SimFixture.ips;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invoke-DhcpServerv4FailoverReplication: L over P, per set (reference §1.2, §2, §7.6). */
class SimReplicationTest {
    private final SimFixture sim = SimFixture.pair();

    @BeforeEach
    void twoRelationships() {
        sim.scope("dhcp1", "10.3.0.0");
        sim.loadBalance("fo1", "10.1.0.0", "10.2.0.0");
        sim.loadBalance("fo2", "10.3.0.0");
    }

    private void reserve(String server, String address, String clientId) {
        sim.run(server, "Add-DhcpServerv4Reservation", "ScopeId", ip(address.replaceAll("\\d+$", "0")), "IPAddress", ip(address),
                "ClientId", clientId);
    }

    private int reservations(String server, String scope) {
        return sim.run(server, "Get-DhcpServerv4Reservation", "ScopeId", ip(scope)).size();
    }

    @Test
    void replicateScopeCopiesTheReservationAndWritesTheScopeId() {
        reserve("dhcp1", "10.1.0.50", "00-50-56-b0-68-05");
        List<Object> out = sim.runSet("dhcp1", "Invoke-DhcpServerv4FailoverReplication", "ScopeId", "ScopeId", ips("10.1.0.0"), "Force", true);
        assertEquals(List.of("10.1.0.0"), out);
        assertEquals(1, reservations("dhcp2", "10.1.0.0"));
    }

    @Test
    void partnerOnlyItemsVanishAndServerOptionsStay() {
        reserve("dhcp2", "10.1.0.60", "00-50-56-b0-68-06");
        sim.run("dhcp2", "Add-DhcpServerv4ExclusionRange", "ScopeId", ip("10.1.0.0"), "StartRange", ip("10.1.0.10"), "EndRange", ip("10.1.0.20"));
        sim.run("dhcp2", "Set-DhcpServerv4OptionValue", "OptionId", 3L, "Value", List.of("10.1.0.1"), "ScopeId", ip("10.1.0.0"));
        sim.run("dhcp2", "Set-DhcpServerv4OptionValue", "OptionId", 15L, "Value", List.of("b.test"));
        sim.run("dhcp1", "Invoke-DhcpServerv4FailoverReplication", "ScopeId", ips("10.1.0.0"), "Force", true);
        assertEquals(0, reservations("dhcp2", "10.1.0.0"));
        assertTrue(sim.run("dhcp2", "Get-DhcpServerv4ExclusionRange", "ScopeId", ips("10.1.0.0")).isEmpty());
        assertTrue(sim.run("dhcp2", "Get-DhcpServerv4OptionValue", "ScopeId", ip("10.1.0.0")).isEmpty());
        assertEquals(List.of("b.test"), sim.one("dhcp2", "Get-DhcpServerv4OptionValue", "OptionId", List.of(15L)).get("Value"));
    }

    @Test
    void replicationCopiesScopePropertiesExclusionsAndOptions() {
        sim.run("dhcp1", "Set-DhcpServerv4Scope", "ScopeId", ip("10.1.0.0"), "Name", "renamed", "LeaseDuration", Duration.ofHours(4),
                "State", "InActive");
        sim.run("dhcp1", "Add-DhcpServerv4ExclusionRange", "ScopeId", ip("10.1.0.0"), "StartRange", ip("10.1.0.30"), "EndRange", ip("10.1.0.40"));
        sim.run("dhcp1", "Set-DhcpServerv4OptionValue", "OptionId", 6L, "Value", List.of("10.1.0.2"), "ScopeId", ip("10.1.0.0"));
        sim.run("dhcp1", "Invoke-DhcpServerv4FailoverReplication", "Name", List.of("fo1"), "Force", true);
        SimObject b = sim.one("dhcp2", "Get-DhcpServerv4Scope", "ScopeId", ips("10.1.0.0"));
        assertEquals("renamed", b.get("Name"));
        assertEquals(Duration.ofHours(4), b.get("LeaseDuration"));
        assertEquals("InActive", b.get("State"));
        assertEquals(ip("10.1.0.30"), sim.one("dhcp2", "Get-DhcpServerv4ExclusionRange", "ScopeId", ips("10.1.0.0")).get("StartRange"));
        assertEquals(List.of("10.1.0.2"), sim.one("dhcp2", "Get-DhcpServerv4OptionValue", "ScopeId", ip("10.1.0.0")).get("Value"));
    }

    @Test
    void replicateByNameCoversOnlyThatRelationship() {
        reserve("dhcp1", "10.1.0.50", "00-50-56-b0-68-05");
        reserve("dhcp1", "10.3.0.50", "00-50-56-b0-68-07");
        assertEquals(List.of("10.1.0.0", "10.2.0.0"),
                sim.runSet("dhcp1", "Invoke-DhcpServerv4FailoverReplication", "Name", "Name", List.of("fo1"), "Force", true));
        assertEquals(1, reservations("dhcp2", "10.1.0.0"));
        assertEquals(0, reservations("dhcp2", "10.3.0.0"));
    }

    @Test
    void replicateWithNeitherNameNorScopeCoversEveryFailoverScopeOfL() {
        reserve("dhcp1", "10.3.0.50", "00-50-56-b0-68-07");
        assertEquals(List.of("10.1.0.0", "10.2.0.0", "10.3.0.0"), sim.run("dhcp1", "Invoke-DhcpServerv4FailoverReplication", "Force", true));
        assertEquals(1, reservations("dhcp2", "10.3.0.0"));
    }

    @Test
    void replicationGoesFromTheServerItRunsOn() {
        reserve("dhcp2", "10.1.0.60", "00-50-56-b0-68-06");
        sim.run("dhcp2", "Invoke-DhcpServerv4FailoverReplication", "ScopeId", ips("10.1.0.0"), "Force", true);
        assertEquals(1, reservations("dhcp1", "10.1.0.0"));
    }

    @Test
    void replicateAScopeInNoRelationshipIs20116() {
        sim.scope("dhcp1", "10.4.0.0");
        assertError(sim.fails("dhcp1", "Invoke-DhcpServerv4FailoverReplication", "ScopeId", ips("10.4.0.0"), "Force", true),
                "DHCP 20116,Invoke-DhcpServerv4FailoverReplication", "ObjectNotFound");
    }

    @Test
    void replicateAnUnknownRelationshipIs20115() {
        assertError(sim.fails("dhcp1", "Invoke-DhcpServerv4FailoverReplication", "Name", List.of("nope"), "Force", true),
                "DHCP 20115,Invoke-DhcpServerv4FailoverReplication", "ObjectNotFound");
    }

    @Test
    void replicateOverACutLinkIs20122AndWritesNothing() {
        reserve("dhcp1", "10.1.0.50", "00-50-56-b0-68-05");
        sim.net.cut("dhcp1", "dhcp2");
        assertError(sim.fails("dhcp1", "Invoke-DhcpServerv4FailoverReplication", "Force", true),
                "DHCP 20122,Invoke-DhcpServerv4FailoverReplication", "InvalidOperation");
        assertEquals(0, reservations("dhcp2", "10.1.0.0"));
    }
}
