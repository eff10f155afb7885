package tandem.kea.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.ChangeActivity;
import tandem.core.ConfigSnapshot;
import tandem.core.ConnectionSettings;
import tandem.core.HaStates;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.PeerRole;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.core.Replication;
import tandem.core.port.ReplicationStore;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
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
 * <p>While the primary is away the secondary or standby is the source of truth; changes made then are journaled
 * and replayed on the primary before it takes over again. Peers that miss a change are marked out of sync and
 * synchronized when they are back.
 */
public final class KeaChangeService {
    private static final Logger LOG = LoggerFactory.getLogger(KeaChangeService.class);

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
    private final StateStore states;
    private final KeaConfigChannel channel;
    private final Clock clock;
    private final ChangeActivity activity;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public KeaChangeService(Inventory inventory, StatusView status, Supplier<Preferences> preferences,
                            ReplicationStore journal, StateStore states, KeaControlAgentClient client, Clock clock) {
        this(inventory, status, preferences, journal, states, client, new ChangeActivity(), clock);
    }

    /** @param activity where the change under way is announced while it is applied (the poller names it) */
    public KeaChangeService(Inventory inventory, StatusView status, Supplier<Preferences> preferences,
                            ReplicationStore journal, StateStore states, KeaControlAgentClient client,
                            ChangeActivity activity, Clock clock) {
        this.activity = activity;
        this.inventory = inventory;
        this.status = status;
        this.preferences = preferences;
        this.journal = journal;
        this.states = states;
        this.channel = new KeaConfigChannel(client);
        this.clock = clock;
    }

    // ---- changes ----

