package tandem.ui.isc;

import tandem.ui.Theme;
import java.util.Optional;
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

/**
 * Manage Failover Peers: the server's peers with Edit and Delete. Deleting follows the peer rules: the last peer's
 * references go, one other peer takes them over, with two or more the administrator picks one. Every change is
 * shown as a diff ({@code onPreview}) before it is written.
 */
public final class ManageFailoverPeersDialog {
    private final ManageFailoverPeersViewModel vm;
    private final BorderPane root = new BorderPane();
    private final ListView<String> list = new ListView<>();
    private Stage stage;

    public ManageFailoverPeersDialog(ManageFailoverPeersViewModel vm) {
        this.vm = vm;
        root.setPadding(new Insets(18, 20, 14, 20));
        Label title = new Label(vm.title());
        title.getStyleClass().add("dialog-title");
        Label message = new Label();
        message.setId("peersMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        root.setTop(new VBox(4, title, message));
        list.setId("peerList");
        list.getItems().setAll(vm.peers());
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
                @Override protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty || item == null ? null : vm.describe(item));
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
        new FailoverPeerDialog(new FailoverPeerViewModel(vm.peer(name), vm.otherNames(name)), p -> vm.edit(name, p))
                .show(window());
    }

    private void deleteSelected() {
        String name = list.getSelectionModel().getSelectedItem();
        Optional<ManageFailoverPeersViewModel.Question> question = vm.delete(name);
        if (question.isEmpty()) return;
        ChoiceDialog<String> ask = new ChoiceDialog<>(question.get().options().get(0), question.get().options());
        ask.setTitle("Delete failover peer " + name);
        ask.setHeaderText(question.get().text());
        ask.initOwner(window());
        Theme.apply(ask.getDialogPane());
        ask.showAndWait().ifPresent(chosen -> vm.delete(name, chosen));
    }
}
