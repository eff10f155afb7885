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
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
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
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.core.config.ConfigRow;
import tandem.core.config.ConfigTables;
import tandem.core.desktop.DesktopTheme.Choice;
import tandem.core.lease.Lease;
import tandem.core.lease.PartnerLeases;

/**
 * The configuration tables, the Leases view, the activity timeline and a status-change notification, light and then
 * dark: pictures for a person to look at, and what a picture allows to check (each view's background follows the
 * theme, its text stands out from it, and the partners' disagreements stand out from the rows that agree).
 */
@ExtendWith(ApplicationExtension.class)
class ViewsLightAndDarkShotsTest {
    private static final Instant T0 = Fixtures.T0;
    /** Enough for ordinary text to read (WCAG AA). */
    private static final double READABLE = 4.5;

    private TestConsole console;
    private BackgroundTasks tasks;
    private MainView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        console = new TestConsole(Fixtures.ALL, Fixtures.states(false, T0.minusSeconds(300)), ActivityTabTest.history(),
                Preferences.defaults(), Clock.fixed(T0, ZoneOffset.UTC));
        console.roundTrips = ActivityTabTest.roundTrips();
        console.configTables = ViewsLightAndDarkShotsTest::tables;
        console.leaseSource = ViewsLightAndDarkShotsTest::leases;
        console.desktop.save(Map.of(Appearance.KEY, "LIGHT"));
        tasks = BackgroundTasks.forFx();
        view = new MainView(console, tasks, ZoneOffset.UTC, console.backendUis());
        stage.setScene(view.scene(1200, 760));
        stage.setTitle("Tandem");
        stage.show();
        view.viewModel().start(false);
    }

    @AfterEach
    void tearDown() throws Exception {
        theme(Choice.LIGHT); // the theme is the application's: the next test starts light
        FxToolkit.cleanupStages();
        view.dispose();
        console.close();
        tasks.close();
    }

    /** dhcp-east's tables: subnets from barely used to full and one without statistics, and their reservations. */
    static ConfigTables tables(Relationship rel) {
        return new ConfigTables(rel.name(), "east1", T0, List.of(
                new ConfigRow.Subnet("10.10.0.0/24", "1", null, 1, 3, 101L, 37L, "Head office, first floor"),
                new ConfigRow.Subnet("10.10.1.0/24", "2", "campus", 1, 2, 101L, 86L, "Head office, second floor"),
                new ConfigRow.Subnet("10.10.2.0/24", "3", "campus", 2, 0, 202L, 200L, "Warehouse scanners"),
                new ConfigRow.Subnet("10.10.3.0/24", "4", null, 1, 1, null, null, "Lab"),
                new ConfigRow.Subnet("10.20.0.0/22", "10", null, 1, 0, 1021L, 12L, "Guest Wi-Fi")),
                List.of(new ConfigRow.Pool("10.10.0.0/24", "10.10.0.100 - 10.10.0.200", null)),
                List.of(new ConfigRow.Reservation("10.10.0.0/24", "hw-address 02:aa:00:00:00:10", "10.10.0.10", "printer-1f", null),
                        new ConfigRow.Reservation("10.10.0.0/24", "hw-address 02:aa:00:00:00:11", "10.10.0.11", "printer-2f", "Second floor"),
                        new ConfigRow.Reservation("10.10.0.0/24", "client-id 01:02:aa:00:00:00:12", "10.10.0.12", "badge-reader", null),
                        new ConfigRow.Reservation("10.10.1.0/24", "hw-address 02:aa:00:00:01:20", "10.10.1.20", "nas-1", "Storage"),
                        new ConfigRow.Reservation("10.10.1.0/24", "circuit-id 'port-17'", "10.10.1.21", null, null),
                        new ConfigRow.Reservation("10.10.3.0/24", "hw-address 02:aa:00:00:03:05", "10.10.3.5", "lab-gw", null)),
                List.of(new ConfigRow.Option("global", "domain-name", 15, "example.org")), List.of(), List.of());
    }

    /**
     * dhcp-east's leases on its two partners: most agree; one is on east1 only, one on east2 only, one expires a
     * quarter of an hour apart and one is active on one partner and reclaimed on the other.
     */
    static PartnerLeases leases(Relationship rel, OptionalLong subnetId, Duration within) {
        long exp = T0.getEpochSecond() + 3600;
        List<Lease> east1 = List.of(
                new Lease("10.10.0.101", "02:aa:00:00:01:01", "desk-101", 1, exp, "active"),
                new Lease("10.10.0.102", "02:aa:00:00:01:02", "laptop-102", 1, exp + 60, "active"),
                new Lease("10.10.0.103", "02:aa:00:00:01:03", "desk-103", 1, exp + 120, "active"),
                new Lease("10.10.0.104", "02:aa:00:00:01:04", "laptop-104", 1, exp + 180, "active"),
                new Lease("10.10.1.120", "02:aa:00:00:02:20", "phone-120", 2, exp + 240, "active"),
                new Lease("10.10.1.121", "02:aa:00:00:02:21", "camera-121", 2, exp + 300, "active"),
                new Lease("10.10.1.123", "02:aa:00:00:02:23", "phone-123", 2, exp + 360, "active"));
        List<Lease> east2 = List.of(
                new Lease("10.10.0.101", "02:aa:00:00:01:01", "desk-101", 1, exp + 1, "active"),
                new Lease("10.10.0.103", "02:aa:00:00:01:03", "desk-103", 1, exp + 120, "active"),
                new Lease("10.10.0.104", "02:aa:00:00:01:04", "laptop-104", 1, exp + 1080, "active"),
                new Lease("10.10.1.120", "02:aa:00:00:02:20", "phone-120", 2, exp + 240, "active"),
                new Lease("10.10.1.121", "02:aa:00:00:02:21", "camera-121", 2, exp + 300, "expired-reclaimed"),
                new Lease("10.10.1.122", "02:aa:00:00:02:22", "tablet-122", 2, exp + 330, "active"),
                new Lease("10.10.1.123", "02:aa:00:00:02:23", "phone-123", 2, exp + 360, "active"));
        Map<String, List<Lease>> held = new LinkedHashMap<>();
        held.put("east1", east1.stream().filter(l -> subnetId.isEmpty() || l.subnetId() == subnetId.getAsLong()).toList());
        held.put("east2", east2.stream().filter(l -> subnetId.isEmpty() || l.subnetId() == subnetId.getAsLong()).toList());
        return new PartnerLeases(held, Map.of(), Map.of(1L, "10.10.0.0/24", 2L, "10.10.1.0/24"), false);
    }

    private void theme(Choice choice) throws Exception {
        FxToolkit.setupFixture(() -> view.appearance().choiceProperty().set(choice));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static TreeItem<ConsoleNode> find(TreeItem<ConsoleNode> item, String relationship) {
        if (item == null) return null;
        if (item.getValue() instanceof ConsoleNode.RelationshipItem r && r.name().equals(relationship)) return item;
        for (TreeItem<ConsoleNode> child : item.getChildren()) {
            TreeItem<ConsoleNode> found = find(child, relationship);
            if (found != null) return found;
        }
        return null;
    }

    /** Selects the relationship in the tree, then one of its tabs. */
    private void open(FxRobot robot, String relationship, String tabId) throws Exception {
        TreeView<ConsoleNode> tree = view.tree();
        waitUntil(() -> find(tree.getRoot(), relationship) != null);
        robot.interact(() -> {
            TreeItem<ConsoleNode> item = find(tree.getRoot(), relationship);
            for (TreeItem<ConsoleNode> p = item.getParent(); p != null; p = p.getParent()) p.setExpanded(true);
            tree.getSelectionModel().select(item);
        });
        waitUntil(() -> relationship.equals(robot.lookup("#detailsName").queryAs(Label.class).getText()));
        TabPane tabs = robot.lookup("#relationshipTabs").queryAs(TabPane.class);
        Tab tab = tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst().orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(tab));
    }

    private WritableImage snapshot(FxRobot robot, Scene scene) {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = scene.snapshot(null));
        return image[0];
    }

    /** The colour at a point of the scene's picture, given in the node's own coordinates. */
    private static Color at(WritableImage image, Node node, double x, double y) {
        javafx.geometry.Point2D p = node.localToScene(x, y);
        return image.getPixelReader().getColor((int) p.getX(), (int) p.getY());
    }

    private static double luminance(Color c) {
        double[] rgb = {c.getRed(), c.getGreen(), c.getBlue()};
        for (int i = 0; i < 3; i++) rgb[i] = rgb[i] <= 0.03928 ? rgb[i] / 12.92 : Math.pow((rgb[i] + 0.055) / 1.055, 2.4);
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }

    /** WCAG's contrast ratio, 1 (none) to 21 (black on white). */
    private static double contrast(Color a, Color b) {
        double x = luminance(a), y = luminance(b);
        return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
    }

    /** Dark backgrounds in the dark theme, light ones in the light theme. */
    private static void assertBackground(boolean dark, Color c, String what) {
        if (dark) assertTrue(c.getBrightness() < 0.3, what + " is dark: " + c);
        else assertTrue(c.getBrightness() > 0.85, what + " is light: " + c);
    }

    private static void assertReadable(Labeled text, Color background, String what) {
        Color fill = (Color) text.getTextFill();
        assertTrue(contrast(fill, background) >= READABLE, what + " '" + text.getText() + "' " + fill + " on " + background
                + ": contrast " + contrast(fill, background));
    }

    /** The table's cells on screen that show text. */
    private static List<TableCell<?, ?>> cellsWithText(Node table) {
        List<TableCell<?, ?>> out = new ArrayList<>();
        for (Node n : table.lookupAll(".table-cell")) {
            if (n instanceof TableCell<?, ?> c && c.isVisible() && !c.isEmpty() && c.getText() != null && !c.getText().isBlank()) out.add(c);
        }
        return out;
    }

    /** Each column's title is drawn whole, not cut short with an ellipsis. */
    private static void assertHeadersWhole(Node table) {
        for (Node n : table.lookupAll(".column-header .label")) {
            if (!(n instanceof Labeled l) || l.getText() == null || l.getText().isEmpty()) continue;
            String drawn = l.getChildrenUnmodifiable().stream().filter(c -> c instanceof javafx.scene.text.Text)
                    .map(c -> ((javafx.scene.text.Text) c).getText()).findFirst().orElse("");
            assertEquals(l.getText(), drawn, "a column's title");
        }
    }

    /** The part of the scene's picture the node covers. */
    private static WritableImage crop(WritableImage image, Node node) {
        Bounds b = node.localToScene(node.getLayoutBounds());
        int x = (int) Math.max(0, b.getMinX()), y = (int) Math.max(0, b.getMinY());
        int w = (int) Math.min(image.getWidth() - x, b.getWidth()), h = (int) Math.min(image.getHeight() - y, b.getHeight());
        return new WritableImage(image.getPixelReader(), x, y, w, h);
    }

    /** One picture of several, one above the other. */
    private static WritableImage stacked(WritableImage... parts) {
        int w = 0, h = 0;
        for (WritableImage p : parts) {
            w = Math.max(w, (int) p.getWidth());
            h += (int) p.getHeight();
        }
        WritableImage out = new WritableImage(w, h);
        int y = 0;
        for (WritableImage p : parts) {
            out.getPixelWriter().setPixels(0, y, (int) p.getWidth(), (int) p.getHeight(), p.getPixelReader(), 0, 0);
            y += (int) p.getHeight();
        }
        return out;
    }

    /** Checks the table shown as the theme wants it and returns the picture of the tab. */
    private WritableImage configurationTable(FxRobot robot, String id, boolean dark) {
        TableView<?> table = robot.lookup(id).queryAs(TableView.class);
        WritableImage image = snapshot(robot, stage.getScene());
        Color below = at(image, table, 12, table.getHeight() - 12);
        assertBackground(dark, below, id + " below its rows");
        List<TableCell<?, ?>> cells = cellsWithText(table);
        assertFalse(cells.isEmpty(), id);
        for (TableCell<?, ?> c : cells) {
            TableRow<?> row = c.getTableRow();
            Color background = at(image, row, 2, row.getHeight() / 2);
            assertBackground(dark, background, id + " row " + row.getIndex());
            assertReadable(c, background, id + " cell");
        }
        Labeled header = (Labeled) table.lookup(".column-header .label");
        assertReadable(header, at(image, header.getParent(), 2, 2), id + " header");
        assertHeadersWhole(table);
        return crop(image, robot.lookup("#relationshipTabs").query());
    }

    /** How many utilization bars are in that state (a selector's pseudo-class does not narrow a lookup). */
    private static long fills(FxRobot robot, String state) {
        return robot.lookup(".utilization-fill").queryAll().stream().filter(Node::isVisible)
                .filter(n -> n.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass(state))).count();
    }

    @Test
    void theConfigurationTablesLightAndDark(FxRobot robot) throws Exception {
        open(robot, "dhcp-east", "configurationTab");
        TableView<?> subnets = robot.lookup("#configTable-subnets").queryAs(TableView.class);
        waitUntil(() -> subnets.getItems().size() == 5);
        for (Choice choice : List.of(Choice.LIGHT, Choice.DARK)) {
            theme(choice);
            boolean dark = choice == Choice.DARK;
            robot.interact(() -> robot.lookup("#config-subnets").queryAs(ToggleButton.class).fire());
            WaitForAsyncUtils.waitForFxEvents();
            // a bar for each subnet whose use the server said: amber when high, red when full
            assertEquals(4, robot.lookup(".utilization-bar").queryAll().stream().filter(Node::isVisible).count());
            assertEquals(1, fills(robot, "high"));
            assertEquals(1, fills(robot, "full"));
            WritableImage subnetsShot = configurationTable(robot, "#configTable-subnets", dark);

            robot.interact(() -> robot.lookup("#config-reservations").queryAs(ToggleButton.class).fire());
            TableView<?> reservations = robot.lookup("#configTable-reservations").queryAs(TableView.class);
            waitUntil(() -> reservations.getItems().size() == 6);
            WritableImage reservationsShot = configurationTable(robot, "#configTable-reservations", dark);
            String name = dark ? "tables-dark" : "tables-light";
            robot.interact(() -> SvgIcon.writePng(stacked(subnetsShot, reservationsShot), Shots.dir().resolve(name + ".png")));
            assertTrue(java.nio.file.Files.exists(Shots.dir().resolve(name + ".png")));
        }
    }

    @Test
    void theLeasesViewLightAndDarkWithTheDisagreementsStandingOut(FxRobot robot) throws Exception {
        open(robot, "dhcp-east", "leasesTab");
        TableView<?> table = robot.lookup("#leaseTable").queryAs(TableView.class);
        waitUntil(() -> table.getItems().size() == 8);
        // read at the window's "now", as the rest of the window tells time
        assertEquals("8 addresses shown; 4 disagreements in all subnets. Read at 09:26:53",
                robot.lookup("#leaseStatus").queryAs(Label.class).getText());
        for (Choice choice : List.of(Choice.LIGHT, Choice.DARK)) {
            theme(choice);
            boolean dark = choice == Choice.DARK;
            WritableImage image = snapshot(robot, stage.getScene());
            List<TableRow<?>> disagreeing = new ArrayList<>();
            List<TableRow<?>> agreeing = new ArrayList<>();
            for (Node n : table.lookupAll(".table-row-cell")) {
                if (!(n instanceof TableRow<?> r) || r.isEmpty() || r.getItem() == null) continue;
                (r.getStyleClass().contains("lease-disagreement") ? disagreeing : agreeing).add(r);
            }
            assertEquals(4, disagreeing.size(), "on east1 only, on east2 only, expiry and state");
            assertEquals(4, agreeing.size());
            for (TableRow<?> r : disagreeing) {
                Color highlight = at(image, r, 2, r.getHeight() / 2);
                assertBackground(dark, highlight, "a disagreement's row");
                for (TableRow<?> a : agreeing) {
                    Color plain = at(image, a, 2, a.getHeight() / 2);
                    double apart = Math.abs(highlight.getRed() - plain.getRed()) + Math.abs(highlight.getGreen() - plain.getGreen())
                            + Math.abs(highlight.getBlue() - plain.getBlue());
                    assertTrue(apart > 0.08, "the disagreement stands out: " + highlight + " beside " + plain);
                }
            }
            for (TableCell<?, ?> c : cellsWithText(table)) {
                TableRow<?> row = c.getTableRow();
                assertReadable(c, at(image, row, 2, row.getHeight() / 2), "lease cell");
            }
            assertHeadersWhole(table);
            robot.interact(() -> Shots.write(stage.getScene(), dark ? "leases-dark" : "leases-light"));
        }
    }

    @Test
    void theActivityTimelineLightAndDark(FxRobot robot) throws Exception {
        open(robot, "dhcp-east", "activityTab");
        waitUntil(() -> robot.lookup(".timeline-band").queryAll().size() == 8);
        for (Choice choice : List.of(Choice.LIGHT, Choice.DARK)) {
            theme(choice);
            boolean dark = choice == Choice.DARK;
            WritableImage image = snapshot(robot, stage.getScene());
            Node pane = robot.lookup("#activityPane").query();
            Color background = at(image, pane, 4, 4);
            assertBackground(dark, background, "the activity pane");
            Node timeline = robot.lookup("#activityTimeline").query();
            for (Node n : timeline.lookupAll(".timeline-tick-label")) assertReadable((Labeled) n, background, "a tick");
            for (Node n : robot.lookup(".activity-share").queryAll()) assertReadable((Labeled) n, background, "a share");
            assertReadable(robot.lookup("#failoverCount").queryAs(Label.class), background, "the failover count");
            for (Node n : robot.lookup(".activity-failover").queryAll()) assertReadable((Labeled) n, background, "a failover");
            robot.interact(() -> Shots.write(stage.getScene(), dark ? "timeline-dark" : "timeline-light"));

            // muted, the button says so in colours that still read
            ToggleButton mute = robot.lookup("#muteNotifications").queryAs(ToggleButton.class);
            robot.interact(mute::fire);
            waitUntil(() -> console.preferences().muted("dhcp-east") && mute.getStyleClass().contains("muted"));
            WritableImage muted = snapshot(robot, stage.getScene());
            assertEquals("Notifications muted", mute.getText());
            assertReadable(mute, at(muted, mute, 4, mute.getHeight() / 2), "the mute button");
            robot.interact(mute::fire);
            waitUntil(() -> !console.preferences().muted("dhcp-east"));
        }
    }

    /** The notifications on screen, each with the texts of its labels. */
    private static Map<PopupWindow, String> notifications() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Map<PopupWindow, String> out = new LinkedHashMap<>();
            for (Window w : Window.getWindows()) {
                if (!(w instanceof PopupWindow p) || !w.isShowing() || w.getScene() == null) continue;
                for (Node bar : w.getScene().getRoot().lookupAll(".notification-bar")) {
                    StringBuilder text = new StringBuilder();
                    for (Node n : bar.lookupAll(".label")) {
                        if (n instanceof Labeled l && l.getText() != null) text.append(l.getText()).append('\n');
                    }
                    out.put(p, text.toString());
                }
            }
            return out;
        }).get(5, TimeUnit.SECONDS);
    }

    private void answer(String relationship, PeerObservation... observations) {
        for (PeerObservation o : observations) console.probe.answer(relationship, o);
    }

    /** Polls, waits for dhcp-east's notification, checks it against the theme and writes its picture. */
    private void notified(FxRobot robot, boolean dark, String name) throws Exception {
        console.poller.pollOnce();
        RelationshipStatus now = console.poller.states().get("dhcp-east").status();
        String title = "dhcp-east: " + now.label();
        waitUntil(() -> notifications().values().stream().anyMatch(t -> t.startsWith(title)));
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS); // the popup fades in
        PopupWindow popup = notifications().entrySet().stream().filter(e -> e.getValue().startsWith(title))
                .findFirst().orElseThrow().getKey();
        assertTrue(notifications().get(popup).contains(" → " + now.label()), notifications().get(popup));
        Scene scene = popup.getScene();
        WritableImage image = snapshot(robot, scene);
        Node card = scene.getRoot().lookup(".notification-bar > .pane");
        Color background = at(image, card, 4, card.getLayoutBounds().getHeight() - 4);
        assertBackground(dark, background, "the notification");
        for (Node n : card.lookupAll(".label")) {
            if (!(n instanceof Labeled l) || l.getText() == null || l.getText().isBlank()) continue;
            assertReadable(l, background, "notification");
            // wrapped, not cut: every line of the reason is shown
            assertTrue(l.getHeight() + 0.5 >= l.prefHeight(l.getWidth()), l.getText() + ": " + l.getHeight());
        }
        // as wide as a desktop's notifications, however long the reason
        assertTrue(card.getLayoutBounds().getWidth() <= 440, "the card is " + card.getLayoutBounds().getWidth() + " wide");
        robot.interact(() -> Shots.write(scene, name));
        robot.interact(popup::hide); // the next one shows alone
    }

    @Test
    void aStatusChangeNotificationLightAndDark(FxRobot robot) throws Exception {
        open(robot, "dhcp-east", "activityTab");
        for (RelationshipState s : Fixtures.states(false, T0)) {
            for (PeerObservation o : s.peers().values()) console.probe.answer(s.relationship().name(), o);
        }
        console.poller.pollOnce(); // where the console starts from: nothing to tell
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(notifications().isEmpty(), notifications().toString());

        // the primary goes away and the secondary takes over
        answer("dhcp-east", PeerObservation.unreachable("east1", "Connection refused (10.1.0.11:8000)", T0),
                Fixtures.up("east2", "partner-down", "secondary", 0L, T0, "east1", "east2"));
        notified(robot, false, "notification-light");
        assertEquals(RelationshipStatus.IMPAIRED, console.poller.states().get("dhcp-east").status());

        theme(Choice.DARK);
        // then the secondary's DHCP daemon stops too
        answer("dhcp-east", PeerObservation.daemonDown("east2", "The Control Agent answers but kea-dhcp4 does not", T0));
        notified(robot, true, "notification-dark");
        assertEquals(RelationshipStatus.SERVICE_DOWN, console.poller.states().get("dhcp-east").status());
    }
}
