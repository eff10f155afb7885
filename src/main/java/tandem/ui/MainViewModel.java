package tandem.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import tandem.core.ConfigCheck;
import tandem.core.HaActionOutcome;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.core.ServerRecord;
import tandem.core.StatusEvent;
import tandem.core.port.ConfigChecker;
import tandem.core.backend.ActionKind;
import tandem.core.backend.ActionPlan;
import tandem.core.backend.ActionRequest;
import tandem.core.backend.FailoverActions;
import tandem.core.backend.ReplicationStatus;
import java.util.function.Function;
import tandem.core.backend.PlannedAction;
import tandem.core.port.StateStore;
import tandem.poll.StatusListener;
import tandem.poll.StatusPoller;
import tandem.ui.ConsoleNode.PeerItem;
import tandem.ui.ConsoleNode.RelationshipItem;
import tandem.ui.ConsoleNode.ServerItem;

/**
 * The main window's state: the tree of relationships and peers, the selected relationship's details, the event
 * history and the status bar. Store and poller calls run through {@link BackgroundTasks}; poll results arrive on
 * the poller's thread and are handed to the UI thread before they touch any property.
 */
public final class MainViewModel {
    public static final String NOT_POLLED = "Not polled yet — showing last known state";
    public static final int EVENT_HISTORY = 200;
    /** Live events are kept on top of the stored history up to this many rows. */
    static final int EVENT_ROWS_MAX = 1000;

    private final Inventory inventory;
    private final StatusPoller poller;
    private final StateStore stateStore;
    private final Supplier<Preferences> preferences;
    private final BackgroundTasks tasks;
    /** What {@link #prefetch} began reading, until {@link #start} takes it. */
    private java.util.concurrent.CompletableFuture<Loaded> prefetched;
    private final ConfigChecker checker;
    private final FailoverActions actions;
    private final Function<Relationship, ReplicationStatus> replication;
    private Function<Relationship, List<tandem.core.backend.Fact>> facts = rel -> List.of();
    private final DateTimeFormatter clockTime;
    private final DateTimeFormatter dateTime;

    private final ObservableList<ConsoleNode> nodes = FXCollections.observableArrayList();
    private final ObservableList<StatusEvent> events = FXCollections.observableArrayList();
    private final ObservableList<PeerRow> peerRows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<RelationshipDetails> details = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper lastPoll = new ReadOnlyStringWrapper(NOT_POLLED);
    private final ReadOnlyStringWrapper team = new ReadOnlyStringWrapper("");
    private volatile java.util.function.Supplier<java.util.Optional<String>> teamStatus = java.util.Optional::empty;
    private final ReadOnlyObjectWrapper<Map<RelationshipStatus, Integer>> counts =
            new ReadOnlyObjectWrapper<>(TreeModel.emptyCounts());
    private final ReadOnlyObjectWrapper<TreeShown> treeShown = new ReadOnlyObjectWrapper<>(
            new TreeShown(TreeModel.EMPTY, TreeFilter.NONE, List.of(), 0));
    private final javafx.beans.property.ObjectProperty<TreeFilter> filter =
            new javafx.beans.property.SimpleObjectProperty<>(TreeFilter.NONE);
    /** The filter as the builder thread reads it. */
    private volatile TreeFilter filterNow = TreeFilter.NONE;
    /** Pictures are built one at a time, each after the one before, on whichever background thread asks. */
    private final Object buildLock = new Object();
    private long buildSeq;
    private TreeModel built = TreeModel.EMPTY;
    private List<Relationship> builtRelationships = List.of();
    private List<ServerRecord> builtServers = List.of();
    private Map<String, RelationshipState> builtStates = Map.of();
    private final ReadOnlyIntegerWrapper unconfirmed = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<MessageKind> messageKind = new ReadOnlyObjectWrapper<>(MessageKind.NONE);

    private List<Relationship> relationships = List.of();
    private List<ServerRecord> servers = List.of();
    private Map<String, RelationshipState> states = Map.of();
    /** The configuration checks of the selected relationship only: reading them costs store reads per relationship. */
    private Map<String, List<ConfigCheck>> checks = Map.of();
    /** The selected relationship, as the poller's thread reads it. */
    private volatile String selectedNow;
    /** The relationship whose checks are being read in the background. */
    private String checking;
    private final ReadOnlyObjectWrapper<HaActionOutcome> lastOutcome = new ReadOnlyObjectWrapper<>();
    private String selected;
    private boolean reloading;

