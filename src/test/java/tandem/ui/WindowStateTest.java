package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.core.Preferences;
import tandem.core.desktop.DesktopSettings;
import tandem.store.DesktopSettingsFile;

/** The window's size, place, dividers and column widths survive a restart; a place on no screen is ignored. */
@ExtendWith(ApplicationExtension.class)
class WindowStateTest {
    @TempDir
    Path dataDir;
    private final List<TestConsole> consoles = new java.util.ArrayList<>();
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) {
        tasks = BackgroundTasks.forFx();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        consoles.forEach(TestConsole::close);
        tasks.close();
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Opens the console window as ConsoleApp does, over the given desktop settings. */
    private Stage open(FxRobot robot, DesktopSettings desktop) throws Exception {
        TestConsole console = new TestConsole(Fixtures.ALL, Fixtures.states(false, Fixtures.T0.minusSeconds(300)),
                Fixtures.history(), Preferences.defaults(), Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
        consoles.add(console);
        console.desktop = desktop;
        Stage[] out = new Stage[1];
        robot.interact(() -> {
            MainView view = new MainView(console, tasks, ZoneOffset.UTC, console.backendUis());
            Stage stage = new Stage();
            stage.setScene(view.scene(1200, 760));
            stage.setMinWidth(820);
            stage.setMinHeight(520);
            view.rememberWindow(stage);
            stage.show();
            view.viewModel().start(false);
            out[0] = stage;
        });
        TreeView<?> tree = (TreeView<?>) out[0].getScene().lookup("#serverTree");
        waitUntil(() -> tree.getRoot().getChildren().size() == 4);
        return out[0];
    }

    @Test
    void theWindowComesBackAsItWasClosed(FxRobot robot) throws Exception {
        DesktopSettingsFile file = new DesktopSettingsFile(dataDir);
        Stage first = open(robot, file);
        SplitPane upper = (SplitPane) first.getScene().lookup("#upperSplit");
        SplitPane main = (SplitPane) first.getScene().lookup("#mainSplit");
        TableView<?> peers = (TableView<?>) first.getScene().lookup("#peerTable");
        TableView<?> events = (TableView<?>) first.getScene().lookup("#eventTable");
        robot.interact(() -> {
            first.setX(40);
            first.setY(30);
            first.setWidth(1000);
            first.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            upper.setDividerPositions(0.4);
            main.setDividerPositions(0.55);
            peers.getColumns().get(2).setPrefWidth(260);
            events.getColumns().get(0).setPrefWidth(150);
        });
        WaitForAsyncUtils.waitForFxEvents();
        double peerUrl = peers.getColumns().get(2).getWidth();
        double eventFirst = events.getColumns().get(0).getWidth();
        assertEquals(260, peerUrl, 0.5);
        double upperAt = upper.getDividerPositions()[0], mainAt = main.getDividerPositions()[0];
        assertEquals(0.4, upperAt, 0.02);
        robot.interact(first::close);

        Path saved = file.file();
        assertTrue(Files.exists(saved));
        if (Files.getFileAttributeView(saved, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)),
                    "private to the user");
        }

        Stage second = open(robot, new DesktopSettingsFile(dataDir));
        assertEquals(40, second.getX(), 0.5);
        assertEquals(30, second.getY(), 0.5);
        assertEquals(1000, second.getWidth(), 0.5);
        assertEquals(700, second.getHeight(), 0.5);
        SplitPane upper2 = (SplitPane) second.getScene().lookup("#upperSplit");
        SplitPane main2 = (SplitPane) second.getScene().lookup("#mainSplit");
        waitUntil(() -> Math.abs(upper2.getDividerPositions()[0] - upperAt) < 0.01);
        assertEquals(mainAt, main2.getDividerPositions()[0], 0.01);
        assertNotEquals(0.27, upperAt, 0.05, "not the default");
        TableView<?> peers2 = (TableView<?>) second.getScene().lookup("#peerTable");
        TableView<?> events2 = (TableView<?>) second.getScene().lookup("#eventTable");
        assertEquals(peerUrl, peers2.getColumns().get(2).getWidth(), 0.5);
        assertEquals(eventFirst, events2.getColumns().get(0).getWidth(), 0.5);
    }

    /** The tabs' tables, in the window or not (a Configuration table not shown, the Leases tab not opened). */
    private static <T> T tab(Stage stage, Class<T> type) {
        javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) stage.getScene().lookup("#relationshipTabs");
        return tabs.getTabs().stream().map(javafx.scene.control.Tab::getUserData).filter(type::isInstance)
                .map(type::cast).findFirst().orElseThrow();
    }

    private static javafx.scene.control.TableColumn<?, ?> column(TableView<?> table, String title) {
        return table.getColumns().stream().filter(c -> c.getText().equals(title)).findFirst().orElseThrow();
    }

    @Test
    void theTabsTablesComeBackWithTheirColumnsWidthsOrderAndSort(FxRobot robot) throws Exception {
        DesktopSettingsFile file = new DesktopSettingsFile(dataDir);
        Stage first = open(robot, file);
        ConfigurationTab config = tab(first, ConfigurationTab.class);
        TableView<?> reservations = config.table(ConfigurationViewModel.Kind.RESERVATIONS);
        TableView<?> subnets = config.table(ConfigurationViewModel.Kind.SUBNETS);
        @SuppressWarnings("unchecked")
        TableView<Object> leases = (TableView<Object>) tab(first, LeasesTab.class).node().lookup("#leaseTable");
        robot.interact(() -> {
            column(reservations, "Host name").setPrefWidth(211);
            javafx.scene.control.TableColumn<?, ?> address = column(reservations, "Address");
            reservations.getColumns().remove(address);
            addFirst(reservations, address);
            javafx.scene.control.TableColumn<?, ?> identifier = column(reservations, "Identifier");
            identifier.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
            addSort(reservations, identifier);
            column(subnets, "Comment").setPrefWidth(233);
            column(leases, "Address").setPrefWidth(177);
            addSort(leases, column(leases, "Host name"));
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(first::close);
        assertTrue(file.load().get("columns.configTable-reservations").startsWith("col-address="),
                file.load().toString());

        Stage second = open(robot, new DesktopSettingsFile(dataDir));
        ConfigurationTab config2 = tab(second, ConfigurationTab.class);
        TableView<?> reservations2 = config2.table(ConfigurationViewModel.Kind.RESERVATIONS);
        TableView<?> subnets2 = config2.table(ConfigurationViewModel.Kind.SUBNETS);
        TableView<?> leases2 = (TableView<?>) tab(second, LeasesTab.class).node().lookup("#leaseTable");
        assertEquals(211, column(reservations2, "Host name").getWidth(), 0.5);
        assertEquals(List.of("Address", "Subnet", "Identifier", "Host name", "Name"),
                reservations2.getColumns().stream().map(javafx.scene.control.TableColumn::getText).toList());
        assertEquals(List.of("Identifier"), reservations2.getSortOrder().stream()
                .map(javafx.scene.control.TableColumn::getText).toList());
        assertEquals(javafx.scene.control.TableColumn.SortType.DESCENDING, reservations2.getSortOrder().get(0).getSortType());
        assertEquals(233, column(subnets2, "Comment").getWidth(), 0.5);
        assertEquals(177, column(leases2, "Address").getWidth(), 0.5);
        assertEquals(List.of("Host name"), leases2.getSortOrder().stream()
                .map(javafx.scene.control.TableColumn::getText).toList());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void addFirst(TableView table, javafx.scene.control.TableColumn column) {
        table.getColumns().add(0, column);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void addSort(TableView table, javafx.scene.control.TableColumn column) {
        table.getSortOrder().setAll(List.of(column));
    }

    @Test
    void aPlaceOnNoScreenIsIgnored(FxRobot robot) throws Exception {
        DesktopSettings desktop = DesktopSettings.inMemory();
        Map<String, String> v = new HashMap<>();
        v.put("window.x", "-30000");
        v.put("window.y", "-20000");
        v.put("window.width", "900");
        v.put("window.height", "600");
        v.put("theme", "LIGHT");
        desktop.save(v);
        Stage stage = open(robot, desktop);
        assertEquals(900, stage.getWidth(), 0.5, "the size is kept");
        assertNotEquals(-30000, stage.getX(), 0.5);
        Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        assertTrue(stage.getX() >= screen.getMinX() - 1 && stage.getX() < screen.getMaxX(), "on screen: " + stage.getX());
        assertTrue(stage.getY() >= screen.getMinY() - 1 && stage.getY() < screen.getMaxY(), "on screen: " + stage.getY());
    }

    @Test
    void damagedValuesLeaveTheDefaults(FxRobot robot) throws Exception {
        DesktopSettings desktop = DesktopSettings.inMemory();
        desktop.save(Map.of("window.width", "wide", "split.upperSplit", "1.5", "columns.peerTable", "1,2", "theme",
                "LIGHT"));
        Stage stage = open(robot, desktop);
        assertEquals(1200, stage.getWidth(), 0.5);
        SplitPane upper = (SplitPane) stage.getScene().lookup("#upperSplit");
        assertEquals(0.27, upper.getDividerPositions()[0], 0.05);
    }

    @Test
    void onSomeScreenNeedsTheTitleBarReachable() {
        List<Rectangle2D> two = List.of(new Rectangle2D(0, 0, 1920, 1080), new Rectangle2D(1920, 0, 1280, 1024));
        assertTrue(WindowState.onSomeScreen(100, 100, 800, 600, two));
        assertTrue(WindowState.onSomeScreen(2000, 50, 800, 600, two), "on the second monitor");
        assertFalse(WindowState.onSomeScreen(3300, 50, 800, 600, two), "right of both");
        assertFalse(WindowState.onSomeScreen(100, 1075, 800, 600, two), "title bar below the bottom");
        assertFalse(WindowState.onSomeScreen(-790, 100, 800, 600, two), "10 px showing is not enough");
        assertTrue(WindowState.onSomeScreen(-700, 100, 800, 600, two), "100 px showing is");
        assertFalse(WindowState.onSomeScreen(100, 100, 800, 600, List.of()));
    }
}
