package tandem.ui.kea;

import tandem.ui.OutcomeKind;
import tandem.ui.DiffView;
import tandem.ui.Theme;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import tandem.ui.kea.ChangeViewModel.PeerOutcome;
import tandem.ui.kea.SyncViewModel.PeerState;

/** "Synchronize now": each peer's state and diff first, then "Overwrite" and the outcome per peer. */
public final class SyncDialog {
    private final SyncViewModel vm;
    private final BorderPane root = new BorderPane();
    private final VBox peersBox = new VBox(3);
    private final VBox outcomesBox = new VBox(3);
    private Stage stage;

    public SyncDialog(SyncViewModel vm) {
        this.vm = vm;
        build();
    }

    public Parent root() { return root; }

    /** Opens the dialog and reads the plan. */
    public Stage show(Window owner) {
        stage = Theme.dialogStage("Synchronize now — " + vm.relationship(), root, owner);
        stage.setOnCloseRequest(e -> {
            if (vm.busyProperty().get()) e.consume();
        });
        stage.show();
        vm.plan();
        return stage;
    }

    private void build() {
        root.getStyleClass().add("sync-dialog");
        root.setPadding(new Insets(16, 20, 14, 20));
        Label title = new Label("Synchronize now — " + vm.relationship());
        title.getStyleClass().add("dialog-title");
        Label hint = new Label("Every other peer gets the source of truth's configuration, keeping its own name, "
                + "interfaces, sockets, databases and loggers. Check each peer's diff before overwriting.");
        hint.getStyleClass().add("dialog-hint");
        hint.setWrapText(true);
        Label message = new Label();
        message.setId("syncMessage");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        message.getStyleClass().addAll("dialog-message", vm.messageKindProperty().get().styleClass());
        vm.messageKindProperty().addListener((o, was, now) -> {
            message.getStyleClass().removeIf(c -> c.startsWith("message-"));
            message.getStyleClass().add(now.styleClass());
        });
        VBox top = new VBox(4, title, hint, message);
        top.setPadding(new Insets(0, 0, 10, 0));
        root.setTop(top);

        Label peersHeading = new Label("Peers");
        peersHeading.getStyleClass().add("section-heading");
        peersBox.setId("syncPeers");
        vm.peers().addListener((ListChangeListener<PeerState>) c -> showPeers());
        DiffView diff = new DiffView(vm.diff(), "No differences");
        diff.setId("syncDiff");
        diff.setPrefHeight(300);
        VBox.setVgrow(diff, Priority.ALWAYS);
        Label outcomeHeading = new Label("Outcome");
        outcomeHeading.getStyleClass().add("section-heading");
        outcomeHeading.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.outcomes()));
        outcomeHeading.managedProperty().bind(outcomeHeading.visibleProperty());
        outcomesBox.setId("syncOutcomes");
        vm.outcomes().addListener((ListChangeListener<PeerOutcome>) c -> {
            outcomesBox.getChildren().clear();
            for (PeerOutcome o : vm.outcomes()) outcomesBox.getChildren().add(OutcomeKind.label(o.peer(), o.text(), o.kind()));
        });
        root.setCenter(new VBox(6, peersHeading, peersBox, diff, outcomeHeading, outcomesBox));

        Button recheck = new Button("Compare again");
        recheck.setId("syncRecheck");
        recheck.setOnAction(e -> vm.plan());
        recheck.disableProperty().bind(vm.busyProperty());
        Button overwrite = new Button("Overwrite");
        overwrite.setId("syncOverwrite");
        overwrite.setDefaultButton(true);
        overwrite.setOnAction(e -> vm.overwrite());
        overwrite.disableProperty().bind(vm.canOverwriteProperty().not());
        Button close = new Button("Cancel");
        close.setId("syncClose");
        close.setCancelButton(true);
        close.setOnAction(e -> {
            if (stage != null) stage.close();
        });
        close.disableProperty().bind(vm.busyProperty());
        vm.doneProperty().addListener((o, was, now) -> close.setText(now ? "Close" : "Cancel"));
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.setMaxSize(18, 18);
        progress.visibleProperty().bind(vm.busyProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, recheck, progress, gap, close, overwrite);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setPadding(new Insets(12, 0, 0, 0));
        root.setBottom(buttons);
        root.setPrefWidth(700);
    }

    private void showPeers() {
        peersBox.getChildren().clear();
        for (PeerState p : vm.peers()) {
            Label l = new Label(p.peer() + " — " + p.text());
            l.setId("sync-peer-" + p.peer());
            l.setWrapText(true);
            l.getStyleClass().add(p.differs() ? "sync-differs" : p.reachable() ? "sync-in-sync" : "sync-unreachable");
            peersBox.getChildren().add(l);
        }
    }
}
