package tandem.ui;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import tandem.core.RelationshipStatus;
import tandem.core.StatusEvent;
import tandem.ui.ConsoleNode.PeerItem;
import tandem.ui.ConsoleNode.RelationshipItem;
import tandem.ui.ConsoleNode.ServerItem;

/**
 * The console window: the server tree on the left, the selected relationship's details on the right, the status
 * history below and a status bar. It only shows what {@link MainViewModel} holds and forwards commands to it.
 */
public final class MainView {
    private static final Set<String> CELL_CLASSES = Set.of("relationship-node", "peer-node", "server-node", "stale",
            "status-ok", "status-impaired", "status-service-down", "status-unreachable", "status-unknown",
            "peer-up", "peer-daemon-down", "peer-unreachable", "peer-unknown", "source-of-truth");

    private final ConsoleServices services;
    private final BackgroundTasks tasks;
    private final MainViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TreeView<ConsoleNode> tree = new TreeView<>();
    private final TreeItem<ConsoleNode> treeRoot = new TreeItem<>();
    private final Map<String, TreeItem<ConsoleNode>> treeItems = new HashMap<>();
    private final TableView<PeerRow> peerTable = new TableView<>();
    private final TableView<StatusEvent> eventTable = new TableView<>();
    private final Button removeButton = new Button("Remove server");

    // details pane
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
    private final HBox detailsActions = new HBox(6);
    private String actionsFor;
    private final ChangesSection changesSection;
    private javafx.stage.Stage auditStage;
    private final ZoneId zone;

    public MainView(ConsoleServices services, BackgroundTasks tasks, ZoneId zone) {
        this.services = services;
        this.tasks = tasks;
        this.zone = zone;
        this.vm = new MainViewModel(services.inventory(), services.poller(), services.stateStore(),
                services::preferences, tasks, zone, services.configChecks(), services.haActions());
        this.changesSection = new ChangesSection(services.replicationStore(), tasks, vm::dateTime, this::openUndo);
        build();
    }

    public MainViewModel viewModel() { return vm; }

    public Parent root() { return root; }

    public TreeView<ConsoleNode> tree() { return tree; }

