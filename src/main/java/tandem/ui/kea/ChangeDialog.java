package tandem.ui.kea;

import tandem.ui.DiffView;
import tandem.ui.FormGrid;
import tandem.ui.MessageKind;
import tandem.ui.OutcomeKind;
import tandem.ui.FieldErrorDecoration;
import tandem.ui.Theme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import tandem.ui.kea.ChangeViewModel.PeerOutcome;

/**
 * The dialog for every kind of change: the form's inputs (each with its message), "Preview" with the diff of the
 * source of truth's configuration and the notes, "Apply" and then the outcome per peer. Inputs have the ids
 * {@code change-KEY} (e.g. {@code change-ip}) and their messages {@code change-KEY-message}.
 */
public final class ChangeDialog {
    private final ChangeViewModel vm;
    private final BorderPane root = new BorderPane();
    private final ValidationSupport validation = new ValidationSupport();
    {
        validation.setValidationDecorator(new FieldErrorDecoration());
    }
    private final Map<ChangeField, Control> inputs = new LinkedHashMap<>();
    private final VBox notesBox = new VBox(3);
    private final VBox outcomesBox = new VBox(3);
    private Stage stage;

    public ChangeDialog(ChangeViewModel vm) {
        this.vm = vm;
        build();
    }

    /** Height kept for a preview's message and a few notes beyond what the empty dialog needs. */
    private static final double EXTRA_ROOM = 140;

    public Parent root() { return root; }

    public ChangeViewModel viewModel() { return vm; }

    /** Opens the dialog modal to {@code owner} and starts reading the subnets. */
    public Stage show(Window owner) {
        stage = Theme.dialogStage(vm.form().title() + " — " + vm.relationship(), root, owner);
        stage.setOnCloseRequest(e -> {
            if (vm.busyProperty().get()) e.consume(); // a change is being written: let it finish and report
        });
        // Sized once, as it opens, with room for the message, notes and outcomes a preview adds; later they take
        // height from the diff. Growing the window afterwards did not reach it on X11: the content grew past the
        // window's bottom and took the buttons out of sight.
        root.applyCss();
        double screen = javafx.stage.Screen.getPrimary().getVisualBounds().getHeight();
        stage.setHeight(Math.min(root.prefHeight(root.getPrefWidth()) + EXTRA_ROOM, screen - 40));
        stage.show();
        vm.loadSubnets();
        inputs.values().stream().findFirst().ifPresent(Control::requestFocus);
        return stage;
    }

