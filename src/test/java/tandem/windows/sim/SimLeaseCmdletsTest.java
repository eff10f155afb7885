package tandem.windows.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static tandem.windows.sim.SimFixture.assertError;
import static tandem.windows.sim.SimFixture.ip;
import static tandem.windows.sim.SimFixture.ips;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Get-DhcpServerv4Lease and Add-DhcpServerv4Lease: each server's own lease store, per scope. */
class SimLeaseCmdletsTest {
    private final SimFixture sim = SimFixture.pair();

    @BeforeEach
    void leases() {
        sim.run("dhcp1", "Add-DhcpServerv4Lease", "ScopeId", ip("10.1.0.0"), "IPAddress", ip("10.1.0.77"),
                "ClientId", "AA:BB:CC:DD:EE:FF", "HostName", "pc1", "LeaseExpiryTime", "2026-01-06 08:00:00Z");
        sim.run("dhcp1", "Add-DhcpServerv4Lease", "ScopeId", ip("10.1.0.0"), "IPAddress", ip("10.1.0.78"),
                "ClientId", "001122334455", "AddressState", "Declined");
        sim.run("dhcp1", "Add-DhcpServerv4Reservation", "ScopeId", ip("10.1.0.0"), "IPAddress", ip("10.1.0.50"),
                "ClientId", "00-11-22-33-44-66", "Name", "printer");
    }

    private List<String> addresses(List<Object> leases) {
        return leases.stream().map(o -> ((SimObject) o).get("IPAddress").toString()).toList();
    }

    @Test
    void byScopeActiveOnlyUnlessAllLeasesWhichAlsoShowsUnusedReservations() {
        assertEquals(List.of("10.1.0.77"), addresses(sim.run("dhcp1", "Get-DhcpServerv4Lease", "ScopeId", ip("10.1.0.0"))));
        List<Object> all = sim.run("dhcp1", "Get-DhcpServerv4Lease", "ScopeId", ip("10.1.0.0"), "AllLeases", true);
        assertEquals(List.of("10.1.0.50", "10.1.0.77", "10.1.0.78"), addresses(all));
        assertEquals("InactiveReservation", ((SimObject) all.get(0)).get("AddressState"));
        SimObject l = (SimObject) all.get(1);
        assertEquals("aa-bb-cc-dd-ee-ff", l.get("ClientId"));
        assertEquals("pc1", l.get("HostName"));
        assertEquals("Active", l.get("AddressState"));
        assertEquals(ip("10.1.0.0"), l.get("ScopeId"));
        assertEquals(OffsetDateTime.parse("2026-01-06T08:00:00Z"), l.get("LeaseExpiryTime"));
        // without an expiry, an active lease runs for the scope's lease duration (8 days) from the server's clock
        assertEquals(sim.net.server("dhcp1").now().plusSeconds(8 * 86400).getEpochSecond(),
                ((OffsetDateTime) ((SimObject) all.get(2)).get("LeaseExpiryTime")).toEpochSecond());
    }

    @Test
    void byAddressClientIdAndBadLeases() {
        assertEquals("pc1", sim.one("dhcp1", "Get-DhcpServerv4Lease", "IPAddress", ips("10.1.0.77")).get("HostName"));
        assertEquals("10.1.0.78", sim.one("dhcp1", "Get-DhcpServerv4Lease", "ScopeId", ip("10.1.0.0"), "ClientId",
                List.of("00-11-22-33-44-55")).get("IPAddress").toString());
        assertEquals("10.1.0.78", sim.one("dhcp1", "Get-DhcpServerv4Lease", "BadLeases", true).get("IPAddress").toString());
    }

    @Test
    void eachServerHasItsOwnLeases() {
        sim.scope("dhcp2", "10.1.0.0");
        assertEquals(List.of(), sim.run("dhcp2", "Get-DhcpServerv4Lease", "ScopeId", ip("10.1.0.0"), "AllLeases", true));
    }

    @Test
    void errorsAsTheServerRaisesThem() {
        assertError(sim.fails("dhcp1", "Get-DhcpServerv4Lease", "ScopeId", ip("10.9.0.0")),
                "DHCP 20005,Get-DhcpServerv4Lease", "ObjectNotFound");
        assertError(sim.fails("dhcp1", "Get-DhcpServerv4Lease", "IPAddress", ips("10.1.0.99")),
                "DHCP 20016,Get-DhcpServerv4Lease", "ObjectNotFound");
        assertError(sim.fails("dhcp1", "Add-DhcpServerv4Lease", "ScopeId", ip("10.9.0.0"), "IPAddress", ip("10.9.0.5"),
                "ClientId", "00-11-22-33-44-01"), "DHCP 20005,Add-DhcpServerv4Lease", "ObjectNotFound");
        assertError(sim.fails("dhcp1", "Add-DhcpServerv4Lease", "ScopeId", ip("10.1.0.0"), "IPAddress", ip("10.2.0.5"),
                "ClientId", "00-11-22-33-44-01"), "WIN32 87,Add-DhcpServerv4Lease", "InvalidData");
        assertError(sim.fails("dhcp1", "Add-DhcpServerv4Lease", "ScopeId", ip("10.1.0.0"), "IPAddress", ip("10.1.0.77"),
                "ClientId", "00-11-22-33-44-01"), "DHCP 20014,Add-DhcpServerv4Lease", "ResourceExists");
        assertNull(sim.net.server("dhcp1").scope(ip("10.1.0.0")).orElseThrow().leases.get(ip("10.1.0.90").toLong()));
    }
}
