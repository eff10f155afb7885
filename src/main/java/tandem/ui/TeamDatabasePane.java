package tandem.ui;

import java.util.EnumMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
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
import tandem.core.port.TeamStoreSettings;
import tandem.ui.TeamDatabaseViewModel.Field;

/** Preferences → Team database: which store the console opens on, with a connection test. */
public final class TeamDatabasePane {
    private final TeamDatabaseViewModel vm;
    private final BorderPane root = new BorderPane();
    private final ValidationSupport validation = new ValidationSupport();
    {
        validation.setValidationDecorator(new FieldErrorDecoration());
    }
    private final Map<Field, Control> inputs = new EnumMap<>(Field.class);
    private Stage stage;

    public TeamDatabasePane(TeamDatabaseViewModel vm) {
        this.vm = vm;
        build();
    }

    public Parent root() { return root; }

    public Control input(Field field) { return inputs.get(field); }

    public Stage show(Window owner) {
        stage = Theme.dialogStage("Team database", root, owner);
        stage.setResizable(false);
        // messages come and go: the window follows, so the buttons stay in sight
        Runnable fit = () -> javafx.application.Platform.runLater(stage::sizeToScene);
        vm.outcomeProperty().addListener(o -> fit.run());
        vm.generalProblemProperty().addListener(o -> fit.run());
        stage.show();
        return stage;
    }

    private void build() {
        root.getStyleClass().add("preferences-dialog");
        root.setPadding(new Insets(18, 20, 14, 20));
        Label title = new Label("Team database");
        title.getStyleClass().add("dialog-title");
        ToggleGroup store = new ToggleGroup();
        RadioButton embedded = new RadioButton("This desktop's own store (embedded)");
        embedded.setId("storeEmbedded");
        RadioButton team = new RadioButton("Team database (PostgreSQL, with your own login)");
        team.setId("storeTeam");
        embedded.setToggleGroup(store);
        team.setToggleGroup(store);
        (vm.teamProperty().get() ? team : embedded).setSelected(true);
        team.selectedProperty().addListener((o, was, now) -> vm.teamProperty().set(now));
        Label general = message("teamDatabaseProblem", MessageKind.ERROR);
        general.textProperty().bind(vm.generalProblemProperty());
        general.visibleProperty().bind(vm.generalProblemProperty().isNotEmpty());
        general.managedProperty().bind(general.visibleProperty());
        VBox top = new VBox(6, title, embedded, team, general);
        top.setPadding(new Insets(0, 0, 10, 0));
        root.setTop(top);

        FormGrid form = new FormGrid();
        TextField host = FormGrid.textField("teamHost", vm.hostProperty(), "db.example.net");
        TextField port = FormGrid.textField("teamPort", vm.portProperty(), "5432");
        port.setMaxWidth(110);
        TextField database = FormGrid.textField("teamDatabase", vm.databaseProperty(), "tandem");
        TextField login = FormGrid.textField("teamLogin", vm.loginProperty(), "your PostgreSQL login");
        ChoiceBox<String> ssl = new ChoiceBox<>();
        ssl.setId("teamSslMode");
        ssl.getItems().setAll(TeamStoreSettings.SSL_MODES);
        ssl.valueProperty().bindBidirectional(vm.sslModeProperty());
        PasswordField password = new PasswordField();
        password.setId("teamPassword");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        password.setPromptText(vm.passwordKept() ? "remembered (type to replace)" : "");
        CheckBox remember = new CheckBox("Remember password (sealed with this desktop's key)");
        remember.setId("teamRememberPassword");
        remember.selectedProperty().bindBidirectional(vm.rememberProperty());
        form.field("Host", host, host, vm.problemProperty(Field.HOST), "teamHostMessage");
        form.field("Port", port, port, vm.problemProperty(Field.PORT), "teamPortMessage");
        form.field("Database", database, database, vm.problemProperty(Field.DATABASE), "teamDatabaseMessage");
        form.field("Login", login, login, vm.problemProperty(Field.LOGIN), "teamLoginMessage");
        form.plain("TLS (sslmode)", new VBox(3, ssl, hint("require encrypts; verify-full also checks the server's"
                + " certificate and name; prefer encrypts only when the server offers it")));
        form.field("Password", password, password, vm.problemProperty(Field.PASSWORD), "teamPasswordMessage");
        form.plain(null, remember);
        inputs.put(Field.HOST, host);
        inputs.put(Field.PORT, port);
        inputs.put(Field.DATABASE, database);
        inputs.put(Field.LOGIN, login);
        inputs.put(Field.PASSWORD, password);
        inputs.forEach((f, input) -> register(input, f));
        form.disableProperty().bind(vm.teamProperty().not());

        Button test = new Button("Test connection");
        test.setId("testTeamConnection");
        test.setOnAction(e -> vm.testConnection());
        test.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.busyProperty().get() || !vm.teamProperty().get()
                || vm.connection().isEmpty(), vm.busyProperty(), vm.revisionProperty(), vm.teamProperty()));
        Label outcome = message("teamDatabaseOutcome", MessageKind.NONE);
        outcome.textProperty().bind(vm.outcomeProperty());
        vm.outcomeKindProperty().addListener((o, was, now) -> {
            outcome.getStyleClass().remove(was.styleClass());
            outcome.getStyleClass().add(now.styleClass());
        });
        outcome.setMaxWidth(520);
        outcome.setMinHeight(Region.USE_PREF_SIZE);
        VBox center = new VBox(8, form, new HBox(10, test), outcome);
        root.setCenter(center);

        vm.revisionProperty().addListener((o, was, now) -> validation.revalidate());

        Button save = new Button("Save");
        save.setId("saveTeamDatabase");
        save.setDefaultButton(true);
        save.setOnAction(e -> vm.save());
        save.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.busyProperty().get() || !vm.valid(),
                vm.busyProperty(), vm.revisionProperty()));
        Button close = new Button("Close");
        close.setId("closeTeamDatabase");
        close.setCancelButton(true);
        close.setOnAction(e -> {
            if (stage != null) stage.close();
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, gap, close, save);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(12, 0, 0, 0));
        root.setBottom(buttons);
        root.setPrefWidth(560);
    }

    private void register(Control input, Field field) {
        validation.registerValidator(input, false, (Validator<Object>) (control, value) -> {
            String problem = vm.problem(field);
            return ValidationResult.fromErrorIf(control, problem == null ? "" : problem, problem != null);
        });
    }

    private static Label message(String id, MessageKind kind) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().addAll("dialog-message", kind.styleClass());
        l.setWrapText(true);
        return l;
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("dialog-hint");
        l.setWrapText(true);
        l.setMaxWidth(380);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
