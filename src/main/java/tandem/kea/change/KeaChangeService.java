package tandem.kea.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Backend;
import tandem.core.StatusRules;
import tandem.kea.KeaStates;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.PeerRole;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.kea.KeaSettings;
import tandem.core.change.ChangeJob;
import tandem.core.change.ChangeRunner;
import tandem.core.port.ReplicationStore;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.core.port.ReplicationStore.TargetOutcome;
import tandem.core.port.StateStore;
import tandem.core.port.StatusView;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.change.KeaConfigChannel.ConfigCommandFailed;

/**
 * Changes a Kea relationship in one place and mirrors the change to every other peer.
 *
 * <p>A change is written to the source of truth first (config-test, config-set, config-write), then to each other
 * peer in turn, never two at once: a large config-set blocks a server for seconds. Each peer gets the source of
 * truth's configuration with its own keys kept ({@link PeerOwnedKeys}) and is verified afterwards. Every target
 * is tested before anything is set, so a change any of them rejects is applied nowhere.
 *
 * <p>Every change runs as a job of the {@link ChangeRunner}: locked against other writers in any process,
 * journaled before the first server is touched (each server's outcome as it happens) and audited. A change cut
 * short by a crash or a config-set whose answer was lost is settled by reading the servers ({@link #settler()}).
 *
 * <p>While the primary is away the secondary or standby is the source of truth; changes made then are journaled
 * and replayed on the primary before it takes over again. Peers that miss a change are marked out of sync and
 * synchronized when they are back.
 */
public final class KeaChangeService implements tandem.core.port.ConfigReplication {
    private static final Logger LOG = LoggerFactory.getLogger(KeaChangeService.class);

    /** The journal's kind for configuration changes, synchronizations and replays of a Kea relationship. */
    public static final String KIND = "kea";
    static final String SYNC_KIND = "kea-sync";
    static final String REPLAY_KIND = "kea-replay";
    /** How many times a config-set whose answer was lost is settled by reading the server, 2 s apart. */
    private static final int SETTLE_READS = 5;

    /** What an administrator sees before applying: the diff of the source of truth's configuration. */
    public record Preview(String relationship, KeaChange change, String sourceOfTruth,
                          ObjectNode before, ObjectNode after, String diff, List<String> replicatedTo,
                          List<String> notes) {}

    /**
     * @param peers           each peer the change was meant for, with what happened there
     * @param method          how the servers were changed: the subnet_cmds/host_cmds commands sent, or config-set
     *                        and why the commands could not carry it
     * @param verifiedAtNanos {@link System#nanoTime()} when every peer was verified (before the files were written,
     *                        for a change through commands), 0 when not recorded
     */
    public record Applied(long journalId, String sourceOfTruth, boolean rebased, boolean pendingPrimary,
                          Map<String, String> peers, KeaChange inverse, String method, long verifiedAtNanos) {}

    /** One peer's difference from what the source of truth would give it. */
    public record PeerPlan(String peer, boolean reachable, String diff, String problem) {
        public boolean inSync() { return reachable && diff.isEmpty(); }
    }

    public record SyncPlan(String relationship, String sourceOfTruth, List<PeerPlan> peers) {}

    private final Inventory inventory;
    private final StatusView status;
    private final Supplier<Preferences> preferences;
    private final ReplicationStore journal;
    private final KeaServerWriter writer;
    private final KeaReplicator replicator;
    private final KeaHotChange hot;
    private final StateStore states;
    private final ChangeRunner runner;
    private final Clock clock;
    private final KeaHaTopology topology;

    /** Over a runner of this process alone (tests, services without a data folder). */
    public KeaChangeService(Inventory inventory, StatusView status, Supplier<Preferences> preferences,
                            ReplicationStore journal, StateStore states, KeaControlAgentClient client, Clock clock) {
        this(inventory, status, preferences, journal, states, client, ChangeRunner.local(journal, clock),
                KeaConfigChannel.CONFIG_TIMEOUT, clock);
    }

