package tandem.ui.isc;

import tandem.ui.Theme;
import tandem.ui.MessageKind;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Shows a configuration change as a unified diff, with its warnings, before anything is written; Apply writes it
 * through the safe write (in the background) and shows dhcpd's answer.
 */
public final class ConfigDiffDialog {
    private final BorderPane root = new BorderPane();
    private Stage stage;

    public ConfigDiffDialog(ConfigReviewViewModel vm) {
        root.setPadding(new Insets(18, 20, 14, 20));
        Label title = new Label(vm.title());
        title.getStyleClass().add("dialog-title");
        VBox top = new VBox(6, title);
        for (String w : vm.warnings()) {
            Label warning = new Label("Warning: " + w);
            warning.getStyleClass().addAll("dialog-message", MessageKind.ERROR.styleClass());
            warning.setWrapText(true);
            top.getChildren().add(warning);
        }
        if (!vm.warnings().isEmpty()) top.getChildren().get(top.getChildren().size() - 1).setId("diffWarnings");
        top.setPadding(new Insets(0, 0, 8, 0));
        root.setTop(top);
        TextArea diff = new TextArea(vm.diff());
        diff.setId("diffText");
        diff.setEditable(false);
        diff.setStyle("-fx-font-family: monospace;");
        diff.setPrefRowCount(24);
        diff.setPrefColumnCount(90);
        root.setCenter(diff);

        Label result = new Label();
        result.setId("applyResult");
        result.setWrapText(true);
        result.textProperty().bind(vm.resultProperty());
        Button apply = new Button("Apply");
        apply.setId("applyChange");
        apply.setDefaultButton(true);
        apply.disableProperty().bind(vm.busyProperty().or(vm.appliedProperty()));
        apply.setOnAction(e -> vm.apply());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelChange");
        cancel.setCancelButton(true);
        cancel.disableProperty().bind(vm.busyProperty());
        cancel.textProperty().bind(javafx.beans.binding.Bindings.when(vm.appliedProperty()).then("Close").otherwise("Cancel"));
        cancel.setOnAction(e -> { if (stage != null) stage.close(); });
        HBox buttons = new HBox(8, apply, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox bottom = new VBox(8, result, buttons);
        bottom.setPadding(new Insets(10, 0, 0, 0));
        root.setBottom(bottom);
    }

    public Parent root() { return root; }

    public Stage show(Window owner) {
        stage = Theme.dialogStage("Review change", root, owner);
        stage.show();
        return stage;
    }
}
