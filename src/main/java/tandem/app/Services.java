package tandem.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import tandem.core.Backend;
import tandem.core.Inventory;
import tandem.core.Preferences;
import tandem.core.port.PreferenceStore;
import tandem.core.port.StateStore;
import tandem.isc.IscPeerProbe;
import tandem.isc.IscServerImporter;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaPeerProbe;
import tandem.kea.KeaServerImporter;
import tandem.poll.StatusPoller;
import tandem.store.Database;
import tandem.store.H2InventoryStore;
import tandem.store.H2PreferenceStore;
import tandem.store.H2StateStore;
import tandem.store.SecretCipher;

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
        this.poller = new StatusPoller(inventory, stateStore,
                new BackendProbes(Map.of(Backend.KEA, new KeaPeerProbe(kea, clock), Backend.ISC, isc)), () -> preferences, clock);
    }

    public static Services open(Path dataDir) { return new Services(dataDir); }

    public Path dataDir() { return dataDir; }

    /** The SSH known hosts of the console (ISC servers), in the data folder. */
    public static Path knownHosts(Path dataDir) { return dataDir.resolve("known_hosts"); }

    public Inventory inventory() { return inventory; }

    public StatusPoller poller() { return poller; }

    public StateStore stateStore() { return stateStore; }

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
        kea.close();
        isc.close();
        database.close();
    }
}
