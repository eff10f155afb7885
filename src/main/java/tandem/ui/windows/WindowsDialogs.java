package tandem.ui.windows;

import java.util.Map;
import javafx.beans.value.ObservableObjectValue;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import tandem.ui.DiffView;
import tandem.ui.FieldErrorDecoration;
import tandem.ui.MessageKind;

/** The pieces the Windows dialogs share, built as the console's other dialogs build them. */
final class WindowsDialogs {
    private WindowsDialogs() {}

    static VBox heading(String title, String hint) {
        Label t = new Label(title);
        t.getStyleClass().add("dialog-title");
        VBox top = new VBox(4, t);
        if (hint != null) {
            Label h = new Label(hint);
            h.getStyleClass().add("dialog-hint");
            h.setWrapText(true);
            top.getChildren().add(h);
        }
        top.setPadding(new Insets(0, 0, 10, 0));
        return top;
    }

    /** A message line styled by its kind, hidden while empty. */
    static Label message(String id, ObservableStringValue text, ObservableObjectValue<MessageKind> kind) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.getStyleClass().add("dialog-message");
        l.textProperty().bind(text);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        Runnable style = () -> {
            for (MessageKind k : MessageKind.values()) l.getStyleClass().remove(k.styleClass());
            if (kind.get() != null) l.getStyleClass().add(kind.get().styleClass());
        };
        kind.addListener((o, was, now) -> style.run());
        style.run();
        return l;
    }

    static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    static HBox buttons(Node... nodes) {
        HBox box = new HBox(8, nodes);
        box.setAlignment(Pos.CENTER_RIGHT);
        box.setPadding(new Insets(12, 0, 0, 0));
        return box;
    }

    /** Marks each input whose problem is set, following {@code problems}. */
    @SuppressWarnings("unchecked")
    static ValidationSupport decorate(Map<Control, String> inputs, FieldProblems problems) {
        ValidationSupport validation = new ValidationSupport();
        validation.setValidationDecorator(new FieldErrorDecoration());
        for (var e : inputs.entrySet()) {
            String field = e.getValue();
            validation.registerValidator(e.getKey(), false, (Validator<Object>) (control, value) -> {
                String problem = problems.get(field);
                return ValidationResult.fromErrorIf(control, problem == null ? "" : problem, problem != null);
            });
        }
        problems.revisionProperty().addListener((o, was, now) -> validation.revalidate());
        return validation;
    }

    /** The diff of a planned change, under its heading. */
    static VBox preview(PlanReview review, String diffId, double height) {
        Label heading = new Label("Preview");
        heading.getStyleClass().add("section-heading");
        DiffView diff = new DiffView(review.diff(), "Preview shows what the change does here");
        diff.setId(diffId);
        diff.setPrefHeight(height);
        VBox.setVgrow(diff, Priority.ALWAYS);
        return new VBox(4, heading, diff);
    }

    /** Apply (enabled once a plan is shown and until it was applied) and Cancel, which says Close afterwards. */
    static HBox applyButtons(PlanReview review, Button... before) {
        Button apply = new Button("Apply");
        apply.setId("windowsApply");
        apply.disableProperty().bind(review.planProperty().isNull().or(review.busyProperty()).or(review.appliedProperty()));
        apply.setOnAction(e -> review.apply());
        Button cancel = new Button();
        cancel.setId("windowsCancel");
        cancel.setCancelButton(true);
        cancel.textProperty().bind(javafx.beans.binding.Bindings.when(review.appliedProperty()).then("Close").otherwise("Cancel"));
        cancel.setOnAction(e -> ((Stage) cancel.getScene().getWindow()).close());
        Node[] all = new Node[before.length + 2];
        System.arraycopy(before, 0, all, 0, before.length);
        all[before.length] = apply;
        all[before.length + 1] = cancel;
        return buttons(all);
    }
}
