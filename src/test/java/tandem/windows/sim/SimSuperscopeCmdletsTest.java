package tandem.windows.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.windows.sim.SimFixture.assertError;
import static tandem.windows.sim.SimFixture.ip;
import static tandem.windows.sim.SimFixture.ips;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Add-, Remove- and Rename-DhcpServerv4Superscope as Microsoft's pages describe them, on L only. */
class SimSuperscopeCmdletsTest {
    private final SimFixture sim = SimFixture.pair();

    @BeforeEach
    void buildingA() {
        sim.scope("dhcp1", "10.3.0.0");
        sim.run("dhcp1", "Add-DhcpServerv4Superscope", "SuperscopeName", "building A", "ScopeId", ips("10.1.0.0", "10.2.0.0"));
    }

    private List<Object> members(String server, String name) {
        return (List<Object>) sim.one(server, "Get-DhcpServerv4Superscope", "SuperscopeName", List.of(name)).get("ScopeId");
    }

    private String superscopeOf(String scopeId) {
        return (String) sim.one("dhcp1", "Get-DhcpServerv4Scope", "ScopeId", ips(scopeId)).get("SuperscopeName");
    }

    @Test
    void addCreatesTheSuperscopeAndJoinsExistingScopesOnly() {
        assertEquals(List.of(ip("10.1.0.0"), ip("10.2.0.0")), members("dhcp1", "building A"));
        sim.run("dhcp1", "Add-DhcpServerv4Superscope", "SuperscopeName", "BUILDING A", "ScopeId", ips("10.3.0.0"));
        assertEquals(List.of(ip("10.1.0.0"), ip("10.2.0.0"), ip("10.3.0.0")), members("dhcp1", "building A"),
                "an existing superscope keeps its spelling");
        assertError(sim.fails("dhcp1", "Add-DhcpServerv4Superscope", "SuperscopeName", "building B", "ScopeId", ips("10.9.0.0")),
                "DHCP 20005,Add-DhcpServerv4Superscope", "ObjectNotFound");
        assertTrue(sim.run("dhcp2", "Get-DhcpServerv4Superscope").isEmpty(), "L only");
    }

    @Test
    void aScopeOfAnotherSuperscopeMovesOnlyWithForce() {
        SimError e = sim.fails("dhcp1", "Add-DhcpServerv4Superscope", "SuperscopeName", "building B", "ScopeId", ips("10.3.0.0", "10.1.0.0"));
        assertError(e, "WIN32 87,Add-DhcpServerv4Superscope", "InvalidData");
        assertEquals("", superscopeOf("10.3.0.0"), "checked before anything changes");
        sim.run("dhcp1", "Add-DhcpServerv4Superscope", "SuperscopeName", "building B", "ScopeId", ips("10.1.0.0"), "Force", true);
        assertEquals(List.of(ip("10.2.0.0")), members("dhcp1", "building A"));
        assertEquals(List.of(ip("10.1.0.0")), members("dhcp1", "building B"));
    }

    @Test
    void removeWithoutScopeIdsRemovesTheSuperscopeAndKeepsItsScopes() {
        assertTrue(sim.run("dhcp1", "Remove-DhcpServerv4Superscope", "SuperscopeName", "Building A").isEmpty(), "no output without -Passthru");
        assertTrue(sim.run("dhcp1", "Get-DhcpServerv4Superscope").isEmpty());
        assertTrue(sim.hasScope("dhcp1", "10.1.0.0") && sim.hasScope("dhcp1", "10.2.0.0"));
        assertEquals("scope 10.1.0.0", sim.one("dhcp1", "Get-DhcpServerv4Scope", "ScopeId", ips("10.1.0.0")).get("Name"));
        assertEquals("", superscopeOf("10.1.0.0"));
        assertError(sim.fails("dhcp1", "Remove-DhcpServerv4Superscope", "SuperscopeName", "building A"),
                "DHCP 20005,Remove-DhcpServerv4Superscope", "ObjectNotFound");
    }

    @Test
    void removeWithScopeIdsTakesThoseOutAndTheLastOneTakesTheSuperscope() {
        SimObject out = (SimObject) sim.run("dhcp1", "Remove-DhcpServerv4Superscope", "SuperscopeName", "building A",
                "ScopeId", List.of("10.1.0.0"), "Passthru", true).get(0);
        assertEquals(List.of(ip("10.1.0.0")), out.get("ScopeId"));
        assertEquals(List.of(ip("10.2.0.0")), members("dhcp1", "building A"));
        assertError(sim.fails("dhcp1", "Remove-DhcpServerv4Superscope", "SuperscopeName", "building A", "ScopeId", List.of("10.1.0.0")),
                "WIN32 87,Remove-DhcpServerv4Superscope", "InvalidData");
        sim.run("dhcp1", "Remove-DhcpServerv4Superscope", "SuperscopeName", "building A", "ScopeId", List.of("10.2.0.0"));
        assertTrue(sim.run("dhcp1", "Get-DhcpServerv4Superscope").isEmpty());
    }

    @Test
    void renameKeepsTheScopesAndRefusesANameTaken() {
        sim.run("dhcp1", "Rename-DhcpServerv4Superscope", "Name", "building A", "NewName", "building A north");
        assertEquals(List.of(ip("10.1.0.0"), ip("10.2.0.0")), members("dhcp1", "building A north"));
        assertError(sim.fails("dhcp1", "Rename-DhcpServerv4Superscope", "Name", "building A", "NewName", "x"),
                "DHCP 20005,Rename-DhcpServerv4Superscope", "ObjectNotFound");
        sim.run("dhcp1", "Add-DhcpServerv4Superscope", "SuperscopeName", "building B", "ScopeId", ips("10.3.0.0"));
        assertError(sim.fails("dhcp1", "Rename-DhcpServerv4Superscope", "Name", "building B", "NewName", "Building A North"),
                "WIN32 87,Rename-DhcpServerv4Superscope", "InvalidData");
    }
}
