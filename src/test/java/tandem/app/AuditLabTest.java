package tandem.app;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.cli.TandemCommand;
import tandem.core.port.AuditStore.AuditRecord;
import tandem.isc.DhcpdSyntaxCheck;
import tandem.lab.KeaLab;
import tandem.services.Services;
import tandem.ui.AuditView;
import tandem.ui.AuditViewModel;
import tandem.ui.BackgroundTasks;

/**
 * The audit trail after real changes: a Kea reservation, an HA action on a real Kea pair and a dhcpd.conf write
 * (with an OMAPI key), as {@code tandem audit --json} prints it and as the Audit window shows it.
 */
@Tag("kea")
@ExtendWith(ApplicationExtension.class)
class AuditLabTest {
    private static final String SECRET = "b21hcGktc2VjcmV0LW5vdC10by1sZWFr";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;
    private static KeaLab lab;
    private static Instant started;
    private static Services services;
    private BackgroundTasks tasks;

    record Run(int code, String out, String err) {}

    private static Run tandem(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), d -> fail("no console for a command"), Services::open,
                Launcher.backendCommands(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void makeChanges() throws Exception {
        if (DhcpdSyntaxCheck.findDhcpd() == null) fail("dhcpd is not installed: install Debian's isc-dhcp-server");
        started = Instant.now().minusSeconds(1);
        lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0);
        lab.awaitStable(Duration.ofSeconds(30));
        Run add = tandem("server", "add", "kea", "--url", lab.caUrl(1).toString(), "--name", "pair");
        assertEquals(0, add.code(), add.err());
        Run reserve = tandem("reservation", "add", "pair", "--subnet", "10.10.0.0/24", "--mac", "02:ad:00:00:00:01",
                "--ip", "10.10.0.251");
        assertEquals(0, reserve.code(), reserve.err());
        Run action = tandem("ha", "continue", "pair", "--yes");
        assertTrue(action.code() == 0 || action.code() == 1, action.err());
        Path conf = dir.resolve("dhcpd.conf");
        Files.writeString(conf, """
                authoritative;
                omapi-port 7911;
                key omapi_key {
                  algorithm hmac-sha256;
                  secret "%s";
                }
                omapi-key omapi_key;
                subnet 10.10.0.0 netmask 255.255.255.0 {
                  pool {
                    range 10.10.0.100 10.10.0.200;
                  }
                }
                """.formatted(SECRET));
        Run write = tandem("isc", "peer", "add", "--file", conf.toString(), "--name", "fo", "--address", "10.10.0.2",
                "--peer-address", "10.10.0.3", "--for-pool", "1", "--apply", "--yes");
        assertEquals(0, write.code(), write.err());
        services = Services.open(dir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        if (services != null) services.close();
        if (lab != null) lab.close();
    }

    @Start
    void start(Stage stage) {
        tasks = BackgroundTasks.forFx();
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
        AuditViewModel vm = new AuditViewModel(services.auditStore(),
                () -> services.inventory().relationships().stream().map(r -> r.name()).toList(), tasks, ZoneOffset.UTC);
        new AuditView(vm).show(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        tasks.close();
    }

    @Test
    void theCommandLinePrintsWhoWhenWhatServersAndOutcomeOfEachKindOfChange() throws Exception {
        Run audit = tandem("audit", "--json", "--since", started.toString());
        assertEquals(0, audit.code(), audit.err());
        assertFalse(audit.out().contains(SECRET), "no secret in any diff");
        Map<String, JsonNode> byKind = new TreeMap<>();
        for (JsonNode r : JSON.readTree(audit.out())) {
            byKind.putIfAbsent(r.path("kind").asText(), r);
            for (String field : List.of("id", "time", "user", "host", "relationship", "description", "servers", "outcome")) {
                assertTrue(r.has(field), field + " in " + r);
            }
            assertEquals(System.getProperty("user.name"), r.path("user").asText());
            assertFalse(r.path("host").asText().isBlank());
            assertTrue(Instant.parse(r.path("time").asText()).isAfter(started));
        }
        assertEquals(List.of("ha-action", "isc", "kea"), List.copyOf(byKind.keySet()), audit.out());

        JsonNode kea = byKind.get("kea");
        assertEquals("pair", kea.path("relationship").asText());
        assertEquals("applied", kea.path("outcome").asText());
        assertTrue(kea.path("description").asText().contains("10.10.0.251"));
        assertEquals("tandem reservation add", kea.path("process").asText());
        assertEquals(2, kea.path("servers").size(), kea.toString());
        assertTrue(kea.path("diff").asText().contains("10.10.0.251"));

        JsonNode ha = byKind.get("ha-action");
        assertTrue(ha.path("description").asText().contains("ha-continue"), ha.toString());
        assertEquals(2, ha.path("servers").size(), "ha-continue goes to every server that answers: " + ha);

        JsonNode isc = byKind.get("isc");
        assertEquals("applied", isc.path("outcome").asText(), isc.toString());
        assertTrue(isc.path("diff").asText().contains("secret ****"), isc.path("diff").asText());
        assertEquals(1, isc.path("servers").size());
    }

    @Test
    void theAuditWindowShowsTheSameChanges(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#auditTable").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<AuditRecord> table = robot.lookup("#auditTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() >= 3);
        List<String> kinds = table.getItems().stream().map(AuditRecord::kind).distinct().sorted().toList();
        assertTrue(kinds.containsAll(List.of("ha-action", "isc", "kea")), kinds.toString());
        AuditRecord isc = table.getItems().stream().filter(r -> r.kind().equals("isc")).findFirst().orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(isc));
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<String> diff = robot.lookup("#auditDiff").queryAs(javafx.scene.control.ListView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !diff.getItems().isEmpty());
        assertTrue(diff.getItems().stream().anyMatch(l -> l.contains("failover peer \"fo\"")), diff.getItems().toString());
        assertTrue(diff.getItems().stream().noneMatch(l -> l.contains(SECRET)), "no secret on screen");
        assertEquals(System.getProperty("user.name"), table.getColumns().get(1).getCellData(isc));
    }
}
