package tandem.ui.kea;

import static org.junit.jupiter.api.Assertions.*;
import static tandem.ui.ConsoleTree.cells;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * The Configuration tab on a real Kea 2.2 hot-standby pair whose subnet 10.10.2.0/24 lives in the shared network
 * floor2: the subnet is edited from the subnets table, and floor2's option edited then removed from the options
 * table, each checked with config-get on both servers.
 */
@Tag("kea")
@ExtendWith(ApplicationExtension.class)
class SharedNetworkTablesLabTest {
    private static final String MOVED = "10.10.2.0/24";
    private static KeaLab lab;

    @TempDir static Path root;

    private LabConsoleWindow window;
    private Services services;

    @BeforeAll
    static void startLab() {
        lab = KeaLab.start(KeaLab.Mode.HOT_STANDBY, 2, 0, 3, 2);
        lab.awaitStable(Duration.ofSeconds(30));
        // both servers get the same shared network, as an administrator would have written it in both files
        KeaControlAgentClient client = new KeaControlAgentClient();
        for (int i = 1; i <= 2; i++) {
            ObjectNode config = (ObjectNode) client.configGet(lab.endpoint(i)).parse(n -> n).orElseThrow();
            ObjectNode dhcp4 = (ObjectNode) config.get("Dhcp4");
            ArrayNode top = (ArrayNode) dhcp4.get("subnet4");
            ObjectNode network = dhcp4.putArray("shared-networks").addObject().put("name", "floor2");
            network.putArray("option-data").addObject().put("name", "domain-name-servers").put("data", "10.10.2.53");
            for (int j = 0; j < top.size(); j++) {
                if (top.get(j).path("subnet").asText().equals(MOVED)) {
                    network.putArray("subnet4").add(top.remove(j));
                    break;
                }
            }
            KeaReply set = client.send(lab.endpoint(i).withTimeout(Duration.ofSeconds(30)), "config-set", "dhcp4", config);
            assertTrue(set.isSuccess(), set.toString());
            assertTrue(client.send(lab.endpoint(i), "config-write", "dhcp4", null).isSuccess());
        }
        lab.awaitStable(Duration.ofSeconds(30));
        for (int i = 1; i <= 2; i++) assertEquals(MOVED, inFloor2(lab.dhcp4(i)).path("subnet").asText());
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
    void editASubnetInASharedNetworkThenEditAndRemoveTheNetworksOption(FxRobot robot) throws Exception {
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

        // the subnet in floor2 is listed with its network, and its row edits it
        TableView<ConfigRow> subnets = ConfigurationTabLabTest.table(robot, "#configTable-subnets");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> subnets.getItems().size() == 3);
        robot.interact(() -> robot.lookup("#configFilter").queryAs(TextField.class).setText("floor2"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> subnets.getItems().size() == 1);
        ConfigRow.Subnet inNetwork = (ConfigRow.Subnet) subnets.getItems().get(0);
        assertEquals(MOVED, inNetwork.subnet());
        assertEquals("floor2", inNetwork.sharedNetwork());
        ConfigurationTabLabTest.rowCommand(robot, subnets, "#rowEditSubnet");
        TextField valid = robot.lookup("#change-valid-lifetime").queryAs(TextField.class);
        TextField min = robot.lookup("#change-min-valid-lifetime").queryAs(TextField.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> "3600".equals(valid.getText()));
        robot.interact(() -> {
            valid.setText("1800");
            min.setText("1800");
        });
        ConfigurationTabLabTest.applyAndClose(robot, "1800");
        for (int i = 1; i <= 2; i++) {
            JsonNode dhcp4 = lab.dhcp4(i);
            assertEquals(1800, inFloor2(dhcp4).path("valid-lifetime").asInt(), lab.serverName(i) + " has the new lifetime in floor2");
            for (JsonNode s : dhcp4.path("subnet4")) assertNotEquals(MOVED, s.path("subnet").asText(), "it stays in floor2");
            assertEquals(2, dhcp4.path("subnet4").size(), "the other subnets stay at the top level");
            assertEquals(3600, dhcp4.path("subnet4").get(0).path("valid-lifetime").asInt(), "the others keep theirs");
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message.getText().startsWith("Read from"));

        // floor2's own option: edited, then removed
        TableView<ConfigRow> options = ConfigurationTabLabTest.table(robot, "#configTable-options");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> options.getItems().size() == 1);
        ConfigRow.Option dns = (ConfigRow.Option) options.getItems().get(0);
        assertEquals("shared network floor2", dns.level());
        assertEquals("domain-name-servers", dns.name());
        ConfigurationTabLabTest.rowCommand(robot, options, "#rowEditOption");
        TextField data = robot.lookup("#change-data").queryAs(TextField.class);
        assertEquals("10.10.2.53", data.getText(), "the edit starts from the option's value");
        assertEquals("floor2", robot.lookup("#change-network").queryAs(TextField.class).getText());
        robot.interact(() -> data.setText("10.10.2.54"));
        ConfigurationTabLabTest.applyAndClose(robot, "10.10.2.54");
        for (int i = 1; i <= 2; i++) {
            JsonNode network = lab.dhcp4(i).path("shared-networks").get(0);
            assertEquals("10.10.2.54", network.path("option-data").get(0).path("data").asText(), lab.serverName(i));
            assertEquals(1800, network.path("subnet4").get(0).path("valid-lifetime").asInt(), "the subnet edit stays");
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> options.getItems().size() == 1
                && "10.10.2.54".equals(((ConfigRow.Option) options.getItems().get(0)).data()));
        ConfigurationTabLabTest.rowCommand(robot, options, "#rowRemoveOption");
        ConfigurationTabLabTest.applyAndClose(robot, "domain-name-servers");
        for (int i = 1; i <= 2; i++) {
            JsonNode dhcp4 = lab.dhcp4(i);
            assertEquals(0, dhcp4.path("shared-networks").get(0).path("option-data").size(), lab.serverName(i));
            assertEquals("routers", inFloor2(dhcp4).path("option-data").get(0).path("name").asText(),
                    "the subnet keeps its own option");
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> options.getItems().isEmpty()
                && message.getText().startsWith("Read from"));
    }

    private static JsonNode inFloor2(JsonNode dhcp4) {
        for (JsonNode n : dhcp4.path("shared-networks")) {
            if (!n.path("name").asText().equals("floor2")) continue;
            for (JsonNode s : n.path("subnet4")) if (MOVED.equals(s.path("subnet").asText())) return s;
        }
        throw new AssertionError("no " + MOVED + " in floor2: " + dhcp4.path("shared-networks"));
    }
}
