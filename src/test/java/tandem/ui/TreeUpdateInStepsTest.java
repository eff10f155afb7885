package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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

/**
 * A poll that changes more rows than the tree updates in one step (1,200 relationships, 3,600 rows) reaches every row,
 * and a poll arriving while the rows are still being updated is the one that shows.
 */
@ExtendWith(ApplicationExtension.class)
class TreeUpdateInStepsTest {
    private static final int COUNT = 1_200;

    private TestConsole console;
    private BackgroundTasks tasks;
    private MainView view;
    private final List<Relationship> rels = new ArrayList<>();

    @Start
    void start(Stage stage) {
        List<RelationshipState> lastKnown = new ArrayList<>();
        Instant at = Fixtures.T0.minusSeconds(600);
        for (int i = 0; i < COUNT; i++) {
            String name = String.format("branch-%04d", i);
            Relationship r = Fixtures.relationship(name, HaMode.HOT_STANDBY,
                    Fixtures.peer(name + "-a", PeerRole.PRIMARY, "10.9." + (i / 200) + "." + (i % 200 + 1)),
                    Fixtures.peer(name + "-b", PeerRole.STANDBY, "10.10." + (i / 200) + "." + (i % 200 + 1)));
            rels.add(r);
            lastKnown.add(Fixtures.state(r, false, at, Fixtures.up(name + "-a", "hot-standby", "primary", 0L, at),
                    Fixtures.up(name + "-b", "hot-standby", "standby", 0L, at)));
        }
        console = new TestConsole(rels, lastKnown, List.of(), Preferences.defaults(), Clock.systemUTC());
        tasks = BackgroundTasks.forFx();
        view = MainView.opening(console, tasks, ZoneOffset.UTC, console.backendUis());
        stage.setScene(view.scene(1200, 760));
        stage.show();
        view.viewModel().start(false);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        console.close();
        tasks.close();
    }

    private void answerAll(boolean primaryUp) {
        Instant now = Instant.now();
        for (Relationship r : rels) {
            String a = r.name() + "-a";
            console.probe.answer(r.name(), primaryUp ? Fixtures.up(a, "hot-standby", "primary", 0L, now)
                    : PeerObservation.unreachable(a, "Connection refused", now));
            console.probe.answer(r.name(), Fixtures.up(r.name() + "-b", primaryUp ? "hot-standby" : "partner-down",
                    "standby", 0L, now));
        }
    }

    /** The rows as the tree's items hold them now, relationships only. */
    private List<ConsoleNode.RelationshipItem> rows() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> view.tree().getRoot().getChildren().stream().map(TreeItem::getValue)
                .map(ConsoleNode.RelationshipItem.class::cast).toList()).get(10, TimeUnit.SECONDS);
    }

    private boolean every(RelationshipStatus status) throws Exception {
        List<ConsoleNode.RelationshipItem> rows = rows();
        return rows.size() == COUNT && rows.stream().allMatch(r -> !r.stale() && r.status() == status);
    }

    @Test
    void everyRowChangedByAPollIsUpdatedAndTheNewestPollWins() throws Exception {
        assertTrue(COUNT > TreePane.ROWS_PER_STEP, "more rows than one step updates");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> rows().size() == COUNT);

        answerAll(true);
        console.poller().refresh();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> every(RelationshipStatus.OK));

        // two polls one after the other: the second arrives while the first's rows may still be going in
        answerAll(true);
        console.poller().refresh();
        answerAll(false);
        console.poller().refresh();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> every(RelationshipStatus.IMPAIRED));
        // and stays so: no step left over from the earlier poll puts an OK back
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(every(RelationshipStatus.IMPAIRED));
        List<ConsoleNode.RelationshipItem> rows = rows();
        assertEquals(COUNT, rows.stream().filter(r -> r.status() == RelationshipStatus.IMPAIRED).count());
    }
}
