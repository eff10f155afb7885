package tandem.ui.isc;

import tandem.ui.DialogButtons;
import tandem.ui.FormGrid;
import tandem.ui.MessageKind;
import tandem.ui.Theme;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import tandem.isc.FailoverEdits;
import tandem.isc.FailoverPeer;

/**
 * The DHCP Address Pool dialog: subnet, ranges and a Failover Peer list whose "Add new failover peer" opens the
 * New Failover Peer dialog. OK shows the change as a diff ({@code onPreview}) before anything is written.
 */
public final class AddressPoolDialog {
    private final AddressPoolViewModel vm;
    private final BorderPane root = new BorderPane();
    private final Consumer<FailoverEdits.Edit> onPreview;
    private Stage stage;
    private String previousChoice;

    public AddressPoolDialog(AddressPoolViewModel vm, Consumer<FailoverEdits.Edit> onPreview) {
        this.vm = vm;
        this.onPreview = onPreview;
        build();
    }

    public Parent root() { return root; }

    public Stage show(Window owner) {
        stage = Theme.dialogStage(vm.editing() == null ? "DHCP address pool" : "Edit " + vm.editing().label(), root, owner);
        stage.show();
        return stage;
    }

    public void close() { if (stage != null) stage.close(); }

    private void build() {
        root.setPadding(new Insets(18, 20, 14, 20));
        Label title = new Label(vm.editing() == null ? "DHCP address pool" : "Edit " + vm.editing().label());
        title.getStyleClass().add("dialog-title");
        Label message = new Label();
        message.setId("poolMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().addAll("dialog-message", MessageKind.ERROR.styleClass());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        VBox top = new VBox(4, title, message);
        top.setPadding(new Insets(0, 0, 10, 0));
        root.setTop(top);

        FormGrid form = new FormGrid();
        ComboBox<String> subnet = new ComboBox<>(vm.subnets());
        subnet.setId("poolSubnet");
        subnet.valueProperty().bindBidirectional(vm.subnetProperty());
        subnet.setMaxWidth(Double.MAX_VALUE);
        // an existing pool stays in its subnet
        subnet.setDisable(vm.editing() != null);
        TextArea ranges = new TextArea();
        ranges.setId("poolRanges");
        ranges.setPromptText("One range per line: first and last address, e.g. 10.0.0.100 10.0.0.199");
        ranges.setPrefRowCount(4);
        ranges.textProperty().bindBidirectional(vm.rangesProperty());
        ComboBox<String> peer = new ComboBox<>(vm.peerChoices());
        peer.setId("poolPeer");
        peer.valueProperty().bindBidirectional(vm.peerChoiceProperty());
        peer.setMaxWidth(Double.MAX_VALUE);
        previousChoice = vm.peerChoiceProperty().get();
        vm.peerChoiceProperty().addListener((o, was, now) -> {
            if (AddressPoolViewModel.ADD_NEW.equals(now)) {
                // the list item is an action: open the peer dialog and leave the choice as it was until it returns
                String back = was;
                Platform.runLater(() -> {
                    vm.peerChoiceProperty().set(back);
                    openNewPeerDialog();
                });
            } else {
                previousChoice = now;
            }
        });
        form.section("Pool");
        form.field("Subnet", subnet, subnet, vm.subnetProblemProperty(), "poolSubnetMessage");
        form.field("Ranges", ranges, ranges, vm.rangesProblemProperty(), "poolRangesMessage");
        form.field("Failover peer", peer, peer, null, "poolPeerMessage");
        root.setCenter(form);

        root.setBottom(DialogButtons.of("OK", "poolOk", "poolCancel", () -> {
            FailoverEdits.Edit edit = vm.preview();
            if (edit != null) onPreview.accept(edit);
        }, this::close).bar());
    }

    private void openNewPeerDialog() {
        FailoverPeerViewModel peerVm = new FailoverPeerViewModel(null, vm.peerNames());
        FailoverPeerDialog dialog = new FailoverPeerDialog(peerVm, (FailoverPeer p) -> vm.acceptNewPeer(p));
        dialog.show(root.getScene() == null ? null : root.getScene().getWindow());
    }
}
