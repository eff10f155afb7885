package tandem.isc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tandem.core.Backend;
import tandem.core.Inventory;
import tandem.core.Relationship;
import tandem.core.ServerRecord;
import tandem.core.change.ChangeJob;
import tandem.core.change.ChangeRunner;
import tandem.core.change.Settler;
import tandem.core.port.ReplicationStore;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.core.port.ReplicationStore.Target;
import tandem.core.port.ReplicationStore.TargetOutcome;
import tandem.ssh.SshTarget;

/**
 * Every dhcpd.conf write and partner-down, from the console or the command line, runs through the
 * {@link ChangeRunner}: locked against other writers on the data folder, journaled before the server is touched,
 * announced on the server's relationships while dhcpd restarts, audited with its (redacted) diff, settled by
 * reading the files when its process died, and undoable.
 */
public final class IscChangeService {
    /** The journal's kind for dhcpd.conf writes. */
    public static final String KIND = "isc";
    /** The journal's kind for partner-down. */
    public static final String PARTNER_DOWN_KIND = "isc-partner-down";

    /** A journaled write that can be undone: its inverse, ready to preview and apply. */
    public record UndoPlan(long journalId, IscLocation where, ConfigChange inverse, String description) {}

    /** The change cannot be undone; the message says why. */
    public static final class UndoRefused extends RuntimeException {
        public UndoRefused(String message) { super(message); }
    }

    private final ChangeRunner runner;
    private final Inventory inventory;
    private final ReplicationStore journalStore;
    private final Path knownHosts;
    private final IscJournal journal;
    private final Supplier<Duration> lockWait;
    private final Clock clock;

    /**
     * @param knownHosts the data folder's known hosts (for a location that names none)
     * @param sealer     seals the secrets of the files' text in the journal with the data folder's key
     * @param lockWait   how long a write waits for another writer's lock on the server
     */
    public IscChangeService(ChangeRunner runner, Inventory inventory, ReplicationStore journalStore, Path knownHosts,
                            IscJournal.Sealer sealer, Supplier<Duration> lockWait, Clock clock) {
        this.runner = runner;
        this.inventory = inventory;
        this.journalStore = journalStore;
        this.knownHosts = knownHosts;
        this.journal = new IscJournal(sealer);
        this.lockWait = lockWait;
        this.clock = clock;
    }

    /** What every change of a relationship locks, in every process on the data folder (as for Kea). */
    public static String relationshipLock(String relationship) {
        return "relationship:" + relationship;
    }

    // ---- targets whose writes are changes ----

    /** The dhcpd.conf of an inventory ISC server, reached over SSH for each call. */
    public Optional<IscConfigTarget> server(String name) {
        return settings(name).map(s -> journaled(IscLocation.ofServer(name, s), raw(s)));
    }

    /**
     * A configuration reached through a shell opened by the caller (this machine, or a server logged in to); when
     * it is an inventory server's configuration, it is that server's.
     */
    public IscConfigTarget through(Shell shell, IscLocation where) {
        IscLocation known = where.server() != null || where.ssh() == null ? where
                : serverAt(where.ssh().target(), where.configPath()).map(where::withServer).orElse(where);
        return journaled(known, IscConfigTarget.of(shell, known.configPath(), known.validateCommand(),
                known.restartCommand(), clock, owner(), lockWait.get()));
    }

    /** Any target, its writes and partner-down run as changes of {@code where}. */
    public IscConfigTarget journaled(IscLocation where, IscConfigTarget target) {
        return new IscConfigTarget() {
            @Override public String name() { return target.name(); }

            @Override public DhcpdConfig load() throws IOException, ConfSyntaxException { return target.load(); }

            @Override public SafeWrite.Result apply(DhcpdConfig before, ConfigChange change) throws IOException {
                return write(where, target, before, change, IscWriteJob.describe(where, change));
            }

            @Override public FailoverStatus setPartnerDown(String failoverPeer) throws IOException {
                return partnerDown(where, target, failoverPeer);
            }

            @Override public FailoverStatus failoverStatus(String failoverPeer) throws IOException {
                return target.failoverStatus(failoverPeer);
            }

            @Override public Map<String, String> readFiles(java.util.Collection<String> paths) throws IOException {
                return target.readFiles(paths);
            }
        };
    }