    /**
     * @param runner        locks, journals, announces and audits every change
     * @param configTimeout how long a configuration command may take before its answer counts as lost
     */
    public KeaChangeService(Inventory inventory, StatusView status, Supplier<Preferences> preferences,
                            ReplicationStore journal, StateStore states, KeaControlAgentClient client,
                            ChangeRunner runner, Duration configTimeout, Clock clock) {
        this.inventory = inventory;
        this.status = status;
        this.preferences = preferences;
        this.journal = journal;
        this.writer = new KeaServerWriter(inventory, states, new KeaConfigChannel(client, configTimeout), clock);
        this.replicator = new KeaReplicator(writer, journal, status, preferences, clock);
        this.hot = new KeaHotChange(writer, journal, states, clock);
        this.states = states;
        this.runner = runner;
        this.clock = clock;
        this.topology = new KeaHaTopology(inventory, writer, client, runner, journal);
        runner.register(KIND, new KeaSettlers.ChangeSettler(this::find, writer, replicator));
        runner.register(SYNC_KIND, new KeaSettlers.SyncSettler(this::find, journal, clock));
        runner.register(REPLAY_KIND, new KeaSettlers.SyncSettler(this::find, journal, clock));
    }

    /** What every change of a relationship locks, in every process on the data folder. */
    public static String lockOf(String relationship) {
        return tandem.core.change.ChangeLocks.relationshipLock(relationship);
    }

    /** Creating and dissolving HA relationships, through the same runner and server writer as every change. */
    public KeaHaTopology topology() { return topology; }

    // ---- changes ----

    /** Reads the source of truth and shows what the change would do; nothing is sent to any server. */
    public Preview prepare(String relationshipName, KeaChange change) {
        Relationship rel = relationship(relationshipName);
        // a change the user may not make is refused before any server is read; the runner checks again on apply
        runner.access().check(KeaChangeNeeds.of(rel.name(), change));
        String sot = sourceOfTruth(rel, false);
        ObjectNode before = writer.read(rel, sot);
        List<String> targets = replicator.replicationTargets(rel, sot);
        var inDatabase = hot.inHostsDatabase(rel, sot, targets, before, change);
        ObjectNode after = inDatabase.map(KeaHostsDatabaseChange.PreviewPart::after).orElseGet(() -> change.appliedTo(before));
        List<String> notes = new ArrayList<>(inDatabase.map(KeaHostsDatabaseChange.PreviewPart::notes).orElse(List.of()));
        if (!sot.equals(rel.primary().map(PeerDefinition::name).orElse(sot))) {
            notes.add("The primary is away: " + sot + " is the source of truth; the change is journaled and "
                    + "replayed on the primary when it returns");
        }
        if (!KeaSettings.replicates(rel, preferences.get()) && rel.peers().size() > 1) {
            notes.add(rel.sharedConfig() ? "The servers share their configuration through a backend: nothing is replicated"
                    : "Replication is off (keaReplicateConfig): only " + sot + " is changed");
        }
        return new Preview(rel.name(), change, sot, before, after, inDatabase.map(KeaHostsDatabaseChange.PreviewPart::diff)
                .orElseGet(() -> ConfigDiff.unified(sot, before, after)), targets, notes);
    }

    /**
     * Applies a prepared change. If the source of truth changed since the preview (another administrator, or a
     * change outside the console), the change is re-applied to what is there now when it still fits, and refused
     * with the reason when it does not; nothing is ever overwritten silently. Entries another process left
     * unfinished on this relationship are settled first.
     */
    public Applied apply(Preview preview) {
        Relationship rel = relationship(preview.relationship());
        runner.settleAbandoned(rel.name());
        return runner.run(new ApplyJob(rel, preview));
    }

