package tandem.services;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.time.Duration;
import tandem.core.Backend;
import tandem.core.ChangeActivity;
import tandem.core.Inventory;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.access.TeamAccessPolicy;
import tandem.core.change.Actor;
import tandem.core.change.ProcessId;
import tandem.core.change.ChangeLocks;
import tandem.core.change.ChangeRunner;
import tandem.core.change.JournaledActions;
import tandem.core.backend.Backends;
import tandem.core.backend.FailoverActions;
import tandem.core.port.AuditStore;
import tandem.core.port.ConfigChecker;
import tandem.core.port.PreferenceStore;
import tandem.core.port.ReplicationStore;
import tandem.core.port.StateStore;
import tandem.core.port.TeamStore;
import tandem.core.port.PollerLease;
import tandem.isc.IscChangeService;
import tandem.isc.IscConfigTarget;
import tandem.isc.IscJournal;
import tandem.isc.IscModule;
import tandem.windows.WindowsChangeService;
import tandem.windows.WindowsModule;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaModule;
import tandem.kea.change.KeaChangeService;
import tandem.poll.StatusPoller;
import tandem.store.Database;
import tandem.store.JdbcActivityStore;
import tandem.store.JdbcAuditStore;
import tandem.store.JdbcLockStore;
import tandem.store.JdbcInventoryStore;
import tandem.store.JdbcPreferenceStore;
import tandem.store.JdbcReplicationStore;
import tandem.store.JdbcStateStore;
import tandem.store.JdbcTeamStore;
import tandem.store.SecretCipher;
import tandem.store.TeamIdentity;
import tandem.store.TeamKeys;
import tandem.store.TeamDatabase;
import tandem.store.TeamPollerLease;
import tandem.store.TeamStateListener;
import tandem.store.TeamStoreLocation;
import tandem.sync.BackgroundSynchronizer;

