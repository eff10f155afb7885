package tandem.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import tandem.core.port.AuditStore.AuditRecord;
import tandem.ui.AuditViewModel.ServerOutcome;

/**
 * The audit trail in a window of its own, beside the console rather than in front of it: filters on top, the
 * records in a table, and the selected record's servers and diff below. It shows what {@link AuditViewModel} holds.
 */
public final class AuditView {
    private final AuditViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TableView<AuditRecord> table = new TableView<>();
    private final Label detailTitle = new Label();
    private final Label detailWho = new Label();
    private final Label detailOutcome = new Label();
    private final VBox serversBox = new VBox(3);
    private final VBox detail = new VBox(6);
    private final Label detailPlaceholder = new Label("Select a change to see its servers and diff.");
    private Stage stage;

    public AuditView(AuditViewModel vm) {
        this.vm = vm;
        build();
    }

    public Parent root() { return root; }

    public TableView<AuditRecord> table() { return table; }

    /** Opens the window and reads the records. */
    public Stage show(Window owner) {
        stage = Theme.dialogStage("Audit — Tandem", root, null);
        // owned, so it closes with the console, but not modal: the console stays usable beside it
        if (owner != null) stage.initOwner(owner);
        stage.show();
        vm.load();
        return stage;
    }

    public Stage stage() { return stage; }

    private void build() {
        root.getStyleClass().add("audit-view");
        root.setPadding(new Insets(14, 16, 12, 16));
        root.setTop(filters());
        SplitPane split = new SplitPane(tablePane(), detailPane());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        root.setCenter(split);
        root.setPrefSize(1000, 680);
        vm.selectedProperty().addListener((o, was, now) -> showDetail(now));
        vm.servers().addListener((ListChangeListener<ServerOutcome>) c -> showServers());
        showDetail(null);
    }

    private Region filters() {
        Label title = new Label("Audit trail");
        title.getStyleClass().add("dialog-title");
        Label hint = new Label("Every change made to a server from this data folder: who made it, from where, and each"
                + " server's outcome. Secrets are masked in the diffs.");
        hint.getStyleClass().add("dialog-hint");
        hint.setWrapText(true);

        ComboBox<String> relationship = new ComboBox<>(vm.relationshipChoices());
        relationship.setId("auditRelationship");
        relationship.valueProperty().bindBidirectional(vm.relationshipProperty());
        relationship.setPrefWidth(200);
        TextField user = new TextField();
        user.setId("auditUser");
        user.setPromptText("Any user");
        user.setPrefColumnCount(10);
        user.textProperty().bindBidirectional(vm.userProperty());
        DatePicker since = new DatePicker();
        since.setId("auditSince");
        since.setPromptText("Any day");
        since.setPrefWidth(140);
        since.valueProperty().bindBidirectional(vm.sinceProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("auditRefresh");
        refresh.setOnAction(e -> vm.load());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.setMaxSize(18, 18);
        progress.visibleProperty().bind(vm.busyProperty());
        Label message = new Label();
        message.setId("auditMessage");
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add(vm.messageKindProperty().get().styleClass());
        vm.messageKindProperty().addListener((o, was, now) -> {
            message.getStyleClass().removeIf(c -> c.startsWith("message-"));
            message.getStyleClass().add(now.styleClass());
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, key("Relationship"), relationship, key("User"), user, key("Since"), since, refresh,
                progress, gap, message);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, title, hint, bar);
        top.setPadding(new Insets(0, 0, 10, 0));
        return top;
    }

    private Region tablePane() {
        table.setId("auditTable");
        table.setPlaceholder(new Label("No changes to show"));
        table.getColumns().add(column("Time", r -> vm.time(r.time()), 150));
        table.getColumns().add(column("User", AuditRecord::user, 90));
        table.getColumns().add(column("Host", AuditRecord::host, 110));
        table.getColumns().add(column("Relationship", AuditRecord::relationship, 140));
        table.getColumns().add(column("Description", AuditRecord::description, 330));
        table.getColumns().add(column("Outcome", AuditRecord::outcome, 120));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setItems(vm.records());
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.select(now));
        // a reload keeps the selected record selected by id: the table follows the view model
        vm.selectedProperty().addListener((o, was, now) -> {
            if (table.getSelectionModel().getSelectedItem() != now) {
                if (now == null) table.getSelectionModel().clearSelection();
                else table.getSelectionModel().select(now);
            }
        });
        table.setMinHeight(120);
        return table;
    }

