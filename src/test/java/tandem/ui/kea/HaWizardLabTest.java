package tandem.ui.kea;

import static org.junit.jupiter.api.Assertions.*;
import static tandem.ui.ConsoleTree.cells;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
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
import tandem.core.Relationship;
import tandem.lab.KeaLab;
import tandem.services.Services;
import tandem.ui.ConsoleNode;
import tandem.ui.Shots;

/**
 * The "Create HA relationship" wizard against two real standalone Kea 2.2 servers: from a server's button through
 * servers and roles, parameters, authentication and the summary (its picture is written to
 * target/shots/ha-wizard-summary.png) to both servers in load-balancing and one relationship in the tree.
 */
@Tag("kea")
@ExtendWith(ApplicationExtension.class)
class HaWizardLabTest {
    private static KeaLab lab;
    @TempDir static Path root;

    private LabConsoleWindow window;
    private Services services;

    @BeforeAll
    static void startLab() {
        lab = KeaLab.start(KeaLab.Mode.STANDALONE, 2, 0, 2, 1);
        lab.awaitStable(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) lab.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        Map<String, java.net.URI> servers = new java.util.LinkedHashMap<>();
        for (int i = 1; i <= 2; i++) servers.put("server" + i, lab.caUrl(i));
        window = LabConsoleWindow.showWithKea(stage, root.resolve("data"), servers);
        services = window.services;
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
    }

    @Test
    void createALoadBalancingPairFromTwoStandaloneServersThroughEveryPage(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> server1Cell(robot) != null);
        robot.clickOn(server1Cell(robot));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#action-create-ha-relationship").tryQuery().isPresent());
        robot.clickOn("#action-create-ha-relationship");