/** The composition root: wires the store, the backends and the poller for one data folder. No logic. */
public final class Services implements AutoCloseable {
    private final Path dataDir;
    private final Database database;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Services.class);
    private final KeaControlAgentClient kea;
    private final KeaModule keaModule;
    private final IscModule isc;
    private final Backends backends;
    private final JdbcStateStore stateStore;
    private final JdbcPreferenceStore preferenceStore;
    private final Inventory inventory;
    private final StatusPoller poller;
    private final JdbcReplicationStore replicationStore;
    private final KeaChangeService changes;
    private final BackgroundSynchronizer synchronizer;
    private final FailoverActions haActions;
    private final ConfigChecker configChecks;
    private final java.util.concurrent.ExecutorService leaseCheckThread;
    private final tandem.core.lease.LeaseConsistency leaseConsistency;
    private volatile Preferences preferences;

    private final ChangeActivity activity;
    private final TeamStore teamStore;
    /** The team key's holder on a team store; null on a data folder's own store. */
    private final TeamKeys teamKeys;
    private final SecretCipher cipher;
    private final PollerLease pollerLease;
    private volatile TeamStateListener stateListener;
    private volatile TeamStoreLocation teamLocation;
    private final String teamLogin;
    private volatile tandem.core.access.Member member;
    private final tandem.poll.StatusListener synchronizerOnPoller = this::synchronizeIfPolling;
    private final JdbcAuditStore auditStore;
    private final ChangeRunner runner;
    private final IscChangeService iscChanges;
    private final WindowsModule windows;
    private final WindowsChangeService windowsChanges;
    /** How long a change waits for another writer of the same relationship or file before it is refused. */
    private volatile Duration lockWait = Duration.ofSeconds(Long.getLong("tandem.lockWaitSeconds", 60));

    private Services(Path dataDir, String owner) {
        this(dataDir, owner, Duration.ofSeconds(Long.getLong("tandem.keaConfigTimeoutSeconds", 120)));
    }

    /** @param keaConfigTimeout how long a Kea configuration command may take before its answer counts as lost */
    private Services(Path dataDir, String owner, Duration keaConfigTimeout) {
        this(dataDir, owner, keaConfigTimeout, Database.open(dataDir));
    }

    /** @param database the data folder's embedded database, or a team's shared one */
    private Services(Path dataDir, String owner, Duration keaConfigTimeout, Database database) {
        this.dataDir = dataDir;
        Clock clock = Clock.systemUTC();
        this.database = database;
        // one key for every secret of the folder: in the desktop keyring where there is one, else in the folder;
        // in a team, the team's key, which every member's desktop can open
        SecretCipher desktopCipher = SecretCipher.forDataFolder(dataDir);
        this.teamStore = new JdbcTeamStore(database);
        String login = isTeamStore() ? teamStore.currentLogin() : null;
        this.teamKeys = login == null ? null
                : new TeamKeys(database, login, TeamIdentity.ofDataFolder(dataDir, desktopCipher), clock);
        SecretCipher cipher = teamKeys == null ? desktopCipher : new SecretCipher(teamKeys);
        this.cipher = cipher;
        this.kea = new KeaControlAgentClient();
        this.stateStore = new JdbcStateStore(database, cipher);
        this.preferenceStore = new JdbcPreferenceStore(database);
        this.preferences = preferenceStore.load();
        JdbcInventoryStore inventoryStore = new JdbcInventoryStore(database, cipher);
        // each backend is registered here, once; everything else asks the registry
        this.isc = new IscModule(knownHosts(dataDir), () -> preferences.timeout(), clock, this::inventory);
        this.windows = new WindowsModule(knownHosts(dataDir), () -> inventory().servers(), () -> inventory().relationships(),
                () -> preferences.timeout(), clock);
        this.keaModule = new KeaModule(kea, this::inventory, stateStore, () -> preferences.timeout(), clock);
        this.backends = new Backends(List.of(keaModule, isc, windows));
        this.inventory = new Inventory(inventoryStore, stateStore, backends.importers());
        this.activity = new ChangeActivity(new JdbcActivityStore(database), owner, clock);
        this.pollerLease = teamKeys != null ? new TeamPollerLease(database, clock, teamKeys::held) : PollerLease.SOLE;
        this.poller = new StatusPoller(inventory, stateStore, backends.probe(), () -> preferences, activity,
                pollerLease, clock);
        this.replicationStore = new JdbcReplicationStore(database);
        this.auditStore = new JdbcAuditStore(database);
        // in a team the journal, the audit trail and the locks name the member's login, not the desktop's user
        Supplier<Actor> actor = login == null ? () -> Actor.current(activity.owner())
                : () -> new Actor(login, ProcessId.current(), activity.owner());
        this.runner = new ChangeRunner(new ChangeLocks(new JdbcLockStore(database), actor, clock), replicationStore,
                auditStore, activity, actor, () -> lockWait, clock);
        this.teamLogin = login;
        if (login != null) {
            settleTeamKeys();
            poller.addListener((changed, events, at) -> settleTeamKeys());
            // a need names a relationship, or a server of its own for a change of a server without one
            TeamAccessPolicy team = new TeamAccessPolicy(login, () -> teamStore.member(login), rel -> inventory
                    .relationships().stream().filter(r -> r.name().equals(rel)).map(Relationship::serverName)
                    .findFirst().orElseGet(() -> inventory.server(rel).map(tandem.core.ServerRecord::name).orElse(null)));
            inventory.guardedBy(team);
            runner.access(needs -> {
                team.check(needs);
                // without the team key a change could neither use the servers' passwords nor seal its journal
                if (!teamKeys.held()) throw new tandem.store.UnreadableSecretException(teamKeys.waitingMessage());
            });
        }
        this.changes = new KeaChangeService(inventory, poller, () -> preferences, replicationStore, stateStore, kea,
                runner, keaConfigTimeout, clock);
        this.synchronizer = new BackgroundSynchronizer(inventory, Map.of(Backend.KEA, changes), runner::settleAbandoned,
                replicationStore, stateStore, () -> preferences, poller::current, changes::currentConfig,
                outsideCheckInterval(), clock);
        this.iscChanges = new IscChangeService(runner, inventory, replicationStore, knownHosts(dataDir),
                sealer(cipher), () -> lockWait, clock);
        runner.register(IscChangeService.KIND, iscChanges.settler());
        runner.register(IscChangeService.PARTNER_DOWN_KIND, iscChanges.partnerDownSettler());
        this.windowsChanges = new WindowsChangeService(runner, inventory, replicationStore,
                windows.servers(), name -> {
                    var known = stateStore.lastKnown().get(name);
                    return known == null ? null : known.assessment().sourceOfTruth();
                }, clock);
        runner.register(WindowsChangeService.KIND, windowsChanges.settler());
        this.haActions = new JournaledActions(backends.actions(), runner);
        // the lease comparison runs on a thread of its own, never in a poll: see LeaseConsistency
        this.leaseCheckThread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tandem-lease-check");
            t.setDaemon(true);
            return t;
        });
        this.leaseConsistency = new tandem.core.lease.LeaseConsistency(backends::leases, LEASE_READ_LIMIT,
                tandem.core.lease.LeaseConsistency.DEFAULT_EVERY, clock, leaseCheckThread);
        this.configChecks = leaseConsistency.with(backends.checks());
    }

    /** Reading one partner's leases stops after this (the comparison then says some were not read). */
    public static final Duration LEASE_READ_LIMIT = Duration.ofSeconds(30);

    /** The lease consistency check: its last result per relationship, and a check now. */
    public tandem.core.lease.LeaseConsistency leaseConsistency() { return leaseConsistency; }

    /** Finds a client's reservations and leases on every server whose backend reads leases; blocks. */
    public tandem.core.lease.ClientFinder clientFinder() {
        return new tandem.core.lease.ClientFinder(inventory::relationships, backends::leases, LEASE_READ_LIMIT);
    }

    /**
     * Secrets in journaled dhcpd.conf text are sealed with the data folder's key, like stored passwords, bound to
     * their server and file. Entries journaled by an earlier version hold unbound values: still opened, so their
     * changes can be settled and undone.
     */
    static IscJournal.Sealer sealer(SecretCipher cipher) {
        return new IscJournal.Sealer() {
            @Override public String seal(String secret, String binding) {
                return cipher.encrypt(secret, SecretCipher.binding("change_journal", "isc", binding));
            }

            @Override public String open(String sealed, String binding) {
                return SecretCipher.isUnbound(sealed) ? cipher.decryptUnbound(sealed)
                        : cipher.decrypt(sealed, SecretCipher.binding("change_journal", "isc", binding));
            }
        };
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
        if (isTeamStore() && stateListener == null) {
            stateListener = TeamStateListener.start(database, poller::followNow);
        }
    }

    /** Runs the background synchronization after every poll, whoever starts the poller (the console does). */
    public void attachSynchronizer() {
        poller.removeListener(synchronizerOnPoller);
        poller.addListener(synchronizerOnPoller);
    }

    /** In a team only the process that polls synchronizes: the others see what it does. */
    private void synchronizeIfPolling(List<tandem.core.RelationshipState> changed, List<tandem.core.StatusEvent> events,
                                      java.time.Instant at) {
        if (pollerLease.held()) synchronizer.cycleCompleted(changed, events, at);
    }

    public BackgroundSynchronizer synchronizer() { return synchronizer; }

    /** Services for a one-shot command. */
    public static Services open(Path dataDir) { return new Services(dataDir, "a tandem command"); }

    /**
     * @param owner this process as other consoles on the data folder name it while it applies a change:
     *              "the console", "tandem watch"
     */
    public static Services open(Path dataDir, String owner) { return new Services(dataDir, owner); }

    /** @param keaConfigTimeout how long a Kea configuration command may take before its answer counts as lost */
    public static Services open(Path dataDir, String owner, Duration keaConfigTimeout) {
        return new Services(dataDir, owner, keaConfigTimeout);
    }

    /**
     * Services on a team's shared PostgreSQL store; the data folder keeps what stays personal (the key to this
     * desktop's secrets, trusted SSH hosts).
     */
    public static Services openTeam(Path dataDir, TeamStoreLocation location, String password, String owner) {
        Services s = new Services(dataDir, owner, Duration.ofSeconds(Long.getLong("tandem.keaConfigTimeoutSeconds", 120)),
                TeamDatabase.open(dataDir, location, password));
        s.teamLocation = location;
        return s;
    }

    /**
     * Why the signed-in member may not use the bit on the server (anywhere on it, for a scope bit), from the member
     * as last read from the team store (each poll cycle); empty when they may, or alone on a data folder.
     */
    public Optional<String> refusal(tandem.core.access.Permission bit, String server) {
        if (teamLogin == null) return Optional.empty();
        tandem.core.access.Member m = member;
        if (m == null) return Optional.of(teamLogin + " is not a member of this team");
        if (m.mayOnSomeScope(bit, server)) return Optional.empty();
        return Optional.of(teamLogin + " lacks the " + bit.wire() + " permission" + (server == null ? "" : " on " + server)
                + " (to " + bit.allows() + ")");
    }

    private void refreshMember() {
        try {
            member = teamStore.member(teamLogin).orElse(null);
        } catch (RuntimeException e) {
            // the store is unreachable: keep what was known; every change is checked again when it runs
        }
    }

    /**
     * Publishes this desktop's public key to the team and, for a DHCP administrator, makes the team key if the team
     * has none yet and seals it for every member's desktop waiting for it. Runs at start and after each poll cycle, with the member read again.
     */
    public void settleTeamKeys() {
        if (teamKeys == null) return;
        refreshMember();
        try {
            teamKeys.publish();
            tandem.core.access.Member m = member;
            if (m == null || !m.roles().contains(tandem.core.access.Role.DHCP_ADMINISTRATORS)) return;
            // once held, the key exists: no need to take the store's advisory lock again every poll cycle
            if (!teamKeys.held() && teamKeys.createIfAbsent()) {
                log.info("Made the team key that seals the team's server passwords");
            }
            List<String> shared = teamKeys.shareWithWaiting();
            if (!shared.isEmpty()) log.info("Shared the team's server passwords with {}", shared);
        } catch (RuntimeException e) {
            log.warn("Cannot settle the team key: {}", e.getMessage());
        }
    }

    /**
     * Why this desktop cannot open the team's server passwords yet; empty when it can, or alone on a data folder.
     */
    public Optional<String> teamKeyWaiting() {
        if (teamKeys == null || teamKeys.held()) return Optional.empty();
        return Optional.of(teamKeys.waitingMessage());
    }

    /** The members whose desktops wait for the team key (empty on a data folder's own store). */
    public List<String> waitingForTeamKey() {
        return teamKeys == null ? List.of() : teamKeys.waiting();
    }

    /** What seals this store's secrets: the desktop's key, or on a team store the team's key. */
    public SecretCipher secretCipher() { return cipher; }

    /** On a team store: "Team store LOCATION as LOGIN · Polling: WHO on HOST (process PID)"; blocks on the store. */
    public Optional<String> teamStatus() {
        if (teamLocation == null) return Optional.empty();
        String polling = pollerLease.held() ? "this console polls"
                : pollerLease.holder().map(h -> "Polling: " + h.login() + " on " + h.host() + " (process " + h.pid() + ")")
                        .orElse("nobody polls");
        String keys = teamKeys.held() ? "" : " · Waiting for the team's server passwords";
        return Optional.of("Team store " + teamLocation.host() + "/" + teamLocation.database() + " as "
                + teamLocation.user() + " · " + polling + keys);
    }

    /** Every change to a server passes through it: locks, journal, audit. */
    public ChangeRunner runner() { return runner; }

    /** The audit trail of every change made from this data folder. */
    public AuditStore auditStore() { return auditStore; }

    /** How long a change waits for another writer before it is refused (the command line's --lock-wait). */
    public void lockWait(Duration wait) { this.lockWait = wait; }

    /** The changes under way on every relationship, by this process or any other on the data folder. */
    public ChangeActivity activity() { return activity; }

    public Path dataDir() { return dataDir; }

    /** The store's database (for moving a data folder into a team store). */
    Database database() { return database; }

    /** Whether this is a team's shared store (PostgreSQL) rather than the data folder's own database. */
    public boolean isTeamStore() { return database.dialect() == tandem.store.SqlDialect.POSTGRESQL; }

    /** Which process of the team polls (this one, always, in the embedded store). */
    public PollerLease pollerLease() { return pollerLease; }

    /** The members of the team store, their roles and grants (empty in the embedded store). */
    public TeamStore teamStore() { return teamStore; }

    /** Managing the team's members, roles and bits, with one set of checks for the command line and the console. */
    public tandem.core.access.TeamAdministration teamAdministration() {
        return new tandem.core.access.TeamAdministration(teamStore, name -> inventory.server(name).isPresent(),
                java.time.Instant::now);
    }

    /** The SSH known hosts of the console (ISC servers), in the data folder. */
    public static Path knownHosts(Path dataDir) { return dataDir.resolve("known_hosts"); }

    public Inventory inventory() { return inventory; }

    public StatusPoller poller() { return poller; }

    public StateStore stateStore() { return stateStore; }

    public ReplicationStore replicationStore() { return replicationStore; }

    public KeaChangeService changes() { return changes; }

    public KeaControlAgentClient kea() { return kea; }
    /** Sends HA actions (maintenance, sync, continue, reset, scopes) to Kea servers. */
    public FailoverActions haActions() { return haActions; }

    /** The registered backends. */
    public Backends backends() { return backends; }

    /** The HA configuration checks of a relationship. */
    public ConfigChecker configChecks() { return configChecks; }

    /**
     * The dhcpd.conf of an inventory ISC server, reached over SSH. Every write and partner-down runs as a change
     * (locked, journaled, audited, undoable); while it runs, every relationship of the server names it (see
     * {@link #activity()}).
     */
    public Optional<IscConfigTarget> iscConfig(String serverName) {
        return iscChanges.server(serverName);
    }

    /** dhcpd.conf writes and partner-down, from the console and the command line, through the change runner. */
    public IscChangeService iscChanges() { return iscChanges; }

    /** Windows failover changes: create, remove, scopes, replication, settings. */
    public WindowsChangeService windowsChanges() { return windowsChanges; }

    public PreferenceStore preferenceStore() { return preferenceStore; }

    /** Which store the console opens on without --store (Preferences → Team database), kept in the data folder. */
    public tandem.core.port.TeamStoreSettings teamStoreSettings() {
        return tandem.store.TeamStoreSettingsFile.of(dataDir);
    }

    public Preferences preferences() { return preferences; }

    /** Stores new preferences; the poller reads them at its next cycle. */
    public void updatePreferences(Preferences updated) {
        preferenceStore.save(updated);
        preferences = updated;
    }

    @Override
    public void close() {
        if (stateListener != null) stateListener.close();
        poller.close();
        pollerLease.close();
        synchronizer.close();
        leaseCheckThread.shutdownNow();
        runner.locks().close();
        keaModule.close();
        kea.close();
        isc.close();
        windows.close();
        database.close();
    }
}
