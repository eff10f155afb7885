package tandem.ui;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tandem.core.Backend;
import tandem.core.Inventory;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.StatusEvent;
import tandem.core.ConfigCheck;
import tandem.core.backend.ActionKind;
import tandem.core.backend.ActionPlan;
import tandem.core.backend.ActionRequest;
import tandem.core.backend.FailoverActions;
import tandem.core.backend.PlannedAction;
import tandem.core.HaActionOutcome;
import tandem.core.change.InMemoryStores;
import tandem.core.port.AuditStore;
import tandem.core.port.ConfigChecker;
import tandem.core.port.PreferenceStore;
import tandem.core.port.ReplicationStore;
import tandem.core.port.StateStore;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.change.KeaChangeService;
import tandem.poll.StatusPoller;

/** The console's services over in-memory ports and a scripted probe; no database, no network. */
public final class TestConsole implements ConsoleServices {
    final InMemoryInventoryStore inventoryStore = new InMemoryInventoryStore();
    final InMemoryStateStore stateStore = new InMemoryStateStore();
    final InMemoryReplicationStore replicationStore = new InMemoryReplicationStore();
    /** Only for KeaChangeService: the fixtures' servers do not exist, so every change it tries is refused. */
    private final KeaControlAgentClient kea = new KeaControlAgentClient();
    final ScriptedProbe probe = new ScriptedProbe();
    public final FakeImporter importer = new FakeImporter();
    final Inventory inventory;
    final StatusPoller poller;
    private final Clock clock;
    /** What the Activity tab charts; the poller's own measurements when null. */
    volatile tandem.core.port.RoundTrips roundTrips;
    final KeaChangeService changes;
    /** The audit trail; tests append the records they expect the console to show, or wrap it to watch its reads. */
    volatile AuditStore auditStore = InMemoryStores.audit();
    final List<Preferences> saved = new ArrayList<>();
    volatile Preferences preferences;
    /** The actions sent, and what every action comes back with. */
    final List<PlannedAction> actionsSent = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile HaActionOutcome actionOutcome = new HaActionOutcome(HaActionOutcome.Result.DONE, "done", List.of());
    /** What the configuration checks report, per relationship name. */
    final Map<String, List<ConfigCheck>> checks = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param relationships stored in the inventory, each under its own server
     * @param lastKnown     states in the store before the console starts
     */
    public TestConsole(List<Relationship> relationships, List<RelationshipState> lastKnown, List<StatusEvent> history,
                Preferences preferences, Clock clock) {
        this.preferences = preferences;
        this.clock = clock;
        for (Relationship r : relationships) {
            inventoryStore.saveServer(Fixtures.server(r.serverName(), r.peers().get(0).url()), List.of(r));
        }
        lastKnown.forEach(stateStore::saveState);
        history.forEach(stateStore::appendEvent);
        inventory = new Inventory(inventoryStore, stateStore, Map.of(Backend.KEA, importer));
        poller = new StatusPoller(inventory, stateStore, probe, () -> this.preferences, clock);
        changes = new KeaChangeService(inventory, poller, () -> this.preferences, replicationStore, stateStore, kea, clock);
    }

