package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.ConfigSnapshot;
import tandem.core.PeerObservation;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.change.ChangeJob;
import tandem.core.port.ReplicationStore;
import tandem.core.port.ReplicationStore.TargetOutcome;
import tandem.core.port.StateStore;
import tandem.kea.KeaCommandList;
import tandem.kea.KeaReply;
import tandem.kea.change.KeaConfigChannel.ConfigCommandFailed;
import tandem.kea.change.SubnetCommands.Command;

/**
 * A change of subnets, pools, subnet options or reservations made on running servers through subnet_cmds and
 * host_cmds: no config-set, so no HA restart. The source of truth first, then each other peer; each server's
 * touched subnets are read back and compared with the source of truth's, then every server writes its file
 * (config-write, all at once). Only the touched subnets are read, so the time does not grow with the size of the
 * configuration.
 *
 * <p>The journal gets each server's outcome as it happens, the source of truth's before its first command, so a
 * change cut short is settled by reading the servers ({@link KeaSettlers.ChangeSettler}).
 */
final class KeaHotChange {
    private static final Logger LOG = LoggerFactory.getLogger(KeaHotChange.class);
    /** Marks a journal target written through commands, for the settler: its file may lack the change. */
    static final String COMMANDS = "commands: ";
    private static final long WRITE_TIMEOUT_SECONDS = 120;

    /** How a change goes: through commands on these subnets, or through config-set for the reason given. */
    record Route(List<Long> subnets, String fallback) {
        boolean commands() { return fallback == null; }
    }

    /** @param verifiedAtNanos System.nanoTime() when every peer was verified, before the files were written */
    record Outcome(Map<String, String> peers, String sotCommands, long verifiedAtNanos, KeaChange inverse) {}

    /** The change made through commands, or why it must go through config-set (nothing was sent then). */
    record Attempt(Outcome outcome, String fallback) {}

    private final KeaServerWriter writer;
    private final ReplicationStore journal;
    private final StateStore states;
    private final Clock clock;

    KeaHotChange(KeaServerWriter writer, ReplicationStore journal, StateStore states, Clock clock) {
        this.writer = writer;
        this.journal = journal;
        this.states = states;
        this.clock = clock;
    }

    /**
     * The change through subnet_cmds/host_cmds when every server that takes it (the source of truth and each peer
     * that is up) loads them and the touched subnets of the source of truth are still as previewed: those are read
     * alone, whatever the size of the configuration. Otherwise the reason, and nothing was sent.
     *
     * @param targets the peers the change is replicated to
     */
    Attempt apply(ChangeJob.Context ctx, Relationship rel, String sot, List<String> targets, RelationshipState state,
                  ObjectNode before, ObjectNode after, KeaChange change) {
        List<String> peers = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (String peer : targets) {
            PeerObservation o = state == null ? null : state.peers().get(peer);
            if (o != null && o.up()) peers.add(peer);
            else skipped.put(peer, "offline: will be synchronized when it is back");
        }
        List<String> servers = new ArrayList<>(peers);
        servers.add(0, sot);
        Route route = route(rel, servers, before, after);
        String fallback = route.fallback();
        if (fallback == null && !unchanged(rel, sot, before, route.subnets())) {
            fallback = "the subnets of " + sot + " changed since the preview";
        }
        if (fallback != null) {
            LOG.info("{}: '{}' goes through config-set: {}", rel.name(), change.describe(), fallback);
            return new Attempt(null, fallback);
        }
        KeaChange inverse = change.inverse(before);
        ctx.inverse(KeaChangeService.toJson(inverse));
        Outcome outcome = writeEverywhere(ctx, rel, sot, peers, before, after, change, route.subnets(), skipped, inverse);
        LOG.info("{}: applied '{}' on {} through {}", rel.name(), change.describe(), sot, outcome.sotCommands());
        return new Attempt(outcome, null);
    }

    /** Whether the commands can carry the change from {@code before} to {@code after} on every one of {@code servers}. */
    Route route(Relationship rel, List<String> servers, ObjectNode before, ObjectNode after) {
        if (KeaConfigJson.dhcp4(before).has("config-control")) {
            return new Route(List.of(), "the configuration comes from a configuration backend");
        }
        Optional<List<Long>> touched = SubnetCommands.touched(before, after);
        if (touched.isEmpty() || touched.get().isEmpty()) {
            return new Route(List.of(), "the change reaches beyond subnets, pools, subnet options and reservations");
        }
        Set<String> needed = new LinkedHashSet<>();
        for (long id : touched.get()) {
            for (Command c : SubnetCommands.plan(SubnetCommands.subnet(before, id), SubnetCommands.subnet(after, id))) {
                needed.add(c.name());
            }
        }
        for (String server : servers) {
            KeaCommandList offered;
            try {
                offered = writer.commands(rel, server);
            } catch (ConfigCommandFailed e) {
                return new Route(List.of(), server + " did not list its commands (" + e.getMessage() + ")");
            }
            for (String command : needed) {
                if (!offered.supports(command)) {
                    String library = new Command(command, null).library();
                    return new Route(List.of(), server + " does not load " + library + " (no " + command + ")");
                }
            }
        }
        return new Route(touched.get(), null);
    }

