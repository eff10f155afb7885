package tandem.kea.change;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.PeerRole;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.kea.KeaSettings;
import tandem.core.change.ChangeJob;
import tandem.core.port.ReplicationStore;
import tandem.core.port.ReplicationStore.TargetOutcome;
import tandem.core.port.StatusView;
import tandem.kea.change.KeaConfigChannel.ConfigCommandFailed;

/**
 * Writes one change to a relationship's servers: tested on every target first, then set on the source of truth,
 * then on each other peer in turn, each verified; reports each server's outcome to the change runner as it happens
 * and marks the peers that missed it out of sync.
 */
final class KeaReplicator {
    private static final Logger LOG = LoggerFactory.getLogger(KeaReplicator.class);
    /** How many times a config-set whose answer was lost is settled by reading the server, 2 s apart. */
    private static final int SETTLE_READS = 5;

    private final KeaServerWriter writer;
    private final ReplicationStore journal;
    private final StatusView status;
    private final Supplier<Preferences> preferences;
    private final Clock clock;

    KeaReplicator(KeaServerWriter writer, ReplicationStore journal, StatusView status, Supplier<Preferences> preferences,
                  Clock clock) {
        this.writer = writer;
        this.journal = journal;
        this.status = status;
        this.preferences = preferences;
        this.clock = clock;
    }

    /**
     * Reads every replication target that is up, one after the other: Kea answers config-get on its only thread,
     * so reading a large configuration blocks the server for seconds, and two blocked partners miss each other's
     * heartbeats. A peer that does not answer maps to null.
     */
    Map<String, ObjectNode> readPeers(Relationship rel, String sot) {
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

    Map<String, String> writeEverywhere(ChangeJob.Context ctx, Relationship rel, String sot,
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
        boolean answered = true;
        try {
            writer.set(rel, sot, after);
            ctx.target(sot, TargetOutcome.APPLIED, "config-set");
        } catch (ConfigCommandFailed e) {
            if (!e.mayHaveApplied) {
                ctx.target(sot, TargetOutcome.FAILED, e.getMessage());
                throw new ChangeRefused(null, e.getMessage() + ". Nothing was changed.");
            }
            ctx.target(sot, TargetOutcome.UNKNOWN, e.getMessage());
            answered = false;
            settleByReading(ctx, rel, sot, current, change, e.getMessage());
        }
        try {
            writer.write(rel, sot, current);
        } catch (ChangeRefused e) {
            ctx.target(sot, TargetOutcome.FAILED, e.getMessage());
            throw e;
        }
        if (answered) ctx.target(sot, TargetOutcome.APPLIED, "set and written to its configuration file");
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
    String syncPeer(Relationship rel, String peer, ObjectNode truth, String description) {
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

    List<String> replicationTargets(Relationship rel, String sot) {
        if (!KeaSettings.replicates(rel, preferences.get())) return List.of();
        List<String> out = new ArrayList<>();
        for (PeerDefinition p : rel.peers()) {
            // a returning primary gets the journal replayed, not a copy of the secondary's configuration
            if (p.name().equals(sot) || p.role() == PeerRole.PRIMARY) continue;
            out.add(p.name());
        }
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
