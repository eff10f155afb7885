package tandem.ui;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
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
import tandem.core.Preferences;
import tandem.ui.PreferencesViewModel.Field;

/** Console-wide settings: polling and the defaults for new Kea servers. */
public final class PreferencesDialog {
    private final PreferencesViewModel vm;
    private final BorderPane root = new BorderPane();
    private final ValidationSupport validation = new ValidationSupport();
    {
        validation.setValidationDecorator(new FieldErrorDecoration());
    }
    private final Map<Field, Control> inputs = new EnumMap<>(Field.class);
    private final Consumer<Preferences> afterSave;
    private Stage stage;

    public PreferencesDialog(PreferencesViewModel vm) {
        this(vm, p -> { });
    }

    /** @param afterSave told on the FX thread once the preferences were saved and the dialog closed */
    public PreferencesDialog(PreferencesViewModel vm, Consumer<Preferences> afterSave) {
        this.vm = vm;
        this.afterSave = afterSave;
        build();
    }

    public Parent root() { return root; }

    public Control input(Field field) { return inputs.get(field); }

    public Stage show(Window owner) {
        stage = Theme.dialogStage("Preferences", root, owner);
        stage.setResizable(false);
        stage.show();
        return stage;
    }

    private void build() {
        root.getStyleClass().add("preferences-dialog");
        root.setPadding(new Insets(18, 20, 14, 20));
        Label title = new Label("Preferences");
        title.getStyleClass().add("dialog-title");
        Label general = new Label();
        general.setId("preferencesMessage");
        general.getStyleClass().addAll("dialog-message", MessageKind.ERROR.styleClass());
        general.setWrapText(true);
        general.textProperty().bind(vm.generalProblemProperty());
        general.visibleProperty().bind(vm.generalProblemProperty().isNotEmpty());
        general.managedProperty().bind(general.visibleProperty());
        VBox top = new VBox(6, title, general);
        top.setPadding(new Insets(0, 0, 10, 0));
        root.setTop(top);

        FormGrid form = new FormGrid();
        TextField poll = text("pollInterval", vm.pollIntervalProperty(), "10");
        TextField timeout = text("timeout", vm.timeoutProperty(), "2");
        TextField host = text("prefCaHost", vm.caHostProperty(), "Blank: the server's own address");
        TextField port = text("prefCaPort", vm.caPortProperty(), "8000");
        for (TextField f : new TextField[] {poll, timeout, port}) f.setMaxWidth(110);
        CheckBox replicate = new CheckBox("Replicate configuration changes");
        replicate.setId("replicate");
        Label replicateHint = new Label("keaReplicateConfig: changes made through the console are copied from the source of "
                + "truth to the other servers; never when they share a configuration backend.");
        replicateHint.getStyleClass().add("dialog-hint");
        replicateHint.setWrapText(true);
        replicate.selectedProperty().bindBidirectional(vm.replicateProperty());
        inputs.put(Field.POLL_INTERVAL, poll);
        inputs.put(Field.TIMEOUT, timeout);
        inputs.put(Field.CA_HOST, host);
        inputs.put(Field.CA_PORT, port);

        form.section("Polling");
        form.field("Poll interval (s)", poll, poll, vm.problemProperty(Field.POLL_INTERVAL), "pollIntervalMessage");
        form.field("Timeout (s)", timeout, timeout, vm.problemProperty(Field.TIMEOUT), "timeoutMessage");
        form.section("New Kea servers");
        form.field("Control Agent host", host, host, vm.problemProperty(Field.CA_HOST), "prefCaHostMessage");
        form.field("Control Agent port", port, port, vm.problemProperty(Field.CA_PORT), "prefCaPortMessage");
        form.section("Kea relationships");
        form.plain(null, new VBox(3, replicate, replicateHint));
        root.setCenter(form);

        for (var entry : inputs.entrySet()) {
            Field field = entry.getKey();
            validation.registerValidator(entry.getValue(), false, (Validator<Object>) (control, value) -> {
                String problem = vm.problem(field);
                return ValidationResult.fromErrorIf(control, problem == null ? "" : problem, problem != null);
            });
        }
        vm.revisionProperty().addListener((o, was, now) -> validation.revalidate());

        Button save = new Button("Save");
        save.setId("savePreferences");
        save.setDefaultButton(true);
        save.setOnAction(e -> vm.save());
        save.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.busyProperty().get() || !vm.valid(), vm.busyProperty(), vm.revisionProperty()));
        Button cancel = new Button("Cancel");
        cancel.setId("cancelPreferences");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> close());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, gap, cancel, save);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(12, 0, 0, 0));
        root.setBottom(buttons);
        root.setPrefWidth(540);

        vm.setOnSaved(p -> {
            close();
            afterSave.accept(p);
        });
    }

    private TextField text(String id, javafx.beans.property.StringProperty property, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(property);
        f.setMaxWidth(Double.MAX_VALUE);
        return f;
    }

    private void close() {
        if (stage != null) stage.close();
    }
}
