package tandem.kea.change;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.ConfigSnapshot;
import tandem.core.ConnectionSettings;
import tandem.core.HaMode;
import tandem.kea.KeaStates;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.Relationship;
import tandem.core.ServiceType;
import tandem.core.port.StateStore;
import tandem.kea.change.KeaConfigChannel.ConfigCommandFailed;

/**
 * The commands a change sends to one Kea server of a relationship: read, test, set and write, then wait until its
 * HA state machine is back before the next server is touched. No journal, no locks: {@link KeaChangeService} and
 * the change runner decide when.
 */
final class KeaServerWriter {
    private static final Logger LOG = LoggerFactory.getLogger(KeaServerWriter.class);

    /** How long a server may take to get its HA state machine back after a config-set before we move on. */
    static final Duration HA_SETTLE_LIMIT = Duration.ofSeconds(60);
    /** Kea's states while its HA service restarts after a config-set. */
    private static final Set<String> RESTARTING = Set.of("waiting", "syncing", "ready");
    /** The server answers every client alone: its partner is away, so there is nobody to restart alongside. */
    private static final Set<String> SERVING_ALONE = Set.of("partner-down", "partner-in-maintenance");

    private final Inventory inventory;
    private final StateStore states;
    private final KeaConfigChannel channel;
    private final Clock clock;

    KeaServerWriter(Inventory inventory, StateStore states, KeaConfigChannel channel, Clock clock) {
        this.inventory = inventory;
        this.states = states;
        this.channel = channel;
        this.clock = clock;
    }

    /** The peer's running configuration; read again only when it may have been reconfigured since the last read. */
    ObjectNode read(Relationship rel, String peer) {
        return channel.current(peer, connection(rel, peer), rel.service());
    }

    /** The peer's running configuration, read now. */
    ObjectNode readNow(Relationship rel, String peer) {
        return channel.get(peer, connection(rel, peer), rel.service());
    }

    void test(Relationship rel, String peer, ObjectNode config) {
        channel.test(peer, connection(rel, peer), rel.service(), config);
    }

    /** config-set; a failure says whether the server may have taken it anyway ({@link ConfigCommandFailed#mayHaveApplied}). */
    void set(Relationship rel, String peer, ObjectNode config) {
        channel.set(peer, connection(rel, peer), rel.service(), config);
    }

    /** config-write; when it fails the running configuration goes back to {@code previous} so the file and it agree. */
    void write(Relationship rel, String peer, ObjectNode previous) {
        ConnectionSettings c = connection(rel, peer);
        try {
            channel.write(peer, c, rel.service());
        } catch (ConfigCommandFailed e) {
            channel.set(peer, c, rel.service(), previous);
            throw new ChangeRefused(null, e.getMessage() + ". The previous configuration was restored.");
        }
    }

    /** The HA state a server reports now, whatever the relationship's mode says (a relationship being created). */
    String haStateNow(ConnectionSettings c, ServiceType service) {
        return channel.haState(c, service);
    }

    /** A subnet_cmds or host_cmds command that changes the running configuration. */
    com.fasterxml.jackson.databind.JsonNode change(Relationship rel, String peer, String command,
                                                   com.fasterxml.jackson.databind.JsonNode arguments) {
        return channel.change(peer, connection(rel, peer), rel.service(), command, arguments);
    }

    /** A read-only command; an empty answer is a missing node. */
    com.fasterxml.jackson.databind.JsonNode query(Relationship rel, String peer, String command,
                                                  com.fasterxml.jackson.databind.JsonNode arguments) {
        return channel.query(peer, connection(rel, peer), rel.service(), command, arguments);
    }

    java.util.concurrent.CompletableFuture<com.fasterxml.jackson.databind.JsonNode> queryAsync(Relationship rel,
            String peer, String command, com.fasterxml.jackson.databind.JsonNode arguments) {
        return channel.queryAsync(peer, connection(rel, peer), rel.service(), command, arguments);
    }

