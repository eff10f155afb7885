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
import tandem.core.Backend;
import tandem.core.access.Need;
import tandem.core.access.Permission;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.services.Services;
import tandem.windows.WindowsChangeService.Plan;
import tandem.windows.WindowsChangeService.Refused;
import tandem.windows.sim.WindowsLab;

/**
 * Edits of the configuration tables' items on two simulated partners, through the change pipeline: the preview
 * shows both servers, the rules refuse what Windows would, the edit lands on both partners of a failover scope (all
 * or nothing), it is journaled and undone.
 */
class WindowsConfigEditsTest {
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
        ps("dhcp1", "Set-DhcpServerv4OptionValue -OptionId 3 -Value 10.1.0.1 -ScopeId 10.1.0.0");
        ps("dhcp1", "Set-DhcpServerv4OptionValue -OptionId 12 -Value printer1 -ReservedIP 10.1.0.20");
        ps("dhcp1", "Add-DhcpServerv4Scope -Name s2 -StartRange 10.2.0.10 -EndRange 10.2.0.200 -SubnetMask 255.255.255.0");
        ps("dhcp1", "Add-DhcpServerv4Reservation -ScopeId 10.2.0.0 -IPAddress 10.2.0.20 -ClientId 00-11-22-33-44-66");
        ps("dhcp1", "Add-DhcpServerv4Failover -Name fo1 -PartnerServer dhcp2 -ScopeId 10.1.0.0");
        ps("dhcp2", "Set-DhcpServerv4OptionValue -OptionId 15 -Value corp.example");
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

    private JsonNode json(String server, String line) throws Exception {
        var run = lab.ps(server, line + " | ConvertTo-Json -Depth 4");
        assertEquals(0, run.exitCode(), line + ": " + run.stdout() + run.stderr());
        return JSON.readTree(run.stdout());
    }

    private JsonNode reservation(String server, String ip) throws Exception {
        return json(server, "Get-DhcpServerv4Reservation -IPAddress " + ip);
    }

    private boolean hasReservation(String server, String ip) {
        return lab.ps(server, "Get-DhcpServerv4Reservation -IPAddress " + ip).exitCode() == 0;
    }

