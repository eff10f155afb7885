package tandem.ui;

import static tandem.ui.TableColumns.column;
import static tandem.ui.TableColumns.fitHeader;
import static tandem.ui.TableColumns.key;
import static tandem.ui.TableColumns.value;
import static tandem.ui.TableColumns.wrapped;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The details of the selected relationship: status and reasons, its backend's commands as buttons, facts and
 * timers, configuration checks, the peer table and the journal of its changes.
 */
final class DetailsPane {
    private final MainViewModel vm;
    private final ChangesSection changesSection;
    private final Function<String, List<UiCommand>> commands;
    private final java.util.function.BiFunction<tandem.core.access.Permission, String, java.util.Optional<String>> refusal;
    private final Consumer<String> onShown;
    private final TableView<PeerRow> peerTable = new TableView<>();
    private final StackPane detailsIcon = new StackPane();
    private final Label detailsName = new Label();
    private final Label detailsStatus = new Label();
    private final VBox detailsReasons = new VBox(2);
    private final Label detailsMode = value("detailsMode");
    private final Label detailsSourceOfTruth = value("detailsSourceOfTruth");
    private final Label detailsReplicated = value("detailsReplicated");
    private final Label detailsServer = value("detailsServer");
    private final Label detailsObserved = value("detailsObserved");
    private final GridPane timersGrid = new GridPane();
    private final Label checksHeading = new Label("Checks");
    private final VBox checksList = new VBox(3);
    private final VBox detailsContent = new VBox();
    private final Label detailsPlaceholder = new Label("Add a DHCP server to see its failover relationships here.");
    /** Wraps onto a second line rather than cutting a backend's longer list of commands short. */
    private final javafx.scene.layout.FlowPane detailsActions = new javafx.scene.layout.FlowPane(6, 6);
    private String actionsFor;
    private final Node node;

    /**
     * @param commands a relationship's backend commands, shown as buttons
     * @param onShown  told which relationship is shown (the tree follows)
     */
    DetailsPane(MainViewModel vm, ChangesSection changesSection, Function<String, List<UiCommand>> commands,
                Consumer<String> onShown) {
        this(vm, changesSection, commands, onShown, (bit, server) -> java.util.Optional.empty());
    }

    /** @param refusal why the signed-in team member may not use a bit on a server (empty: they may) */
    DetailsPane(MainViewModel vm, ChangesSection changesSection, Function<String, List<UiCommand>> commands,
                Consumer<String> onShown,
                java.util.function.BiFunction<tandem.core.access.Permission, String, java.util.Optional<String>> refusal) {
        this.refusal = refusal;
        this.vm = vm;
        this.changesSection = changesSection;
        this.commands = commands;
        this.onShown = onShown;
        this.node = build();
    }

    Node node() { return node; }

