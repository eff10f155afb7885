package tandem.ui;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import tandem.core.Backend;
import tandem.core.backend.ActionKind;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.ui.ConsoleNode.RelationshipItem;

/**
 * The console window: the server tree on the left, the selected relationship's details on the right, the status
 * history below and a status bar. It only shows what {@link MainViewModel} holds and forwards commands to it; what
 * a relationship offers comes from its backend's {@link BackendUi} and {@link tandem.core.backend.FailoverActions}.
 */
public final class MainView {
    private final ConsoleServices services;
    private final BackgroundTasks tasks;
    private final MainViewModel vm;
    private final Map<Backend, BackendUi> backends;
    private final BorderPane root = new BorderPane();
    private final Button removeButton = new Button("Remove server");
    /** The top bar's actions that change servers, each greyed with the reason when the team member may not. */
    private final javafx.scene.layout.StackPane removeHolder = RefusedAction.holder(removeButton);
    private final List<javafx.scene.layout.StackPane> addHolders = new ArrayList<>();
    private final DialogService dialogs = new DialogService(this::window);
    private final ConsoleContext context;
    private final ChangesSection changesSection;
    private final TreePane treePane;
    private final DetailsPane detailsPane;
    private final RelationshipTabs relationshipTabs;
    private final NotificationMutes mutes;
    private final ActivityTab activityTab;
    private ConfigurationTab configurationTab;
    private LeasesTab leasesTab;
    private final DesktopNotifier notifier;
    private final ZoneId zone;
    private javafx.stage.Stage auditStage;
    private FindClientDialog findClient;
    /** This desktop's appearance, window and column settings (menu bar, Preferences, window state). */
    private final tandem.core.desktop.DesktopSettings desktopSettings;
    private final Appearance appearance;
    private final MainMenuBar menuBar;
    /** "Site…" on server and relationship rows. */
    private final SiteMenus sites;

    /** @param backends each backend's contribution to the window, registered once */
    public MainView(ConsoleServices services, BackgroundTasks tasks, ZoneId zone, List<BackendUi> backends) {
        this(services, tasks, zone, backends, false);
    }

    /**
     * The console's window at start: the inventory and last-known states are read while the window is built, so
     * the tree fills as soon as it shows.
     */
    public static MainView opening(ConsoleServices services, BackgroundTasks tasks, ZoneId zone,
                                   List<BackendUi> backends) {
        return new MainView(services, tasks, zone, backends, true);
    }

    private MainView(ConsoleServices services, BackgroundTasks tasks, ZoneId zone, List<BackendUi> backends,
                     boolean prefetch) {
        this.services = services;
        this.tasks = tasks;
        this.zone = zone;
        Map<Backend, BackendUi> byBackend = new java.util.LinkedHashMap<>();
        backends.forEach(b -> byBackend.put(b.backend(), b));
        this.backends = byBackend;
        this.vm = new MainViewModel(services.inventory(), services.poller(), services.stateStore(),
                services::preferences, tasks, zone, services.configChecks(), services.haActions(), services::replication);
        vm.useFacts(services::facts);
        vm.useTeamStatus(services::teamStatus);
        if (prefetch) vm.prefetch();
        this.context = new ConsoleContext(services, vm, tasks, dialogs, this::window, this::changesApplied);
        this.sites = new SiteMenus(services, vm, tasks, dialogs);
        this.changesSection = new ChangesSection(services.replicationStore(), tasks, vm::dateTime, this::openUndo);
        this.treePane = new TreePane(vm, this::relationshipMenu, node -> showTopBarRefusals(),
                this::removeSelectedServer);
        this.detailsPane = new DetailsPane(vm, changesSection, this::commands, treePane::follow, services::refusal);
        this.mutes = new NotificationMutes(services, tasks, problem -> vm.say(problem, MessageKind.ERROR));
        this.activityTab = new ActivityTab(new ActivityViewModel(services.stateStore(), services.roundTrips(),
                tasks, services.clock()), mutes, zone);
        this.relationshipTabs = new RelationshipTabs(detailsPane.node(), relationshipTabs());
        this.notifier = new DesktopNotifier(services.poller(), mutes, tasks, this::window, treePane::reveal);
        this.desktopSettings = services.desktopSettings();
        this.appearance = Appearance.of(desktopSettings, tasks);
        this.menuBar = new MainMenuBar(menuActions());
        treePane.onEnter(this::focusDetails);
        sites.installOnServerRows(treePane.tree());
        build();
    }

