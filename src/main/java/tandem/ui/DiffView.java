package tandem.ui;

import java.util.List;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

/**
 * A unified diff, one line per row in a monospace font: added lines green, removed lines red, hunk headers dim.
 * A list view, so a diff of a large configuration stays quick to show.
 */
public final class DiffView extends ListView<String> {
    private static final List<String> LINE_CLASSES = List.of("diff-added", "diff-removed", "diff-hunk", "diff-file");

    public DiffView(ObservableList<String> lines, String placeholder) {
        super(lines);
        getStyleClass().add("diff-view");
        setPlaceholder(new Label(placeholder));
        setFocusTraversable(false);
        setCellFactory(list -> new ListCell<>() {
            @Override protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll(LINE_CLASSES);
                if (empty || line == null) {
                    setText(null);
                    return;
                }
                setText(line);
                String style = styleOf(line);
                if (style != null) getStyleClass().add(style);
            }
        });
    }

    public static String styleOf(String line) {
        if (line.startsWith("+++") || line.startsWith("---")) return "diff-file";
        if (line.startsWith("@@")) return "diff-hunk";
        if (line.startsWith("+")) return "diff-added";
        if (line.startsWith("-")) return "diff-removed";
        return null;
    }
}
