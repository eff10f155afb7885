package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
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
import tandem.core.Preferences;
import tandem.core.desktop.DesktopTheme.Choice;

/** The menu bar's entries and shortcuts, and the keyboard's way around the window. */
@ExtendWith(ApplicationExtension.class)
class MainMenuBarTest {
    private TestConsole console;
    private BackgroundTasks tasks;
    private MainView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        console = new TestConsole(Fixtures.ALL, Fixtures.states(false, Fixtures.T0.minusSeconds(300)),
                Fixtures.history(), Preferences.defaults(), Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
        // light, without asking this machine's desktop
        console.desktop.save(java.util.Map.of(Appearance.KEY, "LIGHT"));
        tasks = BackgroundTasks.forFx();
        view = new MainView(console, tasks, ZoneOffset.UTC, console.backendUis());
        stage.setScene(view.scene(1200, 760));
        stage.setTitle("Tandem");
        view.rememberWindow(stage);
        stage.show();
        view.viewModel().start(false);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        console.close();
        tasks.close();
    }

    @Test
    void aConsoleStartedOnTheDarkThemeIsDarkThroughout() throws Exception {
        String dark = getClass().getResource(Theme.DARK_STYLESHEET).toExternalForm();
        console.desktop.save(java.util.Map.of(Appearance.KEY, "DARK"));
        try {
            javafx.scene.Scene scene = WaitForAsyncUtils.asyncFx(() -> {
                MainView started = new MainView(console, tasks, ZoneOffset.UTC, console.backendUis());
                javafx.scene.Scene s = started.scene(800, 600);
                started.dispose();
                return s;
            }).get();
            // the console's dark colours with the dark base theme, not the light ones over it
            assertTrue(scene.getStylesheets().contains(dark), scene.getStylesheets().toString());
            assertTrue(Theme.dark());
        } finally {
            WaitForAsyncUtils.asyncFx(() -> Theme.use(false)).get();
        }
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TreeView<ConsoleNode> treeReady(FxRobot robot) throws Exception {
        TreeView<ConsoleNode> tree = robot.lookup("#serverTree").queryAs(TreeView.class);
        waitUntil(() -> tree.getRoot().getChildren().size() == 4);
        robot.interact(tree::requestFocus);
        return tree;
    }

    private MenuItem item(String id) {
        return view.menuBar().items().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow(() ->
                new AssertionError("no menu item " + id));
    }

    @Test
    void everyEntryHasItsOwnShortcutAndTheSceneKnowsIt(FxRobot robot) throws Exception {
        treeReady(robot);
        List<String> menus = view.menuBar().node().getMenus().stream().map(m -> m.getText().replace("_", "")).toList();
        assertEquals(List.of("File", "Edit", "View", "Server", "Relationship", "Help"), menus);
        Set<KeyCombination> seen = new HashSet<>();
        int checked = 0;
        for (MenuItem i : view.menuBar().items()) {
            if (i instanceof Menu || "menuRelationship".equals(i.getParentMenu().getId())) continue;
            assertNotNull(i.getAccelerator(), i.getId() + " has a shortcut");
            assertTrue(seen.add(i.getAccelerator()), i.getId() + ": its shortcut is its own: " + i.getAccelerator());
            assertTrue(stage.getScene().getAccelerators().containsKey(i.getAccelerator()),
                    i.getId() + ": the window reacts to " + i.getAccelerator().getDisplayText());
            assertNotNull(i.getOnAction(), i.getId() + " does something");
            checked++;
        }
        assertTrue(checked >= 14, "entries checked: " + checked);
        for (String id : List.of("menu-openAddServer", "menuPreferences", "menuQuit", "menuFindClient", "menuRefresh",
                "menuAudit", "menuTab-detailsTab", "menuTab-configurationTab", "menuTab-leasesTab",
                "menuTab-activityTab", "menuTheme-desktop", "menuTheme-light", "menuTheme-dark", "menuAddServer",
                "menuRemoveServer", "menuAbout")) {
            item(id);
        }
        assertEquals("Shortcut+3", item("menuTab-leasesTab").getAccelerator().getName());
        assertEquals("F5", item("menuRefresh").getAccelerator().getName());
        assertEquals("Delete", item("menuRemoveServer").getAccelerator().getName());
        assertEquals("Shortcut+F", item("menuFindClient").getAccelerator().getName());
    }

    @Test
    void shortcutsSelectTheRelationshipTabs(FxRobot robot) throws Exception {
        treeReady(robot);
        TabPane tabs = robot.lookup("#relationshipTabs").queryAs(TabPane.class);
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT3);
        waitUntil(() -> "leasesTab".equals(tabs.getSelectionModel().getSelectedItem().getId()));
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT4);
        waitUntil(() -> "activityTab".equals(tabs.getSelectionModel().getSelectedItem().getId()));
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        waitUntil(() -> "configurationTab".equals(tabs.getSelectionModel().getSelectedItem().getId()));
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);
        waitUntil(() -> "detailsTab".equals(tabs.getSelectionModel().getSelectedItem().getId()));
    }

    @Test
    void f5PollsEveryServerNow(FxRobot robot) throws Exception {
        treeReady(robot);
        assertEquals(MainViewModel.NOT_POLLED, robot.lookup("#lastPoll").queryAs(Label.class).getText());
        robot.push(KeyCode.F5);
        waitUntil(() -> robot.lookup("#lastPoll").queryAs(Label.class).getText().startsWith("Last poll: "));
    }

    @Test
    void deleteAsksBeforeRemovingTheSelectedServer(FxRobot robot) throws Exception {
        TreeView<ConsoleNode> tree = treeReady(robot);
        robot.clickOn((Label l) -> "branch-north".equals(l.getText()));
        robot.push(KeyCode.DELETE);
        waitUntil(() -> robot.lookup("#confirmRemove").tryQuery().isPresent());
        robot.clickOn("Remove");
        waitUntil(() -> tree.getRoot().getChildren().size() == 3);
        assertTrue(console.inventory().server("branch-north").isEmpty());
        assertEquals(1, Window.getWindows().size(), "asked once, not once by the tree and again by the menu");
    }

    @Test
    void theRemoveEntryIsGreyedWithoutASelectionOrTheBit(FxRobot robot) throws Exception {
        treeReady(robot);
        waitUntil(() -> !item("menuRemoveServer").isDisable());
        console.refusals = (bit, server) -> bit == tandem.core.access.Permission.ADMINISTER_DHCP_SERVERS
                ? java.util.Optional.of("no") : java.util.Optional.empty();
        robot.clickOn((Label l) -> "branch-north".equals(l.getText()));
        waitUntil(() -> item("menuRemoveServer").isDisable());
    }

    @Test
    void theRelationshipMenuOffersWhatTheContextMenuOffersGreyedWhereRefused(FxRobot robot) throws Exception {
        treeReady(robot);
        waitUntil(() -> "dhcp-east".equals(robot.lookup("#detailsName").queryAs(Label.class).getText()));
        console.refusals = (bit, server) -> bit == tandem.core.access.Permission.DHCP_ADMINISTRATOR
                ? java.util.Optional.of("bob lacks dhcp-administrator") : java.util.Optional.empty();
        robot.interact(() -> view.menuBar().fillRelationshipMenu());
        Menu menu = view.menuBar().node().getMenus().get(4);
        ContextMenu[] context = new ContextMenu[1];
        robot.interact(() -> context[0] = view.relationshipMenu("dhcp-east"));
        List<String> expected = context[0].getItems().stream().map(MenuItem::getId).filter(java.util.Objects::nonNull)
                .toList();
        List<String> shown = menu.getItems().stream().map(MenuItem::getId).filter(java.util.Objects::nonNull).toList();
        assertEquals(expected, shown);
        assertTrue(shown.stream().anyMatch(id -> id.startsWith("ha-")), "HA actions: " + shown);
        assertTrue(menu.getItems().stream().filter(i -> i.getId() != null && i.getId().startsWith("ha-"))
                .allMatch(MenuItem::isDisable), "greyed for a member without the bit");
        assertTrue(menu.getItems().stream().filter(i -> i.getId() != null && !i.getId().startsWith("ha-"))
                .anyMatch(i -> !i.isDisable()), "the rest stays usable");

        robot.interact(() -> robot.lookup("#serverTree").query().requestFocus());
        robot.interact(() -> view.tree().getSelectionModel().clearSelection());
        robot.interact(() -> view.menuBar().fillRelationshipMenu());
        assertEquals("menuRelationshipNone", menu.getItems().get(0).getId());
    }

    @Test
    void shiftF10OpensTheSelectedRelationshipsMenuAndEnterFocusesItsDetails(FxRobot robot) throws Exception {
        treeReady(robot);
        waitUntil(() -> "dhcp-east".equals(robot.lookup("#detailsName").queryAs(Label.class).getText()));
        robot.push(KeyCode.SHIFT, KeyCode.F10);
        waitUntil(() -> Window.getWindows().stream().anyMatch(w -> w instanceof ContextMenu c && c.isShowing()
                && "haActions".equals(c.getId())));
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> Window.getWindows().stream().noneMatch(w -> w instanceof ContextMenu c && c.isShowing()));

        TabPane tabs = robot.lookup("#relationshipTabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(2));
        robot.interact(() -> robot.lookup("#serverTree").query().requestFocus());
        robot.push(KeyCode.ENTER);
        waitUntil(() -> "detailsTab".equals(tabs.getSelectionModel().getSelectedItem().getId()));
        TableView<?> peers = robot.lookup("#peerTable").queryAs(TableView.class);
        waitUntil(peers::isFocused);
        // Tab moves on from the details and back round to the tree
        assertTrue(robot.lookup("#serverTree").query().isFocusTraversable());
        assertTrue(peers.isFocusTraversable());
        assertTrue(robot.lookup("#eventTable").query().isFocusTraversable());
    }

    @Test
    void theThemeSwitchesToDarkAndBack(FxRobot robot) throws Exception {
        treeReady(robot);
        String dark = getClass().getResource(Theme.DARK_STYLESHEET).toExternalForm();
        assertFalse(stage.getScene().getStylesheets().contains(dark));
        assertEquals(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet(),
                Application.getUserAgentStylesheet());
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D);
        waitUntil(() -> stage.getScene().getStylesheets().contains(dark));
        assertEquals(new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet(), Application.getUserAgentStylesheet());
        assertEquals(Choice.DARK, view.appearance().choiceProperty().get());
        assertEquals("DARK", console.desktop.load().get(Appearance.KEY), "kept for the next start");
        assertTrue(((javafx.scene.control.RadioMenuItem) item("menuTheme-dark")).isSelected());

        robot.interact(() -> item("menuTheme-light").fire());
        waitUntil(() -> !stage.getScene().getStylesheets().contains(dark));
        assertEquals(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet(),
                Application.getUserAgentStylesheet());
        assertTrue(stage.getScene().getStylesheets().contains(getClass().getResource(Theme.STYLESHEET).toExternalForm()));
    }

    @Test
    void thePreferencesDialogChangesTheThemeAtOnce(FxRobot robot) throws Exception {
        treeReady(robot);
        robot.push(KeyCode.CONTROL, KeyCode.COMMA);
        waitUntil(() -> robot.lookup("#prefTheme").tryQuery().isPresent());
        javafx.scene.control.ChoiceBox<Choice> box = robot.lookup("#prefTheme").queryAs(javafx.scene.control.ChoiceBox.class);
        assertEquals(Choice.LIGHT, box.getValue());
        robot.interact(() -> box.setValue(Choice.DARK));
        String dark = getClass().getResource(Theme.DARK_STYLESHEET).toExternalForm();
        waitUntil(() -> stage.getScene().getStylesheets().contains(dark)
                && box.getScene().getStylesheets().contains(dark));
        robot.interact(() -> box.setValue(Choice.LIGHT));
        waitUntil(() -> !box.getScene().getStylesheets().contains(dark));
    }

    @Test
    void aboutShowsTheVersionAndTheLicences(FxRobot robot) throws Exception {
        treeReady(robot);
        robot.push(KeyCode.F1);
        waitUntil(() -> robot.lookup("#aboutDialog").tryQuery().isPresent());
        assertEquals("development build", robot.lookup("#aboutVersion").queryAs(Label.class).getText(),
                "run from classes");
        assertEquals(System.getProperty("java.version"),
                robot.lookup("#aboutJava").queryAs(Label.class).getText().split(" ")[0]);
        assertTrue(robot.lookup("#aboutJavaFx").queryAs(Label.class).getText().startsWith("21"));
        TableView<AboutDialog.Library> table = robot.lookup("#aboutLicences").queryAs(TableView.class);
        assertEquals(AboutDialog.libraries(), table.getItems());
        assertTrue(table.getItems().stream().anyMatch(l -> l.name().equals("io.github.mkpaz:atlantafx-base")
                && l.licence().contains("MIT")));
        robot.interact(() -> Shots.write(robot.lookup("#aboutDialog").query().getScene(), "about"));
    }

    @Test
    void quitClosesTheWindow(FxRobot robot) throws Exception {
        treeReady(robot);
        robot.push(KeyCode.CONTROL, KeyCode.Q);
        waitUntil(() -> !stage.isShowing());
        assertTrue(console.desktop.load().containsKey("window.width"), "the window's place was kept as it closed");
    }
}