    public static TestConsole empty() {
        return new TestConsole(List.of(), List.of(), List.of(), Preferences.defaults(),
                Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
    }

    @Override public Inventory inventory() { return inventory; }

    @Override public StatusPoller poller() { return poller; }

    @Override public StateStore stateStore() { return stateStore; }

    @Override public PreferenceStore preferenceStore() {
        return new PreferenceStore() {
            @Override public Preferences load() { return preferences; }

            @Override public void save(Preferences p) { updatePreferences(p); }
        };
    }

    /** Kea's own planning (it sends nothing); what would be sent is recorded and answered with {@link #actionOutcome}. */
    @Override public FailoverActions haActions() {
        FailoverActions kea = new tandem.kea.KeaHaActions(this.kea, () -> inventory, () -> java.time.Duration.ofSeconds(2));
        return new FailoverActions() {
            // as the registry does: Kea's actions for Kea relationships only
            @Override public List<ActionKind> offered(Relationship rel) {
                return rel.backend() == Backend.KEA ? kea.offered(rel) : List.of();
            }

            @Override public ActionPlan plan(Relationship rel, RelationshipState state, ActionRequest request) {
                return kea.plan(rel, state, request);
            }

            @Override public HaActionOutcome run(PlannedAction action) {
                actionsSent.add(action);
                return actionOutcome;
            }
        };
    }

    @Override public ConfigChecker configChecks() {
        return (rel, state) -> checks.getOrDefault(rel.name(), List.of());
    }

    public KeaChangeService changes() { return changes; }

    /** Each backend's part of the window, over these services (no ISC server can be edited here). */
    public java.util.List<BackendUi> backendUis() {
        return List.of(new tandem.ui.kea.KeaUi(changes), new tandem.ui.isc.IscUi(server -> java.util.Optional.empty(), null));
    }

    /** Why a team member may not use a bit on a server; none by default, as alone on a data folder. */
    volatile java.util.function.BiFunction<tandem.core.access.Permission, String, java.util.Optional<String>> refusals =
            (bit, server) -> java.util.Optional.empty();

    @Override public java.util.Optional<String> refusal(tandem.core.access.Permission bit, String server) {
        return refusals.apply(bit, server);
    }

    /** The team's administration, as on a team store; none by default, as on the embedded store. */
    volatile tandem.core.access.TeamAdministration teamAdministration;

    @Override public java.util.Optional<tandem.core.access.TeamAdministration> teamAdministration() {
        return java.util.Optional.ofNullable(teamAdministration);
    }

    /** This desktop's window and appearance settings; tests share one between two windows to see them kept. */
    public volatile tandem.core.desktop.DesktopSettings desktop = tandem.core.desktop.DesktopSettings.inMemory();

    @Override public tandem.core.desktop.DesktopSettings desktopSettings() { return desktop; }

    @Override public ReplicationStore replicationStore() { return replicationStore; }

    @Override public AuditStore auditStore() { return auditStore; }

    @Override public Preferences preferences() { return preferences; }

    @Override public Clock clock() { return clock; }

    @Override public tandem.core.port.RoundTrips roundTrips() {
        tandem.core.port.RoundTrips given = roundTrips;
        return given == null ? poller.roundTrips() : given;
    }

    /** As the registry answers for a Kea relationship. */
    @Override public tandem.core.backend.ReplicationStatus replication(Relationship rel) {
        return rel.backend() == Backend.KEA ? tandem.kea.KeaSettings.replication(rel, preferences)
                : tandem.core.backend.ReplicationStatus.NOT_BY_THE_CONSOLE;
    }

    /** The configuration tables a relationship shows; none, as for a backend without tables, while null. */
    volatile java.util.function.Function<Relationship, tandem.core.config.ConfigTables> configTables;
    /** How every relationship's leases are read; none, as for a backend that cannot read them, while null. */
    volatile tandem.core.lease.LeaseSource leaseSource;

    @Override public java.util.Optional<tandem.core.config.ConfigTableSource> configuration(Relationship rel) {
        java.util.function.Function<Relationship, tandem.core.config.ConfigTables> tables = configTables;
        return tables == null ? java.util.Optional.empty() : java.util.Optional.of(tables::apply);
    }

    @Override public java.util.Optional<tandem.core.lease.LeaseSource> leases(Relationship rel) {
        return java.util.Optional.ofNullable(leaseSource);
    }

    @Override public List<tandem.core.backend.Setting> backendSettings() { return tandem.kea.KeaSettings.SETTINGS; }

    @Override public synchronized void updatePreferences(Preferences updated) {
        saved.add(updated);
        preferences = updated;
    }

    @Override public void close() {
        poller.close();
        kea.close();
    }
}