    private final StatusListener listener = this::cycleCompletedOnPollerThread;

    public MainViewModel(Inventory inventory, StatusPoller poller, StateStore stateStore,
                         Supplier<Preferences> preferences, BackgroundTasks tasks, ZoneId zone) {
        this(inventory, poller, stateStore, preferences, tasks, zone, (rel, state) -> List.of(), null,
                rel -> ReplicationStatus.NOT_BY_THE_CONSOLE);
    }

    /**
     * @param checker the HA configuration checks shown in the details pane
     * @param actions sends HA actions; null when the console offers none
     * @param replication whether the console mirrors a relationship's configuration changes, as its backend says
     */
    public MainViewModel(Inventory inventory, StatusPoller poller, StateStore stateStore,
                         Supplier<Preferences> preferences, BackgroundTasks tasks, ZoneId zone,
                         ConfigChecker checker, FailoverActions actions,
                         Function<Relationship, ReplicationStatus> replication) {
        this.replication = replication;
        this.checker = checker;
        this.actions = actions;
        this.inventory = inventory;
        this.poller = poller;
        this.stateStore = stateStore;
        this.preferences = preferences;
        this.tasks = tasks;
        this.clockTime = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        this.dateTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        filter.addListener((o, was, now) -> {
            filterNow = now;
            refilter();
        });
    }

    /** Where the details pane finds a relationship's settings as its backend last read them. */
    public void useFacts(Function<Relationship, List<tandem.core.backend.Fact>> facts) { this.facts = facts; }

    /** Which team store the console shows and who polls for the team; read on the poller's thread. */
    public void useTeamStatus(java.util.function.Supplier<java.util.Optional<String>> team) { this.teamStatus = team; }

    /** "Team store ... · Polling: ...", or empty alone on a data folder. */
    public ReadOnlyStringProperty teamProperty() { return team.getReadOnlyProperty(); }

    // ---- what the view shows

    /** Top-level nodes: relationships (standalone servers included), then servers without relationships. */
    public ObservableList<ConsoleNode> nodes() { return nodes; }

    /** Newest first. */
    public ObservableList<StatusEvent> events() { return events; }

    /**
     * What the tree shows: one picture of every node with its counts, and the top-level nodes that pass the filter;
     * replaced as a whole, so the tree and the counts never describe different polls.
     */
    ReadOnlyObjectProperty<TreeShown> treeShownProperty() { return treeShown.getReadOnlyProperty(); }

    /** What the tree is narrowed to; set by the filter bar and the status bar's counts. */
    javafx.beans.property.ObjectProperty<TreeFilter> filterProperty() { return filter; }

    public ObservableList<PeerRow> peerRows() { return peerRows; }

    /** The selected relationship, or null. */
    public ReadOnlyObjectProperty<RelationshipDetails> detailsProperty() { return details.getReadOnlyProperty(); }

    /** "Last poll: HH:mm:ss", or {@link #NOT_POLLED}. */
    public ReadOnlyStringProperty lastPollProperty() { return lastPoll.getReadOnlyProperty(); }

    /** Relationships per status (every status present, zeros included). */
    public ReadOnlyObjectProperty<Map<RelationshipStatus, Integer>> countsProperty() { return counts.getReadOnlyProperty(); }

    /** Relationships showing a last-known state no poll has confirmed (or none at all yet). */
    public ReadOnlyIntegerProperty unconfirmedProperty() { return unconfirmed.getReadOnlyProperty(); }

    /** The outcome of the last command or a failure, for the status bar. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<MessageKind> messageKindProperty() { return messageKind.getReadOnlyProperty(); }

    public String clockTime(Instant at) { return at == null ? "" : clockTime.format(at); }

    public String dateTime(Instant at) { return at == null ? "" : dateTime.format(at); }

    // ---- commands

    /**
     * Shows the last-known state (as the poller holds it from the store, or as {@link #prefetch} read it), then
     * starts the poller. The listener is registered before the poller starts, so none of its cycles is missed.
     */
    public void start() { start(true); }