    private Node build() {
        detailsName.setId("detailsName");
        detailsName.getStyleClass().add("details-title");
        detailsStatus.setId("detailsStatus");
        detailsStatus.getStyleClass().add("details-status");
        detailsIcon.setMinSize(30, 30);
        detailsIcon.setAlignment(Pos.CENTER);
        VBox titles = new VBox(1, detailsName, detailsStatus);
        HBox header = new HBox(10, detailsIcon, titles);
        header.setAlignment(Pos.CENTER_LEFT);
        detailsReasons.setId("detailsReasons");
        detailsReasons.getStyleClass().add("details-reasons");

        GridPane facts = new GridPane();
        facts.getStyleClass().add("details-facts");
        facts.setHgap(12);
        facts.setVgap(5);
        ColumnConstraints l1 = new ColumnConstraints();
        l1.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints v1 = new ColumnConstraints();
        v1.setHgrow(Priority.SOMETIMES);
        v1.setMinWidth(160);
        facts.getColumnConstraints().addAll(l1, v1);
        int row = 0;
        facts.addRow(row++, key("Mode"), detailsMode);
        facts.addRow(row++, key("Source of truth"), detailsSourceOfTruth);
        facts.addRow(row++, key("Replicated"), detailsReplicated);
        facts.addRow(row++, key("Added through"), detailsServer);
        facts.addRow(row, key("Observed"), detailsObserved);

        timersGrid.getStyleClass().add("details-facts");
        timersGrid.setId("detailsTimers");
        timersGrid.setHgap(12);
        timersGrid.setVgap(5);
        ColumnConstraints l2 = new ColumnConstraints();
        l2.setMinWidth(Region.USE_PREF_SIZE);
        timersGrid.getColumnConstraints().add(l2);
        HBox factRow = new HBox(36, facts, timersGrid);

        Label peersHeading = new Label("Peers");
        peersHeading.getStyleClass().add("section-heading");
        buildPeerTable();

        checksHeading.getStyleClass().add("section-heading");
        checksList.setId("detailsChecks");
        checksList.getStyleClass().add("details-checks");
        detailsActions.setId("detailsActions");
        detailsActions.getStyleClass().add("details-actions");
        detailsActions.setAlignment(Pos.CENTER_LEFT);

        detailsContent.getChildren().addAll(header, detailsActions, detailsReasons, factRow, checksHeading, checksList,
                peersHeading, peerTable, changesSection);
        detailsContent.setSpacing(10);
        VBox.setVgrow(peerTable, Priority.ALWAYS);
        VBox.setMargin(peersHeading, new Insets(4, 0, -4, 0));
        detailsContent.getStyleClass().add("details-pane");
        detailsContent.setId("detailsPane");

        detailsPlaceholder.getStyleClass().add("placeholder");
        detailsPlaceholder.setWrapText(true);
        // a short window scrolls the details rather than cutting off the journal and its Undo at the bottom
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(detailsContent);
        scroll.setId("detailsScroll");
        scroll.getStyleClass().add("details-scroll");
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.visibleProperty().bind(detailsContent.visibleProperty());
        StackPane box = new StackPane(scroll, detailsPlaceholder);
        box.setMinWidth(400);
        return box;
    }

