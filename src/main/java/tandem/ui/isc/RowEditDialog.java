package tandem.ui.isc;

import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import tandem.isc.FailoverEdits;
import tandem.ui.DialogButtons;
import tandem.ui.FormGrid;
import tandem.ui.MessageKind;
import tandem.ui.Theme;

/**
 * Edits a dhcpd configuration table row (subnet, option, host) in a form of text fields; OK shows the change as a
 * diff ({@code onPreview}) before anything is written. Field ids are "rowField-" and the statement's key.
 */
public final class RowEditDialog {
    private final RowEditViewModel vm;
    private final Consumer<FailoverEdits.Edit> onPreview;
    private final BorderPane root = new BorderPane();
    private Stage stage;

    public RowEditDialog(RowEditViewModel vm, Consumer<FailoverEdits.Edit> onPreview) {
        this.vm = vm;
        this.onPreview = onPreview;
        build();
    }

    public Parent root() { return root; }

    public Stage show(Window owner) {
        stage = Theme.dialogStage(vm.title(), root, owner);
        stage.show();
        return stage;
    }

    public void close() { if (stage != null) stage.close(); }

    private void build() {
        root.setPadding(new Insets(18, 20, 14, 20));
        Label title = new Label(vm.title());
        title.getStyleClass().add("dialog-title");
        Label hint = new Label(vm.hint());
        hint.setWrapText(true);
        Label message = new Label();
        message.setId("rowEditMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().addAll("dialog-message", MessageKind.ERROR.styleClass());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        VBox top = new VBox(4, title, hint, message);
        top.setPadding(new Insets(0, 0, 10, 0));
        root.setTop(top);

        FormGrid form = new FormGrid();
        for (RowEditViewModel.Field f : vm.fields()) {
            TextField input = FormGrid.textField("rowField-" + f.key(), f.value(), f.prompt());
            input.setPrefColumnCount(28);
            form.field(f.label(), input, input, f.problemProperty(), "rowField-" + f.key() + "-message");
        }
        root.setCenter(form);

        root.setBottom(DialogButtons.of("OK", "rowEditOk", "rowEditCancel", () -> {
            FailoverEdits.Edit edit = vm.preview();
            if (edit != null) onPreview.accept(edit);
        }, this::close).bar());
    }
}