    private static TableColumn<AuditRecord, String> column(String title, Function<AuditRecord, String> value, double width) {
        TableColumn<AuditRecord, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private Region detailPane() {
        detailTitle.setId("auditDetailTitle");
        detailTitle.getStyleClass().add("section-heading");
        detailTitle.setWrapText(true);
        detailWho.setId("auditDetailWho");
        detailWho.getStyleClass().add("dim");
        detailWho.setWrapText(true);
        detailOutcome.setId("auditDetailOutcome");
        Label serversHeading = new Label("Servers");
        serversHeading.getStyleClass().add("section-heading");
        serversBox.setId("auditServers");
        Label diffHeading = new Label("Diff");
        diffHeading.getStyleClass().add("section-heading");
        DiffView diff = new DiffView(vm.diff(), "No diff recorded for this change");
        diff.setId("auditDiff");
        diff.setPrefHeight(200);
        VBox.setVgrow(diff, Priority.ALWAYS);
        VBox facts = new VBox(3, detailTitle, detailWho, detailOutcome, serversHeading, serversBox);
        facts.setPadding(new Insets(0, 8, 0, 0));
        ScrollPane factsScroll = new ScrollPane(facts);
        factsScroll.setFitToWidth(true);
        factsScroll.getStyleClass().add("edge-to-edge");
        VBox diffBox = new VBox(3, diffHeading, diff);
        diffBox.setPadding(new Insets(0, 0, 0, 8));
        // servers beside the diff: both stay in sight however long the diff is
        SplitPane sides = new SplitPane(factsScroll, diffBox);
        sides.setDividerPositions(0.38);
        sides.getStyleClass().add("audit-detail");
        VBox.setVgrow(sides, Priority.ALWAYS);
        detail.getChildren().setAll(sides);
        detail.setPadding(new Insets(8, 0, 0, 0));
        detailPlaceholder.getStyleClass().add("placeholder");
        detailPlaceholder.setId("auditDetailPlaceholder");
        BorderPane pane = new BorderPane(detail);
        pane.setTop(detailPlaceholder);
        pane.setMinHeight(160);
        return pane;
    }

    private void showDetail(AuditRecord r) {
        boolean none = r == null;
        detail.setVisible(!none);
        detailPlaceholder.setVisible(none);
        detailPlaceholder.setManaged(none);
        if (none) return;
        detailTitle.setText(r.relationship() + ": " + r.description());
        detailWho.setText(vm.time(r.time()) + " — " + r.user() + "@" + r.host() + ", " + r.process()
                + " (" + r.kind() + (r.journalId() == null ? "" : ", journal #" + r.journalId()) + ")");
        detailOutcome.setText("Outcome: " + r.outcome());
        showServers(); // the list may not have changed (two records without servers), the record did
    }

    private void showServers() {
        serversBox.getChildren().clear();
        for (ServerOutcome s : vm.servers()) {
            Label l = OutcomeKind.label(s.server(), s.outcome(), s.kind());
            l.setId("audit-server-" + s.server());
            serversBox.getChildren().add(l);
        }
        if (vm.servers().isEmpty() && vm.selectedProperty().get() != null) {
            Label none = new Label("No server was named for this change");
            none.getStyleClass().add("dim");
            serversBox.getChildren().add(none);
        }
    }

    private static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("fact-key");
        return l;
    }
}