    /** Prepares the change that undoes a journaled one, as a new change with its own preview. */
    public Preview prepareUndo(long journalId) {
        JournalEntry entry = journal.entry(journalId)
                .orElseThrow(() -> new ChangeRefused(null, "There is no change #" + journalId + " in the journal"));
        if (!KIND.equals(entry.kind()) || entry.inverse() == null) {
            throw new ChangeRefused(null, "Change #" + journalId + " cannot be undone here");
        }
        return prepare(entry.relationship(), fromJson(entry.inverse()));
    }

    /** Settles what any process left unfinished, on every relationship; one line per entry settled. */
    public List<String> settleAbandoned() {
        return runner.settleAbandoned();
    }

    private final class ApplyJob implements ChangeJob<Applied> {
        private final Relationship rel;
        private final Preview preview;

        ApplyJob(Relationship rel, Preview preview) {
            this.rel = rel;
            this.preview = preview;
        }

        @Override public String relationship() { return rel.name(); }
        @Override public String kind() { return KIND; }
        @Override public String description() { return preview.change().describe(); }
        @Override public List<String> locks() { return List.of(lockOf(rel.name())); }
        @Override public List<String> servers() { return rel.peers().stream().map(PeerDefinition::name).toList(); }
        @Override public String diff() { return preview.diff(); }
        @Override public String journaled() { return toJson(preview.change()); }
        @Override public List<tandem.core.access.Need> needs() { return KeaChangeNeeds.of(rel.name(), preview.change()); }

        @Override
        public Applied apply(Context ctx) {
            String sot = sourceOfTruth(rel, false);
            ctx.appliedTo(sot);
            replayJournalIfPrimary(rel, sot);
            boolean pendingPrimary = rel.primary().isPresent() && !sot.equals(rel.primary().get().name());
            String fallback = null;
            if (sot.equals(preview.sourceOfTruth())) {
                KeaHotChange.Attempt viaCommands = hot.apply(ctx, rel, sot, replicator.replicationTargets(rel, sot),
                        status.current().get(rel.name()), preview.before(), preview.after(), preview.change());
                if (viaCommands.outcome() != null) {
                    KeaHotChange.Outcome o = viaCommands.outcome();
                    Map<String, String> peers = new LinkedHashMap<>(o.peers());
                    if (!o.withoutCommands().isEmpty()) {
                        // hooks gone since they were listed: those peers get the source of truth's configuration
                        ObjectNode truth = writer.readNow(rel, sot);
                        for (var w : o.withoutCommands().entrySet()) {
                            String outcome = replicator.syncPeer(rel, w.getKey(), truth, preview.change().describe());
                            LOG.info("{}: {} through config-set ({}): {}", rel.name(), w.getKey(), w.getValue(), outcome);
                            ctx.target(w.getKey(), outcome.equals("verified") ? TargetOutcome.APPLIED : TargetOutcome.FAILED,
                                    "config-set (" + w.getValue() + "): " + outcome);
                            peers.put(w.getKey(), outcome);
                        }
                    }
                    if (pendingPrimary) ctx.settleAs(Status.PENDING_PRIMARY);
                    return new Applied(ctx.journalId(), sot, false, pendingPrimary, peers, o.inverse(),
                            o.sotCommands(), o.verifiedAtNanos());
                }
                fallback = viaCommands.fallback();
            }
            ObjectNode current = writer.read(rel, sot);
            Map<String, ObjectNode> peerReads = replicator.readPeers(rel, sot);
            boolean rebased = !sot.equals(preview.sourceOfTruth()) || !current.equals(preview.before());
            ObjectNode after;
            if (rebased) {
                try {
                    after = preview.change().appliedTo(current);
                } catch (ChangeRefused e) {
                    throw new ChangeRefused(e.field(), "The configuration of " + sot + " changed since this change "
                            + "was prepared, and the change no longer fits: " + e.getMessage() + ". Nothing was changed.");
                }
            } else {
                after = preview.after();
            }
            KeaChange inverse = preview.change().inverse(current);
            ctx.inverse(toJson(inverse));
            Map<String, String> outcomes = replicator.writeEverywhere(ctx, rel, sot, current, after, preview.change(), peerReads);
            if (pendingPrimary) ctx.settleAs(Status.PENDING_PRIMARY);
            LOG.info("{}: applied '{}' on {}{}", rel.name(), preview.change().describe(), sot,
                    rebased ? " (rebased on a newer configuration)" : "");
            return new Applied(ctx.journalId(), sot, rebased, pendingPrimary, outcomes, inverse,
                    "config-set" + (fallback == null ? "" : " (" + fallback + ")"), System.nanoTime());
        }
    }