    /** @param startPoller false in tests that drive the poller themselves */
    void start(boolean startPoller) {
        poller.addListener(listener);
        java.util.concurrent.CompletableFuture<Loaded> early = prefetched;
        prefetched = null;
        tasks.run(() -> early != null ? prefetched(early) : loaded(stateStore.events(EVENT_HISTORY)),
                loaded -> {
                    apply(loaded);
                    events.setAll(loaded.events());
                    if (selected == null) selectFirst();
                    if (startPoller) {
                        java.time.Duration first = firstPollAfter(loaded.shown().model().relationships().size());
                        tasks.execute(() -> poller.start(first), () -> { }, e -> failed("Polling could not start", e));
                    }
                },
                e -> failed("Could not read the inventory", e));
    }

    /**
     * A first poll of thousands of servers takes both cores for seconds: it starts once the window has painted the
     * last-known states (0.2 ms per relationship, 2 s for 10,000), so the window answers while it fills.
     */
    static java.time.Duration firstPollAfter(int relationships) {
        return java.time.Duration.ofMillis(Math.min(2_000, relationships / 5));
    }

    /**
     * Starts reading the inventory, the last-known states and the history now, while the window is still being
     * built; {@link #start} then shows what was read instead of reading it again.
     */
    public void prefetch() {
        prefetched = tasks.supply(() -> loaded(stateStore.events(EVENT_HISTORY)));
    }

