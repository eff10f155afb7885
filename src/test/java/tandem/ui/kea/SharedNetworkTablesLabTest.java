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
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
 * floor2: floor2 removed from the shared networks table keeping its subnet, then with it, and edited, each checked
 * with config-get on both servers and undone; then the subnet is edited from the subnets table, and floor2's option
 * edited then removed from the options table, each checked with config-get on both servers.
 */
@Tag("kea")
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedNetworkTablesLabTest {
    private static final String MOVED = "10.10.2.0/24";
    private static final String RELAY = "10.10.2.254";
    private static KeaLab lab;

    @TempDir static Path root;

    private LabConsoleWindow window;
    private TableView<ConfigRow> networks;
    private Label message;
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
            network.putObject("relay").putArray("ip-addresses").add(RELAY);
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

    /** Leaves floor2 as it found it (every change undone), for the test after it. */
    @Test
    @Order(1)
    void removeTheNetworkKeepingItsSubnetThenWithItThenEditItUndoingEach(FxRobot robot) throws Exception {
        openConfiguration(robot);
        long id = inFloor2(lab.dhcp4(1)).path("id").asLong();
        lookUpNetworks(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> networks.getItems().size() == 1);
        assertEquals("floor2", ((ConfigRow.SharedNetwork) networks.getItems().get(0)).name());

        // removed, its subnet kept: at the top level with its id, its own router and what it had from floor2
        ConfigurationTabLabTest.rowCommand(robot, networks, "#rowRemoveSharedNetwork");
        assertTrue(robot.lookup((javafx.scene.Node n) -> n instanceof Label l && l.getText() != null
                && l.getText().contains("so their clients get the same")).tryQuery().isPresent(), "the dialog says what the subnets keep");
        ConfigurationTabLabTest.applyAndClose(robot, "floor2");
        for (int i = 1; i <= 2; i++) {
            JsonNode dhcp4 = lab.dhcp4(i);
            String server = lab.serverName(i);
            assertEquals(0, dhcp4.path("shared-networks").size(), server + ": " + dhcp4.path("shared-networks"));
            JsonNode moved = topLevel(dhcp4, MOVED);
            assertEquals(id, moved.path("id").asLong(), server + " keeps its id");
            assertEquals(3, dhcp4.path("subnet4").size(), server);
            assertEquals(RELAY, moved.path("relay").path("ip-addresses").get(0).asText(), server + ": " + moved);
            assertEquals(3600, moved.path("valid-lifetime").asInt(), server);
            assertEquals(Map.of("routers", "10.10.2.1", "domain-name-servers", "10.10.2.53"), options(moved),
                    server + ": its own router and floor2's DNS servers");
        }
        awaitNetworks(0);
        undoNewest(robot, "floor2");
        assertFloor2AsItWas(id);
        lookUpNetworks(robot);

        // removed with its subnet
        awaitNetworks(1);
        ConfigurationTabLabTest.rowCommand(robot, networks, "#rowRemoveSharedNetworkAndSubnets");
        ConfigurationTabLabTest.applyAndClose(robot, "floor2");
        for (int i = 1; i <= 2; i++) {
            JsonNode dhcp4 = lab.dhcp4(i);
            assertEquals(0, dhcp4.path("shared-networks").size(), lab.serverName(i));
            assertEquals(2, dhcp4.path("subnet4").size(), lab.serverName(i));
            for (JsonNode s : dhcp4.path("subnet4")) assertNotEquals(MOVED, s.path("subnet").asText(), "the subnet went with it");
        }
        awaitNetworks(0);
        undoNewest(robot, "floor2");
        assertFloor2AsItWas(id);
        lookUpNetworks(robot);

        // edited: its lifetime and relay, which its subnet had from it, follow
        awaitNetworks(1);
        ConfigurationTabLabTest.rowCommand(robot, networks, "#rowEditSharedNetwork");
        TextField valid = robot.lookup("#change-valid-lifetime").queryAs(TextField.class);
        TextField relay = robot.lookup("#change-relay").queryAs(TextField.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> "3600".equals(valid.getText()));
        assertEquals(RELAY, relay.getText(), "the edit starts from the network's values");
        robot.interact(() -> {
            valid.setText("1800");
            relay.setText("10.10.2.253, 10.10.2.252");
        });
        ConfigurationTabLabTest.applyAndClose(robot, "1800");
        for (int i = 1; i <= 2; i++) {
            JsonNode network = lab.dhcp4(i).path("shared-networks").get(0);
            String server = lab.serverName(i);
            assertEquals(1800, network.path("valid-lifetime").asInt(), server);
            assertEquals("[\"10.10.2.253\",\"10.10.2.252\"]", network.path("relay").path("ip-addresses").toString(), server);
            JsonNode subnet = inFloor2(lab.dhcp4(i));
            assertEquals(1800, subnet.path("valid-lifetime").asInt(), server + ": the subnet had floor2's lifetime");
            // its relay was written empty ("none of its own"): Kea applies the network's, now the new one
            assertTrue(subnet.path("relay").path("ip-addresses").isEmpty() || subnet.path("relay").equals(network.path("relay")),
                    server + ": " + subnet.path("relay"));
        }
        undoNewest(robot, "1800");
        assertFloor2AsItWas(id);
    }

    /**
     * The shared networks table and the tab's message. After an undo from the Details tab the tables are read again
     * by Refresh: only a change made from a row of the tab reads them again by itself.
     */
    private void lookUpNetworks(FxRobot robot) {
        networks = ConfigurationTabLabTest.table(robot, "#configTable-shared-networks");
        message = robot.lookup("#configMessage").queryAs(Label.class);
        robot.interact(() -> robot.lookup("#configRefresh").queryAs(Button.class).fire());
    }

    /** Waits until the table, read again after a change, shows that many shared networks. */
    private void awaitNetworks(int count) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> networks.getItems().size() == count
                    && message.getText().startsWith("Read from"));
        } catch (java.util.concurrent.TimeoutException e) {
            fail("the table shows " + networks.getItems() + "; the tab says: " + message.getText());
        }
    }

    /** floor2 with its relay and option, its subnet in it with its id, lifetime and router; on both servers. */
    private static void assertFloor2AsItWas(long id) {
        for (int i = 1; i <= 2; i++) {
            JsonNode dhcp4 = lab.dhcp4(i);
            String server = lab.serverName(i);
            assertEquals(1, dhcp4.path("shared-networks").size(), server);
            JsonNode network = dhcp4.path("shared-networks").get(0);
            assertEquals(Map.of("domain-name-servers", "10.10.2.53"), options(network), server);
            assertEquals(RELAY, network.path("relay").path("ip-addresses").get(0).asText(), server);
            assertEquals(3600, network.path("valid-lifetime").asInt(), server);
            JsonNode subnet = inFloor2(dhcp4);
            assertEquals(id, subnet.path("id").asLong(), server);
            assertEquals(3600, subnet.path("valid-lifetime").asInt(), server);
            assertEquals(Map.of("routers", "10.10.2.1"), options(subnet), server);
            assertEquals(2, dhcp4.path("subnet4").size(), server + ": the top level as it was");
        }
    }

    /** Undoes the newest change from the journal on the Details tab, then comes back to the Configuration tab. */
    private void undoNewest(FxRobot robot, String inDiff) throws Exception {
        long newest = services.replicationStore().recent(10).stream().filter(e -> e.change() != null)
                .findFirst().orElseThrow().id();
        ConfigurationTabLabTest.selectTab(robot, "detailsTab");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#undoChange").tryQuery()
                .map(b -> b.getParent() != null && ("journal-" + newest).equals(b.getParent().getId())).orElse(false));
        robot.interact(() -> robot.lookup("#undoChange").queryAs(Button.class).fire());
        ConfigurationTabLabTest.applyAndClose(robot, inDiff);
        ConfigurationTabLabTest.selectTab(robot, "configurationTab");
    }

    private static Map<String, String> options(JsonNode scope) {
        Map<String, String> out = new java.util.HashMap<>();
        scope.path("option-data").forEach(o -> out.put(o.path("name").asText(), o.path("data").asText()));
        return out;
    }

    private static JsonNode topLevel(JsonNode dhcp4, String prefix) {
        for (JsonNode s : dhcp4.path("subnet4")) if (prefix.equals(s.path("subnet").asText())) return s;
        throw new AssertionError("no top-level " + prefix + " in " + dhcp4.path("subnet4"));
    }

    private Label openConfiguration(FxRobot robot) throws Exception {
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
        return message;
    }

    @Test
    @Order(2)
    void editASubnetInASharedNetworkThenEditAndRemoveTheNetworksOption(FxRobot robot) throws Exception {
        Label message = openConfiguration(robot);

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