    /** Reads the source of truth and shows what the change would do; nothing is sent to any server. */
    public Preview prepare(String relationshipName, KeaChange change) {
        Relationship rel = relationship(relationshipName);
        String sot = sourceOfTruth(rel, false);
        ObjectNode before = read(rel, sot);
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
     * with the reason when it does not; nothing is ever overwritten silently.
     */
    public Applied apply(Preview preview) {
        long started = System.nanoTime();
        Relationship rel = relationship(preview.relationship());
        ReentrantLock lock = locks.computeIfAbsent(rel.name(), k -> new ReentrantLock());
        lock.lock();
        try (ChangeActivity.Running running = activity.begin(rel.name(), "'" + preview.change().describe() + "'")) {
            String sot = sourceOfTruth(rel, false);
            replayJournalIfPrimary(rel, sot);
            ObjectNode current = read(rel, sot);
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
            LOG.debug("{}: {} and {} peer(s) known {} ms after apply", rel.name(), sot, peerReads.size(),
                    (System.nanoTime() - started) / 1_000_000);
            Map<String, String> outcomes = writeEverywhere(rel, sot, current, after, preview.change().describe(), peerReads);
            boolean pendingPrimary = rel.primary().isPresent() && !sot.equals(rel.primary().get().name());
            long id = journal.append(rel.name(), toJson(preview.change()), toJson(inverse), preview.change().describe(),
                    sot, pendingPrimary ? Status.PENDING_PRIMARY : Status.APPLIED, clock.instant());
            LOG.info("{}: applied '{}' on {}{}", rel.name(), preview.change().describe(), sot,
                    rebased ? " (rebased on a newer configuration)" : "");
            return new Applied(id, sot, rebased, pendingPrimary, outcomes, inverse);
        } finally {
            lock.unlock();
        }
    }

    /** Prepares the change that undoes a journaled one, as a new change with its own preview. */
    public Preview prepareUndo(long journalId) {
        JournalEntry entry = journal.entry(journalId)
                .orElseThrow(() -> new ChangeRefused(null, "There is no change #" + journalId + " in the journal"));
        if (entry.inverse() == null) throw new ChangeRefused(null, "Change #" + journalId + " cannot be undone");
        return prepare(entry.relationship(), fromJson(entry.inverse()));
    }

    // ---- synchronization ----

    /** What synchronizing would change on each other peer; nothing is sent. */
    public SyncPlan planSync(String relationshipName) {
        Relationship rel = relationship(relationshipName);
        String sot = sourceOfTruth(rel, false);
        ObjectNode truth = read(rel, sot);
        List<PeerPlan> plans = new ArrayList<>();
        for (PeerDefinition p : rel.peers()) {
            if (p.name().equals(sot)) continue;
            try {
                ObjectNode current = read(rel, p.name());
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
        Relationship rel = relationship(relationshipName);
        ReentrantLock lock = locks.computeIfAbsent(rel.name(), k -> new ReentrantLock());
        lock.lock();
        try (ChangeActivity.Running running = activity.begin(rel.name(), "a synchronization from the source of truth")) {
            String sot = sourceOfTruth(rel, false);
            replayJournalIfPrimary(rel, sot);
            ObjectNode truth = read(rel, sot);
            snapshot(rel, sot, truth);
            Map<String, String> outcomes = new LinkedHashMap<>();
            for (PeerDefinition p : rel.peers()) {
                if (p.name().equals(sot) || (!only.isEmpty() && !only.contains(p.name()))) continue;
                if (p.role() == PeerRole.PRIMARY && !journal.pending(rel.name()).isEmpty()) continue;
                outcomes.put(p.name(), syncPeer(rel, p.name(), truth, "synchronization"));
            }
            return outcomes;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replays the changes journaled while the primary was away, on the primary, oldest first. Returns how many
     * were replayed. The primary must be active; each change is re-applied to the primary's own configuration.
     */
    public int replayJournal(String relationshipName) {
        Relationship rel = relationship(relationshipName);
        ReentrantLock lock = locks.computeIfAbsent(rel.name(), k -> new ReentrantLock());
        lock.lock();
        try (ChangeActivity.Running running = activity.begin(rel.name(), "the changes journaled while the primary was away")) {
            String primary = rel.primary().map(PeerDefinition::name).orElse(null);
            if (primary == null) return 0;
            return replay(rel, primary);
        } finally {
            lock.unlock();
        }
    }

    /** Peers marked out of sync that answer again are synchronized; returns their outcomes. */
    public Map<String, String> resynchronizeReturningPeers(String relationshipName) {
        Relationship rel = relationship(relationshipName);
        Map<String, String> outOfSync = journal.outOfSync(rel.name());
        if (outOfSync.isEmpty()) return Map.of();
        RelationshipState state = status.current().get(rel.name());
        Set<String> back = new java.util.HashSet<>();
        for (String peer : outOfSync.keySet()) {
            PeerObservation o = state == null ? null : state.peers().get(peer);
            // only once it reports itself active: a config-set while HA is still syncing would restart it
            if (HaStates.isActive(o, rel.mode()) && !peer.equals(state.assessment().sourceOfTruth())) back.add(peer);
        }
        if (back.isEmpty()) return Map.of();
        return synchronize(rel.name(), back);
    }

    /** A peer's configuration as it answers now, or empty when it does not answer. */
    public java.util.Optional<ObjectNode> currentConfig(Relationship rel, String peer) {
        try {
            return java.util.Optional.of(read(rel, peer));
        } catch (ConfigCommandFailed e) {
            return java.util.Optional.empty();
        }
    }

    // ---- internals ----

    private int replayJournalIfPrimary(Relationship rel, String sot) {
        if (rel.primary().isEmpty() || !sot.equals(rel.primary().get().name())) return 0;
        return replay(rel, sot);
    }

    private int replay(Relationship rel, String primary) {
        List<JournalEntry> pending = journal.pending(rel.name());
        if (pending.isEmpty()) return 0;
        ObjectNode before = read(rel, primary);
        ObjectNode config = before.deepCopy();
        for (JournalEntry e : pending) {
            try {
                fromJson(e.change()).applyTo(config);
            } catch (ChangeRefused refused) {
                // The primary already has it (e.g. its own file was edited the same way): nothing to replay.
                LOG.warn("{}: journaled change #{} ('{}') does not apply on {}: {}", rel.name(), e.id(),
                        e.description(), primary, refused.getMessage());
            }
        }
        ConnectionSettings c = connection(rel, primary);
        channel.test(primary, c, config);
        String stateBefore = haStateOf(rel, c);
        channel.set(primary, c, config);
        channel.write(primary, c);
        awaitHaSettled(rel, primary, c, stateBefore);
        snapshot(rel, primary, channel.get(primary, c));
        Instant now = clock.instant();
        for (JournalEntry e : pending) journal.markReplayed(e.id(), now);
        LOG.info("{}: replayed {} journaled change(s) on the returning primary {}", rel.name(), pending.size(), primary);
        return pending.size();
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
                reads.put(peer, read(rel, peer));
            } catch (ConfigCommandFailed e) {
                LOG.warn("{}: reading {} failed: {}", rel.name(), peer, e.getMessage());
                reads.put(peer, null);
            }
        }
        return reads;
    }

    private Map<String, String> writeEverywhere(Relationship rel, String sot, ObjectNode current, ObjectNode after,
                                                String description, Map<String, ObjectNode> peerReads) {
        ConnectionSettings sotConnection = connection(rel, sot);
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
            channel.test(sot, sotConnection, after);
            for (var e : peerConfigs.entrySet()) channel.test(e.getKey(), connection(rel, e.getKey()), e.getValue());
        } catch (ConfigCommandFailed e) {
            throw new ChangeRefused(null, e.getMessage() + ". Nothing was changed.");
        }
        String stateBefore = haStateOf(rel, sotConnection);
        try {
            channel.set(sot, sotConnection, after);
        } catch (ConfigCommandFailed e) {
            throw new ChangeRefused(null, e.getMessage() + ". Nothing was changed.");
        }
        try {
            channel.write(sot, sotConnection);
        } catch (ConfigCommandFailed e) {
            // the running configuration changed but the file did not: put the old one back so the two agree
            channel.set(sot, sotConnection, current);
            throw new ChangeRefused(null, e.getMessage() + ". The previous configuration was restored.");
        }
        awaitHaSettled(rel, sot, sotConnection, stateBefore);
        // Kea normalizes what it is given (defaults, formatting); peers are verified against what it holds
        ObjectNode truth = channel.get(sot, sotConnection);
        snapshot(rel, sot, truth);
        for (var e : peerConfigs.entrySet()) {
            outcomes.put(e.getKey(), writePeer(rel, e.getKey(), peerCurrent.get(e.getKey()), e.getValue(), truth,
                    description));
        }
        for (var e : outcomes.entrySet()) {
            if (!e.getValue().equals("verified")) {
                journal.markOutOfSync(rel.name(), e.getKey(), "missed '" + description + "' (" + e.getValue() + ")",
                        clock.instant());
            }
        }
        return outcomes;
    }

    /** Sets (already tested), writes and verifies one peer; the outcome is "verified" or what went wrong. */
    private String writePeer(Relationship rel, String peer, ObjectNode current, ObjectNode wanted, ObjectNode truth,
                             String description) {
        ConnectionSettings c = connection(rel, peer);
        try {
            if (!wanted.equals(current)) {
                String stateBefore = haStateOf(rel, c);
                channel.set(peer, c, wanted);
                channel.write(peer, c);
                awaitHaSettled(rel, peer, c, stateBefore);
            }
            return verify(rel, peer, c, truth);
        } catch (ConfigCommandFailed e) {
            journal.markOutOfSync(rel.name(), peer, "missed '" + description + "' (" + e.getMessage() + ")",
                    clock.instant());
            return "failed: " + e.getMessage();
        }
    }

    private String verify(Relationship rel, String peer, ConnectionSettings c, ObjectNode truth) {
        ObjectNode now = channel.get(peer, c);
        if (!PeerOwnedKeys.inSync(truth, now)) {
            throw new ConfigCommandFailed(peer, "verify", peer + " does not hold the source of truth's configuration"
                    + " after config-set:\n" + ConfigDiff.unified(peer, PeerOwnedKeys.forPeer(truth, now), now));
        }
        snapshot(rel, peer, now);
        journal.markInSync(rel.name(), peer);
        return "verified";
    }

    /**
     * Sets, writes and verifies one peer against {@code truth}, the source of truth's configuration as Kea holds it;
     * the outcome is "verified" or what went wrong.
     */
    private String syncPeer(Relationship rel, String peer, ObjectNode truth, String description) {
        ConnectionSettings c = connection(rel, peer);
        try {
            ObjectNode current = read(rel, peer);
            ObjectNode wanted = PeerOwnedKeys.forPeer(truth, current);
            if (!wanted.equals(current)) {
                channel.test(peer, c, wanted);
                String stateBefore = haStateOf(rel, c);
                channel.set(peer, c, wanted);
                channel.write(peer, c);
                awaitHaSettled(rel, peer, c, stateBefore);
            }
            return verify(rel, peer, c, truth);
        } catch (ConfigCommandFailed e) {
            journal.markOutOfSync(rel.name(), peer, "missed '" + description + "' (" + e.getMessage() + ")",
                    clock.instant());
            return "failed: " + e.getMessage();
        }
    }

    /** How long a server may take to get its HA state machine back after a config-set before we move on. */
    static final java.time.Duration HA_SETTLE_LIMIT = java.time.Duration.ofSeconds(60);

    private String haStateOf(Relationship rel, ConnectionSettings c) {
        return rel.mode() == tandem.core.HaMode.STANDALONE ? null : channel.haState(c);
    }

    /**
     * A config-set restarts the server's HA state machine (waiting, syncing, ready). The next server is only
     * touched once this one is back where it was, so the two partners are never both restarting and a syncing
     * server never loses the partner it syncs from. A server that was not in a normal state before only has to
     * leave the restart states. Bounded by {@link #HA_SETTLE_LIMIT}; past it the change goes on with a warning.
     */
    /** Kea's states while its HA service restarts after a config-set. */
    private static final Set<String> RESTARTING = Set.of("waiting", "syncing", "ready");
    /** The server answers every client alone: its partner is away, so there is nobody to restart alongside. */
    private static final Set<String> SERVING_ALONE = Set.of("partner-down", "partner-in-maintenance");

    /**
     * Whether a server is done with the HA restart of a config-set: back in a normal state if it was in one, or
     * serving alone because its partner went away meanwhile (a change made just as the primary fails would
     * otherwise wait for a normal state that cannot come); out of the restart states if it was in no normal state.
     */
    static boolean haSettled(String stateBefore, String stateNow) {
        if (stateNow == null) return false;
        if (SERVING_ALONE.contains(stateNow)) return true;
        return tandem.core.HaStates.isNormal(stateBefore) ? tandem.core.HaStates.isNormal(stateNow)
                : !RESTARTING.contains(stateNow);
    }

    private void awaitHaSettled(Relationship rel, String server, ConnectionSettings c, String stateBefore) {
        if (rel.mode() == tandem.core.HaMode.STANDALONE || stateBefore == null) return;
        long started = System.nanoTime();
        long deadline = started + HA_SETTLE_LIMIT.toNanos();
        String state = null;
        for (int attempt = 0; attempt < 1000 && System.nanoTime() < deadline; attempt++) {
            state = channel.haState(c);
            if (haSettled(stateBefore, state)) {
                LOG.debug("{}: {} back in {} after {} ms", rel.name(), server, state, (System.nanoTime() - started) / 1_000_000);
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.warn("{}: {} is still in HA state {} {} s after config-set; going on", rel.name(), server, state,
                HA_SETTLE_LIMIT.toSeconds());
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

    /** The peer's running configuration; read again only when it may have been reconfigured since the last read. */
    private ObjectNode read(Relationship rel, String peer) {
        return channel.current(peer, connection(rel, peer));
    }

    private ConnectionSettings connection(Relationship rel, String peer) {
        PeerDefinition p = rel.peer(peer).orElseThrow(() -> new ChangeRefused(null, peer + " is not a peer of " + rel.name()));
        return inventory.connectionFor(rel, p)
                .orElseThrow(() -> new ChangeRefused(null, "The server record of " + rel.name() + " is missing"));
    }

    private Relationship relationship(String name) {
        Relationship rel = inventory.relationships().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new ChangeRefused("relationship", "There is no relationship named " + name));
        if (rel.backend() != tandem.core.Backend.KEA) {
            throw new ChangeRefused("relationship", name + " is an " + rel.backend().wire()
                    + " relationship: change it with the ISC tools (tandem isc ..., or its menu in the console)");
        }
        return rel;
    }

    private void snapshot(Relationship rel, String peer, ObjectNode config) {
        states.saveSnapshot(new ConfigSnapshot(rel.name(), peer, KeaConfigJson.hash(config), config.toString(),
                clock.instant()));
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