    /** The commands the peer accepts (listed within the last minute, or asked now). */
    java.util.concurrent.CompletableFuture<tandem.kea.KeaCommandList> commands(Relationship rel, String peer) {
        return channel.commands(peer, connection(rel, peer), rel.service());
    }

    void forgetCommands(Relationship rel, String peer) {
        channel.forgetCommands(connection(rel, peer), rel.service());
    }

    /** config-write alone, started without waiting for it. */
    java.util.concurrent.CompletableFuture<tandem.kea.KeaReply> writeAsync(Relationship rel, String peer) {
        return channel.writeAsync(connection(rel, peer), rel.service());
    }

    String haState(Relationship rel, String peer) {
        return rel.mode() == HaMode.STANDALONE ? null : channel.haState(connection(rel, peer), rel.service());
    }

    /**
     * Whether a server is done with the HA restart of a config-set: back in a normal state if it was in one, or
     * serving alone because its partner went away meanwhile (a change made just as the primary fails would
     * otherwise wait for a normal state that cannot come); out of the restart states if it was in no normal state.
     */
    static boolean haSettled(String stateBefore, String stateNow) {
        if (stateNow == null) return false;
        if (SERVING_ALONE.contains(stateNow)) return true;
        return KeaStates.VOCABULARY.isNormal(stateBefore) ? KeaStates.VOCABULARY.isNormal(stateNow) : !RESTARTING.contains(stateNow);
    }

    /**
     * A config-set restarts the server's HA state machine (waiting, syncing, ready). The next server is only
     * touched once this one is back where it was, so the two partners are never both restarting and a syncing
     * server never loses the partner it syncs from. Bounded by {@link #HA_SETTLE_LIMIT}; past it the change goes on
     * with a warning.
     */
    void awaitHaSettled(Relationship rel, String server, String stateBefore) {
        if (rel.mode() == HaMode.STANDALONE || stateBefore == null) return;
        ConnectionSettings c = connection(rel, server);
        long started = System.nanoTime();
        long deadline = started + HA_SETTLE_LIMIT.toNanos();
        String state = null;
        for (int attempt = 0; attempt < 1000 && System.nanoTime() < deadline; attempt++) {
            state = channel.haState(c, rel.service());
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

    /** Sets (tested before), writes and waits for the HA restart; a no-op when nothing differs. */
    void setWriteAndSettle(Relationship rel, String peer, ObjectNode current, ObjectNode wanted) {
        if (wanted.equals(current)) return;
        String stateBefore = haState(rel, peer);
        set(rel, peer, wanted);
        write(rel, peer, current);
        awaitHaSettled(rel, peer, stateBefore);
    }

    /** The peer holds the source of truth's configuration (modulo its own keys), or an exception says how not. */
    ObjectNode verify(Relationship rel, String peer, ObjectNode truth) {
        ObjectNode now = readNow(rel, peer);
        if (!PeerOwnedKeys.inSync(truth, now)) {
            throw new ConfigCommandFailed(peer, "verify", peer + " does not hold the source of truth's configuration"
                    + " after config-set:\n" + ConfigDiff.unified(peer, PeerOwnedKeys.forPeer(truth, now), now), false);
        }
        snapshot(rel, peer, now);
        return now;
    }

    void snapshot(Relationship rel, String peer, ObjectNode config) {
        states.saveSnapshot(new ConfigSnapshot(rel.name(), peer, KeaConfigJson.hash(config), config.toString(),
                clock.instant()));
    }

    ConnectionSettings connection(Relationship rel, String peer) {
        PeerDefinition p = rel.peer(peer).orElseThrow(() -> new ChangeRefused(null, peer + " is not a peer of " + rel.name()));
        return inventory.connectionFor(rel, p)
                .orElseThrow(() -> new ChangeRefused(null, "The server record of " + rel.name() + " is missing"));
    }
}
