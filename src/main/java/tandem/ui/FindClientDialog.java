package tandem.ui;

import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Find client: where a client is reserved and leased on every server, which partners hold it and whether they agree.
 * Selecting a result selects its relationship in the window's tree. Not modal: it can stay open beside the window.
 */
final class FindClientDialog {
    private final FindClientViewModel vm;
    private final Consumer<String> selectRelationship;
    private final VBox root = new VBox(8);
    private final TextField field = new TextField();
    private Stage stage;

    FindClientDialog(FindClientViewModel vm, Consumer<String> selectRelationship) {
        this.vm = vm;
        this.selectRelationship = selectRelationship;
        build();
    }

    Stage show(Window owner) {
        stage = Theme.dialogStage("Find client — Tandem", root, null);
        if (owner != null) stage.initOwner(owner);
        stage.show();
        field.requestFocus();
        return stage;
    }

    /** Brings an open dialog to the front with its field ready for a new search. */
    void focus() {
        if (stage == null) return;
        stage.toFront();
        field.requestFocus();
        field.selectAll();
    }

    boolean isShowing() { return stage != null && stage.isShowing(); }

    private void build() {
        root.setId("findClient");
        root.setPadding(new javafx.geometry.Insets(12));
        root.setPrefSize(900, 420);
        field.setId("findClientQuery");
        field.setPromptText("IP address, MAC address, DUID or host name");
        field.textProperty().bindBidirectional(vm.queryProperty());
        field.setOnAction(e -> vm.search());
        HBox.setHgrow(field, Priority.ALWAYS);
        Button find = new Button("Find");
        find.setId("findClientSearch");
        find.setDefaultButton(true);
        find.disableProperty().bind(vm.searchingProperty());
        find.setOnAction(e -> vm.search());
        HBox bar = new HBox(8, field, find);
        Label problem = TableColumns.wrapped(new Label());
        problem.setId("findClientProblem");
        problem.getStyleClass().add("action-refusal");
        problem.textProperty().bind(vm.problemProperty());
        problem.visibleProperty().bind(vm.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());
        Label status = TableColumns.wrapped(new Label());
        status.setId("findClientStatus");
        status.textProperty().bind(vm.statusProperty());

        TableView<FindClientViewModel.Row> table = new TableView<>(vm.results());
        table.setId("findClientResults");
        table.setPlaceholder(new Label("No results"));
        table.getColumns().add(TableColumns.column("Relationship", FindClientViewModel.Row::relationship, 110));
        table.getColumns().add(TableColumns.column("Subnet / scope", FindClientViewModel.Row::subnet, 110));
        table.getColumns().add(TableColumns.column("Kind", FindClientViewModel.Row::kind, 80));
        table.getColumns().add(TableColumns.column("Address", FindClientViewModel.Row::ip, 100));
        table.getColumns().add(TableColumns.column("Client (MAC/DUID)", FindClientViewModel.Row::client, 130));
        table.getColumns().add(TableColumns.column("Host name", FindClientViewModel.Row::hostname, 90));
        table.getColumns().add(TableColumns.column("On", FindClientViewModel.Row::partners, 110));
        table.getColumns().add(TableColumns.column("Agree", FindClientViewModel.Row::agreement, 150));
        table.setRowFactory(t -> new TableRow<>() {
            @Override protected void updateItem(FindClientViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("lease-disagreement");
                if (!empty && row != null && !row.agree()) getStyleClass().add("lease-disagreement");
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) selectRelationship.accept(now.relationship());
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(bar, problem, status, table);
    }
}
