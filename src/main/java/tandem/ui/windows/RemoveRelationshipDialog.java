package tandem.ui.windows;

import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import tandem.ui.Theme;
import tandem.ui.windows.RemoveRelationshipViewModel.Other;

/** Remove relationship: the server that keeps the scopes, then delete or disable on the other; preview; Apply. */
public final class RemoveRelationshipDialog {
    private final RemoveRelationshipViewModel vm;
    private final BorderPane root = new BorderPane();

    public RemoveRelationshipDialog(RemoveRelationshipViewModel vm) {
        this.vm = vm;
        root.setPadding(new Insets(18, 20, 14, 20));
        root.setPrefWidth(560);
        VBox top = WindowsDialogs.heading("Remove failover relationship " + vm.relationship(), "The relationship ends on"
                + " both servers. Its scopes stay served by one of them.");
        top.getChildren().add(WindowsDialogs.message("windowsRemoveMessage", vm.review().messageProperty(), vm.review().kindProperty()));
        root.setTop(top);

        VBox keep = section("1. Which server keeps the scopes?", "windowsKeepOnMessage", RemoveRelationshipViewModel.KEEP_ON);
        ToggleGroup keepGroup = new ToggleGroup();
        for (String s : vm.servers()) {
            RadioButton r = new RadioButton(s);
            r.setId("keepOn-" + s.replaceAll("[^A-Za-z0-9-]", "-"));
            r.setToggleGroup(keepGroup);
            r.setOnAction(e -> vm.keepOnProperty().set(s));
            keep.getChildren().add(keep.getChildren().size() - 1, r);
        }
        VBox other = section("2. What does the other server do with its copies?", "windowsOtherMessage", RemoveRelationshipViewModel.OTHER);
        ToggleGroup otherGroup = new ToggleGroup();
        RadioButton delete = new RadioButton();
        delete.setId("otherDelete");
        delete.textProperty().bind(vm.otherServer().concat(" deletes them"));
        RadioButton disable = new RadioButton();
        disable.setId("otherDisable");
        disable.textProperty().bind(vm.otherServer().concat(" keeps them, disabled (inactive)"));
        for (RadioButton r : new RadioButton[] {delete, disable}) r.setToggleGroup(otherGroup);
        delete.setOnAction(e -> vm.otherProperty().set(Other.DELETE));
        disable.setOnAction(e -> vm.otherProperty().set(Other.DISABLE));
        other.getChildren().add(other.getChildren().size() - 1, delete);
        other.getChildren().add(other.getChildren().size() - 1, disable);
        // the second question follows from the first
        other.disableProperty().bind(vm.keepOnProperty().isNull());
        root.setCenter(new VBox(10, keep, other, WindowsDialogs.preview(vm.review(), "windowsRemoveDiff", 110)));

        Button preview = WindowsDialogs.button("windowsPreview", "Preview", vm::preview);
        preview.setDefaultButton(true);
        preview.disableProperty().bind(vm.review().busyProperty().or(vm.review().appliedProperty()));
        root.setBottom(WindowsDialogs.applyButtons(vm.review(), preview));
    }

    private VBox section(String question, String messageId, String field) {
        Label q = new Label(question);
        q.getStyleClass().add("form-section");
        Label problem = new Label();
        problem.setId(messageId);
        problem.getStyleClass().add("field-message");
        problem.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            String p = vm.problems().get(field);
            return p == null ? "" : p;
        }, vm.problems().revisionProperty()));
        return new VBox(4, q, problem);
    }

    public Parent root() { return root; }

    public Stage show(Window owner) {
        Stage stage = Theme.dialogStage("Remove failover relationship", root, owner);
        stage.show();
        return stage;
    }
}
