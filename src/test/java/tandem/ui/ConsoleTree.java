package tandem.ui;


import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.input.ContextMenuEvent;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Finding rows of the console's server tree and opening their context menus, for TestFX tests. */
public final class ConsoleTree {
    private ConsoleTree() {}

    /**
     * The rendered rows matching a CSS query (empty cells of the virtual flow left out). Looked up on the FX thread:
     * a lookup walks every node's children, and a table or tree adding cells in that moment broke a walk from another
     * thread.
     */
    public static List<TreeCell<?>> cells(FxRobot robot, String query) {
        if (javafx.application.Platform.isFxApplicationThread()) return rendered(robot, query);
        try {
            return WaitForAsyncUtils.asyncFx(() -> rendered(robot, query)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not look up " + query, e);
        }
    }

    private static List<TreeCell<?>> rendered(FxRobot robot, String query) {
        List<TreeCell<?>> out = new ArrayList<>();
        for (TreeCell<?> c : robot.lookup(query).queryAllAs(TreeCell.class)) {
            if (c.getItem() != null) out.add(c);
        }
        return out;
    }

    /** The first row matching; waits for it, since a poll may be re-rendering the tree at that moment. */
    public static TreeCell<?> cell(FxRobot robot, String query) throws Exception {
        AtomicReference<TreeCell<?>> found = new AtomicReference<>();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            List<TreeCell<?>> all = cells(robot, query);
            if (!all.isEmpty()) found.set(all.get(0));
            return !all.isEmpty();
        });
        return found.get();
    }

    /** The HA state the tree shows for a peer, or "" while it shows none. */
    public static String haState(FxRobot robot, String peer) {
        return cells(robot, ".peer-node").stream().map(c -> (ConsoleNode.PeerItem) c.getItem())
                .filter(p -> p.peer().name().equals(peer) && p.observation() != null && p.observation().haState() != null)
                .map(p -> p.observation().haState()).findFirst().orElse("");
    }

    /**
     * Right-clicks the row. Headless Monocle does not turn a secondary click into the context-menu request a desktop
     * platform sends, so the request is then delivered to the row the same way JavaFX would. The row is looked up
     * again each time: a poll may re-render the tree between two steps.
     */
    public static void openContextMenu(FxRobot robot, String query) throws Exception {
        robot.rightClickOn(cell(robot, query));
        WaitForAsyncUtils.waitForFxEvents();
        if (!contextMenuShowing()) {
            TreeCell<?> cell = cell(robot, query);
            robot.interact(() -> {
                Bounds b = cell.localToScreen(cell.getBoundsInLocal());
                cell.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 20, b.getHeight() / 2,
                        b.getMinX() + 20, b.getCenterY(), false, null));
            });
        }
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, ConsoleTree::contextMenuShowing);
    }

    /** The item of an open context menu whose label reads exactly {@code text}. */
    public static Optional<Node> menuItem(FxRobot robot, String text) {
        return robot.lookup(".menu-item").match((Node n) -> n.lookupAll(".label").stream()
                .anyMatch(l -> l instanceof Label label && text.equals(label.getText()))).tryQuery();
    }

    private static boolean contextMenuShowing() {
        return Window.getWindows().stream().anyMatch(w -> w instanceof ContextMenu && w.isShowing());
    }
}
