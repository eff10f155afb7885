package tandem.ui;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Leases on every partner side by side: one row per address with the client, its host name, each partner's state and
 * expiry, and whether they agree. A subnet choice with its count of disagreements, a filter and a toggle for the
 * disagreements only.
 */
final class LeasesTab implements RelationshipTab {
    private final LeasesViewModel vm;
    private final VBox root = new VBox(6);
    private final TableView<LeasesViewModel.Row> table = new TableView<>();
    /** The columns' widths and sort, kept across relationships whose partners differ (and so their columns). */
    private ColumnLayout layout = ColumnLayout.NONE;

    LeasesTab(LeasesViewModel vm) {
        this.vm = vm;
        build();
    }

    @Override public String title() { return "Leases"; }

    @Override public String id() { return "leasesTab"; }

    @Override public Node node() { return root; }

    @Override public void show(String relationship) { vm.show(relationship); }

    /** The table's columns as the window remembers them: a partner's State and Expires are every partner's. */
    ColumnLayout.Remembered rememberedTable() {
        return new ColumnLayout.Remembered() {
            @Override public String id() { return table.getId(); }

            @Override public ColumnLayout layout() { return layout = layout.with(ColumnLayout.of(table)); }

            @Override public void restore(ColumnLayout saved) {
                layout = saved;
                saved.applyTo(table);
            }
        };
    }

    private void build() {
        root.setId("leasesView");
        root.setPadding(new javafx.geometry.Insets(8));
        ComboBox<LeasesViewModel.SubnetChoice> subnet = new ComboBox<>(vm.subnets());
        subnet.setId("leaseSubnet");
        subnet.valueProperty().bindBidirectional(vm.subnetProperty());
        subnet.setTooltip(new Tooltip("The subnet whose leases are shown, with its count of disagreeing addresses"));
        TextField filter = new TextField();
        filter.setId("leaseFilter");
        filter.setPromptText("Filter: address, MAC/DUID or host name");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        CheckBox only = new CheckBox("Only disagreements");
        only.setId("leaseOnlyDisagreements");
        only.selectedProperty().bindBidirectional(vm.onlyDisagreementsProperty());
        Button reload = new Button("Read again");
        reload.setId("leaseReload");
        reload.disableProperty().bind(vm.readingProperty());
        reload.setOnAction(e -> vm.reload());
        reload.setTooltip(new Tooltip("Read every partner's leases again"));
        HBox bar = new HBox(8, new Label("Subnet"), subnet, filter, only, reload);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Label status = TableColumns.wrapped(new Label());
        status.setId("leaseStatus");
        status.textProperty().bind(vm.statusProperty());

        table.setId("leaseTable");
        table.setItems(vm.rows());
        table.setPlaceholder(new Label("No leases to show"));
        table.setRowFactory(t -> new TableRow<>() {
            @Override protected void updateItem(LeasesViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("lease-disagreement");
                if (!empty && row != null && !row.agree()) getStyleClass().add("lease-disagreement");
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        vm.partners().addListener((ListChangeListener<String>) c -> columns());
        columns();
        root.getChildren().addAll(bar, status, table);
    }

    /** Address, client and host name, then each partner's state and expiry, then whether they agree. */
    private void columns() {
        layout = layout.with(ColumnLayout.of(table));
        table.getColumns().clear();
        table.getColumns().add(TableColumns.column("Address", LeasesViewModel.Row::ip, 95));
        table.getColumns().add(TableColumns.column("Client (MAC/DUID)", LeasesViewModel.Row::client, 135));
        table.getColumns().add(TableColumns.column("Host name", LeasesViewModel.Row::hostname, 85));
        for (String partner : vm.partners()) {
            TableColumn<LeasesViewModel.Row, String> group = new TableColumn<>(partner);
            group.setId("leasePartner-" + partner);
            // wide enough for Kea's longest state, "expired-reclaimed"
            group.getColumns().add(TableColumns.column("State", r -> r.byPartner().get(partner).state(), 120));
            group.getColumns().add(TableColumns.column("Expires", r -> r.byPartner().get(partner).expires(), 105));
            table.getColumns().add(group);
        }
        TableColumn<LeasesViewModel.Row, String> agree = new TableColumn<>("Agree");
        agree.setId("leaseAgree");
        agree.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().why()));
        agree.setCellFactory(col -> TableColumns.tooltipWhenLong(new TableCell<>() {
            @Override protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                getStyleClass().remove("lease-warning");
                if (!empty && text != null && !text.equals("yes")) getStyleClass().add("lease-warning");
            }
        }, 1));
        TableColumns.fitHeader(agree, 170);
        table.getColumns().add(agree);
        layout.applyTo(table);
    }
}