    private void build() {
        root.getStyleClass().add("change-dialog");
        root.setPadding(new Insets(16, 20, 14, 20));

        Label title = new Label(vm.form().title() + " — " + vm.relationship());
        title.getStyleClass().add("dialog-title");
        Label hint = new Label(vm.form().hint());
        hint.getStyleClass().add("dialog-hint");
        hint.setWrapText(true);
        Label target = new Label();
        target.setId("changeTarget");
        target.getStyleClass().add("dialog-hint");
        target.setWrapText(true);
        target.textProperty().bind(vm.targetProperty());
        Label message = new Label();
        message.setId("changeMessage");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        message.getStyleClass().addAll("dialog-message", vm.messageKindProperty().get().styleClass());
        vm.messageKindProperty().addListener((o, was, now) -> {
            message.getStyleClass().removeIf(c -> c.startsWith("message-"));
            message.getStyleClass().add(now.styleClass());
        });
        VBox top = new VBox(4, title, hint, target, message);
        top.setPadding(new Insets(0, 0, 10, 0));
        root.setTop(top);

        VBox center = new VBox(6);
        if (!vm.form().fields().isEmpty()) {
            FormGrid form = new FormGrid();
            for (ChangeField f : vm.form().fields()) {
                Control input = input(f);
                inputs.put(f, input);
                form.field(f.label(), input, input, f.shownProblemProperty(), "change-" + f.key() + "-message");
                validation.registerValidator(input, false, (Validator<Object>) (control, value) -> {
                    String problem = f.shownProblem();
                    return ValidationResult.fromErrorIf(control, problem == null ? "" : problem, problem != null);
                });
            }
            vm.revisionProperty().addListener((o, was, now) -> validation.revalidate());
            center.getChildren().add(form);
        }

        Label diffHeading = new Label("Preview");
        diffHeading.getStyleClass().add("section-heading");
        DiffView diff = new DiffView(vm.diff(), "Preview shows the change to the configuration here");
        diff.setId("changeDiff");
        diff.setPrefHeight(250);
        diff.setMinHeight(90);
        VBox.setVgrow(diff, Priority.ALWAYS);
        notesBox.setId("changeNotes");
        notesBox.getStyleClass().add("change-notes");
        vm.notes().addListener((ListChangeListener<String>) c -> showNotes());
        showNotes();
        Label outcomeHeading = new Label("Outcome");
        outcomeHeading.getStyleClass().add("section-heading");
        outcomesBox.setId("changeOutcomes");
        outcomeHeading.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.outcomes()));
        outcomeHeading.managedProperty().bind(outcomeHeading.visibleProperty());
        vm.outcomes().addListener((ListChangeListener<PeerOutcome>) c -> showOutcomes());
        center.getChildren().addAll(diffHeading, diff, notesBox, outcomeHeading, outcomesBox);
        root.setCenter(center);

        Button preview = new Button("Preview");
        preview.setId("previewChange");
        preview.setOnAction(e -> vm.preview());
        preview.disableProperty().bind(vm.busyProperty());
        Button apply = new Button("Apply");
        apply.setId("applyChange");
        apply.setDefaultButton(true);
        apply.setOnAction(e -> vm.apply());
        apply.disableProperty().bind(vm.canApplyProperty().not());
        Button close = new Button("Cancel");
        close.setId("closeChange");
        close.setCancelButton(true);
        close.setOnAction(e -> {
            if (stage != null) stage.close();
        });
        close.disableProperty().bind(vm.busyProperty());
        vm.appliedProperty().addListener((o, was, now) -> close.setText(now == null ? "Cancel" : "Close"));
        for (Control input : inputs.values()) input.disableProperty().bind(vm.busyProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("changeProgress");
        progress.setPrefSize(18, 18);
        progress.setMaxSize(18, 18);
        progress.visibleProperty().bind(vm.busyProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, progress, gap, close, preview, apply);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setPadding(new Insets(12, 0, 0, 0));
        root.setBottom(buttons);
        root.setPrefWidth(680);

        // after a refusal the cursor goes to the field that says why
        vm.messageKindProperty().addListener((o, was, now) -> {
            if (now != MessageKind.ERROR) return;
            Platform.runLater(() -> inputs.entrySet().stream().filter(e -> e.getKey().shownProblem() != null)
                    .findFirst().ifPresent(e -> e.getValue().requestFocus()));
        });
    }

    private Control input(ChangeField f) {
        if (f.kind() == ChangeField.Kind.SUBNET_CHOICE) {
            ComboBox<String> box = new ComboBox<>(f.choices());
            box.setId("change-" + f.key());
            box.setPromptText(f.prompt());
            box.setMaxWidth(Double.MAX_VALUE);
            box.setValue(f.value().isEmpty() ? null : f.value());
            box.valueProperty().addListener((o, was, now) -> f.valueProperty().set(now == null ? "" : now));
            f.valueProperty().addListener((o, was, now) -> {
                if (!java.util.Objects.equals(box.getValue(), now)) box.setValue(now == null || now.isEmpty() ? null : now);
            });
            return box;
        }
        TextField t = new TextField();
        t.setId("change-" + f.key());
        t.setPromptText(f.prompt());
        t.textProperty().bindBidirectional(f.valueProperty());
        t.setMaxWidth(Double.MAX_VALUE);
        return t;
    }

    private void showNotes() {
        notesBox.getChildren().clear();
        for (String note : vm.notes()) {
            Label l = new Label("•  " + note);
            l.setWrapText(true);
            l.getStyleClass().add("change-note");
            notesBox.getChildren().add(l);
        }
        notesBox.setVisible(!vm.notes().isEmpty());
        notesBox.setManaged(!vm.notes().isEmpty());
    }

    private void showOutcomes() {
        outcomesBox.getChildren().clear();
        for (PeerOutcome o : vm.outcomes()) outcomesBox.getChildren().add(OutcomeKind.label(o.peer(), o.text(), o.kind()));
    }


    /** For tests: the inputs in form order. */
    List<Control> inputs() { return List.copyOf(inputs.values()); }
}
