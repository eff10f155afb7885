package tandem.ui.kea;

import static org.junit.jupiter.api.Assertions.*;
import static tandem.lab.KeaLab.hasReservation;
import static tandem.ui.ConsoleTree.cells;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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
import tandem.lab.KeaLab;
import tandem.services.Services;
import tandem.ui.Shots;

/**
 * The Configuration tab on a real Kea hot-standby pair: the subnets and reservations read with config-get, a filter,
 * a subnet's valid-lifetime edited and a reservation removed from the tables through the change dialog, both checked
 * on both servers, and the removal undone from the journal.
 */
@Tag("kea")
@ExtendWith(ApplicationExtension.class)
class ConfigurationTabLabTest {
    private static KeaLab lab;

    @TempDir static Path root;

    private LabConsoleWindow window;
    private Services services;

    @BeforeAll
    static void startLab() {
        lab = KeaLab.start(KeaLab.Mode.HOT_STANDBY, 2, 0, 3, 4);
        lab.awaitStable(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) lab.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        // a data folder per test: each adds the pair afresh
        window = LabConsoleWindow.showWithKea(stage, root.resolve("run-" + System.nanoTime()), Map.of("hq", lab.caUrl(1)));
        services = window.services;
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
    }

    @Test
    void editASubnetAndRemoveAReservationFromTheTablesThenUndoTheRemoval(FxRobot robot) throws Exception {
        awaitPrimaryInCharge();
        // a poll may redraw the tree between finding the cell and clicking it: find it again then
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            var found = cells(robot, ".relationship-node.status-ok");
            if (found.isEmpty()) return false;
            robot.clickOn(found.get(0));
            return "hq".equals(window.view.viewModel().detailsProperty().get() == null ? null
                    : window.view.viewModel().detailsProperty().get().name());
        });
        // chosen through the tab pane: a click on its header can land on another test's fading notification
        robot.interact(() -> {
            javafx.scene.control.TabPane tabs = robot.lookup("#relationshipTabs").queryAs(javafx.scene.control.TabPane.class);
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "configurationTab".equals(t.getId()))
                    .findFirst().orElseThrow());
        });
        TableView<ConfigRow> subnets = table(robot, "#configTable-subnets");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> subnets.getItems().size() == 3);
        Label message = robot.lookup("#configMessage").queryAs(Label.class);
        assertTrue(message.getText().startsWith("Read from server"), message.getText());
        ConfigRow.Subnet first = (ConfigRow.Subnet) subnets.getItems().get(0);
        assertEquals("10.10.0.0/24", first.subnet());
        assertEquals(4, first.reservations());
        // the lab's pools are 10.10.x.100 - 10.10.x.200; statistic-get-all says how many of them are leased
        assertEquals(101L, first.addresses());
        assertEquals(0L, first.assigned());
        shoot(robot, "tables-subnets");

        robot.clickOn("#configFilter").write("10.10.1.");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> subnets.getItems().size() == 1);
        assertEquals("10.10.1.0/24", ((ConfigRow.Subnet) subnets.getItems().get(0)).subnet());
        assertEquals("1 of 3 rows", robot.lookup("#configCount").queryAs(Label.class).getText());
        robot.interact(() -> robot.lookup("#configFilter").queryAs(TextField.class).clear());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> subnets.getItems().size() == 3);

        // Enter on a subnet opens its edit, the subnet filled in from the row
        robot.interact(() -> subnets.getSelectionModel().select(0));
        robot.clickOn(subnets).type(KeyCode.ENTER);
        TextField subnetField = robot.lookup("#change-subnet").queryAs(TextField.class);
        assertEquals("10.10.0.0/24", subnetField.getText());
        // Kea 2.2's config-get gives each subnet the lifetimes it inherits: the form starts from them
        TextField valid = robot.lookup("#change-valid-lifetime").queryAs(TextField.class);
        TextField min = robot.lookup("#change-min-valid-lifetime").queryAs(TextField.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> "3600".equals(valid.getText()));
        robot.interact(() -> {
            valid.setText("1800");
            min.setText("1800");
        });
        applyAndClose(robot, "valid-lifetime");
        for (int i = 1; i <= 2; i++) {
            JsonNode s = lab.dhcp4(i).path("subnet4").get(0);
            assertEquals("10.10.0.0/24", s.path("subnet").asText());
            assertEquals(1800, s.path("valid-lifetime").asInt(), lab.serverName(i) + " has the new lifetime");
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message.getText().startsWith("Read from"));

        // the edit starts from what is set now
        rowCommand(robot, subnets, "#rowEditSubnet");
        TextField lifetime = robot.lookup("#change-valid-lifetime").queryAs(TextField.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> "1800".equals(lifetime.getText()));
        closeDialog(robot);

        TableView<ConfigRow> reservations = table(robot, "#configTable-reservations");
        assertTrue(reservations.isVisible(), "the Reservations table is shown");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> reservations.getItems().size() == 12);
        shoot(robot, "tables-reservations");
        robot.interact(() -> robot.lookup("#configFilter").queryAs(TextField.class).setText("host-5"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> reservations.getItems().size() == 1);
        ConfigRow.Reservation gone = (ConfigRow.Reservation) reservations.getItems().get(0);
        assertEquals("hw-address 02:00:00:00:00:05", gone.identifier());
        assertEquals("10.10.1.11", gone.address());
        rowCommand(robot, reservations, "#rowRemoveReservation");
        applyAndClose(robot, "10.10.1.11");
        for (int i = 1; i <= 2; i++) {
            assertFalse(hasReservation(lab.dhcp4(i), "10.10.1.11", "02:00:00:00:00:05"), lab.serverName(i));
            assertTrue(hasReservation(lab.dhcp4(i), "10.10.1.10", "02:00:00:00:00:04"), "the others stay");
        }
        // the tables are read again after the change: the filter now finds nothing
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> reservations.getItems().isEmpty()
                && message.getText().startsWith("Read from"));

        // undo the removal from the journal, in the details
        selectTab(robot, "detailsTab");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#undoChange").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#undoChange").queryAs(javafx.scene.control.Button.class).fire());
        applyAndClose(robot, "10.10.1.11");
        for (int i = 1; i <= 2; i++) {
            assertTrue(hasReservation(lab.dhcp4(i), "10.10.1.11", "02:00:00:00:00:05"), lab.serverName(i) + " has it back");
            assertEquals(1800, lab.dhcp4(i).path("subnet4").get(0).path("valid-lifetime").asInt(), "the edit stays");
        }
        selectTab(robot, "configurationTab");
        robot.clickOn("#configRefresh");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> reservations.getItems().size() == 1);
    }

    @Test
    void removeAPoolAndEditThenRemoveAnOptionFromTheTables(FxRobot robot) throws Exception {
        awaitPrimaryInCharge();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            var found = cells(robot, ".relationship-node.status-ok");
            if (found.isEmpty()) return false;
            robot.clickOn(found.get(0));
            return window.view.viewModel().detailsProperty().get() != null;
        });
        selectTab(robot, "configurationTab");
        Label message = robot.lookup("#configMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message.getText().startsWith("Read from"));

        TableView<ConfigRow> pools = table(robot, "#configTable-pools");
        robot.interact(() -> robot.lookup("#configFilter").queryAs(TextField.class).setText("10.10.2."));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> pools.getItems().size() == 1);
        String range = ((ConfigRow.Pool) pools.getItems().get(0)).range();
        rowCommand(robot, pools, "#rowRemovePool");
        applyAndClose(robot, range.split(" ")[0]);
        for (int i = 1; i <= 2; i++) {
            assertEquals(0, subnet(lab.dhcp4(i), "10.10.2.0/24").path("pools").size(), lab.serverName(i) + " has no pool");
            assertEquals(1, subnet(lab.dhcp4(i), "10.10.1.0/24").path("pools").size(), "the other pools stay");
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pools.getItems().isEmpty()
                && message.getText().startsWith("Read from"));

        TableView<ConfigRow> options = table(robot, "#configTable-options");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> options.getItems().size() == 1);
        ConfigRow.Option routers = (ConfigRow.Option) options.getItems().get(0);
        assertEquals("routers", routers.name());
        assertEquals("10.10.2.0/24", routers.level());
        rowCommand(robot, options, "#rowEditOption");
        TextField data = robot.lookup("#change-data").queryAs(TextField.class);
        assertEquals("10.10.2.1", data.getText(), "the edit starts from the option's value");
        robot.interact(() -> data.setText("10.10.2.254"));
        applyAndClose(robot, "10.10.2.254");
        for (int i = 1; i <= 2; i++) {
            assertEquals("10.10.2.254", subnet(lab.dhcp4(i), "10.10.2.0/24").path("option-data").get(0).path("data")
                    .asText(), lab.serverName(i));
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> options.getItems().size() == 1
                && "10.10.2.254".equals(((ConfigRow.Option) options.getItems().get(0)).data()));
        rowCommand(robot, options, "#rowRemoveOption");
        applyAndClose(robot, "routers");
        for (int i = 1; i <= 2; i++) {
            assertEquals(0, subnet(lab.dhcp4(i), "10.10.2.0/24").path("option-data").size(), lab.serverName(i));
            assertEquals(1, subnet(lab.dhcp4(i), "10.10.1.0/24").path("option-data").size(), "other subnets keep theirs");
        }
    }

    /**
     * Selects the first row and presses the row's button in one step on the FX thread: the tables are read again
     * after each change, and a read landing between a selection and a click would clear the selection.
     */
    static void rowCommand(FxRobot robot, TableView<ConfigRow> table, String button) {
        robot.interact(() -> {
            table.getSelectionModel().select(0);
            robot.lookup(button).queryAs(javafx.scene.control.Button.class).fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static JsonNode subnet(JsonNode dhcp4, String prefix) {
        for (JsonNode s : dhcp4.path("subnet4")) if (prefix.equals(s.path("subnet").asText())) return s;
        throw new AssertionError("no subnet " + prefix + " in " + dhcp4.path("subnet4"));
    }

    @SuppressWarnings("unchecked")
    static TableView<ConfigRow> table(FxRobot robot, String id) {
        // only the table on screen is in the scene: choose it first ("#configTable-pools" is chosen by "#config-pools")
        robot.interact(() -> robot.lookup(id.replace("#configTable-", "#config-")).queryAs(ToggleButton.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(id).queryAs(TableView.class);
    }

    /** Previews (the diff names {@code inDiff}), applies, waits for both peers, closes the dialog. */
    static void applyAndClose(FxRobot robot, String inDiff) throws Exception {
        robot.clickOn("#previewChange");
        @SuppressWarnings("unchecked")
        ListView<String> diff = robot.lookup("#changeDiff").queryAs(ListView.class);
        Label said = robot.lookup("#changeMessage").queryAs(Label.class);
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !diff.getItems().isEmpty());
        } catch (java.util.concurrent.TimeoutException e) {
            WaitForAsyncUtils.asyncFx(() -> Shots.write(said.getScene(), "tables-change-failed")).get();
            fail("no diff; the dialog says: " + said.getText());
        }
        assertTrue(diff.getItems().stream().anyMatch(l -> (l.startsWith("+") || l.startsWith("-")) && l.contains(inDiff)),
                String.join("\n", diff.getItems()));
        robot.clickOn("#applyChange");
        Label message = robot.lookup("#changeMessage").queryAs(Label.class);
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> message.getText().startsWith("Applied"));
        } catch (java.util.concurrent.TimeoutException e) {
            WaitForAsyncUtils.asyncFx(() -> Shots.write(said.getScene(), "tables-apply-failed")).get();
            fail("not applied; the dialog says: " + said.getText() + " at " + said.getScene().getWindow().getY()
                    + "+" + said.getScene().getWindow().getHeight());
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(message.getText().contains("verified on every peer"), message.getText());
        closeDialog(robot);
    }

    static void selectTab(FxRobot robot, String id) {
        javafx.scene.control.TabPane tabs = robot.lookup("#relationshipTabs").queryAs(javafx.scene.control.TabPane.class);
        robot.interact(() -> tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t)));
    }

    /** Close grows out of a small screen once the outcomes are shown; it is pressed, not clicked. */
    static void closeDialog(FxRobot robot) {
        javafx.scene.control.Button close = robot.lookup("#closeChange").queryAs(javafx.scene.control.Button.class);
        robot.interact(close::fire);
        assertTrue(robot.lookup("#closeChange").tryQuery().isEmpty(), "the change dialog closed");
    }

    private void awaitPrimaryInCharge() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            var state = services.poller().refresh().get("hq");
            return state != null && state.status() == tandem.core.RelationshipStatus.OK
                    && "server1".equals(state.assessment().sourceOfTruth());
        });
    }

    private static void shoot(FxRobot robot, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Path file = WaitForAsyncUtils.asyncFx(() -> Shots.write(robot.lookup("#relationshipTabs").query().getScene(), name)).get();
        assertTrue(Files.exists(file), file.toString());
    }
}
