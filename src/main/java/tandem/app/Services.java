package tandem.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import tandem.core.Backend;
import tandem.core.ChangeActivity;
import tandem.core.Inventory;
import tandem.core.Preferences;
import tandem.core.port.ConfigChecker;
import tandem.core.port.HaActionRunner;
import tandem.core.port.PreferenceStore;
import tandem.core.port.ReplicationStore;
import tandem.core.port.StateStore;
import tandem.isc.IscPeerProbe;
import tandem.isc.IscServerImporter;
import tandem.kea.KeaConfigChecker;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaHaActions;
import tandem.kea.KeaPeerProbe;
import tandem.kea.KeaServerImporter;
import tandem.kea.change.KeaChangeService;
import tandem.poll.StatusPoller;
import tandem.store.Database;
import tandem.store.H2InventoryStore;
import tandem.store.H2PreferenceStore;
import tandem.store.H2ReplicationStore;
import tandem.store.H2StateStore;
import tandem.store.SecretCipher;
import tandem.sync.BackgroundSynchronizer;

/** The composition root: wires the store, the backends and the poller for one data folder. No logic. */
public final class Services implements AutoCloseable {
    private final Path dataDir;
    private final Database database;
    private final KeaControlAgentClient kea;
    private final IscPeerProbe isc;
    private final H2StateStore stateStore;
    private final H2PreferenceStore preferenceStore;
    private final Inventory inventory;
    private final StatusPoller poller;
    private final H2ReplicationStore replicationStore;
    private final KeaChangeService changes;
    private final BackgroundSynchronizer synchronizer;
    private final HaActionRunner haActions;
    private final ConfigChecker configChecks;
    private volatile Preferences preferences;

    private Services(Path dataDir) {
        this.dataDir = dataDir;
        Clock clock = Clock.systemUTC();
        this.database = Database.open(dataDir);
        this.kea = new KeaControlAgentClient();
        this.stateStore = new H2StateStore(database);
        this.preferenceStore = new H2PreferenceStore(database);
        this.preferences = preferenceStore.load();
        H2InventoryStore inventoryStore = new H2InventoryStore(database, SecretCipher.inDirectory(dataDir));
        this.isc = new IscPeerProbe(knownHosts(dataDir), clock);
        this.inventory = new Inventory(inventoryStore, stateStore,
                Map.of(Backend.KEA, new KeaServerImporter(kea, () -> preferences.timeout(), clock),
                        Backend.ISC, new IscServerImporter(knownHosts(dataDir), () -> preferences.timeout(), clock)));
        ChangeActivity activity = new ChangeActivity();
        this.poller = new StatusPoller(inventory, stateStore,
                new BackendProbes(Map.of(Backend.KEA, new KeaPeerProbe(kea, clock), Backend.ISC, isc)), () -> preferences,
                activity, clock);
        this.replicationStore = new H2ReplicationStore(database);
        this.changes = new KeaChangeService(inventory, poller, () -> preferences, replicationStore, stateStore, kea,
                activity, clock);
        this.synchronizer = new BackgroundSynchronizer(inventory, changes, replicationStore, stateStore, () -> preferences,
                poller::current, (rel, peer) -> changes.currentConfig(rel, peer).map(c -> c), outsideCheckInterval(), clock);
        this.haActions = new KeaHaActions(kea, inventory, () -> preferences.timeout());
        this.configChecks = new KeaConfigChecker(stateStore, inventory, clock);
    }

    /** How often the source of truth's configuration is compared with the last one seen (default 60 s). */
    private static java.time.Duration outsideCheckInterval() {
        return java.time.Duration.ofSeconds(Long.getLong("tandem.outsideCheckSeconds", 60));
    }

    /**
     * Starts what keeps relationships current while a console or {@code tandem watch} runs: polling, and after
     * each poll the background synchronization. One-shot commands do not start it.
     */
    public void startBackground() {
        attachSynchronizer();
        poller.start();
    }

    /** Runs the background synchronization after every poll, whoever starts the poller (the console does). */
    public void attachSynchronizer() {
        poller.removeListener(synchronizer);
        poller.addListener(synchronizer);
    }

    public BackgroundSynchronizer synchronizer() { return synchronizer; }

    public static Services open(Path dataDir) { return new Services(dataDir); }

    public Path dataDir() { return dataDir; }

    /** The SSH known hosts of the console (ISC servers), in the data folder. */
    public static Path knownHosts(Path dataDir) { return dataDir.resolve("known_hosts"); }

    public Inventory inventory() { return inventory; }

    public StatusPoller poller() { return poller; }

    public StateStore stateStore() { return stateStore; }

    public ReplicationStore replicationStore() { return replicationStore; }

    public KeaChangeService changes() { return changes; }

    public KeaControlAgentClient kea() { return kea; }
    /** Sends HA actions (maintenance, sync, continue, reset, scopes) to Kea servers. */
    public HaActionRunner haActions() { return haActions; }

    /** The HA configuration checks of a relationship. */
    public ConfigChecker configChecks() { return configChecks; }

    public PreferenceStore preferenceStore() { return preferenceStore; }

    public Preferences preferences() { return preferences; }

    /** Stores new preferences; the poller reads them at its next cycle. */
    public void updatePreferences(Preferences updated) {
        preferenceStore.save(updated);
        preferences = updated;
    }

    @Override
    public void close() {
        poller.close();
        synchronizer.close();
        kea.close();
        isc.close();
        database.close();
    }
}