    /** Puts the window's content into a scene of the given size with the console's stylesheet. */
    public Scene scene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        Theme.apply(scene);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::openAddServer);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), vm::refreshNow);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN), this::openPreferences);
        return scene;
    }

    /** Shows the last-known state and starts polling. */
    public void start() { vm.start(); }

    public void dispose() { vm.dispose(); }

    // ---- layout

    private void build() {
        root.getStyleClass().add("main-window");
        root.setId("mainWindow");
        root.setTop(toolbar());

        SplitPane upper = new SplitPane(treePane(), detailsPane());
        upper.setDividerPositions(0.27);
        SplitPane.setResizableWithParent(upper.getItems().get(0), false);
        SplitPane main = new SplitPane(upper, eventPane());
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.7);
        root.setCenter(main);
        root.setBottom(statusBar());

        vm.nodes().addListener((ListChangeListener<ConsoleNode>) c -> syncTree());
        vm.detailsProperty().addListener((o, was, now) -> showDetails(now));
        showDetails(null);
        syncTree();
    }

    private Node toolbar() {
        Label brand = new Label("Tandem", SvgIcon.node(SvgIcon.LOGO, 20));
        brand.getStyleClass().add("brand");
        brand.setGraphicTextGap(7);
        Button add = new Button("Add DHCP server…", SvgIcon.node(SvgIcon.SERVER, 16));
        add.setId("openAddServer");
        add.setOnAction(e -> openAddServer());
        add.setTooltip(new Tooltip("Add a Kea server; its failover relationships are read from its configuration (Ctrl+N)"));
        Button addIsc = new Button("Add ISC server…");
        addIsc.setId("openAddIscServer");
        addIsc.setOnAction(e -> openAddIscServer());
        addIsc.setTooltip(new Tooltip("Add an ISC dhcpd server reached over SSH; its failover peers become relationships"));
        removeButton.setId("removeServer");
        removeButton.setOnAction(e -> removeSelectedServer());
        removeButton.setDisable(true);
        Button refresh = new Button("Refresh now");
        refresh.setId("refreshNow");
        refresh.setOnAction(e -> vm.refreshNow());
        refresh.setTooltip(new Tooltip("Poll every server now (F5)"));
        Button audit = new Button("Audit…");
        audit.setId("openAudit");
        audit.setOnAction(e -> openAudit());
        audit.setTooltip(new Tooltip("Every change made to a server: who, when, each server's outcome and the diff"));
        Button prefs = new Button("Preferences…");
        prefs.setId("openPreferences");
        prefs.setOnAction(e -> openPreferences());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        ToolBar bar = new ToolBar(brand, new Separator(Orientation.VERTICAL), add, addIsc, removeButton, refresh, gap, audit, prefs);
        bar.getStyleClass().add("main-toolbar");
        return bar;
    }

    private Node treePane() {
        tree.setId("serverTree");
        tree.setRoot(treeRoot);
        tree.setShowRoot(false);
        treeRoot.setExpanded(true);
        tree.setCellFactory(t -> new NodeCell(this::contextMenu));
        tree.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            ConsoleNode node = now == null ? null : now.getValue();
            removeButton.setDisable(node == null);
            if (node instanceof RelationshipItem r) vm.select(r.name());
            else if (node instanceof PeerItem p) vm.select(p.relationship());
            else vm.select(null);
        });
        tree.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) removeSelectedServer();
        });
        tree.setOnContextMenuRequested(e -> {
            javafx.scene.control.ContextMenu menu = iscMenu();
            if (menu != null) menu.show(tree, e.getScreenX(), e.getScreenY());
        });
        Label heading = new Label("Servers and relationships");
        heading.getStyleClass().add("pane-heading");
        Label empty = new Label("No servers yet.\nUse “Add DHCP server…” to add one.");
        empty.getStyleClass().add("placeholder");
        empty.setWrapText(true);
        empty.setMouseTransparent(true);
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.nodes()));
        StackPane treeStack = new StackPane(tree, empty);
        StackPane.setAlignment(empty, Pos.TOP_LEFT);
        VBox box = new VBox(heading, treeStack);
        VBox.setVgrow(treeStack, Priority.ALWAYS);
        box.getStyleClass().add("tree-pane");
        box.setMinWidth(220);
        return box;
    }

    /** Right-click on an ISC relationship: pools, peers and partner-down, each previewed before it is written. */
    javafx.scene.control.ContextMenu iscMenu() {
        TreeItem<ConsoleNode> item = tree.getSelectionModel().getSelectedItem();
        if (item == null || !(item.getValue() instanceof RelationshipItem r)
                || r.relationship().backend() != tandem.core.Backend.ISC) return null;
        var target = services.iscConfig(r.serverName()).orElse(null);
        if (target == null) return null;
        String peer = r.name().contains("/") ? r.name().substring(r.name().indexOf('/') + 1) : null;
        javafx.scene.control.MenuItem pool = new javafx.scene.control.MenuItem("Add address pool…");
        pool.setId("iscAddPool");
        pool.setOnAction(e -> withConfig(target, config -> new AddressPoolDialog(new AddressPoolViewModel(config, null),
                edit -> review(target, config, edit)).show(window())));
        javafx.scene.control.MenuItem peers = new javafx.scene.control.MenuItem("Manage failover peers…");
        peers.setId("iscManagePeers");
        peers.setOnAction(e -> withConfig(target, config -> new ManageFailoverPeersDialog(config, r.serverName(),
                edit -> review(target, config, edit)).show(window())));
        javafx.scene.control.MenuItem migrate = new javafx.scene.control.MenuItem("Migrate subnet to partner…");
        migrate.setId("iscMigrate");
        migrate.setOnAction(e -> withConfig(target, config -> {
            List<String> partners = services.inventory().servers().stream()
                    .filter(sr -> sr.backend() == tandem.core.Backend.ISC && !sr.name().equals(r.serverName()))
                    .map(sr -> sr.name()).toList();
            new MigrateSubnetDialog(r.serverName(), config.subnets().stream().map(tandem.isc.Subnet::cidr).toList(), partners,
                    (subnet, partner) -> migrate(config, subnet, partner)).show(window());
        }));
        javafx.scene.control.MenuItem down = new javafx.scene.control.MenuItem("Set partner down…");
        down.setId("iscPartnerDown");
        down.setDisable(peer == null);
        down.setOnAction(e -> confirmPartnerDown(target, r.serverName(), peer));
        return new javafx.scene.control.ContextMenu(pool, peers, migrate, down);
    }

    private void withConfig(tandem.isc.IscConfigTarget target, java.util.function.Consumer<tandem.isc.DhcpdConfig> then) {
        tasks.run(target::load, then, failure -> error("Cannot read " + target.name(), failure));
    }

    private void review(tandem.isc.IscConfigTarget target, tandem.isc.DhcpdConfig config, tandem.isc.FailoverEdits.Edit edit) {
        new ConfigDiffDialog(target, config, edit.change(), tasks, vm::refreshNow).show(window());
    }

    private void migrate(tandem.isc.DhcpdConfig source, String subnet, String partner) {
        var target = services.iscConfig(partner).orElse(null);
        if (target == null) return;
        withConfig(target, partnerConfig -> {
            tandem.isc.FailoverEdits.Edit edit;
            try {
                edit = tandem.isc.FailoverEdits.migrateToPartner(source, subnet, partnerConfig);
            } catch (IllegalArgumentException ex) {
                error("Cannot migrate " + subnet, ex);
                return;
            }
            if (edit.change().isEmpty()) {
                vm.say(partner + " already has " + subnet + " as it should", MessageKind.INFO);
            } else if (!edit.applicable()) {
                error("The partner's configuration would break", new IllegalStateException(edit.problems().get(0).toString()));
            } else {
                review(target, partnerConfig, edit);
            }
        });
    }

    private void confirmPartnerDown(tandem.isc.IscConfigTarget target, String server, String peer) {
        Alert confirm = new Alert(Alert.AlertType.WARNING, "In partner-down, " + server + " serves every address of the"
                + " failover peer \"" + peer + "\"'s pools. Do this only when the partner is really down: if both serve,"
                + " they can give the same address to two clients.", ButtonType.CANCEL, ButtonType.OK);
        confirm.setTitle("Set partner down");
        confirm.setHeaderText("Set the partner of " + server + " down?");
        confirm.initOwner(window());
        Theme.apply(confirm.getDialogPane());
        confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> tasks.run(() -> target.setPartnerDown(peer),
                st -> vm.refreshNow(), failure -> error("Partner-down failed", failure)));
    }

    private void error(String what, Throwable failure) {
        Alert a = new Alert(Alert.AlertType.ERROR, failure.getMessage() == null ? failure.toString() : failure.getMessage(), ButtonType.CLOSE);
        a.setHeaderText(what);
        a.initOwner(window());
        Theme.apply(a.getDialogPane());
        a.show();
    }

    private Node detailsPane() {
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
        StackPane box = new StackPane(detailsContent, detailsPlaceholder);
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
        fitHeader(name, 84);
        peerTable.getColumns().add(name);
        peerTable.getColumns().add(column("Role", PeerRow::role, 78));
        peerTable.getColumns().add(column("URL", PeerRow::url, 190));
        peerTable.getColumns().add(column("Reachable", PeerRow::reachable, 60));
        peerTable.getColumns().add(column("Daemon", PeerRow::daemon, 50));
        peerTable.getColumns().add(column("HA state", PeerRow::haState, 94));
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

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                // a long value may be cut at the column's edge; the tooltip always has all of it
                setTooltip(empty || text == null || text.length() < 12 ? null : new Tooltip(text));
            }
        });
        fitHeader(c, width);
        return c;
    }

    /** A column never gets narrower than its title, so headers are never cut off. */
    private static void fitHeader(TableColumn<?, ?> c, double width) {
        javafx.scene.text.Text text = new javafx.scene.text.Text(c.getText() == null ? "" : c.getText());
        text.setFont(javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(),
                12));
        double header = Math.ceil(text.getLayoutBounds().getWidth()) + 16;
        c.setMinWidth(header);
        c.setPrefWidth(Math.max(width, header));
    }

    private Node eventPane() {
        eventTable.setId("eventTable");
        eventTable.setPlaceholder(new Label("No status changes recorded yet"));
        TableColumn<StatusEvent, String> time = column("Time", e -> vm.dateTime(e.at()), 150);
        TableColumn<StatusEvent, String> rel = column("Relationship", StatusEvent::relationship, 170);
        TableColumn<StatusEvent, StatusEvent> change = new TableColumn<>("Change");
        change.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        change.setCellFactory(c -> new TableCell<>() {
            @Override protected void updateItem(StatusEvent e, boolean empty) {
                super.updateItem(e, empty);
                setText(null);
                if (empty || e == null) {
                    setGraphic(null);
                    return;
                }
                HBox box = new HBox(4);
                box.setAlignment(Pos.CENTER_LEFT);
                if (e.from() != null) {
                    box.getChildren().addAll(StatusIcons.relationship(e.from(), false, 13), new Label(e.from().label()));
                } else {
                    Label first = new Label("first seen");
                    first.getStyleClass().add("dim");
                    box.getChildren().add(first);
                }
                Label arrow = new Label("→");
                arrow.getStyleClass().add("dim");
                box.getChildren().addAll(arrow, StatusIcons.relationship(e.to(), false, 13), new Label(e.to().label()));
                setGraphic(box);
            }
        });
        fitHeader(change, 230);
        TableColumn<StatusEvent, String> reason = column("Reason", StatusEvent::reason, 600);
        eventTable.getColumns().addAll(List.of(time, rel, change, reason));
        eventTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        eventTable.setItems(vm.events());
        Label heading = new Label("Status history");
        heading.getStyleClass().add("pane-heading");
        VBox box = new VBox(heading, eventTable);
        VBox.setVgrow(eventTable, Priority.ALWAYS);
        box.getStyleClass().add("event-pane");
        box.setMinHeight(110);
        return box;
    }

    private Node statusBar() {
        Label lastPoll = new Label();
        lastPoll.setId("lastPoll");
        lastPoll.textProperty().bind(vm.lastPollProperty());
        Label message = new Label();
        message.setId("statusMessage");
        message.textProperty().bind(vm.messageProperty());
        vm.messageKindProperty().addListener((o, was, now) -> {
            message.getStyleClass().removeIf(c -> c.startsWith("message-"));
            message.getStyleClass().add(now.styleClass());
        });
        HBox counts = new HBox(12);
        counts.setId("statusCounts");
        counts.setAlignment(Pos.CENTER_RIGHT);
        Runnable showCounts = () -> {
            counts.getChildren().clear();
            Map<RelationshipStatus, Integer> n = vm.countsProperty().get();
            for (RelationshipStatus s : RelationshipStatus.values()) {
                Label l = new Label(n.getOrDefault(s, 0) + " " + s.label(), StatusIcons.relationship(s, false, 14));
                l.setId("count-" + StatusIcons.styleClass(s));
                l.getStyleClass().add("status-count");
                counts.getChildren().add(l);
            }
            int unconfirmed = vm.unconfirmedProperty().get();
            if (unconfirmed > 0) {
                Label l = new Label(unconfirmed + " unconfirmed", SvgIcon.node(SvgIcon.STALE, 14));
                l.setId("count-unconfirmed");
                l.getStyleClass().addAll("status-count", "dim");
                l.setTooltip(new Tooltip("Last-known states no poll has confirmed since the console started"));
                counts.getChildren().add(l);
            }
        };
        vm.countsProperty().addListener((o, was, now) -> showCounts.run());
        vm.unconfirmedProperty().addListener((o, was, now) -> showCounts.run());
        showCounts.run();
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(14, lastPoll, new Separator(Orientation.VERTICAL), message, gap, counts);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("fact-key");
        return l;
    }

    private static Label value(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("fact-value");
        return l;
    }

    // ---- updates

    /** Keeps one TreeItem per node key, so polls update the tree in place without losing selection. */
    private void syncTree() {
        List<TreeItem<ConsoleNode>> top = new ArrayList<>();
        Map<String, TreeItem<ConsoleNode>> seen = new HashMap<>();
        for (ConsoleNode node : vm.nodes()) {
            TreeItem<ConsoleNode> item = itemFor(node, seen);
            if (node instanceof RelationshipItem r) {
                List<TreeItem<ConsoleNode>> children = new ArrayList<>();
                for (PeerItem p : r.children()) children.add(itemFor(p, seen));
                if (!item.getChildren().equals(children)) item.getChildren().setAll(children);
            }
            top.add(item);
        }
        treeItems.keySet().retainAll(seen.keySet());
        if (!treeRoot.getChildren().equals(top)) treeRoot.getChildren().setAll(top);
        if (tree.getSelectionModel().getSelectedItem() == null && vm.selected() != null) {
            TreeItem<ConsoleNode> wanted = treeItems.get("relationship:" + vm.selected());
            if (wanted != null) tree.getSelectionModel().select(wanted);
        }
    }

    private TreeItem<ConsoleNode> itemFor(ConsoleNode node, Map<String, TreeItem<ConsoleNode>> seen) {
        TreeItem<ConsoleNode> item = treeItems.get(node.key());
        if (item == null) {
            item = new TreeItem<>(node);
            item.setExpanded(true);
            treeItems.put(node.key(), item);
        } else if (!node.equals(item.getValue())) {
            item.setValue(node);
        }
        seen.put(node.key(), item);
        return item;
    }

    private void showDetails(RelationshipDetails d) {
        boolean empty = d == null;
        detailsContent.setVisible(!empty);
        detailsPlaceholder.setVisible(empty);
        if (empty) {
            detailsPlaceholder.setText(vm.nodes().isEmpty()
                    ? "Add a DHCP server to see its failover relationships here."
                    : "Select a relationship to see its details.");
            return;
        }
        followSelection(d.name());
        if (!d.name().equals(actionsFor)) {
            actionsFor = d.name();
            detailsActions.getChildren().setAll(changeActions(d.name(), (text, graphic) -> {
                Button b = new Button(text);
                b.setId("action-" + text.replace("…", "").strip().replace(' ', '-').toLowerCase(java.util.Locale.ROOT));
                return b;
            }));
        }
        changesSection.show(d.name());
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

    /**
     * A reason, cause or check is often longer than the pane is wide: it wraps in full, never cut to "…" (wrapping
     * alone is not enough, as a label is otherwise allowed to shrink to one line).
     */
    private static Label wrapped(Label l) {
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
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

    /** When the view model picks a relationship (at start, after a removal), the tree shows it selected. */
    private void followSelection(String relationship) {
        TreeItem<ConsoleNode> selected = tree.getSelectionModel().getSelectedItem();
        ConsoleNode node = selected == null ? null : selected.getValue();
        String shown = node instanceof RelationshipItem r ? r.name() : node instanceof PeerItem p ? p.relationship() : null;
        if (relationship.equals(shown)) return;
        TreeItem<ConsoleNode> wanted = treeItems.get("relationship:" + relationship);
        if (wanted != null) tree.getSelectionModel().select(wanted);
    }

    // ---- commands

    private void openAddServer() {
        AddServerViewModel addVm = new AddServerViewModel(services.inventory(), services.preferences(), tasks,
                services.poller()::inventoryChanged);
        new AddServerDialog(addVm, accepted -> vm.serverAdded(accepted.server().name())).show(window());
    }

    private void openAddIscServer() {
        AddIscServerViewModel iscVm = new AddIscServerViewModel(services.inventory(), tasks, name -> {
            services.poller().inventoryChanged();
            vm.serverAdded(name);
        });
        new AddIscServerDialog(iscVm).show(window());
    }

    private void openPreferences() {
        PreferencesViewModel prefsVm = new PreferencesViewModel(services.preferences(), services::updatePreferences, tasks);
        new PreferencesDialog(prefsVm, p -> vm.preferencesChanged()).show(window());
    }

    /** One audit window at a time: asking again brings it to the front. */
    private void openAudit() {
        if (auditStage != null && auditStage.isShowing()) {
            auditStage.toFront();
            return;
        }
        AuditViewModel auditVm = new AuditViewModel(services.auditStore(),
                () -> services.inventory().relationships().stream().map(tandem.core.Relationship::name).toList(),
                tasks, zone);
        auditStage = new AuditView(auditVm).show(window());
    }

    private void removeSelectedServer() {
        TreeItem<ConsoleNode> item = tree.getSelectionModel().getSelectedItem();
        if (item == null || item.getValue() == null) return;
        String server = item.getValue().serverName();
        List<String> relationships = vm.relationshipsOf(server);
        ButtonType remove = new ButtonType("Remove", ButtonBar.ButtonData.OK_DONE);
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "", remove, ButtonType.CANCEL);
        confirm.setTitle("Remove server");
        confirm.setHeaderText("Remove " + server + " from the console?");
        confirm.setContentText((relationships.isEmpty() ? "" : "These relationships go with it: "
                + String.join(", ", relationships) + ".\n\n")
                + "The server itself and its configuration are not changed; the status history is kept.");
        confirm.getDialogPane().setId("confirmRemove");
        Theme.apply(confirm.getDialogPane());
        if (window() != null) confirm.initOwner(window());
        Optional<ButtonType> answer = confirm.showAndWait();
        if (answer.isPresent() && answer.get() == remove) vm.removeServer(server);
    }

    private boolean keaRelationship(String relationship) {
        return vm.relationship(relationship).map(r -> r.relationship().backend() == tandem.core.Backend.KEA).orElse(false);
    }

    /**
     * A Kea relationship's menu: its changes, then its HA actions (none for a standalone server). ISC pairs get
     * theirs from the tree ({@link #iscMenu}).
     */
    private ContextMenu contextMenu(String relationship) {
        if (!keaRelationship(relationship)) return null;
        ContextMenu menu = new ContextMenu();
        menu.setId("haActions");
        menu.getItems().addAll(changeActions(relationship, MenuItem::new));
        ContextMenu actions = actionMenu(relationship);
        if (actions != null) {
            menu.getItems().add(new javafx.scene.control.SeparatorMenuItem());
            menu.getItems().addAll(actions.getItems());
        }
        return menu;
    }

    /**
     * "Add reservation…" and the other changes of a relationship, then "Synchronize now…" unless it is a standalone
     * server; as menu items or buttons.
     */
    private <T> List<T> changeActions(String relationship, java.util.function.BiFunction<String, javafx.scene.Node, T> make) {
        List<T> out = new ArrayList<>();
        if (!keaRelationship(relationship)) return out; // ISC pairs have their own menu (iscMenu)
        List<Map.Entry<String, java.util.function.Supplier<ChangeForm>>> forms = List.of(
                Map.entry("Add reservation…", ReservationForm::new),
                Map.entry("Add subnet…", SubnetForm::new),
                Map.entry("Add pool…", PoolForm::new),
                Map.entry("Set option…", OptionForm::new));
        for (var f : forms) {
            T item = make.apply(f.getKey(), null);
            onAction(item, () -> openChange(relationship, f.getValue().get()));
            out.add(item);
        }
        boolean standalone = vm.relationship(relationship).map(RelationshipItem::standalone).orElse(true);
        if (!standalone) {
            T sync = make.apply("Synchronize now…", null);
            onAction(sync, () -> openSynchronize(relationship));
            out.add(sync);
        }
        return out;
    }

    private static void onAction(Object item, Runnable action) {
        if (item instanceof MenuItem m) m.setOnAction(e -> action.run());
        else if (item instanceof javafx.scene.control.ButtonBase b) b.setOnAction(e -> action.run());
    }

    private void openChange(String relationship, ChangeForm form) {
        Optional<RelationshipItem> item = vm.relationship(relationship);
        if (item.isEmpty()) return;
        RelationshipItem r = item.get();
        String sourceOfTruth = r.state() == null ? null : r.state().assessment().sourceOfTruth();
        ChangeViewModel change = new ChangeViewModel(form, r.relationship(), sourceOfTruth, services.changes(), tasks);
        change.setOnApplied(a -> changesApplied());
        new ChangeDialog(change).show(window());
    }

    private void openUndo(String relationship, tandem.core.port.ReplicationStore.JournalEntry entry) {
        openChange(relationship, new UndoForm(entry.id(), entry.description()));
    }

    private void openSynchronize(String relationship) {
        SyncViewModel sync = new SyncViewModel(relationship, services.changes(), tasks);
        sync.setOnSynchronized(this::changesApplied);
        new SyncDialog(sync).show(window());
    }

    /** After a change: poll at once so the tree shows the peers' states, and show the journal. */
    private void changesApplied() {
        vm.refreshNow();
        changesSection.reload();
    }

    private Window window() { return root.getScene() == null ? null : root.getScene().getWindow(); }

    /** The HA or failover actions a relationship's backend offers, for its tree rows; null when it has none. */
    private javafx.scene.control.ContextMenu actionMenu(String relationship) {
        List<tandem.core.backend.ActionKind> offered = vm.actionsOffered(relationship);
        if (offered.isEmpty()) return null;
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu();
        menu.setId("haActions");
        for (tandem.core.backend.ActionKind kind : offered) {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(kind.label() + "…");
            item.setId("ha-" + kind.id());
            item.setOnAction(e -> new HaActionDialog(vm, relationship, kind).show(window()));
            menu.getItems().add(item);
            if (kind.endsGroup()) menu.getItems().add(new javafx.scene.control.SeparatorMenuItem());
        }
        return menu;
    }

    /** One tree row: status indicator, name and a dimmer detail; its style classes name the status. */
    private static final class NodeCell extends TreeCell<ConsoleNode> {
        private final Function<String, ContextMenu> menus;
        private String menuFor;

        NodeCell(Function<String, ContextMenu> menus) { this.menus = menus; }

        @Override protected void updateItem(ConsoleNode node, boolean empty) {
            super.updateItem(node, empty);
            getStyleClass().removeAll(CELL_CLASSES);
            String relationship = empty ? null : node instanceof RelationshipItem r ? r.name()
                    : node instanceof PeerItem p ? p.relationship() : null;
            if (!java.util.Objects.equals(relationship, menuFor)) {
                // a relationship's or one of its peers' row offers the relationship's changes and HA actions;
                // built once per relationship so a poll re-rendering the row does not close an open menu
                menuFor = relationship;
                setContextMenu(relationship == null ? null : menus.apply(relationship));
            }
            if (empty || node == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                setAccessibleText(null);
                return;
            }
            setText(null);
            Label name = new Label();
            name.getStyleClass().add("node-name");
            Label detail = new Label();
            detail.getStyleClass().add("node-detail");
            Node icon;
            if (node instanceof RelationshipItem r) {
                getStyleClass().addAll("relationship-node", StatusIcons.styleClass(r.status()));
                if (r.stale()) getStyleClass().add("stale");
                icon = StatusIcons.relationship(r.status(), r.stale(), 16);
                name.setText(r.name());
                detail.setText(r.modeLabel());
                String summary = r.state() == null ? "Not polled yet" : r.state().assessment().summary();
                setTooltip(new Tooltip(r.statusLabel() + (r.state() != null && r.state().stale() ? " (last known)" : "")
                        + (summary.equals(r.statusLabel()) ? "" : "\n" + summary)));
            } else if (node instanceof PeerItem p) {
                getStyleClass().addAll("peer-node", p.indicator().styleClass());
                if (p.stale()) getStyleClass().add("stale");
                if (p.sourceOfTruth()) getStyleClass().add("source-of-truth");
                icon = StatusIcons.peer(p.indicator(), p.stale(), 13);
                name.setText(p.title());
                detail.setText(p.detail());
                setTooltip(new Tooltip(p.peer().name() + ": " + p.indicator().label()
                        + (p.observation() != null && p.observation().problem() != null
                        ? "\n" + p.observation().problem() : "")));
            } else {
                ServerItem s = (ServerItem) node;
                getStyleClass().add("server-node");
                icon = SvgIcon.node(SvgIcon.SERVER, 16);
                name.setText(s.server().name());
                detail.setText("no relationships");
                setTooltip(null);
            }
            HBox box = new HBox(6, icon, name, detail);
            box.setAlignment(Pos.CENTER_LEFT);
            setGraphic(box);
            setAccessibleText(node.accessibleText());
        }
    }
}