    // ---- synchronization ----

    /** What synchronizing would change on each other peer; nothing is sent. */
    public SyncPlan planSync(String relationshipName) {
        Relationship rel = relationship(relationshipName);
        String sot = sourceOfTruth(rel, false);
        ObjectNode truth = writer.read(rel, sot);
        List<PeerPlan> plans = new ArrayList<>();
        for (PeerDefinition p : rel.peers()) {
            if (p.name().equals(sot)) continue;
            try {
                ObjectNode current = writer.read(rel, p.name());
                ObjectNode wanted = PeerOwnedKeys.forPeer(truth, current);
                plans.add(new PeerPlan(p.name(), true, ConfigDiff.unified(p.name(), current, wanted), null));
            } catch (ConfigCommandFailed e) {
                plans.add(new PeerPlan(p.name(), false, "", e.getMessage()));
            }
        }
        return new SyncPlan(rel.name(), sot, plans);
    }

    /**
     * Brings the given peers (all others when empty) in line with the source of truth, one at a time, each tested
     * first and verified afterwards. Their own outside edits are overwritten: show {@link #planSync} first.
     */
    public Map<String, String> synchronize(String relationshipName, Set<String> only) {
        return synchronize(relationship(relationshipName), only, null);
    }

    private Map<String, String> synchronize(Relationship rel, Set<String> only, Duration lockWait) {
        return runner.run(new ChangeJob<Map<String, String>>() {
            @Override public String relationship() { return rel.name(); }
            @Override public String kind() { return SYNC_KIND; }
            // the seed: replicating every scope of a server needs "Administer DHCP servers"
            @Override public List<tandem.core.access.Need> needs() {
                return List.of(new tandem.core.access.Need(tandem.core.access.Permission.ADMINISTER_DHCP_SERVERS,
                        rel.name(), null));
            }
            @Override public String description() {
                return only.isEmpty() ? "Synchronize every peer from the source of truth"
                        : "Synchronize " + String.join(", ", only) + " from the source of truth";
            }
            @Override public List<String> locks() { return List.of(lockOf(rel.name())); }
            @Override public List<String> servers() { return rel.peers().stream().map(PeerDefinition::name).toList(); }
            @Override public String diff() { return ""; }
            @Override public Duration lockWait() { return lockWait; }

            @Override public Map<String, String> apply(Context ctx) {
                String sot = sourceOfTruth(rel, false);
                ctx.appliedTo(sot);
                replayJournalIfPrimary(rel, sot);
                ObjectNode truth = writer.read(rel, sot);
                writer.snapshot(rel, sot, truth);
                Map<String, String> outcomes = new LinkedHashMap<>();
                for (PeerDefinition p : rel.peers()) {
                    if (p.name().equals(sot) || (!only.isEmpty() && !only.contains(p.name()))) continue;
                    if (p.role() == PeerRole.PRIMARY && !journal.pending(rel.name()).isEmpty()) continue;
                    String outcome = replicator.syncPeer(rel, p.name(), truth, "synchronization");
                    ctx.target(p.name(), outcome.equals("verified") ? TargetOutcome.APPLIED : TargetOutcome.FAILED, outcome);
                    outcomes.put(p.name(), outcome);
                }
                return outcomes;
            }
        });
    }