    private static Loaded prefetched(java.util.concurrent.CompletableFuture<Loaded> early) throws Exception {
        try {
            return early.join();
        } catch (java.util.concurrent.CompletionException e) {
            // the failure as reading it here would have thrown it
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
    }

    /** Stops listening to the poller; the window is closing. */
    public void dispose() { poller.removeListener(listener); }

    /** Re-reads the inventory (after servers were added or removed). */
    public void reload() {
        if (reloading) return;
        reloading = true;
        tasks.run(() -> loaded(List.of()),
                loaded -> {
                    reloading = false;
                    apply(loaded);
                },
                e -> {
                    reloading = false;
                    failed("Could not read the inventory", e);
                });
    }

    public void refreshNow() {
        say("Polling now…", MessageKind.INFO);
        tasks.execute(poller::refreshNow, () -> { }, e -> failed("Could not poll", e));
    }

    /** Removes a server with its relationships; the confirmation is the view's. */
    public void removeServer(String serverName) {
        tasks.run(() -> {
            boolean removed = inventory.remove(serverName);
            if (removed) poller.inventoryChanged();
            return removed;
        }, removed -> {
            say(removed ? "Removed " + serverName : serverName + " was already removed", MessageKind.INFO);
            reload();
        }, e -> failed("Could not remove " + serverName, e));
    }

    /** After a server was added; the poller was told already. */
    public void serverAdded(String serverName) {
        say("Added " + serverName, MessageKind.SUCCESS);
        reload();
    }

    /** The relationship whose details are shown; null clears the pane. */
    public void select(String relationshipName) {
        selected = relationshipName;
        selectedNow = relationshipName;
        updateDetails();
    }

    public String selected() { return selected; }

    /** Preferences changed (e.g. keaReplicateConfig): details derived from them are recomputed. */
    public void preferencesChanged() {
        say("Preferences saved", MessageKind.SUCCESS);
        updateDetails();
    }

    /** The relationships that go when {@code serverName} is removed, for the confirmation. */
    public List<String> relationshipsOf(String serverName) {
        return relationships.stream().filter(r -> r.serverName().equals(serverName)).map(Relationship::name).toList();
    }

    public Optional<RelationshipItem> relationship(String name) {
        return Optional.ofNullable(treeShown.get().model().relationship(name));
    }

    // ---- HA actions

    /** The HA or failover actions the relationship's backend offers, in menu order; empty when none. */
    public List<ActionKind> actionsOffered(String relationshipName) {
        if (actions == null) return List.of();
        return relationship(relationshipName).map(r -> actions.offered(r.relationship())).orElse(List.of());
    }

    /** Plans an action from the relationship's last poll, for the confirmation; pure, on the UI thread. */
    public ActionPlan planAction(String relationshipName, ActionRequest request) {
        Optional<RelationshipItem> item = relationship(relationshipName);
        if (item.isEmpty()) return new ActionPlan.Refused("No relationship named " + relationshipName, null);
        return actions.plan(item.get().relationship(), item.get().state(), request);
    }

    /** Sends a confirmed action in the background, says how it went, then polls so the tree shows its effect. */
    public java.util.concurrent.CompletableFuture<HaActionOutcome> runAction(PlannedAction action) {
        say(action.kind().label() + ": sending " + action.kind().command() + " to "
                + String.join(", ", action.targets()) + "…", MessageKind.INFO);
        return tasks.run(() -> actions.run(action), outcome -> {
            lastOutcome.set(outcome);
            say(outcome.message(), outcome.succeeded() ? MessageKind.SUCCESS : MessageKind.ERROR);
            tasks.execute(poller::refreshNow, () -> { }, e -> failed("Could not poll", e));
        }, e -> failed(action.kind().label() + " failed", e));
    }

    /** The outcome of the last HA action, or null. */
    public ReadOnlyObjectProperty<HaActionOutcome> lastOutcomeProperty() { return lastOutcome.getReadOnlyProperty(); }

    // ---- poll results

    private void cycleCompletedOnPollerThread(List<RelationshipState> changed, List<StatusEvent> newEvents,
                                              Instant completedAt) {
        // the poller's picture as of this cycle; read here so the UI thread sees exactly this cycle
        Map<String, RelationshipState> snapshot = poller.states();
        Map<String, List<ConfigCheck>> found = new LinkedHashMap<>();
        String sel = selectedNow;
        RelationshipState selState = sel == null ? null : snapshot.get(sel);
        if (selState != null) found.put(sel, safeChecks(selState.relationship(), selState));
        String teamNow = safeTeamStatus();
        TreeShown shown = build(null, null, snapshot);
        Set<String> known = new java.util.HashSet<>();
        shown.model().relationships().forEach(r -> known.add(r.name()));
        boolean unknown = !known.containsAll(snapshot.keySet());
        tasks.onUi(() -> {
            team.set(teamNow);
            cycleCompleted(shown, unknown, newEvents, completedAt, found);
        });
    }

    private String safeTeamStatus() {
        try {
            return teamStatus.get().orElse("");
        } catch (RuntimeException e) {
            return "Team store unreachable: " + e.getMessage();
        }
    }

    /** Applies one poll cycle, its picture built already; on the UI thread. */
    private void cycleCompleted(TreeShown shown, boolean unknownRelationships, List<StatusEvent> newEvents,
                                Instant completedAt, Map<String, List<ConfigCheck>> found) {
        checks = found;
        lastPoll.set("Last poll: " + clockTime(completedAt));
        if (messageKind.get() == MessageKind.INFO && message.get().startsWith("Polling")) say("", MessageKind.NONE);
        // newest first, in one change: a cycle that changes thousands of relationships brings thousands of events
        List<StatusEvent> newestFirst = new ArrayList<>(newEvents.subList(
                Math.max(0, newEvents.size() - EVENT_ROWS_MAX), newEvents.size()));
        java.util.Collections.reverse(newestFirst);
        if (newestFirst.size() == EVENT_ROWS_MAX) events.setAll(newestFirst);
        else if (!newestFirst.isEmpty()) {
            events.addAll(0, newestFirst);
            if (events.size() > EVENT_ROWS_MAX) events.remove(EVENT_ROWS_MAX, events.size());
        }
        // a relationship the inventory list does not hold yet was added a moment ago
        if (unknownRelationships) reload();
        show(shown);
    }

    /**
     * Builds the picture that follows the last one built, and what the filter in force lets through; off the UI
     * thread. Null parts keep what the last picture was built from.
     */
    private TreeShown build(List<Relationship> rels, List<ServerRecord> srv, Map<String, RelationshipState> st) {
        synchronized (buildLock) {
            if (rels != null) {
                builtRelationships = rels;
                builtServers = srv;
            }
            if (st != null) builtStates = st;
            built = TreeModel.build(++buildSeq, built, builtRelationships, builtServers, builtStates,
                    poller::vocabulary);
            TreeFilter f = filterNow;
            List<ConsoleNode> top = f.apply(built);
            return new TreeShown(built, f, top, TreeFilter.relationships(top));
        }
    }

    /** Filters the picture shown again, in the background, after the filter changed. */
    private void refilter() {
        TreeFilter f = filter.get();
        TreeModel m = treeShown.get().model();
        tasks.run(() -> {
            List<ConsoleNode> top = f.apply(m);
            return new TreeShown(m, f, top, TreeFilter.relationships(top));
        }, this::show, e -> failed("Could not filter", e));
    }

    /** Shows a picture unless a newer one is shown already; on the UI thread. */
    private void show(TreeShown s) {
        TreeShown current = treeShown.get();
        TreeModel m = s.model();
        if (m.seq() < current.model().seq()) return; // a picture built earlier arrived late
        if (m == current.model() && !s.filter().equals(filter.get())) return; // filtered for a filter since changed
        relationships = m.relationships();
        servers = m.servers();
        states = m.states();
        if (m != current.model()) {
            if (m.reshaped() || !m.changed().isEmpty()) nodes.setAll(m.nodes());
            if (!m.counts().equals(counts.get())) counts.set(m.counts());
            unconfirmed.set(m.unconfirmed());
        }
        treeShown.set(s);
        if (!s.filter().equals(filter.get())) refilter();
        if (m != current.model()) updateDetails();
    }

    /** Off the UI thread: the inventory, the poller's picture and the selected relationship's checks. */
    private Loaded loaded(List<StatusEvent> history) {
        List<Relationship> rels = inventory.relationships();
        Map<String, RelationshipState> current = poller.states();
        Map<String, List<ConfigCheck>> found = new LinkedHashMap<>();
        String sel = selectedNow;
        rels.stream().filter(r -> r.name().equals(sel)).findFirst()
                .ifPresent(r -> found.put(r.name(), safeChecks(r, current.get(r.name()))));
        Instant last = poller.lastCycle().orElse(null);
        return new Loaded(build(rels, inventory.servers(), current), history, last, found);
    }

    private List<ConfigCheck> safeChecks(Relationship rel, RelationshipState state) {
        try {
            return checker.checks(rel, state);
        } catch (RuntimeException e) {
            // a check that fails must not keep the tree from updating
            return List.of();
        }
    }

    private void apply(Loaded loaded) {
        checks = loaded.checks();
        if (loaded.lastCycle() != null) lastPoll.set("Last poll: " + clockTime(loaded.lastCycle()));
        show(loaded.shown());
        if (selected != null && relationship(selected).isEmpty()) {
            selected = null;
            selectedNow = null;
            selectFirst();
        }
    }

    private void selectFirst() {
        nodes.stream().filter(n -> n instanceof RelationshipItem).findFirst()
                .ifPresentOrElse(n -> select(((RelationshipItem) n).name()), this::updateDetails);
    }

    private void updateDetails() {
        Optional<RelationshipItem> item = selected == null ? Optional.empty() : relationship(selected);
        RelationshipDetails d = item.map(i -> RelationshipDetails.of(i.relationship(), i.state(), replication.apply(i.relationship()),
                        checks.getOrDefault(i.name(), List.of()), facts.apply(i.relationship()))).orElse(null);
        details.set(d);
        if (d == null) peerRows.clear();
        else if (!d.peers().equals(peerRows)) peerRows.setAll(d.peers());
        if (item.isPresent() && !checks.containsKey(item.get().name()) && !item.get().name().equals(checking)) {
            // read in the background for this relationship alone; the details show them when they come
            RelationshipItem i = item.get();
            checking = i.name();
            tasks.run(() -> safeChecks(i.relationship(), i.state()), found -> {
                if (i.name().equals(checking)) checking = null;
                if (!i.name().equals(selected)) return;
                checks = Map.of(i.name(), found);
                updateDetails();
            }, e -> {
                if (i.name().equals(checking)) checking = null;
            });
        }
    }

    private void failed(String what, Throwable e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        say(what + ": " + why, MessageKind.ERROR);
    }

    /** Shows a message in the status bar. */
    public void say(String text, MessageKind kind) {
        message.set(text);
        messageKind.set(kind);
    }

    /**
     * What the tree shows: a picture, the filter it was narrowed with and the top-level nodes that passed.
     *
     * @param shownRelationships how many of {@code top} are relationships
     */
    record TreeShown(TreeModel model, TreeFilter filter, List<ConsoleNode> top, int shownRelationships) {}

    private record Loaded(TreeShown shown, List<StatusEvent> events, Instant lastCycle,
                          Map<String, List<ConfigCheck>> checks) {}
}
