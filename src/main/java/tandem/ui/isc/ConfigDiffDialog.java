package tandem.ui.isc;

import tandem.ui.Theme;
import tandem.ui.BackgroundTasks;
import tandem.ui.MessageKind;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
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
import tandem.isc.ConfigChange;
import tandem.isc.DhcpdConfig;
import tandem.isc.IscConfigTarget;
import tandem.isc.SafeWrite;

/**
 * Shows a configuration change as a unified diff, with its warnings, before anything is written; Apply writes it
 * through the safe write (in the background) and shows dhcpd's answer.
 */
public final class ConfigDiffDialog {
    private final BorderPane root = new BorderPane();
    private final Label result = new Label();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private Stage stage;

    /** @param afterApply told (on the FX thread) when the change was written and dhcpd restarted */
    public ConfigDiffDialog(IscConfigTarget target, DhcpdConfig before, ConfigChange change, BackgroundTasks tasks,
                            Runnable afterApply) {
        root.setPadding(new Insets(18, 20, 14, 20));
        Label title = new Label("Review the change to " + target.name());
        title.getStyleClass().add("dialog-title");
        VBox top = new VBox(6, title);
        for (String w : change.warnings()) {
            Label warning = new Label("Warning: " + w);
            warning.getStyleClass().addAll("dialog-message", MessageKind.ERROR.styleClass());
            warning.setWrapText(true);
            top.getChildren().add(warning);
        }
        if (!change.warnings().isEmpty()) top.getChildren().get(top.getChildren().size() - 1).setId("diffWarnings");
        top.setPadding(new Insets(0, 0, 8, 0));
        root.setTop(top);
        TextArea diff = new TextArea(change.unifiedDiff());
        diff.setId("diffText");
        diff.setEditable(false);
        diff.setStyle("-fx-font-family: monospace;");
        diff.setPrefRowCount(24);
        diff.setPrefColumnCount(90);
        root.setCenter(diff);

        result.setId("applyResult");
        result.setWrapText(true);
        Button apply = new Button("Apply");
        apply.setId("applyChange");
        apply.setDefaultButton(true);
        // written once: the same change is never applied twice from one review
        BooleanProperty applied = new SimpleBooleanProperty(false);
        apply.disableProperty().bind(busy.or(applied));
        Button cancel = new Button("Cancel");
        cancel.setId("cancelChange");
        cancel.setCancelButton(true);
        cancel.disableProperty().bind(busy);
        cancel.setOnAction(e -> { if (stage != null) stage.close(); });
        apply.setOnAction(e -> {
            busy.set(true);
            result.setText("Validating with dhcpd and writing…");
            tasks.run(() -> target.apply(before, change), r -> {
                busy.set(false);
                result.setText(r.message());
                if (r instanceof SafeWrite.Applied) {
                    applied.set(true);
                    cancel.setText("Close");
                    afterApply.run();
                }
            }, failure -> {
                busy.set(false);
                result.setText("Not written: " + (failure.getMessage() == null ? failure.toString() : failure.getMessage()));
            });
        });
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
