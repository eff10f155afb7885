package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TreeView;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
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
import tandem.core.desktop.DesktopTheme.Choice;

/**
 * The main window, light and dark, with a few relationships polled: pictures for a person to look at, and the
 * checks a picture allows (dark panes are dark, their text light; light the other way round).
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleThemeShotsTest {
    private TestConsole console;
    private BackgroundTasks tasks;
    private MainView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        console = new TestConsole(Fixtures.ALL, Fixtures.states(false, Fixtures.T0.minusSeconds(300)),
                Fixtures.history(), Preferences.defaults(), Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
        console.desktop.save(java.util.Map.of(Appearance.KEY, "LIGHT"));
        tasks = BackgroundTasks.forFx();
        view = new MainView(console, tasks, ZoneOffset.UTC, console.backendUis());
        stage.setScene(view.scene(1200, 760));
        stage.setTitle("Tandem");
        stage.show();
        view.viewModel().start(false);
    }

    @AfterEach
    void tearDown() throws Exception {
        robotTheme(Choice.LIGHT);
        FxToolkit.cleanupStages();
        console.close();
        tasks.close();
    }

    private void robotTheme(Choice choice) throws Exception {
        org.testfx.api.FxToolkit.setupFixture(() -> view.appearance().choiceProperty().set(choice));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The colour at a point of the scene's picture, given in the node's own coordinates. */
    private static Color at(WritableImage image, Node node, double x, double y) {
        javafx.geometry.Point2D p = node.localToScene(x, y);
        return image.getPixelReader().getColor((int) p.getX(), (int) p.getY());
    }

    private void polledWithASelection(FxRobot robot) throws Exception {
        TreeView<ConsoleNode> tree = robot.lookup("#serverTree").queryAs(TreeView.class);
        waitUntil(() -> tree.getRoot().getChildren().size() == 4);
        for (RelationshipState s : Fixtures.states(false, Fixtures.T0)) {
            for (PeerObservation o : s.peers().values()) console.probe.answer(s.relationship().name(), o);
        }
        console.poller.pollOnce();
        waitUntil(() -> robot.lookup("#lastPoll").queryAs(Label.class).getText().startsWith("Last poll: "));
        robot.interact(() -> tree.getSelectionModel().select(tree.getRoot().getChildren().get(1)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theMainWindowReadsWellLightAndDark(FxRobot robot) throws Exception {
        polledWithASelection(robot);
        Node details = robot.lookup("#detailsPane").query();
        Label name = robot.lookup("#detailsName").queryAs(Label.class);
        Node treePane = robot.lookup("#serverTree").query();

        WritableImage[] light = new WritableImage[1];
        robot.interact(() -> light[0] = stage.getScene().snapshot(null));
        Color lightBackground = at(light[0], details, 4, 4);
        assertTrue(lightBackground.getBrightness() > 0.9, "light details: " + lightBackground);
        robot.interact(() -> Shots.write(stage.getScene(), "console-light"));

        robotTheme(Choice.DARK);
        WritableImage[] dark = new WritableImage[1];
        robot.interact(() -> dark[0] = stage.getScene().snapshot(null));
        Color darkBackground = at(dark[0], details, 4, 4);
        assertTrue(darkBackground.getBrightness() < 0.2, "dark details: " + darkBackground);
        Color treeBackground = at(dark[0], treePane, treePane.getLayoutBounds().getWidth() - 6,
                treePane.getLayoutBounds().getHeight() - 6);
        assertTrue(treeBackground.getBrightness() < 0.25, "dark tree: " + treeBackground);
        assertTrue(((Color) name.getTextFill()).getBrightness() > 0.8, "the title is light on dark: " + name.getTextFill());
        robot.interact(() -> Shots.write(stage.getScene(), "console-dark"));

        robot.push(javafx.scene.input.KeyCode.F1);
        waitUntil(() -> robot.lookup("#aboutDialog").tryQuery().isPresent());
        robot.interact(() -> Shots.write(robot.lookup("#aboutDialog").query().getScene(), "about-dark"));
        assertTrue(Files.exists(Shots.dir().resolve("console-dark.png")));
    }

    @Test
    void dialogsFollowTheTheme(FxRobot robot) throws Exception {
        polledWithASelection(robot);
        robotTheme(Choice.DARK);
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.COMMA);
        waitUntil(() -> robot.lookup("#prefTheme").tryQuery().isPresent());
        Scene prefs = robot.lookup("#prefTheme").query().getScene();
        robot.interact(() -> Shots.write(prefs, "preferences-dark"));
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = prefs.snapshot(null));
        Color corner = image[0].getPixelReader().getColor(3, 3);
        assertTrue(corner.getBrightness() < 0.25, "the dialog is dark too: " + corner);
        robot.interact(() -> ((Stage) prefs.getWindow()).close());

        console.auditStore.append(new tandem.core.port.AuditStore.AuditRecord(0, Fixtures.T0, "alice", "alice-laptop",
                "the console", "dhcp-east", "kea", "Reserve 10.10.0.61 for 02:bb:00:00:00:61",
                java.util.Map.of("east1", "applied", "east2", "applied"), "applied",
                "@@ -1,3 +1,3 @@\n   \"reservations\": [\n-    { \"ip-address\": \"10.10.0.60\" }\n"
                        + "+    { \"ip-address\": \"10.10.0.61\" }\n   ]", null));
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.A);
        waitUntil(() -> robot.lookup("#auditRelationship").tryQuery().isPresent());
        javafx.scene.control.TableView<?> table = robot.lookup("#auditTable").queryAs(javafx.scene.control.TableView.class);
        waitUntil(() -> table.getItems().size() == 1);
        robot.interact(() -> table.getSelectionModel().select(0));
        waitUntil(() -> robot.lookup("#auditDiff").tryQuery().isPresent()
                && !robot.lookup("#auditDiff").queryAs(javafx.scene.control.ListView.class).getItems().isEmpty());
        Scene audit = robot.lookup("#auditRelationship").query().getScene();
        robot.interact(() -> Shots.write(audit, "audit-dark"));
        robot.interact(() -> image[0] = audit.snapshot(null));
        Color auditCorner = image[0].getPixelReader().getColor(3, (int) audit.getHeight() - 3);
        assertTrue(auditCorner.getBrightness() < 0.25, "the audit window is dark too: " + auditCorner);
    }
}
