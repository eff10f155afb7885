package tandem.ui.isc;

import tandem.ui.DialogButtons;
import tandem.ui.FormGrid;
import tandem.ui.Theme;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import tandem.isc.FailoverPeer;
import tandem.isc.FailoverPeer.Field;

/** The New / Edit Failover Peer dialog: every field checked as it is typed, the message under the field. */
public final class FailoverPeerDialog {
    private final FailoverPeerViewModel vm;
    private final BorderPane root = new BorderPane();
    private final Map<Field, Control> inputs = new EnumMap<>(Field.class);
    private final Consumer<FailoverPeer> onOk;
    private Stage stage;

    /** @param onOk told the peer when the administrator clicks OK (not when the dialog is cancelled) */
    public FailoverPeerDialog(FailoverPeerViewModel vm, Consumer<FailoverPeer> onOk) {
        this.vm = vm;
        this.onOk = onOk;
        build();
    }

    public Parent root() { return root; }

    public Stage show(Window owner) {
        stage = Theme.dialogStage(vm.editing() ? "Failover peer properties" : "New failover peer", root, owner);
        stage.show();
        inputs.get(Field.NAME).requestFocus();
        return stage;
    }

    private static final String[][] IDS = {
        {"NAME", "peerName", "Name", "The failover relationship's name, the same on both servers"},
        {"ADDRESS", "peerAddressLocal", "Address", "Where this server listens for its peer"},
        {"PORT", "peerPortLocal", "Port", "647"},
        {"PEER_ADDRESS", "peerAddressRemote", "Peer address", "Where the peer listens"},
        {"PEER_PORT", "peerPortRemote", "Peer port", "647"},
        {"MAX_RESPONSE_DELAY", "maxResponseDelay", "Max response delay", "Seconds, e.g. 60"},
        {"MAX_UNACKED_UPDATES", "maxUnackedUpdates", "Max unacked updates", "10 is a good value"},
        {"MCLT", "mclt", "Max client lead time", "Seconds; primary only"},
        {"SPLIT", "split", "Split index", "0-256, 128 recommended; primary only"},
        {"LOAD_BALANCE_MAX_SECONDS", "loadBalanceMaxSeconds", "Load balance max seconds", "3 or 5 recommended"},
    };

    private void build() {
        root.getStyleClass().add("failover-peer-dialog");
        root.setPadding(new Insets(18, 20, 14, 20));
        Label title = new Label(vm.editing() ? "Failover peer properties" : "New failover peer");
        title.getStyleClass().add("dialog-title");
        root.setTop(new HBox(title));
        BorderPane.setMargin(root.getTop(), new Insets(0, 0, 10, 0));

        FormGrid form = new FormGrid();
        ComboBox<String> role = new ComboBox<>();
        role.setId("peerRole");
        role.getItems().setAll("primary", "secondary");
        role.valueProperty().bindBidirectional(vm.value(Field.ROLE));
        role.setMaxWidth(Double.MAX_VALUE);
        inputs.put(Field.ROLE, role);
        for (String[] row : IDS) {
            Field f = Field.valueOf(row[0]);
            TextField t = new TextField();
            t.setId(row[1]);
            t.setPromptText(row[3]);
            t.textProperty().bindBidirectional(vm.value(f));
            inputs.put(f, t);
        }
        // only the primary sets mclt and split
        inputs.get(Field.MCLT).disableProperty().bind(vm.value(Field.ROLE).isEqualTo("secondary"));
        inputs.get(Field.SPLIT).disableProperty().bind(vm.value(Field.ROLE).isEqualTo("secondary"));

        form.section("Failover peer");
        field(form, Field.NAME, "Name", "peerNameMessage");
        form.field("Role", role, role, vm.problem(Field.ROLE), "peerRoleMessage");
        form.section("This server");
        for (String[] row : IDS) {
            Field f = Field.valueOf(row[0]);
            if (f == Field.NAME) continue;
            if (f == Field.PEER_ADDRESS) form.section("The peer");
            if (f == Field.MAX_RESPONSE_DELAY) form.section("Timing and load balancing");
            field(form, f, row[2], row[1] + "Message");
        }
        root.setCenter(form);

        DialogButtons buttons = DialogButtons.of("OK", "peerOk", "peerCancel", () -> {
            FailoverPeer p = vm.peer();
            if (p == null) return;
            if (stage != null) stage.close();
            onOk.accept(p);
        }, () -> { if (stage != null) stage.close(); });
        buttons.ok().disableProperty().bind(vm.validProperty().not());
        root.setBottom(buttons.bar());
    }

    private void field(FormGrid form, Field f, String label, String messageId) {
        Control input = inputs.get(f);
        form.field(label, input, input, vm.problem(f), messageId);
    }
}
