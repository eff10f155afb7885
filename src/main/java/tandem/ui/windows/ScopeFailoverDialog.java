package tandem.ui.windows;

import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import tandem.ui.Theme;
import tandem.windows.FailoverRules;

/** Add scope to failover / Remove scope from failover: check the scopes, preview, Apply. */
public final class ScopeFailoverDialog {
    private final ScopeFailoverViewModel vm;
    private final BorderPane root = new BorderPane();

    public ScopeFailoverDialog(ScopeFailoverViewModel vm) {
        this.vm = vm;
        root.setPadding(new Insets(18, 20, 14, 20));
        root.setPrefWidth(560);
        VBox top = WindowsDialogs.heading(title(), vm.adding()
                ? "The scopes checked are copied from " + vm.server() + " to the partner and served by both."
                : "The scopes checked stay on " + vm.server() + " and are deleted on the partner.");
        top.getChildren().add(WindowsDialogs.message("windowsScopeMessage", vm.review().messageProperty(), vm.review().kindProperty()));
        root.setTop(top);

        ListView<ScopeChoice> scopes = new ListView<>(vm.scopes());
        scopes.setId("windowsScopeList");
        scopes.setPrefHeight(140);
        scopes.setPlaceholder(new Label("No scope to choose"));
        scopes.setCellFactory(CheckBoxListCell.forListView(ScopeChoice::selectedProperty));
        Label problem = new Label();
        problem.setId("windowsScopeListMessage");
        problem.getStyleClass().add("field-message");
        problem.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            String p = vm.problems().get(FailoverRules.SCOPE_IDS);
            return p == null ? "" : p;
        }, vm.problems().revisionProperty()));
        WindowsDialogs.decorate(Map.of(scopes, FailoverRules.SCOPE_IDS), vm.problems());
        root.setCenter(new VBox(6, scopes, problem, WindowsDialogs.preview(vm.review(), "windowsScopeDiff", 120)));

        Button preview = WindowsDialogs.button("windowsPreview", "Preview", vm::preview);
        preview.setDefaultButton(true);
        preview.disableProperty().bind(vm.review().busyProperty().or(vm.review().appliedProperty()));
        root.setBottom(WindowsDialogs.applyButtons(vm.review(), preview));
    }

    private String title() {
        return vm.adding() ? "Add scope to failover " + vm.relationship() : "Remove scope from failover " + vm.relationship();
    }

    public Parent root() { return root; }

    public Stage show(Window owner) {
        Stage stage = Theme.dialogStage(vm.adding() ? "Add scope to failover" : "Remove scope from failover", root, owner);
        stage.show();
        vm.load();
        return stage;
    }
}
