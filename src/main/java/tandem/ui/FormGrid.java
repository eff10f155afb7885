package tandem.ui;

import javafx.beans.value.ObservableStringValue;
import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * A two-column form: right-aligned labels, inputs, and under each input a line for its message, so every
 * message appears at the field it concerns and the rows line up.
 */
public final class FormGrid extends GridPane {
    private int row;

    public FormGrid() {
        getStyleClass().add("form-grid");
        setHgap(10);
        setVgap(0);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHalignment(HPos.RIGHT);
        labels.setMinWidth(USE_PREF_SIZE);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        inputs.setFillWidth(true);
        getColumnConstraints().addAll(labels, inputs);
    }

    /** A section heading across both columns. */
    public void section(String title) {
        Label heading = new Label(title);
        heading.getStyleClass().add("form-section");
        GridPane.setHalignment(heading, HPos.LEFT);
        add(heading, 0, row++, 2, 1);
    }

    /** An input with its label; {@code problem} (may be null) is shown beneath it in a line of its own. */
    public Label field(String label, Node input, Control labelFor, ObservableStringValue problem, String messageId) {
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        if (labelFor != null) l.setLabelFor(labelFor);
        GridPane.setValignment(l, VPos.CENTER);
        add(l, 0, row);
        add(input, 1, row++);
        Label message = new Label();
        message.setId(messageId);
        message.getStyleClass().add("field-message");
        message.setWrapText(true);
        // the input, not a long message, sets the column's width; the row then grows to fit the wrapped text
        message.setPrefWidth(1);
        message.setMaxWidth(Double.MAX_VALUE);
        message.setMinHeight(Region.USE_PREF_SIZE);
        if (problem != null) {
            message.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                    () -> problem.get() == null ? "" : problem.get(), problem));
        }
        add(message, 1, row++);
        return message;
    }

    /** A row without a message line (check boxes, hints). */
    public void plain(String label, Node input) {
        if (label != null) {
            Label l = new Label(label);
            l.getStyleClass().add("form-label");
            add(l, 0, row);
        }
        add(input, 1, row++);
        GridPane.setMargin(input, new javafx.geometry.Insets(2, 0, 6, 0));
    }

    /** A text field bound both ways to a view model's property, as wide as its column. */
    public static javafx.scene.control.TextField textField(String id, javafx.beans.property.StringProperty property,
                                                           String prompt) {
        javafx.scene.control.TextField f = new javafx.scene.control.TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(property);
        f.setMaxWidth(Double.MAX_VALUE);
        return f;
    }
}
