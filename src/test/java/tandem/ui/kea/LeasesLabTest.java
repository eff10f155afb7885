package tandem.ui.kea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.ui.ConsoleTree.cell;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
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
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaReply;
import tandem.lab.KeaLab;
import tandem.ui.ConsoleNode;
import tandem.ui.Shots;

/**
 * A lease that only one partner of a real Kea pair holds (lease4-add sent to that server alone: HA does not pass it
 * on): the Leases tab lists it as a disagreement naming its holder, the details pane counts it, and Find client
 * (Ctrl+F) finds it and selects its relationship.
 */
@Tag("kea")
@ExtendWith(ApplicationExtension.class)
class LeasesLabTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KeaLab lab;

    @TempDir static Path root;

    private LabConsoleWindow window;

    @BeforeAll
    static void startLab() {
        lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0);
        lab.awaitStable(Duration.ofSeconds(30));
        try (KeaControlAgentClient client = new KeaControlAgentClient()) {
            addLease(client, 2, "10.10.0.150", "0a:00:00:00:01:50", "lonely");
            addLease(client, 1, "10.10.0.151", "0a:00:00:00:01:51", "paired");
            addLease(client, 2, "10.10.0.151", "0a:00:00:00:01:51", "paired");
        }
    }

    private static void addLease(KeaControlAgentClient client, int server, String ip, String mac, String hostname) {
        var args = JSON.createObjectNode().put("ip-address", ip).put("hw-address", mac).put("hostname", hostname)
                .put("subnet-id", 1);
        KeaReply reply = client.send(lab.endpoint(server), "lease4-add", KeaControlAgentClient.DHCP4, args);
        assertTrue(reply.isSuccess(), "lease4-add on server " + server + ": " + reply);
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) lab.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        window = LabConsoleWindow.showWithKea(stage, root.resolve("console"), Map.of("pair", lab.caUrl(1)));
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
    }

    @Test
    void aLeaseOnOnePartnerOnlyIsShownCountedAndFound(FxRobot robot) throws Exception {
        String holder = lab.server(2).name();
        String lacker = lab.server(1).name();
        robot.clickOn(cell(robot, ".tree-cell.relationship-node"));

        // the details pane: the background check's count for the subnet, once its first read is done
        VBox checks = robot.lookup("#detailsChecks").queryAs(VBox.class);
        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> checkText(checks).contains("1 lease differs between the partners in 10.10.0.0/24"));

        TabPane tabs = robot.lookup("#relationshipTabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> "leasesTab".equals(t.getId())).findFirst().orElseThrow()));
        @SuppressWarnings("unchecked")
        TableView<Object> table = robot.lookup("#leaseTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() >= 2);
        assertEquals(List.of("10.10.0.150", "10.10.0.151"), column(table, "Address"));
        assertEquals(List.of("no: only on " + holder, "yes"), column(table, "Agree"));
        assertEquals(List.of("0a:00:00:00:01:50", "0a:00:00:00:01:51"), column(table, "Client (MAC/DUID)"));
        // each partner's own columns: the lacking one holds nothing for the lonely address
        assertEquals("-", partnerCell(table, lacker, "State", 0));
        assertEquals("active", partnerCell(table, holder, "State", 0));
        assertEquals("active", partnerCell(table, lacker, "State", 1));

        @SuppressWarnings("unchecked")
        ComboBox<Object> subnet = robot.lookup("#leaseSubnet").queryAs(ComboBox.class);
        assertTrue(subnet.getItems().stream().anyMatch(c -> c.toString().equals("10.10.0.0/24  (1 disagreeing)")),
                subnet.getItems().toString());
        robot.interact(() -> subnet.getSelectionModel().select(subnet.getItems().stream()
                .filter(c -> c.toString().startsWith("10.10.0.0/24")).findFirst().orElseThrow()));
        robot.clickOn(robot.lookup("#leaseOnlyDisagreements").queryAs(CheckBox.class));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        assertEquals(List.of("10.10.0.150"), column(table, "Address"));
        Label status = robot.lookup("#leaseStatus").queryAs(Label.class);
        assertTrue(status.getText().contains("1 disagreement in 10.10.0.0/24"), status.getText());
        robot.interact(() -> {
            Path shot = Shots.write(table.getScene(), "leases");
            try {
                Path notes = Path.of(System.getProperty("tandem.notes.screens", "target/shots"));
                Files.createDirectories(notes);
                if (!notes.equals(shot.getParent())) Files.copy(shot, notes.resolve("leases.png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        robot.clickOn("#leaseFilter").write("nothing-like-this");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().isEmpty());

        // Ctrl+F from anywhere in the window; the tree's selection moves away first so the result must move it back
        robot.interact(() -> window.view.tree().getSelectionModel().clearSelection());
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#findClientQuery").tryQuery().isPresent());
        robot.clickOn("#findClientQuery").write("lonely").type(KeyCode.ENTER);
        @SuppressWarnings("unchecked")
        TableView<Object> found = robot.lookup("#findClientResults").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !found.getItems().isEmpty());
        assertEquals(List.of("pair"), column(found, "Relationship"));
        assertEquals(List.of("10.10.0.0/24"), column(found, "Subnet / scope"));
        assertEquals(List.of("lease"), column(found, "Kind"));
        assertEquals(List.of("10.10.0.150"), column(found, "Address"));
        assertEquals(List.of(holder), column(found, "On"));
        assertEquals(List.of("no: missing on " + lacker), column(found, "Agree"));
        robot.interact(() -> found.getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> {
            TreeItem<ConsoleNode> sel = window.view.tree().getSelectionModel().getSelectedItem();
            return sel != null && sel.getValue() instanceof ConsoleNode.RelationshipItem r && r.name().equals("pair");
        });
        Label findStatus = robot.lookup("#findClientStatus").queryAs(Label.class);
        assertTrue(findStatus.getText().startsWith("1 match for lonely, 1 where the partners disagree"), findStatus.getText());

        // a text that is no client is refused at the field, and nothing is searched
        robot.doubleClickOn("#findClientQuery").eraseText(6).write("10.10.0.300").type(KeyCode.ENTER);
        Label problem = robot.lookup("#findClientProblem").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> problem.isVisible());
        assertTrue(problem.getText().contains("'10.10.0.300' is neither"), problem.getText());
        assertFalse(found.getItems().isEmpty(), "the last results stay");
    }

    private static String checkText(VBox checks) {
        StringBuilder text = new StringBuilder();
        for (Node n : checks.getChildren()) if (n instanceof Label l) text.append(l.getText()).append('\n');
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> column(TableView<Object> table, String title) {
        TableColumn<Object, String> c = (TableColumn<Object, String>) table.getColumns().stream()
                .filter(x -> title.equals(x.getText())).findFirst().orElseThrow(() -> new AssertionError("no column " + title));
        return table.getItems().stream().map(c::getCellData).toList();
    }

    @SuppressWarnings("unchecked")
    private static String partnerCell(TableView<Object> table, String partner, String title, int row) {
        TableColumn<Object, ?> group = table.getColumns().stream().filter(x -> partner.equals(x.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no column for " + partner));
        TableColumn<Object, String> c = (TableColumn<Object, String>) group.getColumns().stream()
                .filter(x -> title.equals(x.getText())).findFirst().orElseThrow();
        return c.getCellData(table.getItems().get(row));
    }
}
