package tandem.ui.kea;

import tandem.ui.Shots;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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
import tandem.services.Services;
import tandem.kea.KeaReply;
import tandem.lab.KeaLab;

import static tandem.lab.KeaLab.hasReservation;

import static tandem.ui.ConsoleTree.cells;
import static tandem.ui.ConsoleTree.menuItem;
import static tandem.ui.ConsoleTree.openContextMenu;

/**
 * Changes through the console against a real Kea hot-standby pair with a backup: add a reservation from the
 * relationship's context menu, see the diff, apply, see every peer verified, and find the reservation on every
 * server with config-get. Bad input is marked at its field, whether the form or the server finds it.
 */
@Tag("kea")
@ExtendWith(ApplicationExtension.class)
class ChangeDialogLabTest {
    private static KeaLab lab;
    private static int runs;

    @TempDir static Path root;

    private LabConsoleWindow window;
    private Services services;

    @BeforeAll
    static void startLab() {
        lab = KeaLab.start(KeaLab.Mode.HOT_STANDBY, 3, 1);
        lab.awaitStable(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) lab.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        window = LabConsoleWindow.showWithKea(stage, root.resolve("run" + (++runs)), Map.of("hq", lab.caUrl(1)));
        services = window.services;
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
    }

    @Test
    void addAReservationFromTheContextMenuSeeTheDiffApplyAndFindItOnEveryPeer(FxRobot robot) throws Exception {
        openAddReservation(robot);
        robot.clickOn("#change-mac").write("02:bb:00:00:00:61");
        robot.clickOn("#change-ip").write("10.10.0.61");
        robot.clickOn("#change-hostname").write("printer-61");
        assertTrue(robot.lookup("#applyChange").query().isDisabled(), "Apply before any preview");

        robot.clickOn("#previewChange");
        @SuppressWarnings("unchecked")
        ListView<String> diff = robot.lookup("#changeDiff").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !diff.getItems().isEmpty());
        assertTrue(diff.getItems().stream().anyMatch(l -> l.startsWith("+") && l.contains("10.10.0.61")),
                String.join("\n", diff.getItems()));
        assertFalse(robot.lookup("#applyChange").query().isDisabled(), "Apply after the preview");
        shoot(robot, "change-reservation-preview");

        robot.clickOn("#applyChange");
        awaitApplyFinished(robot);
        assertEquals(2, robot.lookup(".peer-outcome").queryAll().size());
        for (String peer : List.of("server2", "server3")) {
            Label outcome = robot.lookup("#outcome-" + peer).queryAs(Label.class);
            assertTrue(outcome.getStyleClass().contains("outcome-verified"), outcome.getText());
            assertTrue(outcome.getText().endsWith("verified"), outcome.getText());
        }
        Label message = robot.lookup("#changeMessage").queryAs(Label.class);
        assertTrue(message.getText().contains("verified on every peer"), message.getText());
        assertTrue(robot.lookup("#applyChange").query().isDisabled(), "the same preview cannot be applied twice");
        shoot(robot, "change-reservation-applied");

