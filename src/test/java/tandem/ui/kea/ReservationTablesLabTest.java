package tandem.ui.kea;

import static org.junit.jupiter.api.Assertions.*;
import static tandem.ui.ConsoleTree.cells;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.app.LabConsoleWindow;
import tandem.core.config.ConfigRow;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaReply;
import tandem.lab.KeaLab;
import tandem.services.Services;

/**
 * Reservations by any host identifier, global ones too, in the Configuration tab of a real Kea 2.2 hot-standby pair:
 * a global reservation by client-id removed from the table, a subnet's reservation edited from the table (one
 * change: address and host name, same client), both checked with config-get on both servers, and the edit undone
 * from the journal.
 */
@Tag("kea")
@ExtendWith(ApplicationExtension.class)
class ReservationTablesLabTest {
    private static final String CLIENT_ID = "01:02:00:00:00:0c:01";
    private static KeaLab lab;

    @TempDir static Path root;

    private LabConsoleWindow window;
    private Services services;

    @BeforeAll
    static void startLab() throws Exception {
        lab = KeaLab.start(KeaLab.Mode.HOT_STANDBY, 2, 0, 2, 2);
        lab.awaitStable(Duration.ofSeconds(30));
        // what Tandem's changes cannot add (yet): global reservations, one by client-id, and one by circuit-id in a
        // subnet, written to both servers alike before the console first sees them
        KeaControlAgentClient client = new KeaControlAgentClient();
        for (int i = 1; i <= 2; i++) {
            ObjectNode dhcp4 = (ObjectNode) lab.dhcp4(i).deepCopy();
            dhcp4.remove("hash");
            var globals = dhcp4.putArray("reservations");
            globals.addObject().put("client-id", CLIENT_ID).put("ip-address", "192.168.77.1").put("hostname", "global-client");
            globals.addObject().put("hw-address", "02:00:00:00:0c:02").put("ip-address", "192.168.77.2");
            ((ObjectNode) dhcp4.path("subnet4").get(0)).withArray("reservations").addObject()
                    .put("circuit-id", "'port-7'").put("ip-address", "10.10.0.77");
            ObjectNode doc = dhcp4.objectNode();
            doc.set("Dhcp4", dhcp4);
            KeaReply set = client.send(lab.endpoint(i).withTimeout(Duration.ofSeconds(30)), "config-set", "dhcp4", doc);
            assertInstanceOf(KeaReply.Success.class, set, set::toString);
        }
        lab.awaitStable(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) lab.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        window = LabConsoleWindow.showWithKea(stage, root.resolve("run-" + System.nanoTime()), Map.of("hq", lab.caUrl(1)));
        services = window.services;
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
    }

    @Test
    void removeAGlobalClientIdReservationAndEditAnotherFromTheTableThenUndoTheEdit(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            var state = services.poller().refresh().get("hq");
            return state != null && state.status() == tandem.core.RelationshipStatus.OK
                    && "server1".equals(state.assessment().sourceOfTruth());
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            var found = cells(robot, ".relationship-node.status-ok");
            if (found.isEmpty()) return false;
            robot.clickOn(found.get(0));
            return window.view.viewModel().detailsProperty().get() != null;
        });
        ConfigurationTabLabTest.selectTab(robot, "configurationTab");
        Label message = robot.lookup("#configMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message.getText().startsWith("Read from"));
        TableView<ConfigRow> reservations = ConfigurationTabLabTest.table(robot, "#configTable-reservations");
        // 2 subnets of 2 from the lab, the circuit-id one and the 2 global ones
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> reservations.getItems().size() == 7);
        ConfigRow.Reservation circuit = row(reservations, "circuit-id");
        assertEquals("10.10.0.0/24", circuit.subnet());
        assertEquals("10.10.0.77", circuit.address());

        // the global reservation by client-id: shown as global, removed from the table
        filter(robot, "client-id");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> reservations.getItems().size() == 1);
        ConfigRow.Reservation byClientId = (ConfigRow.Reservation) reservations.getItems().get(0);
        assertEquals("global", byClientId.subnet());
        assertEquals(hex(CLIENT_ID), hex(byClientId.identifier().substring("client-id ".length())));
        ConfigurationTabLabTest.rowCommand(robot, reservations, "#rowRemoveReservation");
        ConfigurationTabLabTest.applyAndClose(robot, "192.168.77.1");
        for (int i = 1; i <= 2; i++) {
            JsonNode globals = lab.dhcp4(i).path("reservations");
            assertEquals(1, globals.size(), lab.serverName(i) + ": " + globals);
            assertEquals("02:00:00:00:0c:02", globals.get(0).path("hw-address").asText(), "the other global one stays");
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> reservations.getItems().isEmpty()
                && message.getText().startsWith("Read from"));

        // a subnet's reservation edited in one change: the form starts from the row
        filter(robot, "10.10.0.");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !reservations.getItems().isEmpty());
        ConfigRow.Reservation first = row(reservations, "hw-address");
        String mac = first.identifier().substring("hw-address ".length());
        filter(robot, mac);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> reservations.getItems().size() == 1);
        ConfigurationTabLabTest.rowCommand(robot, reservations, "#rowEditReservation");
        TextField ip = robot.lookup("#change-ip").queryAs(TextField.class);
        TextField hostname = robot.lookup("#change-hostname").queryAs(TextField.class);
        assertEquals(first.address(), ip.getText(), "the edit starts from the row");
        robot.interact(() -> {
            ip.setText("10.10.0.99");
            hostname.setText("edited-host");
        });
        ConfigurationTabLabTest.applyAndClose(robot, "10.10.0.99");
        for (int i = 1; i <= 2; i++) {
            JsonNode r = reservationOf(lab.dhcp4(i), mac);
            assertEquals("10.10.0.99", r.path("ip-address").asText(), lab.serverName(i));
            assertEquals("edited-host", r.path("hostname").asText(), lab.serverName(i));
        }
        assertEquals(1, services.replicationStore().recent(20).stream()
                .filter(e -> e.description().startsWith("Edit the reservation of " + mac)).count(), "one journaled change");

        // undone from the journal: the address and host name it had, on both servers
        ConfigurationTabLabTest.selectTab(robot, "detailsTab");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#undoChange").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#undoChange").queryAs(Button.class).fire());
        ConfigurationTabLabTest.applyAndClose(robot, first.address());
        for (int i = 1; i <= 2; i++) {
            JsonNode r = reservationOf(lab.dhcp4(i), mac);
            assertEquals(first.address(), r.path("ip-address").asText(), lab.serverName(i) + " has it back");
            assertEquals(first.hostname() == null ? "" : first.hostname(), r.path("hostname").asText(""));
            assertEquals(1, lab.dhcp4(i).path("reservations").size(), "the removal stays");
        }
    }

    private static String hex(String identifier) {
        return identifier.replace(":", "").toLowerCase(Locale.ROOT);
    }

    private static ConfigRow.Reservation row(TableView<ConfigRow> table, String identifierType) {
        return table.getItems().stream().map(ConfigRow.Reservation.class::cast)
                .filter(r -> r.identifier().startsWith(identifierType + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + identifierType + " row in " + table.getItems()));
    }

    private static JsonNode reservationOf(JsonNode dhcp4, String mac) {
        for (JsonNode s : dhcp4.path("subnet4")) {
            for (JsonNode r : s.path("reservations")) if (mac.equals(r.path("hw-address").asText())) return r;
        }
        throw new AssertionError("no reservation of " + mac);
    }

    private static void filter(FxRobot robot, String text) {
        robot.interact(() -> robot.lookup("#configFilter").queryAs(TextField.class).setText(text));
    }
}
