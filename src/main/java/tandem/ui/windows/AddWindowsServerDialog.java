package tandem.ui.windows;

import java.util.EnumMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import tandem.ui.FieldErrorDecoration;
import tandem.ui.FormGrid;
import tandem.ui.Theme;
import tandem.ui.windows.AddWindowsServerViewModel.Field;

/** Add a Windows DHCP server over its OpenSSH server; then, when its partner is not in the console, add that too. */
public final class AddWindowsServerDialog {
    private final AddWindowsServerViewModel vm;
    private final BorderPane root = new BorderPane();
    private final Map<Field, Control> inputs = new EnumMap<>(Field.class);
    private final ValidationSupport validation = new ValidationSupport();

    public AddWindowsServerDialog(AddWindowsServerViewModel vm) {
        this.vm = vm;
        validation.setValidationDecorator(new FieldErrorDecoration());
        build();
    }

    public Parent root() { return root; }

    public Stage show(Window owner) {
        Stage stage = Theme.dialogStage("Add Windows DHCP server", root, owner);
        stage.show();
        return stage;
    }

    private void build() {
        root.setPadding(new Insets(18, 20, 14, 20));
        root.setPrefWidth(560);
        VBox top = WindowsDialogs.heading("Add a Windows Server DHCP server", "The console logs in to the server's"
                + " OpenSSH server and runs the DhcpServer cmdlets in PowerShell. Use a member of DHCP Administrators"
                + " with rights on the failover partner, with a password.");
        top.getChildren().add(WindowsDialogs.message("windowsAddMessage", vm.messageProperty(), vm.kindProperty()));
        root.setTop(top);

        FormGrid form = new FormGrid();
        form.section("OpenSSH");
        field(form, Field.HOST, "Host", "windowsHost", new TextField(), "dhcp1.corp.example or 10.0.0.5");
        field(form, Field.PORT, "Port", "windowsPort", new TextField(), "22");
        CheckBox same = new CheckBox();
        same.setId("windowsSameLogin");
        same.textProperty().bind(Bindings.concat("Same login as ", vm.sameLoginAsProperty()));
        same.selectedProperty().bindBidirectional(vm.sameLoginProperty());
        same.visibleProperty().bind(vm.sameLoginAsProperty().isNotNull());
        same.managedProperty().bind(same.visibleProperty());
        form.plain(null, same);
        field(form, Field.USER, "User", "windowsUser", new TextField(), "Administrator or CORP\\dhcpadmin");
        field(form, Field.PASSWORD, "Password", "windowsPassword", new PasswordField(), null);
        inputs.get(Field.USER).disableProperty().bind(vm.sameLoginProperty());
        inputs.get(Field.PASSWORD).disableProperty().bind(vm.sameLoginProperty());
        field(form, Field.HOST_KEY, "Host-key fingerprint", "windowsHostKey", new TextField(), "Optional: SHA256:… to trust");
        field(form, Field.JUMP, "Jump host", "windowsJump", new TextField(), "Optional: admin@bastion.corp.example");
        field(form, Field.NAME, "Display name", "windowsServerName", new TextField(), "Optional; default: the host");
        vm.site().addTo(form, "windowsServerSite");

        ListView<String> notes = new ListView<>(vm.notes());
        notes.setId("windowsAddNotes");
        notes.setPrefHeight(80);
        notes.visibleProperty().bind(Bindings.isNotEmpty(vm.notes()));
        notes.managedProperty().bind(notes.visibleProperty());
        HBox partners = new HBox(8);
        partners.setId("windowsPartnerOffers");
        vm.partnersToAdd().addListener((javafx.collections.ListChangeListener<String>) c -> {
            partners.getChildren().clear();
            for (String p : vm.partnersToAdd()) {
                partners.getChildren().add(WindowsDialogs.button("addPartner-" + p, "Add partner " + p + "…", () -> vm.addPartner(p)));
            }
        });
        root.setCenter(new VBox(8, form, notes, partners));

        Button test = WindowsDialogs.button("windowsTestConnection", "Test connection", vm::testConnection);
        test.disableProperty().bind(vm.busyProperty());
        Button add = WindowsDialogs.button("windowsAdd", "Add", vm::add);
        add.setDefaultButton(true);
        add.disableProperty().bind(vm.busyProperty().or(vm.addedProperty()));
        Button close = new Button();
        close.setId("windowsAddClose");
        close.setCancelButton(true);
        close.textProperty().bind(Bindings.when(vm.sameLoginAsProperty().isNotNull()).then("Close").otherwise("Cancel"));
        close.setOnAction(e -> ((Stage) close.getScene().getWindow()).close());
        root.setBottom(WindowsDialogs.buttons(test, add, close));
    }

    @SuppressWarnings("unchecked")
    private void field(FormGrid form, Field f, String label, String id, TextInputControl input, String prompt) {
        input.setId(id);
        if (prompt != null) input.setPromptText(prompt);
        input.textProperty().bindBidirectional(vm.value(f));
        inputs.put(f, input);
        form.field(label, input, input, vm.problem(f), id + "Message");
        validation.registerValidator(input, false, (Validator<Object>) (control, value) -> {
            String p = vm.problem(f).get();
            return ValidationResult.fromErrorIf(control, p == null ? "" : p, p != null);
        });
        vm.problem(f).addListener((o, was, now) -> validation.revalidate(input));
    }
}