        for (int i = 1; i <= 3; i++) {
            assertTrue(hasReservation(lab.dhcp4(i), "10.10.0.61", "02:bb:00:00:00:61"), lab.serverName(i) + " has it");
        }
    }

    @Test
    void anAddressOutsideTheSubnetIsMarkedAtTheIpFieldAndSoIsOneTheServerRefuses(FxRobot robot) throws Exception {
        openAddReservation(robot);
        robot.clickOn("#change-mac").write("02:bb:00:00:00:62");
        robot.clickOn("#change-ip").write("10.99.0.5");
        Label ipMessage = robot.lookup("#change-ip-message").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> ipMessage.getText().contains("not within subnet 10.10.0.0/24"));
        TextField ip = robot.lookup("#change-ip").queryAs(TextField.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> ip.getStyleClass().contains("field-error"));
        assertEquals("", robot.lookup("#change-mac-message").queryAs(Label.class).getText());
        robot.clickOn("#previewChange");
        Label message = robot.lookup("#changeMessage").queryAs(Label.class);
        assertTrue(message.getText().contains("Correct the marked fields"), message.getText());
        assertTrue(robot.lookup("#applyChange").query().isDisabled());
        shoot(robot, "change-reservation-invalid");

        // 10.10.0.10 is inside the subnet but already reserved: the server's refusal lands at the IP field too
        robot.doubleClickOn("#change-ip").eraseText(12).write("10.10.0.10");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> ipMessage.getText().isEmpty());
        robot.clickOn("#previewChange");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> ipMessage.getText().contains("already reserved"));
        assertTrue(message.getText().contains("Nothing was changed"), message.getText());
        assertTrue(robot.lookup("#applyChange").query().isDisabled());
        for (int i = 1; i <= 3; i++) assertFalse(hasReservation(lab.dhcp4(i), "10.10.0.10", "02:bb:00:00:00:62"));
    }

    @Test
    void synchronizeShowsTheOutsideEditBeforeOverwritingItAndUndoRemovesAChange(FxRobot robot) throws Exception {
        awaitPrimaryInCharge();
        var changes = services.changes();
        var applied = changes.apply(changes.prepare("hq",
                new tandem.kea.change.KeaChange.AddReservation("10.10.1.0/24", "02:bb:00:00:00:70", "10.10.1.70", null)));
        assertEquals(java.util.Map.of("server2", "verified", "server3", "verified"), applied.peers(),
                () -> applied + " " + services.poller().current());
        // another administrator edits the backup directly
        KeaReply got = services.kea().configGet(lab.endpoint(3));
        var edited = (com.fasterxml.jackson.databind.node.ObjectNode) ((KeaReply.Success) got).arguments().deepCopy();
        edited.remove("hash");
        ((com.fasterxml.jackson.databind.node.ObjectNode) edited.path("Dhcp4").path("subnet4").get(0)).putObject("user-context").put("edited-by", "someone-else");
        KeaReply set = services.kea().send(lab.endpoint(3), "config-set", "dhcp4", edited);
        assertInstanceOf(KeaReply.Success.class, set, set::toString);

        awaitPrimaryInCharge();
        // a poll may redraw the tree between finding the cell and clicking it: find it again then
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            var found = cells(robot, ".relationship-node.status-ok");
            if (found.isEmpty()) return false;
            robot.clickOn(found.get(0));
            return robot.lookup("#action-synchronize-now").tryQuery().isPresent();
        });
        robot.clickOn("#action-synchronize-now");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#sync-peer-server3").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#sync-peer-server3").queryAs(Label.class).getText().contains("differs"));
        assertTrue(robot.lookup("#sync-peer-server2").queryAs(Label.class).getText().contains("in sync"));
        @SuppressWarnings("unchecked")
        ListView<String> syncDiff = robot.lookup("#syncDiff").queryAs(ListView.class);
        assertTrue(syncDiff.getItems().stream().anyMatch(l -> l.startsWith("-") && l.contains("someone-else")),
                String.join("\n", syncDiff.getItems()));
        Path plan = WaitForAsyncUtils.asyncFx(() -> Shots.write(robot.lookup(".sync-dialog").query().getScene(), "sync-plan")).get();
        assertTrue(Files.exists(plan));
        robot.clickOn("#syncOverwrite");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#outcome-server3").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#outcome-server3").queryAs(Label.class).getStyleClass().contains("outcome-verified"));
        assertTrue(lab.dhcp4(3).path("subnet4").get(0).path("user-context").isMissingNode());
        robot.clickOn("#syncClose");

        // the journal entry of the reservation offers Undo; undo is previewed and applied like any change
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#undoChange").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#journal-" + applied.journalId()).tryQuery().isPresent());
        // the journal is the details' last section: scrolled into view, as in a short window
        robot.interact(() -> robot.lookup("#detailsScroll").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1.0));
        robot.clickOn("#undoChange");
        robot.clickOn("#previewChange");
        @SuppressWarnings("unchecked")
        ListView<String> diff = robot.lookup("#changeDiff").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !diff.getItems().isEmpty());
        assertTrue(diff.getItems().stream().anyMatch(l -> l.startsWith("-") && l.contains("10.10.1.70")));
        robot.clickOn("#applyChange");
        awaitApplyFinished(robot);
        assertEquals(2, robot.lookup(".peer-outcome").queryAll().size());
        for (int i = 1; i <= 3; i++) assertFalse(hasReservation(lab.dhcp4(i), "10.10.1.70", "02:bb:00:00:00:70"));
        robot.clickOn("#closeChange");
        Path main = WaitForAsyncUtils.asyncFx(() -> Shots.write(window.view.root().getScene(), "main-with-changes")).get();
        assertTrue(Files.exists(main));
    }

    /**
     * The dialog shows the outcomes and then the message in one FX callback; waiting for the message, not the
     * outcome labels, keeps the test from reading the message between the two.
     */
    private static void awaitApplyFinished(FxRobot robot) throws Exception {
        Label message = robot.lookup("#changeMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> message.getText().startsWith("Applied"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A config-set restarts a server's HA service; the backup is the source of truth until the primary is back. */
    private void awaitPrimaryInCharge() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            var state = services.poller().refresh().get("hq");
            return state != null && state.status() == tandem.core.RelationshipStatus.OK
                    && "server1".equals(state.assessment().sourceOfTruth());
        });
    }

    private void openAddReservation(FxRobot robot) throws Exception {
        awaitPrimaryInCharge();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !cells(robot, ".relationship-node.status-ok").isEmpty());
        openContextMenu(robot, ".relationship-node.status-ok");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> menuItem(robot, "Add reservation…").isPresent());
        robot.clickOn(menuItem(robot, "Add reservation…").get());
        @SuppressWarnings("unchecked")
        ComboBox<String> subnet = robot.lookup("#change-subnet").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> "10.10.0.0/24".equals(subnet.getValue()));
        assertEquals(List.of("10.10.0.0/24", "10.10.1.0/24"), List.copyOf(subnet.getItems()));
    }

    private static void shoot(FxRobot robot, String name) throws Exception {
        Node dialog = robot.lookup(".change-dialog").query();
        Path file = WaitForAsyncUtils.asyncFx(() -> Shots.write(dialog.getScene(), name)).get();
        assertTrue(Files.exists(file), file.toString());
    }

}
