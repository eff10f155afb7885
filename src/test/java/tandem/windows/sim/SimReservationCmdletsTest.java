package tandem.windows.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.windows.sim.SimFixture.assertError;
import static tandem.windows.sim.SimFixture.ip;
import static tandem.windows.sim.SimFixture.ips;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimReservationCmdletsTest {
    private final SimFixture sim = SimFixture.pair();

    @BeforeEach
    void twoReservations() {
        reserve("10.1.0.50", "00:50:56:B0:68:05");
        reserve("10.1.0.51", "005056b06806");
    }

    private void reserve(String address, String clientId) {
        sim.run("dhcp1", "Add-DhcpServerv4Reservation", "ScopeId", ip("10.1.0.0"), "IPAddress", ip(address), "ClientId", clientId,
                "Name", "host-" + address);
    }

    @Test
    void reservationWritesClientIdAsLowerCaseDashedHexAndTypeBoth() {
        SimObject r = sim.one("dhcp1", "Get-DhcpServerv4Reservation", "IPAddress", ips("10.1.0.50"));
        assertEquals("00-50-56-b0-68-05", r.get("ClientId"));
        assertEquals("Both", r.get("Type"));
        assertEquals(ip("10.1.0.0"), r.get("ScopeId"));
        assertEquals("host-10.1.0.50", r.get("Name"));
    }

    @Test
    void duplicateReservationIs20022() {
        SimError e = sim.fails("dhcp1", "Add-DhcpServerv4Reservation", "ScopeId", ip("10.1.0.0"), "IPAddress", ip("10.1.0.50"),
                "ClientId", "00-50-56-b0-00-01");
        assertError(e, "DHCP 20022,Add-DhcpServerv4Reservation", "ResourceExists");
    }

    @Test
    void reservationInAMissingScopeIs20005() {
        assertError(sim.fails("dhcp1", "Add-DhcpServerv4Reservation", "ScopeId", ip("10.9.0.0"), "IPAddress", ip("10.9.0.5"),
                "ClientId", "00-50-56-b0-00-01"), "DHCP 20005,Add-DhcpServerv4Reservation", "ObjectNotFound");
    }

    @Test
    void getByScopeIdSetListsTheScope() {
        assertEquals(2, sim.runSet("dhcp1", "Get-DhcpServerv4Reservation", "ScopeId", "ScopeId", ip("10.1.0.0")).size());
    }

    @Test
    void getByClientIdSetFindsTheReservation() {
        List<Object> out = sim.runSet("dhcp1", "Get-DhcpServerv4Reservation", "ClientId", "ScopeId", ip("10.1.0.0"),
                "ClientId", List.of("00-50-56-b0-68-06"));
        assertEquals(ip("10.1.0.51"), ((SimObject) out.get(0)).get("IPAddress"));
    }

    @Test
    void missingReservationIsObjectNotFound() {
        assertError(sim.fails("dhcp1", "Get-DhcpServerv4Reservation", "IPAddress", ips("10.1.0.99")),
                "DHCP 20018,Get-DhcpServerv4Reservation", "ObjectNotFound");
    }

    @Test
    void removeByIpAddressRemovesThatOne() {
        sim.runSet("dhcp1", "Remove-DhcpServerv4Reservation", "IPAddress", "IPAddress", ips("10.1.0.50"));
        assertEquals(1, sim.run("dhcp1", "Get-DhcpServerv4Reservation", "ScopeId", ip("10.1.0.0")).size());
    }

    @Test
    void removeByScopeIdRemovesAllOfTheScope() {
        sim.runSet("dhcp1", "Remove-DhcpServerv4Reservation", "ScopeId", "ScopeId", ip("10.1.0.0"));
        assertTrue(sim.run("dhcp1", "Get-DhcpServerv4Reservation", "ScopeId", ip("10.1.0.0")).isEmpty());
    }

    @Test
    void removeByClientIdRemovesThatClient() {
        sim.runSet("dhcp1", "Remove-DhcpServerv4Reservation", "ClientId", "ScopeId", ip("10.1.0.0"), "ClientId", List.of("00-50-56-b0-68-05"));
        List<Object> left = sim.run("dhcp1", "Get-DhcpServerv4Reservation", "ScopeId", ip("10.1.0.0"));
        assertEquals(ip("10.1.0.51"), ((SimObject) left.get(0)).get("IPAddress"));
        assertEquals(1, left.size());
    }

    @Test
    void removeOfAMissingReservationChangesNothing() {
        assertError(sim.fails("dhcp1", "Remove-DhcpServerv4Reservation", "IPAddress", ips("10.1.0.50", "10.1.0.99")),
                "DHCP 20018,Remove-DhcpServerv4Reservation", "ObjectNotFound");
        assertEquals(2, sim.run("dhcp1", "Get-DhcpServerv4Reservation", "ScopeId", ip("10.1.0.0")).size());
    }

    @Test
    void setChangesOnlyWhatItIsGiven() {
        sim.run("dhcp1", "Set-DhcpServerv4Reservation", "IPAddress", ip("10.1.0.50"), "Description", "fourth floor");
        SimObject r = sim.one("dhcp1", "Get-DhcpServerv4Reservation", "IPAddress", ips("10.1.0.50"));
        assertEquals("fourth floor", r.get("Description"));
        assertEquals("host-10.1.0.50", r.get("Name"), "the name was not given, so it stays");
        assertEquals("00-50-56-b0-68-05", r.get("ClientId"));
        sim.run("dhcp1", "Set-DhcpServerv4Reservation", "IPAddress", ip("10.1.0.50"), "Name", "printer", "ClientId", "00:50:56:B0:00:99");
        r = sim.one("dhcp1", "Get-DhcpServerv4Reservation", "IPAddress", ips("10.1.0.50"));
        assertEquals("printer", r.get("Name"));
        assertEquals("00-50-56-b0-00-99", r.get("ClientId"));
        assertEquals("fourth floor", r.get("Description"));
    }

    @Test
    void setOfAnAddressWithoutReservationIs20018AndChangesNothing() {
        assertError(sim.fails("dhcp1", "Set-DhcpServerv4Reservation", "IPAddress", ip("10.1.0.99"), "Name", "x"),
                "DHCP 20018,Set-DhcpServerv4Reservation", "ObjectNotFound");
        assertError(sim.fails("dhcp1", "Set-DhcpServerv4Reservation", "IPAddress", ip("10.9.0.1"), "Name", "x"),
                "DHCP 20018,Set-DhcpServerv4Reservation", "ObjectNotFound");
    }

    @Test
    void setToAClientIdAnotherReservationHoldsIsRefused() {
        SimError e = sim.fails("dhcp1", "Set-DhcpServerv4Reservation", "IPAddress", ip("10.1.0.50"), "ClientId", "00-50-56-b0-68-06");
        assertEquals("DHCP 20014,Set-DhcpServerv4Reservation", e.fqid());
        assertEquals("00-50-56-b0-68-05", sim.one("dhcp1", "Get-DhcpServerv4Reservation", "IPAddress", ips("10.1.0.50")).get("ClientId"));
    }

    @Test
    void setActsOnTheServerItRunsOnOnly() {
        sim.loadBalance("fo1", "10.1.0.0");
        sim.run("dhcp1", "Set-DhcpServerv4Reservation", "IPAddress", ip("10.1.0.50"), "Name", "changed");
        assertEquals("changed", sim.one("dhcp1", "Get-DhcpServerv4Reservation", "IPAddress", ips("10.1.0.50")).get("Name"));
        assertEquals("host-10.1.0.50", sim.one("dhcp2", "Get-DhcpServerv4Reservation", "IPAddress", ips("10.1.0.50")).get("Name"),
                "Windows does not replicate a reservation's change by itself");
    }

    @Test
    void superscopesGroupTheirScopes() {
        sim.run("dhcp1", "Set-DhcpServerv4Scope", "ScopeId", ip("10.1.0.0"), "SuperscopeName", "building A");
        sim.run("dhcp1", "Set-DhcpServerv4Scope", "ScopeId", ip("10.2.0.0"), "SuperscopeName", "building A");
        SimObject s = sim.one("dhcp1", "Get-DhcpServerv4Superscope");
        assertEquals("building A", s.get("SuperscopeName"));
        assertEquals(List.of(ip("10.1.0.0"), ip("10.2.0.0")), s.get("ScopeId"));
        assertEquals(1, sim.run("dhcp1", "Get-DhcpServerv4Superscope", "SuperscopeName", List.of("Building a")).size());
        assertTrue(sim.run("dhcp2", "Get-DhcpServerv4Superscope").isEmpty());
        assertError(sim.fails("dhcp1", "Get-DhcpServerv4Superscope", "SuperscopeName", List.of("nowhere")),
                "DHCP 20005,Get-DhcpServerv4Superscope", "ObjectNotFound");
    }
}
