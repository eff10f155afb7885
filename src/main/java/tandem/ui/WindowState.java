package tandem.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import tandem.core.desktop.DesktopSettings;

/**
 * The main window's size and place, its split dividers and its tables' columns (widths, order, sort), saved when the
 * window closes and put back on the next start. A place on no screen (a monitor since unplugged) is ignored: the
 * window is then centred on the main screen. The tables are those found in the window by id and those the tabs hand
 * over, which are not always in the window (a Configuration table not shown, a tab not opened yet).
 */
final class WindowState {
    /** The split panes and tables remembered, by id. */
    static final List<String> SPLITS = List.of("upperSplit", "mainSplit");
    static final List<String> TABLES = List.of("peerTable", "eventTable");
    /** How much of the window must show on a screen to count as on it: enough to grab its title bar. */
    private static final double VISIBLE = 48;

    private final DesktopSettings settings;
    private final List<ColumnLayout.Remembered> tabTables;

    WindowState(DesktopSettings settings) {
        this(settings, List.of());
    }

    WindowState(DesktopSettings settings, List<ColumnLayout.Remembered> tabTables) {
        this.settings = settings;
        this.tabTables = List.copyOf(tabTables);
    }

    /** Puts back what was saved and saves again when the window closes; call before the stage is shown. */
    void attach(Stage stage, Parent root) {
        restore(stage, root);
        // dividers are fractions of the final size, and a tab's content joins the scene with the tab pane's skin:
        // put both back once the window is on screen
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> javafx.application.Platform.runLater(() -> {
            root.applyCss();
            root.layout();
            restoreLayout(root, settings.load());
        }));
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> save(stage, root));
    }

    void restore(Stage stage, Parent root) {
        Map<String, String> v = settings.load();
        double w = num(v.get("window.width")), h = num(v.get("window.height"));
        if (w >= 200 && h >= 150) {
            stage.setWidth(Math.max(w, stage.getMinWidth()));
            stage.setHeight(Math.max(h, stage.getMinHeight()));
        }
        double x = num(v.get("window.x")), y = num(v.get("window.y"));
        double width = Double.isNaN(w) ? 1200 : w, height = Double.isNaN(h) ? 760 : h;
        if (!Double.isNaN(x) && !Double.isNaN(y) && onSomeScreen(x, y, width, height, screens())) {
            stage.setX(x);
            stage.setY(y);
        }
        if ("true".equals(v.get("window.maximized"))) stage.setMaximized(true);
        restoreLayout(root, v);
    }

    private void restoreLayout(Parent root, Map<String, String> v) {
        for (ColumnLayout.Remembered table : tables(root)) {
            String widths = v.get("columns." + table.id());
            if (widths != null && !widths.contains("=") && root.lookup("#" + table.id()) instanceof TableView<?> t) {
                restoreByPlace(t, nums(widths)); // saved by an earlier version: widths in the columns' order
            } else {
                table.restore(ColumnLayout.parse(widths, v.get("sort." + table.id())));
            }
        }
        for (String id : SPLITS) {
            if (root.lookup("#" + id) instanceof SplitPane split) {
                double[] positions = nums(v.get("split." + id));
                if (positions.length == split.getDividers().size() && valid(positions)) {
                    split.setDividerPositions(positions);
                }
            }
        }
    }

    void save(Stage stage, Parent root) {
        Map<String, String> v = new HashMap<>(settings.load());
        v.put("window.maximized", Boolean.toString(stage.isMaximized()));
        if (!stage.isMaximized() && !stage.isIconified()) {
            v.put("window.x", fmt(stage.getX()));
            v.put("window.y", fmt(stage.getY()));
            v.put("window.width", fmt(stage.getWidth()));
            v.put("window.height", fmt(stage.getHeight()));
        }
        for (String id : SPLITS) {
            if (root.lookup("#" + id) instanceof SplitPane split) v.put("split." + id, join(split.getDividerPositions()));
        }
        for (ColumnLayout.Remembered table : tables(root)) {
            ColumnLayout layout = table.layout();
            if (layout.widths().isEmpty()) continue;
            v.put("columns." + table.id(), layout.widthsText());
            if (layout.sort().isEmpty()) v.remove("sort." + table.id());
            else v.put("sort." + table.id(), layout.sortText());
        }
        settings.save(v);
    }

    /** The window's own tables, then the tabs'. */
    private List<ColumnLayout.Remembered> tables(Parent root) {
        List<ColumnLayout.Remembered> out = new ArrayList<>();
        for (String id : TABLES) {
            if (root.lookup("#" + id) instanceof TableView<?> table) out.add(ColumnLayout.Remembered.of(table));
        }
        out.addAll(tabTables);
        return out;
    }

    private static void restoreByPlace(TableView<?> table, double[] widths) {
        List<? extends TableColumn<?, ?>> columns = table.getColumns();
        if (widths.length != columns.size()) return; // the table changed since: its defaults
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] >= 10 && widths[i] <= 4000) columns.get(i).setPrefWidth(widths[i]);
        }
    }

    private static List<Rectangle2D> screens() {
        List<Rectangle2D> out = new ArrayList<>();
        for (Screen s : Screen.getScreens()) out.add(s.getVisualBounds());
        return out;
    }

    /** Whether enough of a window at this place shows on one of the screens to be reached with the mouse. */
    static boolean onSomeScreen(double x, double y, double width, double height, List<Rectangle2D> screens) {
        // the title bar: the window's top strip
        Rectangle2D top = new Rectangle2D(x, y, Math.max(1, width), Math.max(1, Math.min(height, VISIBLE)));
        for (Rectangle2D s : screens) {
            double w = Math.min(top.getMaxX(), s.getMaxX()) - Math.max(top.getMinX(), s.getMinX());
            double h = Math.min(top.getMaxY(), s.getMaxY()) - Math.max(top.getMinY(), s.getMinY());
            if (w >= VISIBLE && h >= Math.min(VISIBLE, top.getHeight()) / 2) return true;
        }
        return false;
    }

    private static boolean valid(double[] positions) {
        for (double p : positions) if (!(p > 0.02 && p < 0.98)) return false;
        return true;
    }

    private static double num(String s) {
        if (s == null) return Double.NaN;
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double[] nums(String s) {
        if (s == null || s.isBlank()) return new double[0];
        String[] parts = s.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = num(parts[i]);
            if (Double.isNaN(out[i])) return new double[0];
        }
        return out;
    }

    private static String join(double[] values) {
        StringBuilder b = new StringBuilder();
        for (double d : values) {
            if (b.length() > 0) b.append(',');
            b.append(fmt(d));
        }
        return b.toString();
    }

    private static String fmt(double d) {
        return String.format(java.util.Locale.ROOT, "%.4f", d).replaceAll("\\.?0+$", "");
    }
}