    /**
     * Replays the changes journaled while the primary was away, on the primary, oldest first. Returns how many
     * were replayed. The primary must be active; each change is re-applied to the primary's own configuration.
     * Run by the background service: when another process holds the relationship, it is left to the next pass.
     */
    @Override
    public int replayJournal(String relationshipName) {
        Relationship rel = relationship(relationshipName);
        String primary = rel.primary().map(PeerDefinition::name).orElse(null);
        if (primary == null) return 0;
        return runner.run(new ChangeJob<Integer>() {
            @Override public String relationship() { return rel.name(); }
            @Override public String kind() { return REPLAY_KIND; }
            @Override public String description() { return "Replay the changes journaled while " + primary + " was away"; }
            @Override public List<String> locks() { return List.of(lockOf(rel.name())); }
            @Override public List<String> servers() { return List.of(primary); }
            @Override public String diff() { return ""; }
            @Override public Duration lockWait() { return Duration.ZERO; }
            @Override public Integer apply(Context ctx) {
                ctx.appliedTo(primary);
                int n = replay(rel, primary);
                ctx.target(primary, TargetOutcome.APPLIED, n + " change(s) replayed");
                return n;
            }
        });
    }

    /** Peers marked out of sync that answer again are synchronized; returns their outcomes. */
    @Override
    public Map<String, String> resynchronizeReturningPeers(String relationshipName, Set<String> skip) {
        Relationship rel = relationship(relationshipName);
        Map<String, String> outOfSync = journal.outOfSync(rel.name());
        if (outOfSync.isEmpty()) return Map.of();
        RelationshipState state = status.current().get(rel.name());
        Set<String> back = new HashSet<>();
        for (String peer : outOfSync.keySet()) {
            if (skip.contains(peer)) continue;
            PeerObservation o = state == null ? null : state.peers().get(peer);
            // only once it reports itself active: a config-set while HA is still syncing would restart it
            if (StatusRules.isActive(o, rel.mode(), KeaStates.VOCABULARY) && !peer.equals(state.assessment().sourceOfTruth())) back.add(peer);
        }
        if (back.isEmpty()) return Map.of();
        return synchronize(rel, back, Duration.ZERO);
    }

    @Override
    public Optional<String> currentConfig(Relationship rel, String peer) {
        return currentConfigTree(rel, peer).map(ObjectNode::toString);
    }

    @Override
    public boolean replicates(Relationship relationship) {
        return KeaSettings.replicates(relationship, preferences.get());
    }

    @Override
    public String fingerprint(String configuration) {
        return KeaConfigJson.hash(KeaConfigJson.parse(configuration));
    }

    @Override
    public String describeChange(String before, String after) {
        return OutsideChange.summary(KeaConfigJson.parse(before), KeaConfigJson.parse(after));
    }

    /** A peer's configuration as it answers now, or empty when it does not answer. */
    public Optional<ObjectNode> currentConfigTree(Relationship rel, String peer) {
        try {
            return Optional.of(writer.read(rel, peer));
        } catch (ConfigCommandFailed e) {
            return Optional.empty();
        }
    }

    // ---- internals ----

    private int replayJournalIfPrimary(Relationship rel, String sot) {
        if (rel.primary().isEmpty() || !sot.equals(rel.primary().get().name())) return 0;
        return replay(rel, sot);
    }