    /** The subnet as config-get would show it now, reservations included, or null when the server has none. */
    ObjectNode readSubnet(Relationship rel, String server, long id) {
        JsonNode got = writer.query(rel, server, "subnet4-get", KeaConfigJson.MAPPER.createObjectNode().put("id", id));
        JsonNode subnet = got.path("subnet4").path(0);
        if (!(subnet instanceof ObjectNode s)) return null;
        ObjectNode out = s.deepCopy();
        JsonNode hosts = writer.query(rel, server, "reservation-get-all", KeaConfigJson.MAPPER.createObjectNode()
                .put("subnet-id", id).put("operation-target", "memory"));
        out.set("reservations", SubnetCommands.configOrder(hosts.path("hosts")));
        return out;
    }

    Map<Long, ObjectNode> readSubnets(Relationship rel, String server, List<Long> ids) {
        Map<Long, ObjectNode> out = new LinkedHashMap<>();
        for (long id : ids) out.put(id, readSubnet(rel, server, id));
        return out;
    }

    /** Whether the server's touched subnets are still what {@code config} says (a read of them alone). */
    boolean unchanged(Relationship rel, String server, ObjectNode config, List<Long> ids) {
        for (var e : readSubnets(rel, server, ids).entrySet()) {
            if (!java.util.Objects.equals(e.getValue(), SubnetCommands.subnet(config, e.getKey()))) return false;
        }
        return true;
    }

    /**
     * Makes the change on the source of truth, then on each peer in {@code peers} (those that answer), verifies
     * each, then has every server that took it write its file. Peers that miss it are marked out of sync.
     */
    Outcome writeEverywhere(ChangeJob.Context ctx, Relationship rel, String sot, List<String> peers,
                            ObjectNode current, ObjectNode after, KeaChange change, List<Long> ids,
                            Map<String, String> skipped, KeaChange inverse) {
        String description = change.describe();
        Map<Long, ObjectNode> before = new LinkedHashMap<>();
        Map<Long, ObjectNode> wanted = new LinkedHashMap<>();
        for (long id : ids) {
            before.put(id, SubnetCommands.subnet(current, id));
            wanted.put(id, SubnetCommands.subnet(after, id));
        }
        List<Command> plan = plan(before, wanted);
        String names = names(plan);
        ctx.target(sot, TargetOutcome.UNKNOWN, COMMANDS + "sending " + names);
        run(ctx, rel, sot, plan, before);
        Map<Long, ObjectNode> truth = readSubnets(rel, sot, ids);
        ObjectNode truthConfig = splice(current, truth);
        if (!KeaReplicator.holds(change, truthConfig)) {
            LOG.warn("{}: {} took '{}' but reads back differently; its own rendering is copied", rel.name(), sot, description);
        }
        ctx.target(sot, TargetOutcome.APPLIED, COMMANDS + names);
        Map<String, String> outcomes = new LinkedHashMap<>(skipped);
        for (var e : skipped.entrySet()) ctx.target(e.getKey(), TargetOutcome.SKIPPED, e.getValue());
        List<String> changed = new ArrayList<>();
        for (String peer : peers) {
            String outcome = writePeer(rel, peer, ids, truth);
            ctx.target(peer, outcome.startsWith("verified") ? TargetOutcome.APPLIED : TargetOutcome.FAILED,
                    outcome.startsWith("verified") ? COMMANDS + outcome : outcome);
            outcomes.put(peer, outcome.startsWith("verified") ? "verified" : outcome);
            if (outcome.startsWith("verified")) changed.add(peer);
        }
        long verifiedAt = System.nanoTime();
        writeFiles(ctx, rel, sot, changed, outcomes, before, ids);
        writer.snapshot(rel, sot, truthConfig);
        for (String peer : changed) spliceSnapshot(rel, peer, truth);
        for (var e : outcomes.entrySet()) {
            if (e.getValue().equals("verified")) journal.markInSync(rel.name(), e.getKey());
            else journal.markOutOfSync(rel.name(), e.getKey(), "missed '" + description + "' (" + e.getValue() + ")",
                    clock.instant());
        }
        return new Outcome(outcomes, names, verifiedAt, inverse);
    }

    /** The commands that turn each subnet from {@code from} into {@code to}. */
    static List<Command> plan(Map<Long, ObjectNode> from, Map<Long, ObjectNode> to) {
        List<Command> plan = new ArrayList<>();
        for (long id : to.keySet()) plan.addAll(SubnetCommands.plan(from.get(id), to.get(id)));
        return plan;
    }

