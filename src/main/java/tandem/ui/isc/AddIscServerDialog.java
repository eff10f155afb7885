package tandem.ui.isc;

import tandem.ui.FormGrid;
import tandem.ui.Theme;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import tandem.ui.isc.AddIscServerViewModel.Field;

/** Add an ISC dhcpd server: its SSH login, where its configuration is and how it is checked and restarted. */
public final class AddIscServerDialog {
    private final AddIscServerViewModel vm;
    private final BorderPane root = new BorderPane();
    private Stage stage;

    public AddIscServerDialog(AddIscServerViewModel vm) {
        this.vm = vm;
        build();
        vm.addedProperty().addListener((o, was, now) -> { if (now && stage != null) stage.close(); });
    }

    public Parent root() { return root; }

    public Stage show(Window owner) {
        stage = Theme.dialogStage("Add ISC DHCP server", root, owner);
        stage.show();
        return stage;
    }

    private void build() {
        root.setPadding(new Insets(18, 20, 14, 20));
        Label title = new Label("Add an ISC DHCP (dhcpd) server");
        title.getStyleClass().add("dialog-title");
        Label hint = new Label("The console logs in over SSH to read and write dhcpd.conf and to ask dhcpd for its failover"
                + " state (omshell, with dhcpd's omapi-port, signed with its omapi-key when it sets one).");
        hint.getStyleClass().add("dialog-hint");
        hint.setWrapText(true);
        Label message = new Label();
        message.setId("iscAddMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        VBox top = new VBox(4, title, hint, message);
        top.setPadding(new Insets(0, 0, 10, 0));
        root.setTop(top);

        FormGrid form = new FormGrid();
        form.section("SSH");
        field(form, Field.LOGIN, "Login", "iscLogin", new TextField(), "admin@dhcp1.example.net or admin@10.0.0.5:2222");
        field(form, Field.KEY_FILE, "Private key", "iscKeyFile", new TextField(), "/home/you/.ssh/id_ed25519");
        field(form, Field.PASSWORD, "Password", "iscPassword", new PasswordField(), "Or the key's passphrase");
        field(form, Field.JUMP, "Jump host", "iscJump", new TextField(), "Optional: admin@bastion.example.net");
        CheckBox sudo = new CheckBox("Use sudo -n for privileged steps");
        sudo.setId("iscSudo");
        sudo.selectedProperty().bindBidirectional(vm.sudoProperty());
        form.plain(null, sudo);
        form.section("dhcpd");
        field(form, Field.CONFIG_PATH, "Configuration", "iscConfigPath", new TextField(), null);
        field(form, Field.VALIDATE, "Validation command", "iscValidate", new TextField(), null);
        field(form, Field.RESTART, "Restart command", "iscRestart", new TextField(), null);
        field(form, Field.OMAPI_PORT, "OMAPI port", "iscOmapiPort", new TextField(), null);
        field(form, Field.NAME, "Display name", "iscName", new TextField(), "Optional; default: the host");
        vm.site().addTo(form, "iscSite");
        root.setCenter(form);

        Button trust = new Button("Trust this host key and add");
        trust.setId("iscTrustHostKey");
        trust.visibleProperty().bind(vm.unknownHostKeyProperty().isNotNull());
        trust.managedProperty().bind(trust.visibleProperty());
        trust.setOnAction(e -> vm.trustHostKeyAndAdd());
        Button add = new Button("Add");
        add.setId("iscAdd");
        add.setDefaultButton(true);
        add.disableProperty().bind(vm.busyProperty());
        add.setOnAction(e -> vm.add());
        Button cancel = new Button("Cancel");
        cancel.setId("iscCancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> { if (stage != null) stage.close(); });
        HBox buttons = new HBox(8, trust, add, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(12, 0, 0, 0));
        root.setBottom(buttons);
    }

    private void field(FormGrid form, Field f, String label, String id, TextInputControl input, String prompt) {
        input.setId(id);
        if (prompt != null) input.setPromptText(prompt);
        input.textProperty().bindBidirectional(vm.value(f));
        form.field(label, input, input, vm.problem(f), id + "Message");
    }
}