    public MainViewModel viewModel() { return vm; }

    public Parent root() { return root; }

    public TreeView<ConsoleNode> tree() { return treePane.tree(); }

    /**
     * Puts the window's content into a scene of the given size with the console's stylesheets, light or dark as
     * chosen; the menu bar carries the keyboard shortcuts.
     */
    public Scene scene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        // the remembered theme first: the scene is in no window yet, so Theme.use would not reach it
        appearance.apply();
        Theme.apply(scene);
        scene.windowProperty().addListener((o, was, window) -> {
            if (window != null) appearance.follow(window);
        });
        return scene;
    }

    /** Puts the window where it was last closed (size, place, dividers, columns) and remembers it on closing. */
    public void rememberWindow(javafx.stage.Stage stage) {
        List<ColumnLayout.Remembered> tables = new ArrayList<>(configurationTab.rememberedTables());
        tables.add(leasesTab.rememberedTable());
        new WindowState(desktopSettings, tables).attach(stage, root);
    }

    public Appearance appearance() { return appearance; }

    MainMenuBar menuBar() { return menuBar; }

    RelationshipTabs tabs() { return relationshipTabs; }

    /** Shows the last-known state and starts polling. */
    public void start() { vm.start(); }

    public void dispose() {
        notifier.close();
        vm.dispose();
    }

    // ---- layout

    private void build() {
        root.getStyleClass().add("main-window");
        root.setId("mainWindow");
        root.setTop(new javafx.scene.layout.VBox(menuBar.node(), toolbar()));

        SplitPane upper = new SplitPane(treePane.node(), relationshipTabs.node());
        upper.setId("upperSplit");
        upper.setDividerPositions(0.27);
        SplitPane.setResizableWithParent(upper.getItems().get(0), false);
        SplitPane main = new SplitPane(upper, HistoryPane.build(vm));
        main.setOrientation(Orientation.VERTICAL);
        main.setId("mainSplit");
        main.setDividerPositions(0.7);
        root.setCenter(main);
        root.setBottom(StatusBar.build(vm));

        vm.detailsProperty().addListener((o, was, now) -> {
            detailsPane.show(now);
            relationshipTabs.show(now == null ? null : now.name());
        });
        // a grant or revocation reaches the console with the next poll
        vm.lastPollProperty().addListener((o, was, now) -> showTopBarRefusals());
        vm.lastPollProperty().addListener((o, was, now) -> activityTab.pollCompleted());
        detailsPane.show(null);
        treePane.render(vm.treeShownProperty().get());
    }

    private Node toolbar() {
        Label brand = new Label("Tandem", SvgIcon.node(SvgIcon.LOGO, 20));
        brand.getStyleClass().add("brand");
        brand.setGraphicTextGap(7);
        List<Node> items = new ArrayList<>(List.of(brand, new Separator(Orientation.VERTICAL)));
        boolean first = true;
        for (BackendUi b : backends.values()) {
            for (UiCommand c : b.addServer(context)) {
                Button add = first ? new Button(c.label(), SvgIcon.node(SvgIcon.SERVER, 16)) : new Button(c.label());
                add.setId(c.id());
                add.setOnAction(e -> c.run().run());
                add.setTooltip(new Tooltip(first ? c.label().replace("…", "") + ": its failover relationships are read"
                        + " from its configuration (Ctrl+N)" : c.label().replace("…", "")));
                javafx.scene.layout.StackPane holder = RefusedAction.holder(add);
                addHolders.add(holder);
                items.add(holder);
                first = false;
            }
        }
        removeButton.setId("removeServer");
        removeButton.setOnAction(e -> removeSelectedServer());
        removeButton.setDisable(true);
        showTopBarRefusals();
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
        items.addAll(List.of(removeHolder, refresh, gap, audit));
        if (services.teamAdministration().isPresent()) {
            Button team = new Button("Team members…");
            team.setId("openTeamMembers");
            team.setOnAction(e -> openTeamMembers());
            team.setTooltip(new Tooltip("The team's members, their roles and permission bits"));
            items.add(team);
        }
        items.add(prefs);
        ToolBar bar = new ToolBar(items.toArray(Node[]::new));
        bar.getStyleClass().add("main-toolbar");
        return bar;
    }

    /** The tabs beside the details, in the order they are shown. */
    private List<RelationshipTab> relationshipTabs() {
        configurationTab = new ConfigurationTab(context, backends);
        leasesTab = new LeasesTab(new LeasesViewModel(name -> vm.relationship(name).map(RelationshipItem::relationship),
                services::leases, services.leaseConsistency(), tasks, zone, services.clock(),
                java.time.Duration.ofSeconds(30)));
        return List.of(configurationTab, leasesTab, activityTab);
    }

    /** What the menu bar runs: the toolbar's and the tree's own actions, nothing of its own. */
    private MainMenuBar.Actions menuActions() {
        List<UiCommand> adds = backends.values().stream().flatMap(b -> b.addServer(context).stream()).toList();
        return new MainMenuBar.Actions(adds, this::addRefusal, this::openPreferences, this::quit, this::openFindClient,
                vm::refreshNow, this::openAudit, relationshipTabs.pane(), appearance.choiceProperty(),
                this::removeSelectedServer, removeButton.disableProperty(),
                services.teamAdministration().isPresent() ? this::openTeamMembers : null, vm::selected,
                this::relationshipMenuItems, this::openAbout);
    }

    /** The Delete key, Enter and the menu key on the tree; Enter shows the relationship's details and focuses them. */
    private void focusDetails() {
        relationshipTabs.pane().getSelectionModel().select(0);
        Node peers = detailsPane.node().lookup("#peerTable");
        if (peers != null && peers.isVisible()) peers.requestFocus();
        else relationshipTabs.pane().requestFocus();
    }

    private void quit() {
        if (window() instanceof javafx.stage.Stage stage) stage.close(); // the window state is saved as it hides
    }

    private void openAbout() {
        AboutDialog.show(dialogs, services.dataFolder().orElse(null));
    }

    // ---- what a relationship offers

    /**
     * The Relationship menu's entries: those of the relationship's context menu, greyed where the team member lacks
     * the bit (as the toolbar and the details' buttons are).
     */
    List<MenuItem> relationshipMenuItems(String relationship) {
        List<MenuItem> items = relationshipEntries(relationship);
        String server = vm.relationship(relationship).map(r -> r.relationship().serverName()).orElse(null);
        Map<String, UiCommand> byId = new java.util.HashMap<>();
        commands(relationship).forEach(c -> byId.put(c.id(), c));
        for (MenuItem item : items) {
            if (item.getId() == null) continue;
            UiCommand c = byId.get(item.getId());
            Optional<String> refused = c != null ? (c.needs() == null ? Optional.empty() : services.refusal(c.needs(), server))
                    : item.getId().startsWith("ha-")
                    ? services.refusal(tandem.core.access.Permission.DHCP_ADMINISTRATOR, server) : Optional.empty();
            if (refused.isPresent()) item.setDisable(true);
        }
        return items;
    }

    /** The relationship's backend commands (changes, dialogs), as its menu and the details' buttons show them. */
    private List<UiCommand> commands(String relationship) {
        Optional<RelationshipItem> item = vm.relationship(relationship);
        if (item.isEmpty()) return List.of();
        BackendUi ui = backends.get(item.get().relationship().backend());
        return ui == null ? List.of() : ui.relationshipCommands(context, item.get());
    }

    /** A relationship's menu: its backend's commands, the HA or failover actions it offers, then its notifications. */
    ContextMenu relationshipMenu(String relationship) {
        ContextMenu menu = new ContextMenu();
        menu.setId("haActions");
        menu.getItems().setAll(relationshipEntries(relationship));
        return menu;
    }

    /** The entries of {@link #relationshipMenu}, for the context menu and the menu bar's Relationship menu alike. */
    private List<MenuItem> relationshipEntries(String relationship) {
        List<MenuItem> items = new ArrayList<>();
        for (UiCommand c : commands(relationship)) {
            MenuItem item = new MenuItem(c.label());
            item.setId(c.id());
            item.setDisable(c.disabled());
            item.setOnAction(e -> c.run().run());
            items.add(item);
        }
        List<ActionKind> offered = vm.actionsOffered(relationship);
        if (!offered.isEmpty() && !items.isEmpty()) items.add(new SeparatorMenuItem());
        for (ActionKind kind : offered) {
            MenuItem item = new MenuItem(kind.label() + "…");
            item.setId("ha-" + kind.id());
            Optional<String> refused = services.refusal(tandem.core.access.Permission.DHCP_ADMINISTRATOR,
                    vm.relationship(relationship).map(r -> r.relationship().serverName()).orElse(null));
            item.setOnAction(e -> new HaActionDialog(vm, relationship, kind, refused).show(window()));
            items.add(item);
            if (kind.endsGroup()) items.add(new SeparatorMenuItem());
        }
        if (!items.isEmpty() && !(items.get(items.size() - 1) instanceof SeparatorMenuItem)) {
            items.add(new SeparatorMenuItem());
        }
        items.add(sites.item(vm.relationship(relationship).map(r -> r.relationship().serverName()).orElse(null)));
        MenuItem mute = new MenuItem(mutes.isMuted(relationship) ? "Notify status changes" : "Mute notifications");
        mute.setId("toggleMute");
        mute.setOnAction(e -> mutes.toggle(relationship));
        items.add(mute);
        return items;
    }

    private void openUndo(String relationship, JournalEntry entry) {
        for (BackendUi b : backends.values()) {
            Optional<Runnable> undo = b.undo(context, entry);
            if (undo.isPresent()) {
                undo.get().run();
                return;
            }
        }
        vm.say("Change #" + entry.id() + " cannot be undone from the console", MessageKind.ERROR);
    }

    /** After a change: poll at once so the tree shows the peers' states, and show the journal. */
    private void changesApplied() {
        vm.refreshNow();
        changesSection.reload();
    }

    // ---- commands

    /** Asks for a client (address, MAC or host name) and shows where it is on every server (Ctrl+F). */
    void openFindClient() {
        if (findClient != null && findClient.isShowing()) {
            findClient.focus();
            return;
        }
        findClient = new FindClientDialog(new FindClientViewModel(services::clientFinder, tasks), treePane::reveal);
        findClient.show(window());
    }

    private void openPreferences() {
        PreferencesViewModel prefsVm = new PreferencesViewModel(services.preferences(), services.backendSettings(),
                services::updatePreferences, tasks);
        Runnable teamDatabase = services.teamStoreSettings().<Runnable>map(t -> () -> new TeamDatabasePane(
                new TeamDatabaseViewModel(t, tasks)).show(window())).orElse(null);
        new PreferencesDialog(prefsVm, p -> vm.preferencesChanged(), teamDatabase)
                .appearance(appearance.choiceProperty()).show(window());
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

    /** Adding a server needs administer-dhcp-servers on every server; the reason when the member lacks it. */
    private Optional<String> addRefusal() {
        return services.refusal(tandem.core.access.Permission.ADMINISTER_DHCP_SERVERS, null);
    }

    private Optional<String> removeRefusal(ConsoleNode node) {
        return node == null ? Optional.empty()
                : services.refusal(tandem.core.access.Permission.ADMINISTER_DHCP_SERVERS, node.serverName());
    }

    /** Greys out Add server and Remove server for a team member who may not use them, with the reason. */
    private void showTopBarRefusals() {
        Optional<String> add = addRefusal();
        for (javafx.scene.layout.StackPane holder : addHolders) {
            holder.getChildren().get(0).setDisable(add.isPresent());
            RefusedAction.show(holder, add);
        }
        ConsoleNode node = treePane == null ? null : treePane.selected(); // null while the tree is being built
        Optional<String> remove = removeRefusal(node);
        removeButton.setDisable(node == null || remove.isPresent());
        RefusedAction.show(removeHolder, remove);
    }

    private void openTeamMembers() {
        services.teamAdministration().ifPresent(team -> {
            TeamMembersViewModel teamVm = new TeamMembersViewModel(team, () -> services.inventory().servers().stream()
                    .map(tandem.core.ServerRecord::name).toList(), tasks);
            new TeamMembersDialog(teamVm, dialogs).show(window());
        });
    }

    private void removeSelectedServer() {
        ConsoleNode node = treePane.selected();
        if (node == null) return;
        Optional<String> refused = removeRefusal(node);
        if (refused.isPresent()) {
            vm.say(refused.get(), MessageKind.ERROR);
            return;
        }
        String server = node.serverName();
        List<String> relationships = vm.relationshipsOf(server);
        boolean remove = dialogs.confirm("confirmRemove", "Remove server", "Remove " + server + " from the console?",
                (relationships.isEmpty() ? "" : "These relationships go with it: " + String.join(", ", relationships) + ".\n\n")
                        + "The server itself and its configuration are not changed; the status history is kept.",
                "Remove", false);
        if (remove) vm.removeServer(server);
    }

    private Window window() { return root.getScene() == null ? null : root.getScene().getWindow(); }
}