    /** An option's values, as Windows PowerShell 5.1 wraps an array property ({"value":[...],"Count":n}) or not. */
    private static List<String> values(JsonNode v) {
        JsonNode a = v.has("value") ? v.get("value") : v;
        List<String> out = new java.util.ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    private JournalEntry last() {
        return services.replicationStore().recent(1).get(0);
    }

    @Test
    void aFailoverScopesReservationIsEditedOnBothPartnersAndUndone() throws Exception {
        Plan plan = changes.planConfig("fo1", new ConfigEdit.Reservation("10.1.0.0", "10.1.0.20", null, "printer-2f", "second floor"));
        assertEquals(List.of(
                "- reservation 10.1.0.20 of scope 10.1.0.0 on dhcp1: 10.1.0.20 for 00-11-22-33-44-55 (printer), options 12",
                "+ reservation 10.1.0.20 of scope 10.1.0.0 on dhcp1: 10.1.0.20 for 00-11-22-33-44-55 (printer-2f), second floor, options 12",
                "- reservation 10.1.0.20 of scope 10.1.0.0 on dhcp2: 10.1.0.20 for 00-11-22-33-44-55 (printer), options 12",
                "+ reservation 10.1.0.20 of scope 10.1.0.0 on dhcp2: 10.1.0.20 for 00-11-22-33-44-55 (printer-2f), second floor, options 12"),
                plan.diff().lines().toList());
        assertEquals(List.of(new Need(Permission.EDIT_RESERVATIONS, "fo1", "10.1.0.0/24")), WindowsChangeNeeds.of(plan.operation()));
        changes.apply(plan);
        for (String server : List.of("dhcp1", "dhcp2")) {
            JsonNode r = reservation(server, "10.1.0.20");
            assertEquals("printer-2f", r.get("Name").asText(), server);
            assertEquals("second floor", r.get("Description").asText(), server);
        }
        JournalEntry done = last();
        assertEquals(Status.APPLIED, done.status());
        assertEquals("windows", done.kind());

        Plan undo = changes.planUndo(done.id());
        assertTrue(undo.diff().contains("+ reservation 10.1.0.20 of scope 10.1.0.0 on dhcp2: 10.1.0.20 for 00-11-22-33-44-55 (printer), options 12"),
                undo.diff());
        changes.apply(undo);
        for (String server : List.of("dhcp1", "dhcp2")) {
            JsonNode r = reservation(server, "10.1.0.20");
            assertEquals("printer", r.get("Name").asText(), server);
            assertEquals("", r.get("Description").asText(), server);
        }
    }

    @Test
    void aNewAddressMovesTheReservationWithItsOptionsAndTheUndoMovesItBack() throws Exception {
        changes.apply(changes.planConfig("fo1", new ConfigEdit.Reservation("10.1.0.0", "10.1.0.20", "10.1.0.21", "printer", "")));
        for (String server : List.of("dhcp1", "dhcp2")) {
            assertTrue(!hasReservation(server, "10.1.0.20"), server);
            assertEquals("00-11-22-33-44-55", reservation(server, "10.1.0.21").get("ClientId").asText(), server);
            assertEquals("printer1", values(json(server, "Get-DhcpServerv4OptionValue -OptionId 12 -ReservedIP 10.1.0.21")
                    .get("Value")).get(0), server);
        }
        changes.apply(changes.planUndo(last().id()));
        for (String server : List.of("dhcp1", "dhcp2")) {
            assertTrue(!hasReservation(server, "10.1.0.21"), server);
            assertEquals("printer1", values(json(server, "Get-DhcpServerv4OptionValue -OptionId 12 -ReservedIP 10.1.0.20")
                    .get("Value")).get(0), server);
        }
    }

    @Test
    void anAddressOutsideTheScopeOrReservedAlreadyIsRefusedAtItsField() {
        ps("dhcp1", "Add-DhcpServerv4Reservation -ScopeId 10.1.0.0 -IPAddress 10.1.0.30 -ClientId 00-11-22-33-44-77");
        Refused outside = assertThrows(Refused.class, () -> changes.planConfig("fo1",
                new ConfigEdit.Reservation("10.1.0.0", "10.1.0.20", "10.1.0.250", "printer", "")));
        assertEquals("--ip", outside.problems().get(0).field());
        assertTrue(outside.problems().get(0).message().contains("outside the range"), outside.getMessage());
        Refused taken = assertThrows(Refused.class, () -> changes.planConfig("fo1",
                new ConfigEdit.Reservation("10.1.0.0", "10.1.0.20", "10.1.0.30", "printer", "")));
        assertTrue(taken.problems().get(0).message().contains("reserved already"), taken.getMessage());
        Refused nothing = assertThrows(Refused.class, () -> changes.planConfig("fo1",
                new ConfigEdit.Reservation("10.1.0.0", "10.1.0.20", null, "printer", "")));
        assertEquals("nothing to change", nothing.problems().get(0).message());
        Refused missing = assertThrows(Refused.class, () -> changes.planConfig("fo1", new ConfigEdit.RemoveReservation("10.1.0.0", "10.1.0.99")));
        assertEquals("--ip", missing.problems().get(0).field());
        Refused notAddress = assertThrows(Refused.class, () -> changes.planConfig("fo1",
                new ConfigEdit.Option("10.1.0.0", null, 3, List.of("gateway"))));
        assertEquals("--value", notAddress.problems().get(0).field());
    }

    @Test
    void whenThePartnerRefusesBothKeepWhatTheyHad() throws Exception {
        // the partner has another client at the new address: its Add fails after its Remove
        ps("dhcp2", "Add-DhcpServerv4Reservation -ScopeId 10.1.0.0 -IPAddress 10.1.0.40 -ClientId 00-11-22-33-44-99");
        Plan plan = changes.planConfig("fo1", new ConfigEdit.Reservation("10.1.0.0", "10.1.0.20", "10.1.0.40", "printer", ""));
        assertThrows(Exception.class, () -> changes.apply(plan));
        assertEquals(Status.FAILED, last().status());
        for (String server : List.of("dhcp1", "dhcp2")) {
            assertEquals("printer", reservation(server, "10.1.0.20").get("Name").asText(), server);
            assertEquals("printer1", values(json(server, "Get-DhcpServerv4OptionValue -OptionId 12 -ReservedIP 10.1.0.20")
                    .get("Value")).get(0), server);
        }
        assertTrue(!hasReservation("dhcp1", "10.1.0.40"));
        assertEquals("00-11-22-33-44-99", reservation("dhcp2", "10.1.0.40").get("ClientId").asText());
    }

    @Test
    void optionValuesAtEachLevelOnBothPartners() throws Exception {
        // reservation level: removed on both, and back by undo
        Plan remove = changes.planConfig("fo1", new ConfigEdit.Option("10.1.0.0", "10.1.0.20", 12, null));
        assertEquals(List.of("- option 12 at reservation 10.1.0.20 on dhcp1: printer1", "- option 12 at reservation 10.1.0.20 on dhcp2: printer1"),
                remove.diff().lines().toList());
        changes.apply(remove);
        for (String server : List.of("dhcp1", "dhcp2")) {
            assertTrue(lab.ps(server, "Get-DhcpServerv4OptionValue -OptionId 12 -ReservedIP 10.1.0.20").exitCode() != 0, server);
        }
        changes.apply(changes.planUndo(last().id()));
        assertEquals("printer1", values(json("dhcp2", "Get-DhcpServerv4OptionValue -OptionId 12 -ReservedIP 10.1.0.20").get("Value")).get(0));

        // scope level: edited on both
        changes.apply(changes.planConfig("fo1", new ConfigEdit.Option("10.1.0.0", null, 3, List.of("10.1.0.2", "10.1.0.3"))));
        for (String server : List.of("dhcp1", "dhcp2")) {
            assertEquals(List.of("10.1.0.2", "10.1.0.3"), values(json(server, "Get-DhcpServerv4OptionValue -OptionId 3 -ScopeId 10.1.0.0")
                    .get("Value")), server);
        }

        // server level: dhcp1 has no option 15, dhcp2 has one: both end with the new value
        Plan server = changes.planConfig("fo1", new ConfigEdit.Option(null, null, 15, List.of("corp.example")));
        assertEquals(List.of("+ option 15 at server level on dhcp1: corp.example", "  dhcp2 has it already"), server.diff().lines().toList());
        assertEquals(List.of(new Need(Permission.ADMINISTER_DHCP_SERVERS, "fo1", null)), WindowsChangeNeeds.of(server.operation()));
        changes.apply(server);
        assertEquals("corp.example", values(json("dhcp1", "Get-DhcpServerv4OptionValue -OptionId 15").get("Value")).get(0));
    }

    @Test
    void aScopesPropertiesOnBothPartnersAndAFreeScopeOnItsServerOnly() throws Exception {
        Plan plan = changes.planConfig("fo1", new ConfigEdit.Scope("10.1.0.0", "office", "ground floor", 3600, "InActive"));
        assertTrue(plan.diff().contains("+ scope 10.1.0.0 on dhcp2: name office, description ground floor, lease 1 h, inactive"), plan.diff());
        changes.apply(plan);
        for (String server : List.of("dhcp1", "dhcp2")) {
            JsonNode s = json(server, "Get-DhcpServerv4Scope -ScopeId 10.1.0.0");
            assertEquals("office", s.get("Name").asText(), server);
            assertEquals(3600, s.get("LeaseDuration").get("TotalSeconds").asLong(), server);
            assertEquals("InActive", s.get("State").asText(), server);
        }
        Refused badLease = assertThrows(Refused.class, () -> changes.planConfig("fo1", new ConfigEdit.Scope("10.1.0.0", "office", "", 0, "Active")));
        assertEquals("--lease", badLease.problems().get(0).field());

        // 10.2.0.0 is in no relationship: the change is dhcp1's alone
        Plan free = changes.planConfig("fo1", new ConfigEdit.RemoveReservation("10.2.0.0", "10.2.0.20"));
        assertEquals(null, free.operation().other());
        assertEquals(List.of("- reservation 10.2.0.20 of scope 10.2.0.0 on dhcp1: 10.2.0.20 for 00-11-22-33-44-66"), free.diff().lines().toList());
        changes.apply(free);
        assertTrue(!hasReservation("dhcp1", "10.2.0.20"));
        changes.apply(changes.planUndo(last().id()));
        assertTrue(hasReservation("dhcp1", "10.2.0.20"));
    }

    @Test
    void superscopesAreTheTablesSharedNetworks() throws Exception {
        ps("dhcp1", "Set-DhcpServerv4Scope -ScopeId 10.1.0.0 -SuperscopeName 'building A'");
        ps("dhcp1", "Set-DhcpServerv4Scope -ScopeId 10.2.0.0 -SuperscopeName 'building A'");
        tandem.core.Relationship rel = services.inventory().relationships().stream().filter(r -> r.name().equals("fo1"))
                .findFirst().orElseThrow();
        tandem.core.config.ConfigTables t = services.backends().find(Backend.WINDOWS).orElseThrow().configuration().orElseThrow().read(rel);
        assertEquals("dhcp1", t.readFrom());
        assertEquals(List.of(new tandem.core.config.ConfigRow.SharedNetwork("building A", List.of("10.1.0.0/24", "10.2.0.0/24"), "superscope")),
                t.sharedNetworks());
        assertEquals(List.of("building A", "building A"), t.subnets().stream().map(tandem.core.config.ConfigRow.Subnet::sharedNetwork).toList());
    }
}