    /**
     * Re-applies the waiting entries to the primary's configuration in one config-set. An entry that no longer fits
     * is kept as a conflict for an administrator to look at, never marked done.
     */
    private int replay(Relationship rel, String primary) {
        List<JournalEntry> pending = journal.pending(rel.name());
        if (pending.isEmpty()) return 0;
        ObjectNode before = writer.read(rel, primary);
        ObjectNode config = before.deepCopy();
        List<JournalEntry> replayed = new ArrayList<>();
        Map<JournalEntry, String> conflicts = new LinkedHashMap<>();
        for (JournalEntry e : pending) {
            KeaChange change = fromJson(e.change());
            try {
                ObjectNode next = change.appliedTo(config);
                config.removeAll();
                config.setAll(next);
                replayed.add(e);
            } catch (ChangeRefused refused) {
                conflicts.put(e, refused.getMessage());
            }
        }
        writer.test(rel, primary, config);
        writer.setWriteAndSettle(rel, primary, before, config);
        writer.snapshot(rel, primary, writer.readNow(rel, primary));
        Instant now = clock.instant();
        for (JournalEntry e : replayed) journal.markReplayed(e.id(), now);
        RelationshipState state = status.current().get(rel.name());
        for (var c : conflicts.entrySet()) {
            journal.settle(c.getKey().id(), Status.CONFLICT, null, null, now);
            LOG.warn("{}: journaled change #{} ('{}') does not apply on the returning primary {}: {}; kept as a conflict",
                    rel.name(), c.getKey().id(), c.getKey().description(), primary, c.getValue());
            // in the event history too: an administrator has to decide, and nothing else will remind them
            if (state != null) {
                states.appendEvent(new tandem.core.StatusEvent(now, rel.name(), state.status(), state.status(),
                        "Change #" + c.getKey().id() + " ('" + c.getKey().description() + "'), made while " + primary
                                + " was away, does not apply on it: " + c.getValue() + ". Kept as a conflict: check it"
                                + " and apply it again"));
            }
        }
        LOG.info("{}: replayed {} journaled change(s) on the returning primary {}", rel.name(), replayed.size(), primary);
        return replayed.size();
    }

    /** @see KeaServerWriter#haSettled */
    static boolean haSettled(String stateBefore, String stateNow) {
        return KeaServerWriter.haSettled(stateBefore, stateNow);
    }

    /** The peer to write to; refuses at once when the service is down or nothing answers. */
    private String sourceOfTruth(Relationship rel, boolean refreshed) {
        RelationshipState state = refreshed ? status.refresh().get(rel.name()) : status.current().get(rel.name());
        if (state == null || state.stale()) {
            if (!refreshed) return sourceOfTruth(rel, true);
            throw new ChangeRefused(null, "The status of " + rel.name() + " is not known yet. Nothing was changed.");
        }
        RelationshipStatus s = state.status();
        if (s == RelationshipStatus.SERVICE_DOWN || s == RelationshipStatus.UNREACHABLE
                || state.assessment().sourceOfTruth() == null) {
            if (!refreshed) return sourceOfTruth(rel, true);
            String why = s == RelationshipStatus.UNREACHABLE ? "The DHCP service of " + rel.name() + " is unreachable"
                    : s == RelationshipStatus.SERVICE_DOWN ? "The DHCP service of " + rel.name() + " is down"
                    : "No server of " + rel.name() + " can be written to now";
            throw new ChangeRefused(null, why + " (" + state.assessment().summary() + "). Nothing was changed.");
        }
        return state.assessment().sourceOfTruth();
    }

    private Optional<Relationship> find(String name) {
        return inventory.relationships().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private Relationship relationship(String name) {
        Relationship rel = find(name)
                .orElseThrow(() -> new ChangeRefused("relationship", "There is no relationship named " + name));
        if (rel.backend() != Backend.KEA) {
            throw new ChangeRefused("relationship", name + " is an " + rel.backend().wire()
                    + " relationship: change it with the ISC tools (tandem isc ..., or its menu in the console)");
        }
        return rel;
    }

    public static String toJson(KeaChange change) {
        try {
            return KeaConfigJson.MAPPER.writerFor(KeaChange.class).writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeaChange fromJson(String json) {
        try {
            return KeaConfigJson.MAPPER.readValue(Objects.requireNonNull(json), KeaChange.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable journaled change: " + e.getOriginalMessage(), e);
        }
    }
}