        @SuppressWarnings("unchecked")
        ComboBox<String> partner = robot.lookup("#haPartner").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "server2".equals(partner.getValue()));
        @SuppressWarnings("unchecked")
        ComboBox<String> primary = robot.lookup("#haPrimary").queryAs(ComboBox.class);
        assertEquals("server1", primary.getValue(), "the server the wizard was opened from is the primary");
        Label message = robot.lookup("#haMessage").queryAs(Label.class);
        robot.clickOn("#haNext");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> message.getText().startsWith("Name:"));
        robot.clickOn("#haName").write("hq");
        robot.clickOn("#haNext");

        // parameters: Kea's defaults filled in; shorter timers so the test's pair settles quickly
        TextField heartbeat = robot.lookup("#haHeartbeat").queryAs(TextField.class);
        assertEquals("10000", heartbeat.getText());
        assertEquals("60000", robot.lookup("#haMaxResponse").queryAs(TextField.class).getText());
        assertEquals("10000", robot.lookup("#haMaxAck").queryAs(TextField.class).getText());
        assertEquals("10", robot.lookup("#haMaxUnacked").queryAs(TextField.class).getText());
        assertEquals(lab.caUrl(2).toString(), robot.lookup("#ha-url-server2").queryAs(TextField.class).getText());
        robot.doubleClickOn("#haMaxResponse").eraseText(5).write("500");
        robot.clickOn("#haNext");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> message.getText().contains("--max-response-delay"));
        robot.doubleClickOn("#haMaxResponse").eraseText(3).write("8000");
        robot.doubleClickOn("#haHeartbeat").eraseText(5).write("2000");
        robot.clickOn("#haNext");

        // authentication: the lab's control channels ask for none
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#haPeerUser").query().isVisible());
        robot.clickOn("#haNext");

        @SuppressWarnings("unchecked")
        ListView<String> diff = robot.lookup("#haDiff").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !diff.getItems().isEmpty());
        assertTrue(diff.getItems().stream().anyMatch(l -> l.startsWith("+") && l.contains("libdhcp_ha.so")), String.join("\n", diff.getItems()));
        assertTrue(diff.getItems().stream().anyMatch(l -> l.startsWith("+++ server2 (after)")));
        assertEquals("The peers talk plain HTTP to each other (http peer URLs)",
                robot.lookup("#haTransport").queryAs(Label.class).getText(), "the lab's agents serve plain HTTP");
        assertTrue(diff.getItems().stream().anyMatch(l -> l.startsWith("+") && l.contains("10.10.1.0/24")),
                () -> "server2 gets server1's second subnet:\n" + String.join("\n", diff.getItems()));
        Path shot = WaitForAsyncUtils.asyncFx(() -> Shots.write(robot.lookup(".ha-wizard").query().getScene(), "ha-wizard-summary")).get();
        assertFalse(robot.lookup("#haApply").query().isDisabled(), message.getText());
        assertTrue(Files.size(shot) > 10_000, shot.toString());
        assertFalse(lab.dhcp4(1).path("hooks-libraries").toString().contains("libdhcp_ha"), "nothing sent before Apply");

        robot.clickOn("#haApply");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> message.getText().startsWith("Created hq"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(message.getText().contains("every server is in its normal HA state"), message.getText());
        for (String s : List.of("server1", "server2")) {
            Label outcome = robot.lookup("#outcome-" + s).queryAs(Label.class);
            assertTrue(outcome.getText().contains("HA state load-balancing"), outcome.getText());
        }
        Path done = WaitForAsyncUtils.asyncFx(() -> Shots.write(robot.lookup(".ha-wizard").query().getScene(), "ha-wizard-outcome")).get();
        assertTrue(Files.exists(done));
        for (int i = 1; i <= 2; i++) {
            assertTrue(lab.dhcp4(i).path("hooks-libraries").toString().contains("libdhcp_ha.so"));
            assertEquals(2, lab.dhcp4(i).path("subnet4").size());
        }
        assertEquals(List.of("hq"), services.inventory().relationships().stream().map(Relationship::name).toList());
        robot.clickOn("#haClose");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> cells(robot, ".relationship-node").stream()
                .anyMatch(c -> c.getItem() instanceof ConsoleNode.RelationshipItem r && r.name().equals("hq")));

        // back to two standalone servers from the relationship's button: server1 keeps every subnet, server2 none
        // once the poll knows hq, its details stop being redrawn under the pointer
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> cells(robot, ".relationship-node.status-ok").stream()
                .anyMatch(c -> c.getItem() instanceof ConsoleNode.RelationshipItem r && r.name().equals("hq")));
        robot.clickOn(cells(robot, ".relationship-node.status-ok").stream()
                .filter(c -> c.getItem() instanceof ConsoleNode.RelationshipItem r && r.name().equals("hq")).findFirst().orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#action-dissolve-relationship").tryQuery().isPresent());
        // fired rather than clicked: a poll may redraw the details pane between the pointer's move and its press
        robot.interact(() -> robot.lookup("#action-dissolve-relationship").queryButton().fire());
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#dissolveMessage").tryQuery().isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            fail("no dissolve dialog; windows: " + javafx.stage.Window.getWindows().stream()
                    .map(w -> (w instanceof Stage st ? st.getTitle() : w.getClass().getSimpleName()) + (w.isShowing() ? "" : " (hidden)"))
                    .toList() + "; focused: " + robot.lookup("#action-dissolve-relationship").query().isFocused());
        }
        Label dissolved = robot.lookup("#dissolveMessage").queryAs(Label.class);
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup("#keep-server2-10_10_1_0_24").tryQuery().isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            fail("no choice of subnets: " + dissolved.getText());
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#keep-server1-10_10_1_0_24").queryAs(javafx.scene.control.CheckBox.class).isSelected());
        assertFalse(robot.lookup("#keep-server2-10_10_0_0_24").queryAs(javafx.scene.control.CheckBox.class).isSelected());
        robot.clickOn("#dissolvePreview");
        @SuppressWarnings("unchecked")
        ListView<String> dissolveDiff = robot.lookup("#dissolveDiff").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !dissolveDiff.getItems().isEmpty());
        assertTrue(dissolveDiff.getItems().stream().anyMatch(l -> l.startsWith("-") && l.contains("libdhcp_ha.so")));
        robot.clickOn("#dissolveApply");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> dissolved.getText().startsWith("Dissolved hq"));
        assertFalse(lab.dhcp4(1).path("hooks-libraries").toString().contains("libdhcp_ha.so"));
        assertFalse(lab.dhcp4(2).path("hooks-libraries").toString().contains("libdhcp_ha.so"));
        assertEquals(2, lab.dhcp4(1).path("subnet4").size());
        assertEquals(0, lab.dhcp4(2).path("subnet4").size());
        assertEquals(List.of("server1", "server2"), services.inventory().relationships().stream().map(Relationship::name).sorted().toList());
        robot.clickOn("#dissolveClose");
    }

    private static TreeCell<?> server1Cell(FxRobot robot) {
        return cells(robot, ".relationship-node").stream()
                .filter(c -> c.getItem() instanceof ConsoleNode.RelationshipItem r && r.name().equals("server1"))
                .findFirst().orElse(null);
    }
}