    private SafeWrite.Result write(IscLocation where, IscConfigTarget target, DhcpdConfig before, ConfigChange change,
                                   String description) throws IOException {
        if (change.isEmpty()) return target.apply(before, change);
        try {
            return runner.run(new IscWriteJob(where, target, before, change, description, relationshipsOf(where),
                    journal));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private FailoverStatus partnerDown(IscLocation where, IscConfigTarget target, String peer) throws IOException {
        // refused before anything is journaled or sent
        String problem = OmapiFailoverClient.peerNameProblem(peer);
        if (problem != null) throw new IllegalArgumentException(problem);
        List<String> relationships = relationshipsOf(where);
        try {
            return runner.run(new ChangeJob<FailoverStatus>() {
                @Override public String relationship() { return where.name(); }
                @Override public String kind() { return PARTNER_DOWN_KIND; }
                @Override public String description() { return "partner-down for " + peer + " on " + where.name(); }
                @Override public List<String> locks() { return relationships.stream().map(IscChangeService::relationshipLock).toList(); }
                @Override public List<String> servers() { return List.of(where.name()); }
                @Override public String diff() { return ""; }
                @Override public String journaled() { return IscJournal.partnerDown(where.name(), peer); }
                @Override public List<String> announcedOn() { return relationships; }

                @Override public FailoverStatus apply(Context ctx) {
                    ctx.appliedTo(where.name());
                    try {
                        FailoverStatus st = target.setPartnerDown(peer);
                        ctx.target(where.name(), TargetOutcome.APPLIED, "local " + st.local().wire() + ", partner "
                                + st.partner().wire());
                        return st;
                    } catch (IOException e) {
                        // the command may have reached dhcpd before the answer was lost
                        ctx.target(where.name(), TargetOutcome.UNKNOWN, e.getMessage());
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    // ---- undo ----

    /** The change that undoes journaled write {@code id}: the files back from what it wrote to what they said. */
    public UndoPlan prepareUndo(long id) {
        JournalEntry entry = journalStore.entry(id).orElseThrow(() -> new UndoRefused("There is no change #" + id + " in the journal"));
        if (!KIND.equals(entry.kind())) throw new UndoRefused("Change #" + id + " is not a dhcpd.conf write");
        if (entry.status() != Status.APPLIED || entry.inverse() == null) {
            throw new UndoRefused("Change #" + id + " is " + entry.status().name().toLowerCase().replace('_', ' ')
                    + ": only an applied change can be undone");
        }
        IscJournal.Entry inverse = journal.read(entry.inverse());
        return new UndoPlan(id, inverse.where(), inverse.change(), "Undo change #" + id + ": " + entry.description());
    }

    /**
     * Writes the inverse as a new change through the runner. Refused as a conflict when a file no longer says what
     * the undone change wrote (someone changed it since).
     */
    public SafeWrite.Result undo(UndoPlan plan) throws IOException {
        IscConfigTarget target = open(plan.where());
        DhcpdConfig now;
        try {
            now = target.load();
        } catch (ConfSyntaxException e) {
            throw new IOException("cannot read " + target.name() + ": " + e.getMessage(), e);
        }
        return write(plan.where(), target, now, plan.inverse(), plan.description());
    }

    // ---- settling what a process left unfinished ----

    /**
     * A write cut short: each file is read. All of them holding the change: applied; all still as before: nothing
     * was written; anything else: a conflict for an administrator to look at.
     */
    public Settler settler() {
        return new Settler() {
            @Override public List<String> locks(JournalEntry entry) {
                IscLocation where = IscJournal.where(entry.change());
                return IscWriteJob.locks(where, relationshipsOf(where));
            }

            @Override public Settlement settle(JournalEntry entry, List<Target> targets) {
                IscJournal.Entry e = journal.read(entry.change());
                Map<String, String> now;
                try {
                    now = open(e.where()).readFiles(e.change().changedFiles());
                } catch (IOException failed) {
                    throw new UncheckedIOException(failed);
                }
                Map<String, String> files = new LinkedHashMap<>();
                boolean allAfter = true, allBefore = true;
                for (String f : e.change().changedFiles()) {
                    boolean after = now.get(f).equals(e.change().after().get(f));
                    boolean before = now.get(f).equals(e.change().before().getOrDefault(f, ""));
                    allAfter &= after;
                    allBefore &= before;
                    files.put(f, after ? "holds the change" : before ? "as before the change" : "neither as before nor the change");
                }
                Map<String, String> servers = Map.of(e.where().name(), String.join("; ", files.entrySet().stream()
                        .map(x -> x.getKey() + " " + x.getValue()).toList()));
                if (allAfter) return new Settlement(Status.APPLIED, servers, "the files hold the change");
                if (allBefore) return new Settlement(Status.FAILED, servers, "nothing was written: the files are as before");
                return new Settlement(Status.CONFLICT, servers, "the files hold neither what they held before nor the"
                        + " change (" + String.join(", ", files.entrySet().stream().filter(x -> !x.getValue()
                        .equals("holds the change")).map(Map.Entry::getKey).toList()) + "): check them on the server");
            }
        };
    }

    /** A partner-down cut short: the server's failover state says whether it took it. */
    public Settler partnerDownSettler() {
        return new Settler() {
            @Override public List<String> locks(JournalEntry entry) {
                return relationshipsOf(IscJournal.partnerDown(entry.change()).get(0)).stream()
                        .map(IscChangeService::relationshipLock).toList();
            }

            @Override public Settlement settle(JournalEntry entry, List<Target> targets) {
                List<String> sp = IscJournal.partnerDown(entry.change());
                IscConfigTarget target = server(sp.get(0)).orElseThrow(() -> new IllegalStateException(
                        sp.get(0) + " is no longer in the inventory"));
                FailoverStatus st;
                try {
                    st = target.failoverStatus(sp.get(1));
                } catch (IOException failed) {
                    throw new UncheckedIOException(failed);
                }
                boolean down = st.local() == FailoverState.PARTNER_DOWN;
                return new Settlement(down ? Status.APPLIED : Status.FAILED, Map.of(sp.get(0), "local " + st.local().wire()),
                        sp.get(0) + (down ? " is in partner-down" : " is not in partner-down (" + st.local().wire() + ")"));
            }
        };
    }

    // ---- where things are ----

    /** A target for a journaled location: the inventory's settings for a server in it, else what was journaled. */
    IscConfigTarget open(IscLocation where) throws IOException {
        if (where.server() != null) {
            Optional<IscServerSettings> s = settings(where.server());
            if (s.isPresent()) return raw(s.get());
        }
        if (where.ssh() == null) {
            return IscConfigTarget.of(new LocalShell(Duration.ofSeconds(60)), where.configPath(), where.validateCommand(),
                    where.restartCommand(), clock, owner(), lockWait.get());
        }
        IscServerSettings s;
        try {
            s = new IscServerSettings(where.ssh(), where.configPath(), where.validateCommand(), where.restartCommand(), 0, null);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        return IscConfigTarget.overSsh(s, where.knownHosts() == null ? knownHosts : where.knownHosts(), clock, owner(),
                lockWait.get());
    }

    private IscConfigTarget raw(IscServerSettings s) {
        return IscConfigTarget.overSsh(s, knownHosts, clock, owner(), lockWait.get());
    }

    private Optional<IscServerSettings> settings(String name) {
        return inventory.server(name).filter(r -> r.backend() == Backend.ISC)
                .map(r -> IscServerSettings.fromConnection(r.connection()));
    }

    /** The inventory ISC server logged in to at {@code target} whose configuration is {@code configPath}. */
    private Optional<String> serverAt(SshTarget target, String configPath) {
        for (ServerRecord r : inventory.servers()) {
            if (r.backend() != Backend.ISC) continue;
            IscServerSettings s = IscServerSettings.fromConnection(r.connection());
            if (s.ssh().target().host().equalsIgnoreCase(target.host()) && s.ssh().target().port() == target.port()
                    && s.configPath().equals(configPath)) {
                return Optional.of(r.name());
            }
        }
        return Optional.empty();
    }

    private List<String> relationshipsOf(IscLocation where) {
        return where.server() == null ? List.of() : relationshipsOf(where.server());
    }

    private List<String> relationshipsOf(String server) {
        return inventory.relationships().stream().filter(r -> r.serverName().equals(server)).map(Relationship::name).toList();
    }

    private String owner() {
        return runner.actor().processName();
    }
}