    private void buildPeerTable() {
        peerTable.setId("peerTable");
        peerTable.setPlaceholder(new Label("No peers"));
        peerTable.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        TableColumn<PeerRow, PeerRow> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        name.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(PeerRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(row.name() + (row.sourceOfTruth() ? " ★" : ""));
                setGraphic(StatusIcons.peer(row.indicator(), false, 13));
                setTooltip(row.sourceOfTruth() ? new Tooltip(row.name() + " is the source of truth") : null);
            }
        });
        fitHeader(name, 112);
        peerTable.getColumns().add(name);
        peerTable.getColumns().add(column("Role", PeerRow::role, 78));
        peerTable.getColumns().add(column("URL", PeerRow::url, 170));
        peerTable.getColumns().add(column("Reachable", PeerRow::reachable, 60));
        peerTable.getColumns().add(column("Daemon", PeerRow::daemon, 50));
        peerTable.getColumns().add(column("HA state", PeerRow::haState, 130));
        peerTable.getColumns().add(column("Scopes", PeerRow::scopes, 110));
        peerTable.getColumns().add(column("Age", PeerRow::age, 40));
        peerTable.getColumns().add(column("In touch", PeerRow::inTouch, 50));
        TableColumn<PeerRow, String> unacked = column("Unacked", PeerRow::unackedClients, 50);
        unacked.setId("unackedColumn");
        Label unackedHeader = new Label("Unacked");
        unackedHeader.setTooltip(new Tooltip("Unacked clients: clients the partner has not answered within max-ack-delay"));
        unacked.setText(null);
        unacked.setGraphic(unackedHeader);
        peerTable.getColumns().add(unacked);
        TableColumn<PeerRow, PeerRow> skew = new TableColumn<>("Clock skew");
        skew.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        skew.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(PeerRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("skew-warning", "skew-error");
                if (empty || row == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(row.clockSkew());
                String style = row.skewStyleClass();
                if (style != null) {
                    getStyleClass().add(style);
                    setTooltip(new Tooltip(style.equals("skew-error")
                            ? "More than 60 s: Kea ends HA between these servers"
                            : "More than 30 s: Kea warns; above 60 s it ends HA"));
                } else {
                    setTooltip(null);
                }
            }
        });
        fitHeader(skew, 60);
        skew.setId("skewColumn");
        peerTable.getColumns().add(skew);
        TableColumn<PeerRow, String> problem = column("Problem", PeerRow::problem, 300);
        peerTable.getColumns().add(problem);
        peerTable.setItems(vm.peerRows());
        peerTable.setMinHeight(120);
    }

    /** Shows a relationship, or the placeholder when none is selected. */
    void show(RelationshipDetails d) {
        boolean empty = d == null;
        detailsContent.setVisible(!empty);
        detailsPlaceholder.setVisible(empty);
        if (empty) {
            detailsPlaceholder.setText(vm.nodes().isEmpty()
                    ? "Add a DHCP server to see its failover relationships here."
                    : "Select a relationship to see its details.");
            return;
        }
        onShown.accept(d.name());
        if (!d.name().equals(actionsFor)) {
            actionsFor = d.name();
            List<Node> buttons = new ArrayList<>();
            for (UiCommand c : commands.apply(d.name())) {
                Button b = new Button(c.label());
                b.setId(c.buttonId());
                java.util.Optional<String> why = c.needs() == null ? java.util.Optional.empty()
                        : refusal.apply(c.needs(), d.serverName());
                b.setDisable(c.disabled() || why.isPresent());
                b.setOnAction(e -> c.run().run());
                buttons.add(RefusedAction.wrapIfRefused(b, why));
            }
            detailsActions.getChildren().setAll(buttons);
        }
        changesSection.show(d.name(), d.serverName());
        detailsIcon.getChildren().setAll(StatusIcons.relationship(d.status(), d.stale(), 28));
        peerTable.getStyleClass().remove("stale");
        if (d.stale()) peerTable.getStyleClass().add("stale");
        detailsName.setText(d.name());
        detailsStatus.setText(d.statusLabel() + (d.status() != null && d.stale() ? " — last known, not confirmed" : ""));
        detailsStatus.getStyleClass().removeIf(c -> c.startsWith("status-"));
        detailsStatus.getStyleClass().add(StatusIcons.styleClass(d.status()));
        detailsReasons.getChildren().clear();
        for (String reason : d.reasons()) {
            Label l = wrapped(new Label("•  " + reason));
            l.getStyleClass().add("reason");
            detailsReasons.getChildren().add(l);
        }
        for (String problem : d.peerProblems()) {
            Label l = wrapped(new Label(problem));
            l.getStyleClass().add("peer-problem");
            detailsReasons.getChildren().add(l);
        }
        boolean anything = !detailsReasons.getChildren().isEmpty();
        detailsReasons.setVisible(anything);
        detailsReasons.setManaged(anything);
        detailsMode.setText(d.mode());
        detailsSourceOfTruth.setText(d.sourceOfTruth() == null ? "none (no active server)" : d.sourceOfTruth());
        detailsReplicated.setText(d.replicatedText());
        detailsServer.setText(d.serverName());
        detailsObserved.setText(d.observedAt() == null ? "never"
                : vm.dateTime(d.observedAt()) + (d.stale() ? " (last known)" : ""));
        showChecks(d.checks());
        timersGrid.getChildren().clear();
        int row = 0;
        for (RelationshipDetails.Timer t : d.timers()) {
            Label v = new Label(t.value());
            v.getStyleClass().add("fact-value");
            timersGrid.addRow(row++, key(t.label()), v);
        }
    }

    private void showChecks(List<tandem.core.ConfigCheck> checks) {
        checksList.getChildren().clear();
        for (tandem.core.ConfigCheck c : checks) {
            boolean error = c.severity() == tandem.core.ConfigCheck.Severity.ERROR;
            Label l = wrapped(new Label(c.sentence(), SvgIcon.node(error ? SvgIcon.SERVICE_DOWN : SvgIcon.IMPAIRED, 14)));
            l.setGraphicTextGap(6);
            l.getStyleClass().addAll("check", error ? "check-error" : "check-warning");
            l.setAccessibleText((error ? "Error: " : "Warning: ") + c.sentence());
            checksList.getChildren().add(l);
        }
        boolean any = !checks.isEmpty();
        checksHeading.setVisible(any);
        checksHeading.setManaged(any);
        checksList.setVisible(any);
        checksList.setManaged(any);
    }
}