    /** Runs the source of truth's commands; one refused puts back what the earlier ones changed. */
    private void run(ChangeJob.Context ctx, Relationship rel, String sot, List<Command> plan, Map<Long, ObjectNode> before) {
        int done = 0;
        try {
            for (Command c : plan) {
                writer.change(rel, sot, c.name(), c.arguments());
                done++;
            }
        } catch (ConfigCommandFailed e) {
            String restored = done == 0 && !e.mayHaveApplied ? "" : restore(rel, sot, before);
            boolean clean = restored != null;
            ctx.target(sot, clean ? TargetOutcome.FAILED : TargetOutcome.UNKNOWN, e.getMessage());
            throw new ChangeRefused(null, e.getMessage() + (clean ? ". Nothing was changed."
                    : ". Putting back what the earlier commands changed on " + sot + " failed: check it, then synchronize."));
        }
    }

    /** Puts the subnets back as they were; null when that failed, else what was sent. */
    private String restore(Relationship rel, String server, Map<Long, ObjectNode> before) {
        try {
            List<Command> back = plan(readSubnets(rel, server, new ArrayList<>(before.keySet())), before);
            for (Command c : back) writer.change(rel, server, c.name(), c.arguments());
            return names(back);
        } catch (ConfigCommandFailed | ChangeRefused e) {
            LOG.warn("{}: restoring the subnets of {} failed: {}", rel.name(), server, e.getMessage());
            return null;
        }
    }

    /** Brings one peer's touched subnets to the source of truth's and reads them back: "verified" or what failed. */
    private String writePeer(Relationship rel, String peer, List<Long> ids, Map<Long, ObjectNode> truth) {
        try {
            List<Command> plan = plan(readSubnets(rel, peer, ids), truth);
            for (Command c : plan) writer.change(rel, peer, c.name(), c.arguments());
            Map<Long, ObjectNode> now = readSubnets(rel, peer, ids);
            if (!now.equals(truth)) {
                return "failed: " + peer + " does not hold the source of truth's subnets after " + names(plan);
            }
            return "verified after " + names(plan);
        } catch (ConfigCommandFailed | ChangeRefused e) {
            return "failed: " + e.getMessage();
        }
    }

    /**
     * Every server that took the change writes its file at the same time. The source of truth failing to write
     * puts every server back, as a config-set change would; a peer failing is out of sync.
     */
    private void writeFiles(ChangeJob.Context ctx, Relationship rel, String sot, List<String> peers,
                            Map<String, String> outcomes, Map<Long, ObjectNode> before, List<Long> ids) {
        Map<String, CompletableFuture<KeaReply>> writes = new LinkedHashMap<>();
        writes.put(sot, writer.writeAsync(rel, sot));
        for (String peer : peers) writes.put(peer, writer.writeAsync(rel, peer));
        Map<String, String> failed = new LinkedHashMap<>();
        for (var w : writes.entrySet()) {
            try {
                KeaConfigChannel.check(w.getKey(), "config-write", w.getValue().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            } catch (ConfigCommandFailed e) {
                failed.put(w.getKey(), e.getMessage());
            } catch (Exception e) {
                failed.put(w.getKey(), "config-write on " + w.getKey() + " got no answer: " + e);
            }
        }
        if (failed.containsKey(sot)) {
            List<String> notRestored = new ArrayList<>();
            for (String server : writes.keySet()) if (restore(rel, server, before) == null) notRestored.add(server);
            ctx.target(sot, notRestored.isEmpty() ? TargetOutcome.FAILED : TargetOutcome.UNKNOWN, failed.get(sot));
            throw new ChangeRefused(null, failed.get(sot) + (notRestored.isEmpty()
                    ? ". The previous subnets were restored on every server."
                    : ". Restoring the previous subnets failed on " + String.join(", ", notRestored) + ": synchronize."));
        }
        for (var f : failed.entrySet()) {
            outcomes.put(f.getKey(), "failed: " + f.getValue());
            ctx.target(f.getKey(), TargetOutcome.FAILED, f.getValue());
        }
        LOG.debug("{}: subnets {} written to the files of {}", rel.name(), ids, writes.keySet());
    }

    /** The peer's last stored configuration with the touched subnets as they are now, so polls see no outside change. */
    private void spliceSnapshot(Relationship rel, String peer, Map<Long, ObjectNode> truth) {
        Optional<ConfigSnapshot> last = states.latestSnapshot(rel.name(), peer);
        if (last.isEmpty()) return;
        JsonNode parsed = KeaConfigJson.parse(last.get().json());
        if (!(parsed instanceof ObjectNode config) || !config.path("Dhcp4").isObject()) return;
        writer.snapshot(rel, peer, splice(config, truth));
    }

    static ObjectNode splice(ObjectNode config, Map<Long, ObjectNode> subnets) {
        ObjectNode out = config;
        for (var e : subnets.entrySet()) out = SubnetCommands.splice(out, e.getKey(), e.getValue());
        return out == config ? config.deepCopy() : out;
    }

    private static String names(List<Command> plan) {
        if (plan.isEmpty()) return "no command";
        List<String> names = new ArrayList<>();
        for (Command c : plan) names.add(c.name());
        return String.join(", ", names);
    }
}
