package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import tandem.core.config.ConfigRow;
import tandem.core.config.ConfigTables;
import tandem.ui.ConfigurationViewModel.Kind;

/**
 * A large table shown for the first time makes its lines a few each frame, not a screenful in one, and ends up as
 * it would have been: rows down to its bottom, its padding as styled, sorting by a column as before.
 */
@ExtendWith(ApplicationExtension.class)
class ConfigurationTabFillTest {
    private BackgroundTasks tasks;
    private ConfigurationViewModel vm;
    private ConfigurationTab tab;
    private Scene scene;

    private static ConfigTables tables() {
        List<ConfigRow.Subnet> subnets = new ArrayList<>();
        List<ConfigRow.Reservation> reservations = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String net = "10." + (10 + i / 256) + "." + (i % 256);
            subnets.add(new ConfigRow.Subnet(net + ".0/24", String.valueOf(i + 1), null, 1, 1, 101L, (long) (i % 102), null));
            reservations.add(new ConfigRow.Reservation(net + ".0/24", "hw-address 02:00:00:00:" + String.format("%02x:%02x", i / 256, i % 256),
                    net + ".10", "host-" + i, null));
        }
        return new ConfigTables("big", "server1", Instant.now(), subnets, List.of(), reservations, List.of(), List.of(), List.of());
    }

    @Start
    void start(Stage stage) {
        tasks = BackgroundTasks.forFx();
        ConfigTables read = tables();
        vm = new ConfigurationViewModel(tasks, name -> Optional.of(new ConfigurationViewModel.Reading("server1", () -> read)));
        tab = new ConfigurationTab(vm, new ConsoleContext(null, null, tasks, null, null, () -> { }), Map.of());
        scene = new Scene((javafx.scene.Parent) tab.node(), 1000, 700);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        tasks.close();
    }

    /** The scene graph is read on the FX thread only. */
    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static List<TableRow<?>> filledRows(TableView<?> table) {
        return table.lookupAll(".table-row-cell").stream().filter(n -> n instanceof TableRow<?> r && r.isVisible()
                && !r.isEmpty()).<TableRow<?>>map(n -> (TableRow<?>) n).toList();
    }

    private static boolean full(TableView<?> table) {
        return table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow && flow.isVisible()
                && table.getHeight() - flow.getBoundsInParent().getMaxY() <= 3;
    }

    @Test
    void aLargeTableFillsAFewLinesAFrameThenShowsAsBefore(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        TableView<ConfigRow> subnets = tab.table(Kind.SUBNETS);
        Insets styled = subnets.getPadding();
        CompletableFuture<Integer> firstFrame = new CompletableFuture<>();
        robot.interact(() -> {
            vm.tablesProperty().addListener((o, was, now) -> {
                Runnable[] once = new Runnable[1];
                once[0] = () -> {
                    scene.removePostLayoutPulseListener(once[0]);
                    firstFrame.complete(filledRows(subnets).size());
                };
                scene.addPostLayoutPulseListener(once[0]);
            });
            vm.show("big");
        });
        int first = firstFrame.get(20, TimeUnit.SECONDS);
        assertTrue(first > 0 && first <= 5, "the first frame after the read makes a few lines: " + first);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> full(subnets) && subnets.getPadding().equals(styled)));
        int lines = onFx(() -> filledRows(subnets).size());
        assertTrue(lines >= 20, "then the whole height: " + lines + " lines");
        assertEquals(2000, subnets.getItems().size());

        // sorting by a column works as before: descending by subnet puts the last one first
        robot.interact(() -> {
            TableColumn<ConfigRow, ?> subnet = subnets.getColumns().get(0);
            subnet.setSortType(TableColumn.SortType.DESCENDING);
            subnets.getSortOrder().setAll(List.of(subnet));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("10.17.207.0/24", ((ConfigRow.Subnet) subnets.getItems().get(0)).subnet());
        assertEquals("10.17.207.0/24", onFx(() -> ((ConfigRow.Subnet) filledRows(subnets).stream()
                .filter(r -> r.getIndex() == 0).findFirst().orElseThrow().getItem()).subnet()));

        // another table shown for the first time fills the same way, and the first one is not filled again
        robot.interact(() -> vm.shownProperty().set(Kind.RESERVATIONS));
        TableView<ConfigRow> reservations = tab.table(Kind.RESERVATIONS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> full(reservations) && filledRows(reservations).size() >= 20));
        robot.interact(() -> vm.shownProperty().set(Kind.SUBNETS));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(styled, subnets.getPadding());
        assertTrue(onFx(() -> full(subnets)));
    }
}
