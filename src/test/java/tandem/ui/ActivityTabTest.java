package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.TreeView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.core.PeerObservation;
import tandem.core.Preferences;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.core.StatusEvent;
import tandem.core.port.RoundTrips;

/** The Activity tab over a day of dhcp-east's history, and the desktop notifications of status changes. */
@ExtendWith(ApplicationExtension.class)
class ActivityTabTest {
    private static final Instant T0 = Fixtures.T0;

    private TestConsole console;
    private BackgroundTasks tasks;
    private MainView view;
    private Stage stage;

    private static StatusEvent east(double hoursAgo, RelationshipStatus from, RelationshipStatus to, String reason) {
        return new StatusEvent(T0.minusSeconds((long) (hoursAgo * 3600)), "dhcp-east", from, to, reason);
    }

    /** A rough day: partner-down, a short outage of the control agents, the service down, the secondary serving. */
    static List<StatusEvent> history() {
        List<StatusEvent> out = new ArrayList<>(List.of(
                east(30, null, RelationshipStatus.OK, "OK"),
                east(19, RelationshipStatus.OK, RelationshipStatus.IMPAIRED, "Primary east1 is offline: its control"
                        + " endpoint does not answer; Secondary east2 is in state partner-down (serves every client)"),
                east(17.5, RelationshipStatus.IMPAIRED, RelationshipStatus.OK, "OK"),
                east(11, RelationshipStatus.OK, RelationshipStatus.UNREACHABLE,
                        "No control endpoint of the relationship answers"),
                east(10.4, RelationshipStatus.UNREACHABLE, RelationshipStatus.OK, "OK"),
                east(6, RelationshipStatus.OK, RelationshipStatus.SERVICE_DOWN, "Primary east1 is offline: its DHCP"
                        + " daemon does not answer; Secondary east2 is offline: its DHCP daemon does not answer"),
                east(5.6, RelationshipStatus.SERVICE_DOWN, RelationshipStatus.IMPAIRED, "Primary east1 is offline:"
                        + " its DHCP daemon does not answer; east2 is the source of truth while the primary is away"),
                east(4.5, RelationshipStatus.IMPAIRED, RelationshipStatus.OK, "OK")));
        Fixtures.history().stream().filter(e -> !e.relationship().equals("dhcp-east")).forEach(out::add);
        return out;
    }

    /** Four hours of probes a minute apart, with the odd slow answer. */
    static RoundTrips roundTrips() {
        Map<String, List<RoundTrips.Sample>> samples = new LinkedHashMap<>();
        for (String peer : List.of("east1", "east2")) {
            List<RoundTrips.Sample> list = new ArrayList<>();
            for (int i = 240; i >= 0; i--) {
                double base = peer.equals("east1") ? 4.0 : 7.0;
                double ms = base + 1.5 * Math.sin(i / 23.0) + (i * 7919 % 13) / 6.0
                        + (i == 61 || i == 170 ? 16 : 0) + (i > 120 && i < 135 ? 6 : 0);
                list.add(new RoundTrips.Sample(T0.minusSeconds(60L * i), Duration.ofNanos((long) (ms * 1_000_000)),
                        i % 97 != 5));
            }
            samples.put(peer, List.copyOf(list));
        }
        return rel -> rel.equals("dhcp-east") ? samples : Map.of();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        console = new TestConsole(Fixtures.ALL, Fixtures.states(false, T0.minusSeconds(300)), history(),
                Preferences.defaults(), Clock.fixed(T0, ZoneOffset.UTC));
        console.roundTrips = roundTrips();
        tasks = BackgroundTasks.forFx();
        view = new MainView(console, tasks, ZoneOffset.UTC, console.backendUis());
        stage.setScene(view.scene(1200, 760));
        stage.setTitle("Tandem");
        stage.show();
        view.viewModel().start(false);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        view.dispose();
        console.close();
        tasks.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void openActivity(FxRobot robot, String relationship) throws Exception {
        TreeView<?> tree = robot.lookup("#serverTree").queryAs(TreeView.class);
        waitUntil(() -> tree.getRoot().getChildren().size() == 4);
        robot.clickOn((Label l) -> relationship.equals(l.getText()));
        waitUntil(() -> relationship.equals(robot.lookup("#detailsName").queryAs(Label.class).getText()));
        TabPane tabs = robot.lookup("#relationshipTabs").queryAs(TabPane.class);
        Tab activity = tabs.getTabs().stream().filter(t -> "activityTab".equals(t.getId())).findFirst().orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(activity));
    }

    private int count(FxRobot robot, String query) {
        return robot.lookup(query).queryAll().size();
    }

