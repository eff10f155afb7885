package tandem.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

/** Text columns and labels shared by the console's panes. */
final class TableColumns {
    private TableColumns() {}

    static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setCellFactory(col -> tooltipWhenLong(new TableCell<>() {
            @Override protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
            }
        }, 12));
        fitHeader(c, width);
        return c;
    }

    /**
     * A cell whose text is long may be cut at the column's edge: its tooltip has all of it. The tooltip is made when
     * the pointer comes over the cell, not for every cell drawn (a tooltip is a popup: making one per cell made a
     * large table slow to show).
     */
    static <C extends javafx.scene.control.Cell<?>> C tooltipWhenLong(C cell, int longer) {
        cell.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e -> {
            String text = cell.getText();
            if (text == null || text.length() < longer) cell.setTooltip(null);
            else if (cell.getTooltip() == null) cell.setTooltip(new Tooltip(text));
            else cell.getTooltip().setText(text);
        });
        return cell;
    }

    /**
     * A column never gets narrower than its title, so headers are never cut off. Primer draws titles in bold 14 px
     * type with half an em each side, a border and a gap for the sort arrow: measured in regular weight with less
     * room, titles such as "Shared network" and "Client (MAC/DUID)" came out cut.
     */
    static void fitHeader(TableColumn<?, ?> c, double width) {
        javafx.scene.text.Text text = new javafx.scene.text.Text(c.getText() == null ? "" : c.getText());
        text.setFont(javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(),
                javafx.scene.text.FontWeight.BOLD, 14));
        double header = Math.ceil(text.getLayoutBounds().getWidth()) + 24;
        c.setMinWidth(header);
        c.setPrefWidth(Math.max(width, header));
    }

    static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("fact-key");
        return l;
    }

    static Label value(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("fact-value");
        return l;
    }

    /**
     * A reason, cause or check is often longer than the pane is wide: it wraps in full, never cut to "…" (wrapping
     * alone is not enough, as a label is otherwise allowed to shrink to one line).
     */
    static Label wrapped(Label l) {
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }
}
