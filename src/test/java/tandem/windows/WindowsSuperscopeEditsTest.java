package tandem.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.access.Need;
import tandem.core.access.Permission;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.services.Services;
import tandem.windows.WindowsChangeService.Plan;
import tandem.windows.WindowsChangeService.Refused;
import tandem.windows.sim.WindowsLab;

/**
 * A superscope removed and renamed on two simulated partners through the change pipeline: each partner keeps its own
 * scopes (dhcp1's superscope also holds a scope dhcp2 does not have), the scopes stay, the change is all or nothing,
 * journaled and undone.
 */
class WindowsSuperscopeEditsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;
    private WindowsLab lab;
    private Services services;
    private WindowsChangeService changes;

    @BeforeEach
    void start() throws Exception {
        lab = WindowsLab.start(dir.resolve("lab"), "dhcp1", "dhcp2");
        ps("dhcp1", "Add-DhcpServerv4Scope -Name s1 -StartRange 10.1.0.10 -EndRange 10.1.0.200 -SubnetMask 255.255.255.0");
        ps("dhcp1", "Add-DhcpServerv4Reservation -ScopeId 10.1.0.0 -IPAddress 10.1.0.20 -ClientId 00-11-22-33-44-55 -Name printer");
        ps("dhcp1", "Add-DhcpServerv4Scope -Name s2 -StartRange 10.2.0.10 -EndRange 10.2.0.200 -SubnetMask 255.255.255.0");
        ps("dhcp1", "Add-DhcpServerv4Failover -Name fo1 -PartnerServer dhcp2 -ScopeId 10.1.0.0");
        // 10.2.0.0 is in no relationship: dhcp1's alone, and so in dhcp1's superscope only
        ps("dhcp1", "Add-DhcpServerv4Superscope -SuperscopeName 'building A' -ScopeId 10.1.0.0,10.2.0.0");
        ps("dhcp2", "Add-DhcpServerv4Superscope -SuperscopeName 'building A' -ScopeId 10.1.0.0");
        services = Services.open(dir.resolve("data"));
        tandem.ui.windows.WindowsUiLab.add(services, lab, "dhcp1", "dhcp2");
        changes = services.windowsChanges();
    }

    @AfterEach
    void stop() {
        services.close();
        lab.close();
    }

    private void ps(String server, String line) {
        var run = lab.ps(server, line);
        assertEquals(0, run.exitCode(), line + ": " + run.stdout() + run.stderr());
    }

    private JsonNode scope(String server, String scopeId) throws Exception {
        var run = lab.ps(server, "Get-DhcpServerv4Scope -ScopeId " + scopeId + " | ConvertTo-Json -Depth 4");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        return JSON.readTree(run.stdout());
    }

    /** The superscope each scope of the server is in, as Get-DhcpServerv4Scope says ("" for none), in address order. */
    private List<String> superscopesOf(String server, String... scopeIds) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (String id : scopeIds) out.add(scope(server, id).get("SuperscopeName").asText());
        return out;
    }

    private int superscopeCount(String server) {
        var run = lab.ps(server, "@(Get-DhcpServerv4Superscope).Count");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        return Integer.parseInt(run.stdout().strip());
    }

    private JournalEntry last() {
        return services.replicationStore().recent(1).get(0);
    }

    @Test
    void removedOnBothPartnersWithTheScopesKeptAndUndoneAsEachHadIt() throws Exception {
        Plan plan = changes.planConfig("fo1", new ConfigEdit.RemoveSuperscope("building A"));
        assertEquals(List.of(
                "- superscope building A on dhcp1: scopes 10.1.0.0, 10.2.0.0",
                "- superscope building A on dhcp2: scopes 10.1.0.0"), plan.diff().lines().toList());
        assertEquals("Remove superscope building A (its scopes stay) on dhcp1 and dhcp2", plan.description());
        assertEquals(List.of(new Need(Permission.ADMINISTER_DHCP_SERVERS, "fo1", null)), WindowsChangeNeeds.of(plan.operation()));
        changes.apply(plan);
        assertEquals(0, superscopeCount("dhcp1"));
        assertEquals(0, superscopeCount("dhcp2"));
        assertEquals(List.of("", ""), superscopesOf("dhcp1", "10.1.0.0", "10.2.0.0"));
        assertEquals(List.of(""), superscopesOf("dhcp2", "10.1.0.0"));
        // the scopes themselves are as they were
        assertEquals("s1", scope("dhcp1", "10.1.0.0").get("Name").asText());
        assertEquals("s2", scope("dhcp1", "10.2.0.0").get("Name").asText());
        assertEquals("s1", scope("dhcp2", "10.1.0.0").get("Name").asText());
        assertEquals(0, lab.ps("dhcp1", "Get-DhcpServerv4Reservation -IPAddress 10.1.0.20").exitCode());
        JournalEntry done = last();
        assertEquals(Status.APPLIED, done.status());
        assertEquals("windows", done.kind());

        Plan undo = changes.planUndo(done.id());
        assertEquals(List.of(
                "+ superscope building A on dhcp1: scopes 10.1.0.0, 10.2.0.0",
                "+ superscope building A on dhcp2: scopes 10.1.0.0"), undo.diff().lines().toList());
        changes.apply(undo);
        assertEquals(List.of("building A", "building A"), superscopesOf("dhcp1", "10.1.0.0", "10.2.0.0"));
        assertEquals(List.of("building A"), superscopesOf("dhcp2", "10.1.0.0"));
        assertEquals(Status.APPLIED, last().status());
    }

    @Test
    void renamedOnBothPartnersAndBack() throws Exception {
        Plan plan = changes.planConfig("fo1", new ConfigEdit.Superscope("building A", "building A north"));
        assertEquals(List.of(
                "- superscope building A on dhcp1: scopes 10.1.0.0, 10.2.0.0",
                "+ superscope building A north on dhcp1: scopes 10.1.0.0, 10.2.0.0",
                "- superscope building A on dhcp2: scopes 10.1.0.0",
                "+ superscope building A north on dhcp2: scopes 10.1.0.0"), plan.diff().lines().toList());
        changes.apply(plan);
        assertEquals(List.of("building A north", "building A north"), superscopesOf("dhcp1", "10.1.0.0", "10.2.0.0"));
        assertEquals(List.of("building A north"), superscopesOf("dhcp2", "10.1.0.0"));
        changes.apply(changes.planUndo(last().id()));
        assertEquals(List.of("building A", "building A"), superscopesOf("dhcp1", "10.1.0.0", "10.2.0.0"));
        assertEquals(List.of("building A"), superscopesOf("dhcp2", "10.1.0.0"));
    }

    @Test
    void whatWindowsWouldRefuseIsRefusedAtItsField() {
        Refused missing = assertThrows(Refused.class, () -> changes.planConfig("fo1", new ConfigEdit.RemoveSuperscope("nowhere")));
        assertEquals("--superscope", missing.problems().get(0).field());
        assertEquals("dhcp1 has no superscope nowhere", missing.problems().get(0).message());
        Refused blank = assertThrows(Refused.class, () -> changes.planConfig("fo1", new ConfigEdit.Superscope("building A", " ")));
        assertEquals("--name", blank.problems().get(0).field());
        Refused same = assertThrows(Refused.class, () -> changes.planConfig("fo1", new ConfigEdit.Superscope("building A", "building A")));
        assertEquals("nothing to change", same.problems().get(0).message());
        ps("dhcp2", "Add-DhcpServerv4Scope -Name s3 -StartRange 10.3.0.10 -EndRange 10.3.0.200 -SubnetMask 255.255.255.0");
        ps("dhcp2", "Add-DhcpServerv4Superscope -SuperscopeName 'building B' -ScopeId 10.3.0.0");
        Refused taken = assertThrows(Refused.class, () -> changes.planConfig("fo1", new ConfigEdit.Superscope("building A", "Building B")));
        assertEquals("--name", taken.problems().get(0).field());
        assertEquals("dhcp2 has a superscope named building B already", taken.problems().get(0).message());
    }

    @Test
    void whenThePartnerRefusesBothKeepWhatTheyHad() throws Exception {
        Plan plan = changes.planConfig("fo1", new ConfigEdit.Superscope("building A", "building B"));
        // after the preview, dhcp2 gets a superscope of that name: its Rename fails after dhcp1's succeeded
        ps("dhcp2", "Add-DhcpServerv4Scope -Name s3 -StartRange 10.3.0.10 -EndRange 10.3.0.200 -SubnetMask 255.255.255.0");
        ps("dhcp2", "Add-DhcpServerv4Superscope -SuperscopeName 'building B' -ScopeId 10.3.0.0");
        assertThrows(Exception.class, () -> changes.apply(plan));
        assertEquals(Status.FAILED, last().status());
        assertEquals(List.of("building A", "building A"), superscopesOf("dhcp1", "10.1.0.0", "10.2.0.0"));
        assertEquals(List.of("building A", "building B"), superscopesOf("dhcp2", "10.1.0.0", "10.3.0.0"));
    }

    @Test
    void aSuperscopeThePartnerLacksIsChangedOnTheFirstServerOnly() throws Exception {
        ps("dhcp2", "Remove-DhcpServerv4Superscope -SuperscopeName 'building A'");
        Plan plan = changes.planConfig("fo1", new ConfigEdit.RemoveSuperscope("building A"));
        assertEquals(List.of("- superscope building A on dhcp1: scopes 10.1.0.0, 10.2.0.0", "  dhcp2 has no superscope building A"),
                plan.diff().lines().toList());
        changes.apply(plan);
        assertEquals(0, superscopeCount("dhcp1"));
        changes.apply(changes.planUndo(last().id()));
        assertEquals(1, superscopeCount("dhcp1"));
        assertEquals(0, superscopeCount("dhcp2"), "undo puts back only what each server had");
        assertTrue(scope("dhcp2", "10.1.0.0").get("SuperscopeName").asText().isEmpty());
    }
}
