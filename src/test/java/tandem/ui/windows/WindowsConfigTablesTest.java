package tandem.ui.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.app.ConsoleApp;
import tandem.core.Backend;
import tandem.core.Relationship;
import tandem.core.access.Permission;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.core.config.ConfigRow;
import tandem.core.config.ConfigTables;
import tandem.services.Services;
import tandem.ui.BackgroundTasks;
import tandem.ui.ConsoleContext;
import tandem.ui.ConsoleNode;
import tandem.ui.DialogService;
import tandem.ui.MainViewModel;
import tandem.ui.UiCommand;
import tandem.windows.sim.WindowsLab;

/**
 * The configuration tables of a simulated Windows server, read as the console reads them (scopes with their
 * statistics, served ranges, reservations, options at each level, superscopes), and rows' commands: the free scope's
 * Add scope to failover… opens with that scope checked and adds it to the relationship; a reservation and an option
 * edited on both partners; a superscope removed on both partners and undone.
 */
@ExtendWith(ApplicationExtension.class)
class WindowsConfigTablesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;
    private WindowsLab lab;
    private Services services;
    private BackgroundTasks tasks;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        lab = WindowsLab.start(dir.resolve("lab"), "dhcp1", "dhcp2");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Scope -Name s1 -StartRange 10.1.0.10 -EndRange 10.1.0.200 -SubnetMask 255.255.255.0");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4ExclusionRange -ScopeId 10.1.0.0 -StartRange 10.1.0.50 -EndRange 10.1.0.59");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Reservation -ScopeId 10.1.0.0 -IPAddress 10.1.0.20 -ClientId 00-11-22-33-44-55 -Name printer");
        WindowsUiLab.ps(lab, "dhcp1", "Set-DhcpServerv4OptionValue -OptionId 3 -Value 10.1.0.1 -ScopeId 10.1.0.0");
        WindowsUiLab.ps(lab, "dhcp1", "Set-DhcpServerv4OptionValue -OptionId 12 -Value printer1 -ReservedIP 10.1.0.20");
        WindowsUiLab.ps(lab, "dhcp1", "Set-DhcpServerv4OptionValue -OptionId 15 -Value corp.example");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Scope -Name s2 -StartRange 10.2.0.10 -EndRange 10.2.0.200 -SubnetMask 255.255.255.0");
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Failover -Name fo1 -PartnerServer dhcp2 -ScopeId 10.1.0.0");
        services = Services.open(WindowsUiLab.data(dir));
        WindowsUiLab.add(services, lab, "dhcp1", "dhcp2");
        tasks = BackgroundTasks.forFx();
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        tasks.close();
        services.close();
        lab.close();
    }

    private ConsoleContext context() {
        DialogService dialogs = new DialogService(() -> stage);
        MainViewModel vm = new MainViewModel(services.inventory(), services.poller(), services.stateStore(),
                services::preferences, tasks, ZoneOffset.UTC);
        return new ConsoleContext(ConsoleApp.adapt(services), vm, tasks, dialogs, () -> stage, () -> { });
    }

    /** Applies the open edit dialog's preview and waits for its outcome. */
    private void previewAndApply(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        ListView<String> diff = robot.lookup("#windowsEditDiff").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !diff.getItems().isEmpty());
        robot.clickOn("#windowsApply");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#windowsCancel").queryButton().getText().equals("Close")
                || robot.lookup("#windowsEditMessage").queryAs(Label.class).getText().startsWith("Not applied"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Close", robot.lookup("#windowsCancel").queryButton().getText(),
                robot.lookup("#windowsEditMessage").queryAs(Label.class).getText());
    }

    /**
     * From the tables: a failover scope's reservation edited (its name and description, on both partners), then its
     * option removed (on both partners); the tables read again show both.
     */
    @Test
    void aReservationEditedAndAnOptionRemovedFromTheTablesOnBothPartners(FxRobot robot) throws Exception {
        Relationship rel = services.inventory().relationships().stream().filter(r -> r.name().equals("fo1"))
                .findFirst().orElseThrow();
        var tables = services.backends().find(Backend.WINDOWS).orElseThrow().configuration().orElseThrow();
        ConfigTables t = tables.read(rel);
        ConsoleContext ctx = context();
        WindowsUi ui = new WindowsUi(WindowsChanges.of(services.windowsChanges()));
        ConsoleNode.RelationshipItem item = new ConsoleNode.RelationshipItem(rel, null, List.of());

        List<UiCommand> onReservation = ui.rowCommands(ctx, item, t.reservations().get(0));
        assertEquals(List.of("windowsEditReservation", "windowsRemoveReservation"), onReservation.stream().map(UiCommand::id).toList());
        robot.interact(() -> onReservation.get(0).run().run());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#windowsEditName").tryQuery().isPresent()
                && "printer".equals(robot.lookup("#windowsEditName").queryAs(javafx.scene.control.TextField.class).getText()));
        assertEquals("10.1.0.20", robot.lookup("#windowsEditIp").queryAs(javafx.scene.control.TextField.class).getText());
        robot.interact(() -> {
            robot.lookup("#windowsEditName").queryAs(javafx.scene.control.TextField.class).setText("printer-2f");
            robot.lookup("#windowsEditDescription").queryAs(javafx.scene.control.TextField.class).setText("second floor");
        });
        robot.clickOn("#windowsPreview");
        previewAndApply(robot);
        for (String server : List.of("dhcp1", "dhcp2")) {
            JsonNode r = JSON.readTree(lab.ps(server, "Get-DhcpServerv4Reservation -IPAddress 10.1.0.20 | ConvertTo-Json").stdout());
            assertEquals("printer-2f", r.get("Name").asText(), server);
            assertEquals("second floor", r.get("Description").asText(), server);
        }
        FxToolkit.cleanupStages();
        robot.interact(() -> stage.show());

        ConfigRow.Option hostName = t.options().stream().filter(o -> o.level().equals("reservation 10.1.0.20")).findFirst().orElseThrow();
        List<UiCommand> onOption = ui.rowCommands(ctx, item, hostName);
        assertEquals(List.of("windowsEditOption", "windowsRemoveOption"), onOption.stream().map(UiCommand::id).toList());
        robot.interact(() -> onOption.get(1).run().run());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#windowsEditDiff").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ListView<String> diff = robot.lookup("#windowsEditDiff").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> diff.getItems().size() == 2);
        assertEquals(List.of("- option 12 at reservation 10.1.0.20 on dhcp1: printer1", "- option 12 at reservation 10.1.0.20 on dhcp2: printer1"),
                List.copyOf(diff.getItems()));
        previewAndApply(robot);
        for (String server : List.of("dhcp1", "dhcp2")) {
            assertTrue(lab.ps(server, "Get-DhcpServerv4OptionValue -OptionId 12 -ReservedIP 10.1.0.20").exitCode() != 0, server);
        }
        ConfigTables after = tables.read(rel);
        assertEquals(List.of(new ConfigRow.Reservation("10.1.0.0/24", "client-id 00-11-22-33-44-55", "10.1.0.20", null, "printer-2f")),
                after.reservations());
        assertTrue(after.options().stream().noneMatch(o -> o.level().startsWith("reservation")), after.options().toString());
    }

    /** The server's superscope count, as Get-DhcpServerv4Superscope says. */
    private int superscopes(String server) {
        var run = lab.ps(server, "@(Get-DhcpServerv4Superscope).Count");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        return Integer.parseInt(run.stdout().strip());
    }

    private JsonNode scope(String server, String scopeId) throws Exception {
        return JSON.readTree(lab.ps(server, "Get-DhcpServerv4Scope -ScopeId " + scopeId + " | ConvertTo-Json").stdout());
    }

    /**
     * A superscope row's Edit… renames it on both partners; its Remove superscope… removes it from both, each of
     * which had its own scopes in it (10.2.0.0 is dhcp1's alone), and the scopes stay as they were; undone from the
     * journal, both partners have it back with the scopes each had.
     */
    @Test
    void aSuperscopeRenamedAndRemovedFromTheTablesOnBothPartnersAndUndone(FxRobot robot) throws Exception {
        WindowsUiLab.ps(lab, "dhcp1", "Add-DhcpServerv4Superscope -SuperscopeName 'building A' -ScopeId 10.1.0.0,10.2.0.0");
        WindowsUiLab.ps(lab, "dhcp2", "Add-DhcpServerv4Superscope -SuperscopeName 'building A' -ScopeId 10.1.0.0");
        Relationship rel = services.inventory().relationships().stream().filter(r -> r.name().equals("fo1"))
                .findFirst().orElseThrow();
        var tables = services.backends().find(Backend.WINDOWS).orElseThrow().configuration().orElseThrow();
        ConfigTables t = tables.read(rel);
        assertEquals(List.of(new ConfigRow.SharedNetwork("building A", List.of("10.1.0.0/24", "10.2.0.0/24"), "superscope")),
                t.sharedNetworks());
        ConsoleContext ctx = context();
        WindowsUi ui = new WindowsUi(WindowsChanges.of(services.windowsChanges()));
        ConsoleNode.RelationshipItem item = new ConsoleNode.RelationshipItem(rel, null, List.of());

        List<UiCommand> onBuildingA = ui.rowCommands(ctx, item, t.sharedNetworks().get(0));
        assertEquals(List.of("windowsEditSuperscope", "windowsRemoveSuperscope"), onBuildingA.stream().map(UiCommand::id).toList());
        robot.interact(() -> onBuildingA.get(0).run().run());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#windowsEditName").tryQuery().isPresent());
        javafx.scene.control.TextField name = robot.lookup("#windowsEditName").queryAs(javafx.scene.control.TextField.class);
        assertEquals("building A", name.getText());
        robot.interact(() -> name.setText("building A north"));
        robot.clickOn("#windowsPreview");
        previewAndApply(robot);
        for (String[] s : List.of(new String[] {"dhcp1", "10.1.0.0"}, new String[] {"dhcp1", "10.2.0.0"}, new String[] {"dhcp2", "10.1.0.0"})) {
            assertEquals("building A north", scope(s[0], s[1]).get("SuperscopeName").asText(), s[0] + " " + s[1]);
        }
        FxToolkit.cleanupStages();
        robot.interact(() -> stage.show());
        t = tables.read(rel);
        List<ConfigRow.SharedNetwork> north = List.of(new ConfigRow.SharedNetwork("building A north",
                List.of("10.1.0.0/24", "10.2.0.0/24"), "superscope"));
        assertEquals(north, t.sharedNetworks());

        List<UiCommand> onSuperscope = ui.rowCommands(ctx, item, t.sharedNetworks().get(0));
        assertEquals("Remove superscope…", onSuperscope.get(1).label());
        assertEquals(Permission.ADMINISTER_DHCP_SERVERS, onSuperscope.get(1).needs());
        robot.interact(() -> onSuperscope.get(1).run().run());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#windowsEditDiff").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ListView<String> diff = robot.lookup("#windowsEditDiff").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> diff.getItems().size() == 2);
        assertEquals(List.of("- superscope building A north on dhcp1: scopes 10.1.0.0, 10.2.0.0",
                "- superscope building A north on dhcp2: scopes 10.1.0.0"), List.copyOf(diff.getItems()));
        assertEquals(2, superscopes("dhcp1") + superscopes("dhcp2"), "nothing is changed before Apply");
        previewAndApply(robot);
        assertEquals(0, superscopes("dhcp1"));
        assertEquals(0, superscopes("dhcp2"));
        // the scopes stay, with what they hold, in no superscope
        for (String[] s : List.of(new String[] {"dhcp1", "10.1.0.0", "s1"}, new String[] {"dhcp1", "10.2.0.0", "s2"},
                new String[] {"dhcp2", "10.1.0.0", "s1"})) {
            JsonNode scope = scope(s[0], s[1]);
            assertEquals(s[2], scope.get("Name").asText(), s[0] + " " + s[1]);
            assertEquals("", scope.get("SuperscopeName").asText(), s[0] + " " + s[1]);
        }
        for (String server : List.of("dhcp1", "dhcp2")) {
            JsonNode r = JSON.readTree(lab.ps(server, "Get-DhcpServerv4Reservation -IPAddress 10.1.0.20 | ConvertTo-Json").stdout());
            assertEquals("printer", r.get("Name").asText(), server);
        }
        ConfigTables after = tables.read(rel);
        assertEquals(List.of(), after.sharedNetworks());
        assertEquals(List.of("10.1.0.0", "10.2.0.0"), after.subnets().stream().map(ConfigRow.Subnet::id).toList());
        assertTrue(after.subnets().stream().allMatch(s -> s.sharedNetwork() == null), after.subnets().toString());
        FxToolkit.cleanupStages();
        robot.interact(() -> stage.show());

        // undone from the journal: Add-DhcpServerv4Superscope with each partner's own scopes
        JournalEntry removal = services.replicationStore().recent(1).get(0);
        assertEquals("windows fo1 APPLIED", removal.kind() + " " + removal.relationship() + " " + removal.status());
        robot.interact(ui.undo(ctx, removal).orElseThrow());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#confirmWindowsUndo").tryQuery().isPresent());
        robot.clickOn("Undo");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> superscopes("dhcp1") == 1 && superscopes("dhcp2") == 1);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            JournalEntry undo = services.replicationStore().recent(1).get(0);
            return undo.id() != removal.id() && undo.status() == Status.APPLIED;
        });
        assertEquals("building A north", scope("dhcp1", "10.2.0.0").get("SuperscopeName").asText());
        assertEquals("building A north", scope("dhcp2", "10.1.0.0").get("SuperscopeName").asText());
        assertEquals(north, tables.read(rel).sharedNetworks());
    }

    @Test
    void scopesRangesReservationsAndOptionsAndAFreeScopesRowCommand(FxRobot robot) throws Exception {
        Relationship rel = services.inventory().relationships().stream().filter(r -> r.name().equals("fo1"))
                .findFirst().orElseThrow();
        ConfigTables t = services.backends().find(Backend.WINDOWS).orElseThrow().configuration().orElseThrow().read(rel);
        assertEquals(rel.serverName(), t.readFrom());

        // what the server itself says of the scope's use
        JsonNode stats = JSON.readTree(lab.ps("dhcp1", "Get-DhcpServerv4ScopeStatistics -ScopeId 10.1.0.0 | ConvertTo-Json").stdout());
        long addresses = stats.get("AddressesFree").asLong() + stats.get("AddressesInUse").asLong();
        assertEquals(List.of(
                new ConfigRow.Subnet("10.1.0.0/24", "10.1.0.0", null, 2, 1, addresses, stats.get("AddressesInUse").asLong(),
                        "s1; in failover fo1"),
                new ConfigRow.Subnet("10.2.0.0/24", "10.2.0.0", null, 1, 0,
                        t.subnets().get(1).addresses(), 0L, "s2; not in failover")), t.subnets());
        assertTrue(addresses > 0);
        assertEquals(List.of(
                new ConfigRow.Pool("10.1.0.0/24", "10.1.0.10 - 10.1.0.49", "scope range 10.1.0.10 - 10.1.0.200 minus exclusion(s) 10.1.0.50 - 10.1.0.59"),
                new ConfigRow.Pool("10.1.0.0/24", "10.1.0.60 - 10.1.0.200", "scope range 10.1.0.10 - 10.1.0.200 minus exclusion(s) 10.1.0.50 - 10.1.0.59"),
                new ConfigRow.Pool("10.2.0.0/24", "10.2.0.10 - 10.2.0.200", null)), t.pools());
        assertEquals(List.of(new ConfigRow.Reservation("10.1.0.0/24", "client-id 00-11-22-33-44-55", "10.1.0.20", null, "printer")),
                t.reservations());
        assertEquals(List.of(
                new ConfigRow.Option("global", "DNS Domain Name", 15, "corp.example"),
                new ConfigRow.Option("10.1.0.0/24", "Router", 3, "10.1.0.1"),
                new ConfigRow.Option("reservation 10.1.0.20", "Host Name", 12, "printer1")), t.options());

        DialogService dialogs = new DialogService(() -> stage);
        MainViewModel vm = new MainViewModel(services.inventory(), services.poller(), services.stateStore(),
                services::preferences, tasks, ZoneOffset.UTC);
        ConsoleContext ctx = new ConsoleContext(ConsoleApp.adapt(services), vm, tasks, dialogs, () -> stage, () -> { });
        WindowsUi ui = new WindowsUi(WindowsChanges.of(services.windowsChanges()));
        ConsoleNode.RelationshipItem item = new ConsoleNode.RelationshipItem(rel, null, List.of());
        assertEquals(List.of("windowsRemoveThisScope", "windowsReplicateScope", "windowsEditScope"),
                ui.rowCommands(ctx, item, t.subnets().get(0)).stream().map(UiCommand::id).toList());
        List<UiCommand> free = ui.rowCommands(ctx, item, t.subnets().get(1));
        assertEquals(List.of("windowsAddThisScope", "windowsEditScope"), free.stream().map(UiCommand::id).toList());

        robot.interact(() -> free.get(0).run().run());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#windowsScopeList").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ListView<ScopeChoice> scopes = robot.lookup("#windowsScopeList").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !scopes.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(scopes.getItems().get(0).selected(), "the row's scope is checked");
        robot.clickOn("#windowsPreview");
        @SuppressWarnings("unchecked")
        ListView<String> diff = robot.lookup("#windowsScopeDiff").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !diff.getItems().isEmpty());
        assertTrue(diff.getItems().get(0).startsWith("+ scope 10.2.0.0 in fo1"), diff.getItems().toString());
        robot.clickOn("#windowsApply");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#windowsCancel").queryButton().getText().equals("Close")
                || robot.lookup("#windowsScopeMessage").queryAs(Label.class).getText().startsWith("Not applied"));
        WaitForAsyncUtils.waitForFxEvents();
        String fo = lab.ps("dhcp1", "Get-DhcpServerv4Failover -ScopeId 10.2.0.0 | ConvertTo-Json").stdout();
        assertTrue(fo.contains("\"fo1\""), fo);
        // the table, read again, shows it
        ConfigTables after = services.backends().find(Backend.WINDOWS).orElseThrow().configuration().orElseThrow().read(rel);
        assertEquals("s2; in failover fo1", after.subnets().get(1).comment());
    }
}
