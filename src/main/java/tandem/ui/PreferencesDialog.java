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
import tandem.core.backend.Setting;
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
    private final Map<String, Control> settingInputs = new java.util.LinkedHashMap<>();
    private final Consumer<Preferences> afterSave;
    private final Runnable openTeamDatabase;
    private Stage stage;
    private FormGrid form;

    public PreferencesDialog(PreferencesViewModel vm) {
        this(vm, p -> { });
    }

    /** @param afterSave told on the FX thread once the preferences were saved and the dialog closed */
    public PreferencesDialog(PreferencesViewModel vm, Consumer<Preferences> afterSave) {
        this(vm, afterSave, null);
    }

    /** @param openTeamDatabase opens Preferences → Team database (its own dialog, saved on its own), or null */
    public PreferencesDialog(PreferencesViewModel vm, Consumer<Preferences> afterSave, Runnable openTeamDatabase) {
        this.vm = vm;
        this.afterSave = afterSave;
        this.openTeamDatabase = openTeamDatabase;
        build();
    }

    public Parent root() { return root; }

    public Control input(Field field) { return inputs.get(field); }

    /** The text field of a backend's host or port setting. */
    public Control input(String settingKey) { return settingInputs.get(settingKey); }

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

        form = new FormGrid();
        TextField poll = FormGrid.textField("pollInterval", vm.pollIntervalProperty(), "10");
        TextField timeout = FormGrid.textField("timeout", vm.timeoutProperty(), "2");
        for (TextField f : new TextField[] {poll, timeout}) f.setMaxWidth(110);
        form.section("Polling");
        form.field("Poll interval (s)", poll, poll, vm.problemProperty(Field.POLL_INTERVAL), "pollIntervalMessage");
        form.field("Timeout (s)", timeout, timeout, vm.problemProperty(Field.TIMEOUT), "timeoutMessage");
        register(poll, () -> vm.problem(Field.POLL_INTERVAL));
        register(timeout, () -> vm.problem(Field.TIMEOUT));
        inputs.put(Field.POLL_INTERVAL, poll);
        inputs.put(Field.TIMEOUT, timeout);

        // each backend's own settings, as it describes them
        if (!vm.settings().isEmpty()) form.section("Backends");
        for (Setting setting : vm.settings()) {
            String id = "pref-" + setting.key();
            if (setting.kind() == Setting.Kind.FLAG) {
                CheckBox box = new CheckBox(setting.label());
                box.setId(id);
                box.selectedProperty().bindBidirectional(vm.flagProperty(setting.key()));
                VBox flag = new VBox(3, box);
                if (setting.hint() != null) flag.getChildren().add(hint(setting.hint()));
                form.plain(null, flag);
            } else {
                TextField field = FormGrid.textField(id, vm.textProperty(setting.key()),
                        setting.hint() != null ? setting.hint() : setting.defaultValue());
                if (setting.kind() == Setting.Kind.PORT) field.setMaxWidth(110);
                form.field(setting.label(), field, field, vm.problemProperty(setting.key()), id + "-message");
                register(field, () -> vm.problem(setting.key()));
                settingInputs.put(setting.key(), field);
            }
        }
        if (openTeamDatabase != null) {
            form.section("Store");
            Button team = new Button("Team database…");
            team.setId("openTeamDatabase");
            team.setOnAction(e -> openTeamDatabase.run());
            form.plain(null, new VBox(3, team, hint("This desktop's own store, or a team's PostgreSQL database with"
                    + " your own login; used from the next start of the console")));
        }
        root.setCenter(form);

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

    /**
     * Adds Appearance (follow the desktop, light or dark) to the form; a choice applies at once and is this
     * desktop's own, so it is not part of the preferences Save stores.
     */
    public PreferencesDialog appearance(javafx.beans.property.ObjectProperty<tandem.core.desktop.DesktopTheme.Choice> choice) {
        javafx.scene.control.ChoiceBox<tandem.core.desktop.DesktopTheme.Choice> box = new javafx.scene.control.ChoiceBox<>();
        box.setId("prefTheme");
        box.getItems().setAll(tandem.core.desktop.DesktopTheme.Choice.values());
        box.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(tandem.core.desktop.DesktopTheme.Choice c) { return c == null ? "" : c.label(); }

            @Override public tandem.core.desktop.DesktopTheme.Choice fromString(String s) {
                return tandem.core.desktop.DesktopTheme.Choice.DESKTOP;
            }
        });
        box.valueProperty().bindBidirectional(choice);
        form.section("Appearance");
        form.plain("Theme", new VBox(3, box, hint("Applied at once, on this desktop only")));
        return this;
    }

    private void register(Control input, java.util.function.Supplier<String> problemOf) {
        validation.registerValidator(input, false, (Validator<Object>) (control, value) -> {
            String problem = problemOf.get();
            return ValidationResult.fromErrorIf(control, problem == null ? "" : problem, problem != null);
        });
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("dialog-hint");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private void close() {
        if (stage != null) stage.close();
    }
}
