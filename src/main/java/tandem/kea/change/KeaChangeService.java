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
import tandem.core.Replication;
import tandem.core.change.ChangeJob;
import tandem.core.change.ChangeRunner;
import tandem.core.change.Settler;
import tandem.core.port.ReplicationStore;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.core.port.ReplicationStore.Target;
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
public final class KeaChangeService {
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

    /** @param peers each peer the change was meant for, with what happened there */
    public record Applied(long journalId, String sourceOfTruth, boolean rebased, boolean pendingPrimary,
                          Map<String, String> peers, KeaChange inverse) {}

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
    private final ChangeRunner runner;
    private final Clock clock;

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
        this.runner = runner;
        this.clock = clock;
        runner.register(KIND, new ChangeSettler());
        runner.register(SYNC_KIND, new SyncSettler());
        runner.register(REPLAY_KIND, new SyncSettler());
    }

    /** What every change of a relationship locks, in every process on the data folder. */
    public static String lockOf(String relationship) {
        return tandem.core.change.ChangeLocks.relationshipLock(relationship);
    }

    // ---- changes ----

    /** Reads the source of truth and shows what the change would do; nothing is sent to any server. */
    public Preview prepare(String relationshipName, KeaChange change) {
        Relationship rel = relationship(relationshipName);
        String sot = sourceOfTruth(rel, false);
        ObjectNode before = writer.read(rel, sot);
        ObjectNode after = change.appliedTo(before);
        List<String> notes = new ArrayList<>();
        List<String> targets = replicationTargets(rel, sot);
        if (!sot.equals(rel.primary().map(PeerDefinition::name).orElse(sot))) {
            notes.add("The primary is away: " + sot + " is the source of truth; the change is journaled and "
                    + "replayed on the primary when it returns");
        }
        if (!Replication.enabled(rel, preferences.get()) && rel.peers().size() > 1) {
            notes.add(rel.sharedConfig() ? "The servers share their configuration through a backend: nothing is replicated"
                    : "Replication is off (keaReplicateConfig): only " + sot + " is changed");
        }
        return new Preview(rel.name(), change, sot, before, after,
                ConfigDiff.unified(sot, before, after), targets, notes);
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

        @Override
        public Applied apply(Context ctx) {
            String sot = sourceOfTruth(rel, false);
            ctx.appliedTo(sot);
            replayJournalIfPrimary(rel, sot);
            ObjectNode current = writer.read(rel, sot);
            Map<String, ObjectNode> peerReads = readPeers(rel, sot);
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
            Map<String, String> outcomes = writeEverywhere(ctx, rel, sot, current, after, preview.change(), peerReads);
            boolean pendingPrimary = rel.primary().isPresent() && !sot.equals(rel.primary().get().name());
            if (pendingPrimary) ctx.settleAs(Status.PENDING_PRIMARY);
            LOG.info("{}: applied '{}' on {}{}", rel.name(), preview.change().describe(), sot,
                    rebased ? " (rebased on a newer configuration)" : "");
            return new Applied(ctx.journalId(), sot, rebased, pendingPrimary, outcomes, inverse);
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
                    String outcome = syncPeer(rel, p.name(), truth, "synchronization");
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
    public Map<String, String> resynchronizeReturningPeers(String relationshipName) {
        Relationship rel = relationship(relationshipName);
        Map<String, String> outOfSync = journal.outOfSync(rel.name());
        if (outOfSync.isEmpty()) return Map.of();
        RelationshipState state = status.current().get(rel.name());
        Set<String> back = new HashSet<>();
        for (String peer : outOfSync.keySet()) {
            PeerObservation o = state == null ? null : state.peers().get(peer);
            // only once it reports itself active: a config-set while HA is still syncing would restart it
            if (StatusRules.isActive(o, rel.mode(), KeaStates.VOCABULARY) && !peer.equals(state.assessment().sourceOfTruth())) back.add(peer);
        }
        if (back.isEmpty()) return Map.of();
        return synchronize(rel, back, Duration.ZERO);
    }

    /** A peer's configuration as it answers now, or empty when it does not answer. */
    public Optional<ObjectNode> currentConfig(Relationship rel, String peer) {
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
        for (var c : conflicts.entrySet()) {
            journal.settle(c.getKey().id(), Status.CONFLICT, null, null, now);
            LOG.warn("{}: journaled change #{} ('{}') does not apply on the returning primary {}: {}; kept as a conflict",
                    rel.name(), c.getKey().id(), c.getKey().description(), primary, c.getValue());
        }
        LOG.info("{}: replayed {} journaled change(s) on the returning primary {}", rel.name(), replayed.size(), primary);
        return replayed.size();
    }

    /**
     * Reads every replication target that is up, one after the other: Kea answers config-get on its only thread,
     * so reading a large configuration blocks the server for seconds, and two blocked partners miss each other's
     * heartbeats. A peer that does not answer maps to null.
     */
    private Map<String, ObjectNode> readPeers(Relationship rel, String sot) {
        Map<String, ObjectNode> reads = new LinkedHashMap<>();
        RelationshipState state = status.current().get(rel.name());
        for (String peer : replicationTargets(rel, sot)) {
            PeerObservation o = state == null ? null : state.peers().get(peer);
            if (o == null || !o.up()) continue;
            try {
                reads.put(peer, writer.read(rel, peer));
            } catch (ConfigCommandFailed e) {
                LOG.warn("{}: reading {} failed: {}", rel.name(), peer, e.getMessage());
                reads.put(peer, null);
            }
        }
        return reads;
    }

    private Map<String, String> writeEverywhere(ChangeJob.Context ctx, Relationship rel, String sot,
                                                ObjectNode current, ObjectNode after, KeaChange change,
                                                Map<String, ObjectNode> peerReads) {
        String description = change.describe();
        Map<String, String> outcomes = new LinkedHashMap<>();
        Map<String, ObjectNode> peerCurrent = new LinkedHashMap<>();
        Map<String, ObjectNode> peerConfigs = new LinkedHashMap<>();
        for (String peer : replicationTargets(rel, sot)) {
            ObjectNode got = peerReads.get(peer);
            if (!peerReads.containsKey(peer)) {
                outcomes.put(peer, "offline: will be synchronized when it is back");
            } else if (got == null) {
                outcomes.put(peer, "not reachable: will be synchronized when it is back");
            } else {
                peerCurrent.put(peer, got);
                peerConfigs.put(peer, PeerOwnedKeys.forPeer(after, got));
            }
        }
        // Test everywhere before setting anywhere: a change one server rejects is applied nowhere.
        try {
            writer.test(rel, sot, after);
            for (var e : peerConfigs.entrySet()) writer.test(rel, e.getKey(), e.getValue());
        } catch (ConfigCommandFailed e) {
            throw new ChangeRefused(null, e.getMessage() + ". Nothing was changed.");
        }
        // the last moment before writing: nothing outside the console may have changed the source of truth meanwhile
        if (!writer.read(rel, sot).equals(current)) {
            throw new ChangeRefused(null, "The configuration of " + sot + " changed outside the console while this "
                    + "change was tested. Nothing was changed; preview it again.");
        }
        String stateBefore = writer.haState(rel, sot);
        try {
            writer.set(rel, sot, after);
            ctx.target(sot, TargetOutcome.APPLIED, "config-set");
        } catch (ConfigCommandFailed e) {
            if (!e.mayHaveApplied) {
                ctx.target(sot, TargetOutcome.FAILED, e.getMessage());
                throw new ChangeRefused(null, e.getMessage() + ". Nothing was changed.");
            }
            ctx.target(sot, TargetOutcome.UNKNOWN, e.getMessage());
            settleByReading(ctx, rel, sot, current, change, e.getMessage());
        }
        try {
            writer.write(rel, sot, current);
        } catch (ChangeRefused e) {
            ctx.target(sot, TargetOutcome.FAILED, e.getMessage());
            throw e;
        }
        writer.awaitHaSettled(rel, sot, stateBefore);
        // Kea normalizes what it is given (defaults, formatting); peers are verified against what it holds
        ObjectNode truth = writer.readNow(rel, sot);
        writer.snapshot(rel, sot, truth);
        for (String peer : outcomes.keySet()) ctx.target(peer, TargetOutcome.SKIPPED, outcomes.get(peer));
        for (var e : peerConfigs.entrySet()) {
            String outcome = writePeer(rel, e.getKey(), peerCurrent.get(e.getKey()), e.getValue(), truth, description);
            ctx.target(e.getKey(), outcome.equals("verified") ? TargetOutcome.APPLIED : TargetOutcome.FAILED, outcome);
            outcomes.put(e.getKey(), outcome);
        }
        for (var e : outcomes.entrySet()) {
            if (!e.getValue().equals("verified")) {
                journal.markOutOfSync(rel.name(), e.getKey(), "missed '" + description + "' (" + e.getValue() + ")",
                        clock.instant());
            }
        }
        return outcomes;
    }

    /**
     * A config-set whose answer was lost: the server may have taken it. Reading it settles the question: still the
     * configuration it had, so nothing was changed; holding the change, so the change goes on. When it cannot be
     * read either, the outcome stays unknown and the journal entry is settled later.
     */
    private void settleByReading(ChangeJob.Context ctx, Relationship rel, String sot, ObjectNode before,
                                 KeaChange change, String lost) {
        String lastProblem = lost;
        for (int attempt = 0; attempt < SETTLE_READS; attempt++) {
            try {
                ObjectNode now = writer.readNow(rel, sot);
                if (now.equals(before)) {
                    ctx.target(sot, TargetOutcome.FAILED, lost + "; reading " + sot + " shows it did not take the change");
                    throw new ChangeRefused(null, lost + ". Reading " + sot + " afterwards shows it did not take the "
                            + "change. Nothing was changed.");
                }
                if (holds(change, now)) {
                    ctx.target(sot, TargetOutcome.APPLIED, lost + "; reading " + sot + " shows it took the change");
                    return;
                }
                ctx.target(sot, TargetOutcome.UNKNOWN, lost + "; " + sot + " now holds a configuration that is neither"
                        + " the one before nor the change");
                throw new ChangeRefused(null, lost + ". " + sot + " now holds a configuration that is neither the one "
                        + "before nor this change: check it, then synchronize.");
            } catch (ConfigCommandFailed e) {
                lastProblem = e.getMessage();
            }
            sleep(2_000);
        }
        throw new ChangeRefused(null, lost + ". Whether " + sot + " took the change is unknown (" + lastProblem
                + "); it is settled by reading " + sot + " once it answers.");
    }

    /** Whether a configuration already holds the change: applying it again is refused or changes nothing. */
    static boolean holds(KeaChange change, ObjectNode config) {
        try {
            return change.appliedTo(config).equals(config);
        } catch (ChangeRefused alreadyThere) {
            return true;
        }
    }

    /** Sets (already tested), writes and verifies one peer; the outcome is "verified" or what went wrong. */
    private String writePeer(Relationship rel, String peer, ObjectNode current, ObjectNode wanted, ObjectNode truth,
                             String description) {
        try {
            writer.setWriteAndSettle(rel, peer, current, wanted);
            writer.verify(rel, peer, truth);
            journal.markInSync(rel.name(), peer);
            return "verified";
        } catch (ConfigCommandFailed | ChangeRefused e) {
            journal.markOutOfSync(rel.name(), peer, "missed '" + description + "' (" + e.getMessage() + ")",
                    clock.instant());
            return "failed: " + e.getMessage();
        }
    }

    /**
     * Sets, writes and verifies one peer against {@code truth}, the source of truth's configuration as Kea holds it;
     * the outcome is "verified" or what went wrong.
     */
    private String syncPeer(Relationship rel, String peer, ObjectNode truth, String description) {
        try {
            ObjectNode current = writer.read(rel, peer);
            ObjectNode wanted = PeerOwnedKeys.forPeer(truth, current);
            if (!wanted.equals(current)) writer.test(rel, peer, wanted);
            return writePeer(rel, peer, current, wanted, truth, description);
        } catch (ConfigCommandFailed e) {
            journal.markOutOfSync(rel.name(), peer, "missed '" + description + "' (" + e.getMessage() + ")",
                    clock.instant());
            return "failed: " + e.getMessage();
        }
    }

    /** @see KeaServerWriter#haSettled */
    static boolean haSettled(String stateBefore, String stateNow) {
        return KeaServerWriter.haSettled(stateBefore, stateNow);
    }

    private List<String> replicationTargets(Relationship rel, String sot) {
        if (!Replication.enabled(rel, preferences.get())) return List.of();
        List<String> out = new ArrayList<>();
        for (PeerDefinition p : rel.peers()) {
            // a returning primary gets the journal replayed, not a copy of the secondary's configuration
            if (p.name().equals(sot) || p.role() == PeerRole.PRIMARY) continue;
            out.add(p.name());
        }
        return out;
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

    // ---- settling what a process left unfinished ----

    /**
     * A configuration change cut short: the server it was first written to (the source of truth then) is read. If
     * it holds the change, every other peer is brought in line from it; if not, nothing was applied anywhere.
     */
    private final class ChangeSettler implements Settler {
        @Override public List<String> locks(JournalEntry entry) { return List.of(lockOf(entry.relationship())); }

        @Override
        public Settlement settle(JournalEntry entry, List<Target> targets) {
            Map<String, String> servers = new LinkedHashMap<>();
            targets.forEach(t -> servers.put(t.server(), t.outcome().name().toLowerCase()));
            Optional<Relationship> found = find(entry.relationship());
            if (found.isEmpty()) return new Settlement(Status.FAILED, servers, "the relationship is no longer in the inventory");
            Relationship rel = found.get();
            Target first = targets.stream()
                    .filter(t -> t.outcome() == TargetOutcome.APPLIED || t.outcome() == TargetOutcome.UNKNOWN)
                    .findFirst().orElse(null);
            if (first == null) return new Settlement(Status.FAILED, servers, "no server had been changed");
            String written = first.server();
            ObjectNode now = writer.readNow(rel, written);
            if (!holds(fromJson(entry.change()), now)) {
                servers.put(written, "does not hold the change");
                return new Settlement(Status.FAILED, servers, written + " does not hold the change: it was not applied");
            }
            servers.put(written, "holds the change");
            writer.snapshot(rel, written, now);
            List<String> behind = new ArrayList<>();
            for (String peer : replicationTargets(rel, written)) {
                String outcome = syncPeer(rel, peer, now, entry.description());
                servers.put(peer, outcome);
                if (!outcome.equals("verified")) behind.add(peer);
            }
            boolean primaryAway = rel.primary().isPresent() && !written.equals(rel.primary().get().name());
            return new Settlement(primaryAway ? Status.PENDING_PRIMARY : Status.APPLIED, servers,
                    written + " holds the change; " + (behind.isEmpty() ? "every other peer was brought in line"
                            : String.join(", ", behind) + " marked out of sync")
                            + (primaryAway ? "; the primary receives it when it returns" : ""));
        }
    }

    /** A synchronization or replay cut short: the peers it did not finish are synchronized again later. */
    private final class SyncSettler implements Settler {
        @Override public List<String> locks(JournalEntry entry) { return List.of(lockOf(entry.relationship())); }

        @Override
        public Settlement settle(JournalEntry entry, List<Target> targets) {
            Map<String, String> servers = new LinkedHashMap<>();
            Optional<Relationship> rel = find(entry.relationship());
            Set<String> done = new HashSet<>();
            targets.stream().filter(t -> t.outcome() == TargetOutcome.APPLIED).forEach(t -> done.add(t.server()));
            rel.ifPresent(r -> r.peers().stream().map(PeerDefinition::name)
                    .filter(p -> !done.contains(p) && !p.equals(entry.appliedTo())).forEach(p -> {
                        journal.markOutOfSync(r.name(), p, "an interrupted '" + entry.description() + "'", clock.instant());
                        servers.put(p, "marked out of sync");
                    }));
            return new Settlement(Status.FAILED, servers, "interrupted; the peers it had not finished are synchronized"
                    + " again when they answer");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
