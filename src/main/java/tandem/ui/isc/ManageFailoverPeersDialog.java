package tandem.ui.isc;

import tandem.ui.Theme;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import tandem.isc.DhcpdConfig;
import tandem.isc.FailoverEdits;
import tandem.isc.PeerDeclaration;

/**
 * Manage Failover Peers: the server's peers with Edit and Delete. Deleting follows the peer rules: the last peer's
 * references go, one other peer takes them over, with two or more the administrator picks one. Every change is
 * shown as a diff ({@code onPreview}) before it is written.
 */
public final class ManageFailoverPeersDialog {
    private final DhcpdConfig config;
    private final Consumer<FailoverEdits.Edit> onPreview;
    private final BorderPane root = new BorderPane();
    private final ListView<String> list = new ListView<>();
    private final Label message = new Label();
    private Stage stage;

    public ManageFailoverPeersDialog(DhcpdConfig config, String serverName, Consumer<FailoverEdits.Edit> onPreview) {
        this.config = config;
        this.onPreview = onPreview;
        root.setPadding(new Insets(18, 20, 14, 20));
        Label title = new Label("Failover peers for " + serverName);
        title.getStyleClass().add("dialog-title");
        message.setId("peersMessage");
        message.setWrapText(true);
        root.setTop(new VBox(4, title, message));
        list.setId("peerList");
        for (PeerDeclaration d : config.peers()) list.getItems().add(d.peer().name());
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
                @Override protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    if (empty || item == null) {
                        setText(null);
                        return;
                    }
                    PeerDeclaration pd = config.peer(item).orElseThrow();
                    long n = config.pools().stream().filter(p -> item.equals(p.failoverPeer())).count();
                    setText(item + "  (" + (pd.peer().role() == null ? "no role" : pd.peer().role().word()) + ", "
                            + pd.peer().peerAddress() + ", " + n + " pool" + (n == 1 ? "" : "s") + ")");
                }
            });
        BorderPane.setMargin(list, new Insets(8, 0, 0, 0));
        list.setPrefHeight(180);
        root.setCenter(list);

        Button edit = new Button("Edit…");
        edit.setId("editPeer");
        edit.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        edit.setOnAction(e -> editSelected());
        Button delete = new Button("Delete");
        delete.setId("deletePeer");
        delete.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        delete.setOnAction(e -> deleteSelected());
        Button close = new Button("Close");
        close.setId("closePeers");
        close.setCancelButton(true);
        close.setOnAction(e -> { if (stage != null) stage.close(); });
        HBox buttons = new HBox(8, edit, delete, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(12, 0, 0, 0));
        root.setBottom(buttons);
    }

    public Parent root() { return root; }

    public Stage show(Window owner) {
        stage = Theme.dialogStage("Manage failover peers", root, owner);
        stage.show();
        return stage;
    }

    private Window window() { return root.getScene() == null ? null : root.getScene().getWindow(); }

    private void editSelected() {
        String name = list.getSelectionModel().getSelectedItem();
        PeerDeclaration d = config.peer(name).orElseThrow();
        List<String> others = config.peerNames().stream().filter(n -> !n.equals(name)).toList();
        new FailoverPeerDialog(new FailoverPeerViewModel(d.peer(), others), p -> {
            try {
                preview(FailoverEdits.editPeer(config, name, p));
            } catch (IllegalArgumentException ex) {
                message.setText(ex.getMessage());
            }
        }).show(window());
    }

    private void deleteSelected() {
        String name = list.getSelectionModel().getSelectedItem();
        FailoverEdits.Outcome outcome = FailoverEdits.deletePeer(config, name, null);
        if (outcome instanceof FailoverEdits.Choice c) {
            ChoiceDialog<String> ask = new ChoiceDialog<>(c.question().options().get(0), c.question().options());
            ask.setTitle("Delete failover peer " + name);
            ask.setHeaderText(c.question().question());
            ask.initOwner(window());
            Theme.apply(ask.getDialogPane());
            Optional<String> chosen = ask.showAndWait();
            if (chosen.isEmpty()) return;
            outcome = FailoverEdits.deletePeer(config, name, chosen.get());
        }
        preview((FailoverEdits.Edit) outcome);
    }

    private void preview(FailoverEdits.Edit edit) {
        if (!edit.applicable()) {
            message.setText("Not possible: " + edit.problems().get(0));
            return;
        }
        onPreview.accept(edit);
    }
}