    @Test
    void theTimelineShowsTheDayBandByBandWithItsFailoversAndShares(FxRobot robot) throws Exception {
        openActivity(robot, "dhcp-east");
        // before the window: OK; then impaired, OK, unreachable, OK, service down, impaired, OK
        waitUntil(() -> count(robot, ".timeline-band") == 8);
        assertEquals(4, count(robot, ".timeline-band.status-ok"));
        assertEquals(2, count(robot, ".timeline-band.status-impaired"));
        assertEquals(1, count(robot, ".timeline-band.status-service-down"));
        assertEquals(1, count(robot, ".timeline-band.status-unreachable"));
        assertEquals(2, count(robot, ".timeline-failover"), "partner-down and the secondary serving");
        assertEquals("2 failovers", robot.lookup("#failoverCount").queryAs(Label.class).getText());
        // OK: 5 h + 6.5 h + 4.4 h + 4.5 h of 24 h
        assertEquals("OK  85.0 %", robot.lookup("#share-ok").queryAs(Label.class).getText());
        assertEquals("Service down  1.7 %", robot.lookup("#share-service_down").queryAs(Label.class).getText());
        LineChart<?, ?> chart = robot.lookup("#roundTripChart").queryAs(LineChart.class);
        assertTrue(chart.isVisible());
        assertEquals(2, chart.getData().size(), "one line a peer");

        robot.clickOn("#span-week");
        waitUntil(() -> robot.lookup((Label l) -> l.getText() != null && l.getText().startsWith("No data")).tryQuery()
                .isPresent());
        assertEquals("Status over the last 7 days", robot.lookup((Label l) -> l.getText() != null
                && l.getText().startsWith("Status over")).queryAs(Label.class).getText());
        robot.interact(() -> Shots.write(stage.getScene(), "activity-timeline-week"));
        robot.clickOn("#span-day");
        waitUntil(() -> robot.lookup((Label l) -> l.getText() != null && l.getText().startsWith("No data")).tryQuery()
                .isEmpty());
        robot.interact(() -> Shots.write(stage.getScene(), "activity-timeline"));
    }

    private void answerAsStored() {
        for (RelationshipState s : Fixtures.states(false, T0)) {
            for (PeerObservation o : s.peers().values()) console.probe.answer(s.relationship().name(), o);
        }
    }

    /** The labels' texts of each notification on screen. */
    private List<String> notifications() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>();
            for (Window w : Window.getWindows()) {
                if (!(w instanceof PopupWindow) || !w.isShowing() || w.getScene() == null) continue;
                for (Node bar : w.getScene().getRoot().lookupAll(".notification-bar")) {
                    StringBuilder text = new StringBuilder();
                    for (Node n : bar.lookupAll(".label")) {
                        if (n instanceof Labeled l && l.getText() != null) text.append(l.getText()).append('\n');
                    }
                    out.add(text.toString());
                }
            }
            return out;
        }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aStatusChangeRaisesADesktopNotificationUnlessTheRelationshipIsMuted(FxRobot robot) throws Exception {
        answerAsStored();
        console.poller.pollOnce(); // the first poll is where the console starts from: nothing to tell
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(notifications().isEmpty(), "nothing changed since the first poll");

        openActivity(robot, "dhcp-west");
        ToggleButton mute = robot.lookup("#muteNotifications").queryAs(ToggleButton.class);
        assertEquals("Mute notifications", mute.getText());
        robot.clickOn(mute);
        waitUntil(() -> console.preferences().muted("dhcp-west"));
        assertEquals("Notifications muted", mute.getText());

        // both lose their control agents; only dhcp-east is told
        for (String peer : List.of("east1", "east2")) {
            console.probe.answer("dhcp-east", PeerObservation.unreachable(peer, "Connection refused", T0));
        }
        for (String peer : List.of("west1", "west2", "west3")) {
            console.probe.answer("dhcp-west", PeerObservation.unreachable(peer, "Connection refused", T0));
        }
        console.poller.pollOnce();
        waitUntil(() -> !notifications().isEmpty());
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS); // the popup fades in
        robot.interact(this::shootWithNotification);
        List<String> shown = notifications();
        assertEquals(1, shown.size(), shown.toString());
        assertTrue(shown.get(0).contains("dhcp-east: Unreachable"), shown.get(0));
        assertTrue(shown.get(0).contains("OK → Unreachable"), shown.get(0));
        assertFalse(shown.get(0).contains("dhcp-west"), "muted: " + shown);

        // the relationship's menu says it is muted and notifies again
        javafx.scene.control.ContextMenu[] menu = new javafx.scene.control.ContextMenu[1];
        robot.interact(() -> menu[0] = view.relationshipMenu("dhcp-west"));
        javafx.scene.control.MenuItem toggle = menu[0].getItems().stream()
                .filter(i -> "toggleMute".equals(i.getId())).findFirst().orElseThrow();
        assertEquals("Notify status changes", toggle.getText());
        robot.interact(toggle::fire);
        waitUntil(() -> !console.preferences().muted("dhcp-west"));
        assertEquals("Mute notifications", mute.getText(), "the tab shows it too");
    }

    /** The window with the notification drawn where it shows, for a person to look at. */
    private void shootWithNotification() {
        Scene main = stage.getScene();
        WritableImage image = main.snapshot(null);
        for (Window w : Window.getWindows()) {
            if (!(w instanceof PopupWindow) || !w.isShowing() || w.getScene() == null) continue;
            WritableImage popup = w.getScene().snapshot(null);
            PixelReader reader = popup.getPixelReader();
            int ox = (int) Math.round(w.getX() + w.getScene().getX() - stage.getX() - main.getX());
            int oy = (int) Math.round(w.getY() + w.getScene().getY() - stage.getY() - main.getY());
            for (int y = 0; y < popup.getHeight(); y++) {
                for (int x = 0; x < popup.getWidth(); x++) {
                    int tx = ox + x;
                    int ty = oy + y;
                    int argb = reader.getArgb(x, y);
                    if (tx < 0 || ty < 0 || tx >= image.getWidth() || ty >= image.getHeight() || argb >>> 24 == 0) continue;
                    image.getPixelWriter().setArgb(tx, ty, argb);
                }
            }
        }
        SvgIcon.writePng(image, Shots.dir().resolve("notification.png"));
    }
}
