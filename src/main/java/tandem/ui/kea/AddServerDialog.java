package tandem.ui.kea;

import tandem.ui.FormGrid;
import tandem.ui.MessageKind;
import tandem.ui.DialogService;
import tandem.ui.FieldErrorDecoration;
import tandem.ui.Theme;
import java.io.File;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import tandem.core.ImportResult;
import tandem.ui.kea.AddServerViewModel.Field;

/**
 * The Add DHCP server dialog. The form has a section per concern: the server (type, address, name), how the
 * console reaches its control endpoint (for Kea: the Control Agent), and optional access settings. Every input
 * has a stable id so tests and people can find it.
 */
public final class AddServerDialog {
    private final AddServerViewModel vm;
    private final BorderPane root = new BorderPane();
    private final ValidationSupport validation = new ValidationSupport();
    {
        validation.setValidationDecorator(new FieldErrorDecoration());
    }
    private final Map<Field, Control> inputs = new EnumMap<>(Field.class);
    private final Consumer<ImportResult.Accepted> afterAdd;
    private final DialogService dialogs;
    private Stage stage;

    public AddServerDialog(AddServerViewModel vm) {
        this(vm, null, a -> { });
    }

    /**
     * @param dialogs  says what the administrator should know about the server just added (null: nothing is said)
     * @param afterAdd told on the FX thread after the server was added and the dialog closed
     */
    public AddServerDialog(AddServerViewModel vm, DialogService dialogs, Consumer<ImportResult.Accepted> afterAdd) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.afterAdd = afterAdd;
        build();
    }

    /** The dialog's content, for embedding (tests) or {@link #show(Window)}. */
    public Parent root() { return root; }

    public ValidationSupport validation() { return validation; }

    /** The input for a field, e.g. to focus it. */
    public Control input(Field field) { return inputs.get(field); }

    /** Opens the dialog as a window of its own, modal to {@code owner}. */
    public Stage show(Window owner) {
        stage = Theme.dialogStage("Add DHCP server", root, owner);
        stage.setOnCloseRequest(e -> {
            if (vm.busyProperty().get()) e.consume(); // the background work would report into a closed window
        });
        // a message that needs a second line makes the form taller; let the window follow
        vm.revisionProperty().addListener((o, was, now) -> Platform.runLater(this::fitWindow));
        vm.messageProperty().addListener((o, was, now) -> Platform.runLater(this::fitWindow));
        stage.show();
        inputs.get(Field.SERVER_ADDRESS).requestFocus();
        return stage;
    }

    private void build() {
        root.getStyleClass().add("add-server-dialog");
        root.setPadding(new Insets(18, 20, 14, 20));

        Label title = new Label("Add a DHCP server");
        title.getStyleClass().add("dialog-title");
        Label hint = new Label("For a failover relationship, add its primary server; the console finds the partners "
                + "in its configuration.");
        hint.getStyleClass().add("dialog-hint");
        hint.setWrapText(true);
        Label message = new Label();
        message.setId("addMessage");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        vm.messageKindProperty().addListener((o, was, now) -> {
            message.getStyleClass().removeIf(c -> c.startsWith("message-"));
            message.getStyleClass().add(now.styleClass());
        });
        message.getStyleClass().addAll("dialog-message", vm.messageKindProperty().get().styleClass());
        VBox top = new VBox(4, title, hint, message);
        top.setPadding(new Insets(0, 0, 12, 0));
        root.setTop(top);

        FormGrid form = new FormGrid();

        ComboBox<ServerType> type = new ComboBox<>();
        type.setId("serverType");
        type.getItems().setAll(ServerType.values());
        type.setValue(vm.serverTypeProperty().get());
        type.valueProperty().addListener((o, was, now) -> {
            if (now != null && now.available()) {
                vm.serverTypeProperty().set(now);
            } else {
                // listed so administrators see what is coming, but not selectable yet
                Platform.runLater(() -> type.setValue(vm.serverTypeProperty().get()));
            }
        });
        type.setCellFactory(list -> new ListCell<>() {
            @Override protected void updateItem(ServerType item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.toString());
                setDisable(item != null && !item.available());
            }
        });
        type.setMaxWidth(Double.MAX_VALUE);

        TextField address = FormGrid.textField("serverAddress", vm.serverAddressProperty(), "192.0.2.10, 2001:db8::10 or dhcp1.example.net");
        TextField name = FormGrid.textField("displayName", vm.displayNameProperty(), "Optional; default: the name in its configuration");
        TextField caHost = FormGrid.textField("caHost", vm.caHostProperty(), "Same as the server address");
        TextField caPort = FormGrid.textField("caPort", vm.caPortProperty(), "8000");
        caPort.setMaxWidth(110);
        CheckBox https = new CheckBox("Use HTTPS");
        https.setId("useHttps");
        https.selectedProperty().bindBidirectional(vm.useHttpsProperty());
        TextField trust = FormGrid.textField("trustAnchor", vm.trustAnchorPathProperty(), "Optional CA certificate (PEM)");
        Button browse = new Button("Browse…");
        browse.setId("browseTrustAnchor");
        browse.setOnAction(e -> chooseTrustAnchor());
        HBox trustRow = new HBox(6, trust, browse);
        HBox.setHgrow(trust, Priority.ALWAYS);
        trust.disableProperty().bind(vm.useHttpsProperty().not());
        browse.disableProperty().bind(vm.useHttpsProperty().not());
        TextField proxy = FormGrid.textField("proxy", vm.proxyProperty(), "http://proxy.example:3128");
        TextField user = FormGrid.textField("user", vm.userProperty(), "Basic authentication user");
        PasswordField password = new PasswordField();
        password.setId("password");
        password.textProperty().bindBidirectional(vm.passwordProperty());

        inputs.put(Field.SERVER_ADDRESS, address);
        inputs.put(Field.DISPLAY_NAME, name);
        inputs.put(Field.CA_HOST, caHost);
        inputs.put(Field.CA_PORT, caPort);
        inputs.put(Field.TRUST_ANCHOR, trust);
        inputs.put(Field.PROXY, proxy);
        inputs.put(Field.USER, user);
        inputs.put(Field.PASSWORD, password);

        form.section("Server");
        form.plain("Server type", type);
        form.field("Address or FQDN", address, address, vm.shownProblemProperty(Field.SERVER_ADDRESS), "serverAddressMessage");
        form.field("Display name", name, name, vm.shownProblemProperty(Field.DISPLAY_NAME), "displayNameMessage");
        vm.site().addTo(form, "serverSite");
        form.section("Kea control endpoint (Control Agent, or kea-dhcp4's own socket on Kea 3)");
        form.field("Host", caHost, caHost, vm.shownProblemProperty(Field.CA_HOST), "caHostMessage");
        form.field("Port", caPort, caPort, vm.shownProblemProperty(Field.CA_PORT), "caPortMessage");
        form.plain(null, https);
        form.field("Trust anchor", trustRow, trust, vm.shownProblemProperty(Field.TRUST_ANCHOR), "trustAnchorMessage");
        form.section("Access (optional)");
        form.field("HTTP proxy", proxy, proxy, vm.shownProblemProperty(Field.PROXY), "proxyMessage");
        form.field("User", user, user, vm.shownProblemProperty(Field.USER), "userMessage");
        form.field("Password", password, password, vm.shownProblemProperty(Field.PASSWORD), "passwordMessage");
        root.setCenter(new javafx.scene.layout.VBox(form, peerUrlBox()));

        for (var entry : inputs.entrySet()) {
            Field field = entry.getKey();
            validation.registerValidator(entry.getValue(), false, (Validator<Object>) (control, value) -> {
                String problem = vm.shownProblem(field);
                return ValidationResult.fromErrorIf(control, problem == null ? "" : problem, problem != null);
            });
        }
        // the view model decides what is wrong and when to say so; the decorations follow it
        vm.revisionProperty().addListener((o, was, now) -> validation.revalidate());

        Button test = new Button("Test connection");
        test.setId("testConnection");
        test.setOnAction(e -> vm.testConnection());
        Button add = new Button("Add");
        add.setId("addServer");
        add.setDefaultButton(true);
        add.setOnAction(e -> vm.add());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> close());
        for (Button b : List.of(test, add)) b.disableProperty().bind(vm.busyProperty());
        cancel.disableProperty().bind(vm.busyProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("addProgress");
        progress.setPrefSize(18, 18);
        progress.setMaxSize(18, 18);
        progress.visibleProperty().bind(vm.busyProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, test, progress, gap, cancel, add);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setPadding(new Insets(12, 0, 0, 0));
        root.setBottom(buttons);
        root.setPrefWidth(600);

        vm.setOnAdded(this::added);
        // after a refused action the cursor goes to the first field that says why
        vm.messageKindProperty().addListener((o, was, now) -> {
            if (now != MessageKind.ERROR) return;
            for (Field f : Field.values()) {
                Control input = inputs.get(f);
                if (input != null && vm.shownProblem(f) != null && !input.isDisabled()) {
                    input.requestFocus();
                    break;
                }
            }
        });
    }

    /**
     * One row per partner whose control socket the console could not find (its HA URL is a dedicated HA listener);
     * rows appear when the importer asks.
     */
    private javafx.scene.layout.VBox peerUrlBox() {
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(4);
        box.setId("peerUrls");
        vm.peerUrls().inputs().addListener((javafx.collections.ListChangeListener<PeerUrlInputs.Input>) change -> {
            while (change.next()) {
                for (PeerUrlInputs.Input input : change.getAddedSubList()) {
                    Label label = new Label("Control socket of " + input.peer());
                    TextField url = FormGrid.textField("peerUrl-" + input.peer(), input.urlProperty(),
                            "https://192.0.2.11:8000/");
                    Label problem = new Label();
                    problem.setId("peerUrlMessage-" + input.peer());
                    problem.setWrapText(true);
                    problem.textProperty().bind(input.problemProperty());
                    problem.getStyleClass().add("field-message");
                    box.getChildren().addAll(label, url, problem);
                    url.requestFocus();
                }
            }
            javafx.application.Platform.runLater(this::fitWindow);
        });
        return box;
    }

    private void fitWindow() {
        if (stage == null || !stage.isShowing()) return;
        double wanted = root.prefHeight(root.getWidth());
        if (wanted > root.getHeight() + 0.5) stage.setHeight(stage.getHeight() + (wanted - root.getHeight()));
    }

    private void chooseTrustAnchor() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("CA certificate to trust");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("PEM certificates", "*.pem", "*.crt", "*.cer"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) vm.trustAnchorPathProperty().set(file.getAbsolutePath());
    }

    private void added(ImportResult.Accepted accepted) {
        close();
        afterAdd.accept(accepted);
        if (!accepted.notes().isEmpty() && dialogs != null) {
            dialogs.inform("addNotes", "Server added", "Added " + accepted.server().name() + " with " + relationships(accepted),
                    String.join("\n\n", accepted.notes()));
        }
    }

    private static String relationships(ImportResult.Accepted a) {
        int n = a.relationships().size();
        return n == 1 ? "1 relationship" : n + " relationships";
    }

    private void close() {
        if (stage != null) stage.close();
    }
}
