package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.core.HaMode;
import tandem.core.PeerObservation;
import tandem.core.PeerRole;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;

/** A console with 300 relationships in its store shows every one, last known and marked so, before any poll. */
@ExtendWith(ApplicationExtension.class)
class CacheFirstTreeTest {
    private static final int COUNT = 300;
    private TestConsole console;
    private BackgroundTasks tasks;
    private MainView view;

    @Start
    void start(Stage stage) {
        List<Relationship> rels = new ArrayList<>();
        List<RelationshipState> lastKnown = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String name = String.format("branch-%03d", i);
            Relationship r = Fixtures.relationship(name, HaMode.HOT_STANDBY,
                    Fixtures.peer(name + "-a", PeerRole.PRIMARY, "10.9." + (i / 200) + "." + (i % 200 + 1)),
                    Fixtures.peer(name + "-b", PeerRole.STANDBY, "10.10." + (i / 200) + "." + (i % 200 + 1)));
            rels.add(r);
            java.time.Instant at = Fixtures.T0.minusSeconds(600);
            // every third one was impaired when last polled
            lastKnown.add(i % 3 == 0
                    ? Fixtures.state(r, false, at, PeerObservation.unreachable(name + "-a", "Connection refused", at),
                            Fixtures.up(name + "-b", "partner-down", "standby", 0L, at))
                    : Fixtures.state(r, false, at, Fixtures.up(name + "-a", "hot-standby", "primary", 0L, at),
                            Fixtures.up(name + "-b", "hot-standby", "standby", 0L, at)));
        }
        console = new TestConsole(rels, lastKnown, List.of(), Preferences.defaults(),
                Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
        tasks = BackgroundTasks.forFx();
        // as the console opens: the store is read while the window is built
        view = MainView.opening(console, tasks, ZoneOffset.UTC, console.backendUis());
        stage.setScene(view.scene(1200, 760));
        stage.show();
        view.viewModel().start(false); // no poll: what shows comes from the store alone
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        console.close();
        tasks.close();
    }

    @Test
    void everyRelationshipIsShownFromTheStoreBeforeTheFirstPoll(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> view.tree().getRoot().getChildren().size()).get() == COUNT);
        WaitForAsyncUtils.waitForFxEvents();
        List<ConsoleNode> rows = WaitForAsyncUtils.asyncFx(() -> view.tree().getRoot().getChildren().stream()
                .map(TreeItem::getValue).toList()).get(10, TimeUnit.SECONDS);
        assertEquals(COUNT, rows.size());
        int impaired = 0;
        for (int i = 0; i < COUNT; i++) {
            ConsoleNode.RelationshipItem r = (ConsoleNode.RelationshipItem) rows.get(i);
            assertEquals(String.format("branch-%03d", i), r.name());
            assertTrue(r.stale(), "last known, not confirmed: " + r.name());
            assertTrue(r.accessibleText().endsWith("last known, not confirmed"), r.accessibleText());
            assertEquals(i % 3 == 0 ? RelationshipStatus.IMPAIRED : RelationshipStatus.OK, r.status(), r.name());
            if (r.status() == RelationshipStatus.IMPAIRED) impaired++;
        }
        assertEquals(MainViewModel.NOT_POLLED, robot.lookup("#lastPoll").queryAs(Label.class).getText());
        assertEquals(impaired + " Impaired", robot.lookup("#count-status-impaired").queryAs(Label.class).getText());
        assertEquals((COUNT - impaired) + " OK", robot.lookup("#count-status-ok").queryAs(Label.class).getText());
        assertEquals(COUNT + " unconfirmed", robot.lookup("#count-unconfirmed").queryAs(Label.class).getText());
        List<TreeCell<?>> rendered = ConsoleTree.cells(robot, ".tree-cell.relationship-node");
        assertFalse(rendered.isEmpty());
        assertTrue(rendered.size() < COUNT, "only the rows in view are rendered: " + rendered.size());
        assertTrue(rendered.stream().allMatch(c -> c.getStyleClass().contains("stale")), "rendered as last known");

        console.poller.pollOnce(); // nothing answers: every relationship is confirmed unreachable
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#count-unconfirmed").tryQuery().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(COUNT + " Unreachable", robot.lookup("#count-status-unreachable").queryAs(Label.class).getText());
        assertTrue(ConsoleTree.cells(robot, ".tree-cell.relationship-node").stream()
                .noneMatch(c -> c.getStyleClass().contains("stale")));
    }
}
