package tandem.ui.kea;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import tandem.ui.DiffView;
import tandem.ui.OutcomeKind;
import tandem.ui.Theme;
import tandem.ui.kea.ChangeViewModel.PeerOutcome;
import tandem.ui.kea.DissolveViewModel.Keep;

/** "Dissolve relationship": a subnet-by-server grid of what each keeps serving, the diffs, then the outcome. */
public final class DissolveDialog {
    private final DissolveViewModel vm;
    private final BorderPane root = new BorderPane();
    private final GridPane grid = new GridPane();
    private final VBox outcomesBox = new VBox(3);
    private Stage stage;

    public DissolveDialog(DissolveViewModel vm) {
        this.vm = vm;
        build();
    }

    public Stage show(Window owner) {
        stage = Theme.dialogStage("Dissolve " + vm.relationship(), root, owner);
        stage.setOnCloseRequest(e -> {
            if (vm.busyProperty().get()) e.consume();
        });
        stage.show();
        vm.load();
        return stage;
    }

    private void build() {
        root.getStyleClass().add("dissolve-dialog");
        root.setPadding(new Insets(16, 20, 14, 20));
        Label title = new Label("Dissolve " + vm.relationship());
        title.getStyleClass().add("dialog-title");
        Label message = new Label();
        message.setId("dissolveMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("dialog-message");
        vm.messageKindProperty().addListener((o, was, now) -> {
            message.getStyleClass().removeIf(c -> c.startsWith("message-"));
            message.getStyleClass().add(now.styleClass());
        });
        root.setTop(new VBox(4, title, message));
        grid.setHgap(14);
        grid.setVgap(4);
        grid.setId("dissolveGrid");
        vm.choices().addListener((ListChangeListener<Keep>) c -> showGrid());
        DiffView diff = new DiffView(vm.diff(), "Preview to see each server's diff");
        diff.setId("dissolveDiff");
        diff.setPrefHeight(260);
        VBox.setVgrow(diff, Priority.ALWAYS);
        VBox notes = new VBox(2);
        vm.notes().addListener((ListChangeListener<String>) c -> {
            notes.getChildren().clear();
            vm.notes().forEach(n -> notes.getChildren().add(new Label(n)));
        });
        vm.outcomes().addListener((ListChangeListener<PeerOutcome>) c -> {
            outcomesBox.getChildren().clear();
            for (PeerOutcome o : vm.outcomes()) outcomesBox.getChildren().add(OutcomeKind.label(o.peer(), o.text(), o.kind()));
        });
        VBox center = new VBox(8, new Label("Subnets each server keeps serving once HA is removed:"), grid, diff, notes, outcomesBox);
        center.setPadding(new Insets(10, 0, 0, 0));
        root.setCenter(center);

        Button preview = new Button("Preview");
        preview.setId("dissolvePreview");
        preview.setOnAction(e -> vm.preview());
        preview.disableProperty().bind(vm.busyProperty().or(vm.doneProperty()));
        Button apply = new Button("Dissolve");
        apply.setId("dissolveApply");
        apply.setDefaultButton(true);
        apply.setOnAction(e -> vm.apply());
        apply.disableProperty().bind(vm.canApplyProperty().not().or(vm.busyProperty()));
        Button close = new Button("Cancel");
        close.setId("dissolveClose");
        close.setCancelButton(true);
        close.setOnAction(e -> {
            if (stage != null) stage.close();
        });
        close.disableProperty().bind(vm.busyProperty());
        vm.doneProperty().addListener((o, was, now) -> close.setText(now ? "Close" : "Cancel"));
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(vm.busyProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, preview, progress, gap, close, apply);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setPadding(new Insets(12, 0, 0, 0));
        root.setBottom(buttons);
        root.setPrefWidth(720);
    }

    private void showGrid() {
        grid.getChildren().clear();
        List<String> servers = new ArrayList<>();
        List<String> subnets = new ArrayList<>();
        for (Keep k : vm.choices()) {
            if (!servers.contains(k.server())) servers.add(k.server());
            if (!subnets.contains(k.subnet())) subnets.add(k.subnet());
        }
        for (int col = 0; col < servers.size(); col++) grid.add(new Label(servers.get(col)), col + 1, 0);
        for (int row = 0; row < subnets.size(); row++) grid.add(new Label(subnets.get(row)), 0, row + 1);
        for (Keep k : vm.choices()) {
            CheckBox box = new CheckBox();
            box.setId("keep-" + k.server() + "-" + k.subnet().replaceAll("[./:]", "_"));
            box.selectedProperty().bindBidirectional(k.kept());
            box.disableProperty().bind(vm.busyProperty().or(vm.doneProperty()));
            grid.add(box, servers.indexOf(k.server()) + 1, subnets.indexOf(k.subnet()) + 1);
        }
    }
}
