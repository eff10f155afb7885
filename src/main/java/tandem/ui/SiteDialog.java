package tandem.ui;

import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * Sets or clears where a server stands: an editable list of the sites already in use, the problem beneath it, OK
 * and Cancel. Ids: siteDialog, siteField, siteField-message, siteOk, siteCancel.
 */
final class SiteDialog {
    private final SiteViewModel vm;
    private final BorderPane root = new BorderPane();
    private final ComboBox<String> field = new ComboBox<>();
    private Stage stage;

    /** @param onSaved on the FX thread with the site stored (null: none) */
    SiteDialog(SiteViewModel vm, java.util.function.Consumer<String> onSaved) {
        this.vm = vm;
        build(onSaved);
    }

    Stage show(DialogService dialogs) {
        stage = dialogs.form("Site of " + vm.server(), root);
        stage.show();
        field.requestFocus();
        return stage;
    }

    private void close() { if (stage != null) stage.close(); }

    private void build(java.util.function.Consumer<String> onSaved) {
        root.setId("siteDialog");
        root.setPadding(new Insets(18, 20, 14, 20));
        Label title = new Label("Where " + vm.server() + " stands");
        title.getStyleClass().add("dialog-title");
        Label hint = new Label(vm.current() == null ? "No site yet. Type one, or pick one already in use."
                : "Now at " + vm.current() + ". Leave the field empty to clear it.");
        hint.setId("siteCurrent");
        hint.setWrapText(true);
        VBox top = new VBox(4, title, hint);
        top.setPadding(new Insets(0, 0, 10, 0));
        root.setTop(top);

        field.setId("siteField");
        field.setEditable(true);
        field.setItems(vm.sitesInUse());
        field.setPromptText("e.g. Branch 12, North campus");
        field.setPrefWidth(300);
        field.setMaxWidth(Double.MAX_VALUE);
        // the editor's text is what is saved, whether typed or picked from the list
        field.getEditor().textProperty().bindBidirectional(vm.siteProperty());
        field.valueProperty().addListener((o, was, now) -> {
            if (now != null) vm.siteProperty().set(now);
        });
        FormGrid form = new FormGrid();
        form.field("Site", field, field, vm.problemProperty(), "siteField-message");
        root.setCenter(form);

        DialogButtons buttons = DialogButtons.of("Save", "siteOk", "siteCancel", () -> vm.save(site -> {
            close();
            onSaved.accept(site);
        }), this::close);
        buttons.ok().disableProperty().bind(vm.savingProperty());
        root.setBottom(buttons.bar());
    }
}
