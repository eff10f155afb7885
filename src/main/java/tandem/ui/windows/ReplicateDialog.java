package tandem.ui.windows;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import tandem.ui.Theme;
import tandem.ui.windows.ReplicateViewModel.ScopeRow;
import tandem.ui.windows.ReplicateViewModel.What;
import tandem.windows.ScopeDiff;
import tandem.windows.WindowsChangeService.ScopeOutcome;

/** Replicate: what and from where, then per scope what the destination loses and gains, then Apply with progress. */
public final class ReplicateDialog {
    private final ReplicateViewModel vm;
    private final BorderPane root = new BorderPane();

    public ReplicateDialog(ReplicateViewModel vm) {
        this.vm = vm;
        root.setPadding(new Insets(18, 20, 14, 20));
        root.setPrefSize(680, 620);
        VBox top = WindowsDialogs.heading("Replicate " + vm.relationship(), "Replication overwrites the destination's"
                + " scope with the source's: its properties, exclusions, reservations and options.");
        top.getChildren().add(WindowsDialogs.message("replicateMessage", vm.messageProperty(), vm.kindProperty()));
        root.setTop(top);

        GridPane choice = choice();
        choice.disableProperty().bind(vm.busyProperty().or(vm.appliedProperty()));
        VBox center = new VBox(10, choice, diffTree(), progress());
        root.setCenter(center);

        Button preview = WindowsDialogs.button("replicatePreview", "Preview", vm::preview);
        preview.setDefaultButton(true);
        preview.disableProperty().bind(vm.busyProperty().or(vm.appliedProperty()));
        Button apply = WindowsDialogs.button("replicateApply", "Apply", vm::apply);
        apply.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.canApply() || vm.busyProperty().get(),
                vm.planProperty(), vm.busyProperty(), vm.appliedProperty(), vm.rows()));
        Button cancel = new Button();
        cancel.setId("replicateCancel");
        cancel.setCancelButton(true);
        cancel.textProperty().bind(Bindings.when(vm.appliedProperty()).then("Close").otherwise("Cancel"));
        cancel.setOnAction(e -> ((Stage) cancel.getScene().getWindow()).close());
        root.setBottom(WindowsDialogs.buttons(preview, apply, cancel));
    }

    private GridPane choice() {
        ToggleGroup what = new ToggleGroup();
        RadioButton scope = radio("replicateWhatScope", "This scope", What.SCOPE, what);
        RadioButton rel = radio("replicateWhatRelationship", "This relationship's scopes", What.RELATIONSHIP, what);
        RadioButton server = radio("replicateWhatServer", "All failover scopes of", What.SERVER, what);
        ComboBox<String> scopes = new ComboBox<>(vm.scopeIds());
        scopes.setId("replicateScope");
        scopes.valueProperty().bindBidirectional(vm.scopeProperty());
        scopes.disableProperty().bind(vm.whatProperty().isNotEqualTo(What.SCOPE));
        ComboBox<String> servers = new ComboBox<>();
        servers.getItems().setAll(vm.servers());
        servers.setId("replicateServer");
        servers.valueProperty().bindBidirectional(vm.serverProperty());
        servers.disableProperty().bind(vm.whatProperty().isNotEqualTo(What.SERVER));
        ComboBox<ReplicateViewModel.Source> source = new ComboBox<>(vm.sources());
        source.setId("replicateSource");
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(6);
        Label whatLabel = new Label("Replicate");
        whatLabel.getStyleClass().add("form-label");
        g.add(whatLabel, 0, 0);
        g.add(new HBox(8, scope, scopes), 1, 0);
        g.add(rel, 1, 1);
        g.add(new HBox(8, server, servers), 1, 2);
        Label fromLabel = new Label("From");
        fromLabel.getStyleClass().add("form-label");
        fromLabel.setLabelFor(source);
        g.add(fromLabel, 0, 3);
        g.add(source, 1, 3);
        return g;
    }

    private RadioButton radio(String id, String text, What value, ToggleGroup group) {
        RadioButton r = new RadioButton(text);
        r.setId(id);
        r.setToggleGroup(group);
        r.setSelected(vm.whatProperty().get() == value);
        r.setOnAction(e -> vm.whatProperty().set(value));
        return r;
    }

    /** Per scope, its destination and summary, with what it loses (−) and gains (+) beneath. */
    private VBox diffTree() {
        TreeItem<String> top = new TreeItem<>("scopes");
        TreeView<String> tree = new TreeView<>(top);
        tree.setId("replicateDiff");
        tree.setShowRoot(false);
        tree.getStyleClass().add("diff-view");
        tree.setPrefHeight(240);
        VBox.setVgrow(tree, Priority.ALWAYS);
        vm.rows().addListener((javafx.collections.ListChangeListener<ScopeRow>) c -> {
            top.getChildren().clear();
            for (ScopeRow r : vm.rows()) {
                TreeItem<String> scope = new TreeItem<>(r.scopeId() + " → " + r.destination() + ": " + r.summary());
                for (ScopeDiff.Item i : r.loses()) scope.getChildren().add(new TreeItem<>("- loses " + i.kind().label(1) + ": " + i.text()));
                for (ScopeDiff.Item i : r.gains()) scope.getChildren().add(new TreeItem<>("+ gains " + i.kind().label(1) + ": " + i.text()));
                scope.setExpanded(true);
                top.getChildren().add(scope);
            }
        });
        tree.setCellFactory(t -> new javafx.scene.control.TreeCell<>() {
            @Override protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("diff-added", "diff-removed");
                setText(empty ? null : line);
                if (!empty && line != null && line.startsWith("- ")) getStyleClass().add("diff-removed");
                if (!empty && line != null && line.startsWith("+ ")) getStyleClass().add("diff-added");
            }
        });
        Label heading = new Label("What each destination loses and gains");
        heading.getStyleClass().add("section-heading");
        return new VBox(4, heading, tree);
    }

    private VBox progress() {
        ProgressBar bar = new ProgressBar();
        bar.setId("replicateProgress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label count = new Label();
        count.setId("replicateProgressText");
        count.textProperty().bind(vm.progressTextProperty());
        HBox line = new HBox(8, bar, count);
        line.setAlignment(Pos.CENTER_LEFT);
        ListView<ScopeOutcome> outcomes = new ListView<>(vm.outcomes());
        outcomes.setId("replicateOutcomes");
        outcomes.setPrefHeight(90);
        outcomes.setCellFactory(l -> new ListCell<>() {
            @Override protected void updateItem(ScopeOutcome o, boolean empty) {
                super.updateItem(o, empty);
                getStyleClass().removeAll("outcome-verified", "outcome-failed");
                if (empty || o == null) {
                    setText(null);
                    return;
                }
                setText((o.replicated() ? "✓ " : "✗ ") + o.scopeId() + " → " + o.destination()
                        + (o.detail() == null || o.detail().isBlank() ? "" : ": " + o.detail()));
                getStyleClass().add(o.replicated() ? "outcome-verified" : "outcome-failed");
            }
        });
        VBox box = new VBox(6, line, outcomes);
        box.visibleProperty().bind(vm.busyProperty().and(vm.planProperty().isNotNull()).or(vm.appliedProperty())
                .or(Bindings.isNotEmpty(vm.outcomes())));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    public Parent root() { return root; }

    public Stage show(Window owner) {
        Stage stage = Theme.dialogStage("Replicate " + vm.relationship(), root, owner);
        stage.show();
        vm.load();
        return stage;
    }
}
