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
import tandem.core.ServiceType;
import tandem.core.change.ChangeJob;
import tandem.core.port.ReplicationStore;
import tandem.core.port.ReplicationStore.TargetOutcome;
import tandem.core.port.StateStore;
import tandem.kea.KeaCommandList;
import tandem.kea.KeaReply;
import tandem.kea.KeaService;
import tandem.kea.change.KeaConfigChannel.ConfigCommandFailed;
import tandem.kea.change.SubnetCommands.Command;

/**
 * A change of subnets, pools (prefix-delegation pools too), subnet options or reservations made on running DHCPv4 or
 * DHCPv6 servers through subnet_cmds and host_cmds: no config-set, so no HA restart. The source of truth first, then each other peer; each server's
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

    /**
     * @param verifiedAtNanos System.nanoTime() when every peer was verified, before the files were written
     * @param withoutCommands peers that turned out not to know a command (their hooks changed since they were
     *                        listed), with why: they are to be synchronized through config-set
     */
    record Outcome(Map<String, String> peers, String sotCommands, long verifiedAtNanos, KeaChange inverse,
                   Map<String, String> withoutCommands) {}

    /** The source of truth refused the first command as unknown: nothing was changed, config-set takes over. */
    private static final class NoCommands extends RuntimeException {
        NoCommands(String why) {
            super(why, null, false, false);
        }
    }

    /** The change made through commands, or why it must go through config-set (nothing was sent then). */
    record Attempt(Outcome outcome, String fallback) {}

    private final KeaServerWriter writer;
    private final KeaHostsDatabaseChange hostsDatabase;
    private final ReplicationStore journal;
    private final StateStore states;
    private final Clock clock;

    KeaHotChange(KeaServerWriter writer, ReplicationStore journal, StateStore states, Clock clock) {
        this.writer = writer;
        this.hostsDatabase = new KeaHostsDatabaseChange(writer, journal, states, clock);
        this.journal = journal;
        this.states = states;
        this.clock = clock;
    }

    /**
     * The change through subnet_cmds/host_cmds when every server that takes it (the source of truth and each peer
     * that is up) loads them and the touched subnets of the source of truth are still as previewed: those are read
     * alone, whatever the size of the configuration. Otherwise the reason, and nothing was sent. Every server's
     * commands and touched subnets are asked for at once: the round trips, not Kea, make up most of the time.
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
        String fallback = null;
        // a reservation kept in a hosts database is written there once, not into each configuration
        Attempt inDatabase = hostsDatabase.apply(ctx, rel, sot, peers, skipped, before, change);
        if (inDatabase != null) return inDatabase;
        Optional<List<Long>> touched = SubnetCommands.touched(before, after, subnetOf(change));
        if (KeaConfigJson.service(before) != rel.service() || KeaConfigJson.service(after) != rel.service()) {
            fallback = "the configuration is not of the relationship's service (" + rel.service().label() + ")";
        } else if (KeaConfigJson.root(before).has("config-control")) {
            fallback = "the configuration comes from a configuration backend";
        } else if (touched.isEmpty() || touched.get().isEmpty()) {
            fallback = "the change reaches beyond subnets, pools, subnet options and reservations";
        }
        if (fallback != null) return fallBack(rel, change, fallback);
        List<Long> ids = touched.get();
        Set<String> needed = needed(before, after, ids);
        // a change of reservations alone is read and verified by its reservations: one command a subnet and server
        ObjectNode subnetsFrom = needed.stream().allMatch(c -> c.startsWith("reservation-")) ? before : null;
        Map<String, CompletableFuture<KeaCommandList>> offered = new LinkedHashMap<>();
        Map<String, CompletableFuture<Map<Long, ObjectNode>>> scopes = new LinkedHashMap<>();
        for (String server : servers) {
            offered.put(server, offered(rel, server));
            scopes.put(server, readSubnetsAsync(rel, server, ids, subnetsFrom));
        }
        fallback = missingCommands(servers, offered, needed);
        if (fallback != null) return fallBack(rel, change, fallback);
        Map<Long, ObjectNode> sotNow;
        try {
            sotNow = join(scopes.get(sot));
        } catch (ConfigCommandFailed e) {
            return fallBack(rel, change, "reading the subnets of " + sot + " failed (" + e.getMessage() + ")");
        }
        if (!sotNow.equals(scope(before, ids))) {
            return fallBack(rel, change, "the subnets of " + sot + " changed since the preview");
        }
        Map<String, Map<Long, ObjectNode>> peerNow = new LinkedHashMap<>();
        Map<String, String> withoutCommands = new LinkedHashMap<>();
        for (String peer : peers) {
            try {
                peerNow.put(peer, join(scopes.get(peer)));
            } catch (ConfigCommandFailed e) {
                forgetCommands(rel, peer);
                if (e.unsupported) withoutCommands.put(peer, e.getMessage());
                else skipped.put(peer, "not reachable: " + e.getMessage());
            }
        }
        KeaChange inverse = change.inverse(before);
        ctx.inverse(KeaChangeService.toJson(inverse));
        Outcome outcome;
        try {
            outcome = writeEverywhere(ctx, rel, sot, peerNow, before, after, change, ids, skipped, inverse, subnetsFrom,
                    withoutCommands);
        } catch (NoCommands e) {
            return fallBack(rel, change, e.getMessage());
        }
        LOG.info("{}: applied '{}' on {} through {}", rel.name(), change.describe(), sot, outcome.sotCommands());
        return new Attempt(outcome, null);
    }

    /** The one subnet a change touches, or null when it may reach further (global options). */
    static String subnetOf(KeaChange change) {
        if (change instanceof KeaChange.AddSubnet c) return c.subnet();
        if (change instanceof KeaChange.EditSubnet c) return c.subnet();
        if (change instanceof KeaChange.RemoveSubnet c) return c.subnet();
        if (change instanceof KeaChange.AddPool c) return c.subnet();
        if (change instanceof KeaChange.RemovePool c) return c.subnet();
        if (change instanceof KeaChange.AddReservation c) return c.subnet();
        if (change instanceof KeaChange.RemoveReservation c) return c.subnet();
        if (change instanceof KeaChange.EditReservation c) return c.subnet();
        if (change instanceof KeaChange.SetOption c) return c.subnet();
        if (change instanceof KeaChange.RestoreSubnet c) return c.subnet();
        if (change instanceof KeaChange.AddPdPool c) return c.subnet();
        if (change instanceof KeaChange.RemovePdPool c) return c.subnet();
        return null;
    }

    private static Attempt fallBack(Relationship rel, KeaChange change, String why) {
        LOG.info("{}: '{}' goes through config-set: {}", rel.name(), change.describe(), why);
        return new Attempt(null, why);
    }

    /** The commands the change needs, by name. */
    private static Set<String> needed(ObjectNode before, ObjectNode after, List<Long> ids) {
        Set<String> needed = new LinkedHashSet<>();
        for (long id : ids) {
            for (Command c : SubnetCommands.plan(KeaConfigJson.service(before), SubnetCommands.subnet(before, id),
                    SubnetCommands.subnet(after, id))) {
                needed.add(c.name());
            }
        }
        return needed;
    }

    /** The server's commands (see {@link KeaConfigChannel#commands}). */
    private CompletableFuture<KeaCommandList> offered(Relationship rel, String server) {
        return writer.commands(rel, server);
    }

    /** A command failed there: its hooks may have changed, so its commands are asked for again next time. */
    private void forgetCommands(Relationship rel, String server) {
        writer.forgetCommands(rel, server);
    }

    /** Which server lacks which library, or null when every one offers every command needed. */
    private static String missingCommands(List<String> servers, Map<String, CompletableFuture<KeaCommandList>> offered,
                                          Set<String> needed) {
        for (String server : servers) {
            KeaCommandList list;
            try {
                list = join(offered.get(server));
            } catch (ConfigCommandFailed e) {
                return server + " did not list its commands (" + e.getMessage() + ")";
            }
            for (String command : needed) {
                if (!list.supports(command)) {
                    return server + " does not load " + new Command(command, null).library() + " (no " + command + ")";
                }
            }
        }
        return null;
    }

    /** The subnets of a configuration by id (null where it has none). */
    static Map<Long, ObjectNode> scope(ObjectNode config, List<Long> ids) {
        Map<Long, ObjectNode> out = new LinkedHashMap<>();
        for (long id : ids) out.put(id, SubnetCommands.subnet(config, id));
        return out;
    }

    /**
     * The subnets as config-get would show them now, reservations included (null where the server has none):
     * subnet4-get (subnet6-get) and reservation-get-all of every subnet asked at once.
     */
    CompletableFuture<Map<Long, ObjectNode>> readSubnetsAsync(Relationship rel, String server, List<Long> ids,
                                                              ObjectNode subnetsFrom) {
        String list = KeaService.subnets(rel.service());
        Map<Long, CompletableFuture<JsonNode>> subnets = new LinkedHashMap<>();
        Map<Long, CompletableFuture<JsonNode>> hosts = new LinkedHashMap<>();
        for (long id : ids) {
            subnets.put(id, subnetsFrom != null ? CompletableFuture.completedFuture(subnetGet(subnetsFrom, id, list))
                    : writer.queryAsync(rel, server, list + "-get", KeaConfigJson.MAPPER.createObjectNode().put("id", id)));
            // refused for a subnet the server does not have: that answer is the subnet's, read alongside
            hosts.put(id, writer.queryAsync(rel, server, "reservation-get-all", hostsOf(id)).exceptionally(e -> null));
        }
        List<CompletableFuture<JsonNode>> all = new ArrayList<>(subnets.values());
        all.addAll(hosts.values());
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<Long, ObjectNode> out = new LinkedHashMap<>();
            for (long id : ids) {
                JsonNode subnet = subnets.get(id).join().path(list).path(0);
                if (!(subnet instanceof ObjectNode s)) {
                    out.put(id, null);
                    continue;
                }
                ObjectNode copy = s.deepCopy();
                JsonNode found = hosts.get(id).join();
                if (found == null) found = writer.query(rel, server, "reservation-get-all", hostsOf(id));
                copy.set("reservations", SubnetCommands.configOrder(found.path("hosts")));
                out.put(id, copy);
            }
            return out;
        });
    }

    /** A subnet of a configuration as subnet4-get (subnet6-get) answers it, when only its reservations are read. */
    private static JsonNode subnetGet(ObjectNode config, long id, String list) {
        ObjectNode subnet = SubnetCommands.subnet(config, id);
        ObjectNode answer = KeaConfigJson.MAPPER.createObjectNode();
        if (subnet != null) answer.putArray(list).add(SubnetCommands.withoutHosts(subnet));
        return answer;
    }

    private static ObjectNode hostsOf(long subnetId) {
        return KeaConfigJson.MAPPER.createObjectNode().put("subnet-id", subnetId).put("operation-target", "memory");
    }

    Map<Long, ObjectNode> readSubnets(Relationship rel, String server, List<Long> ids) {
        return join(readSubnetsAsync(rel, server, ids, null));
    }

    /** The preview of a reservation change kept in a hosts database, or empty (see {@link KeaHostsDatabaseChange}). */
    Optional<KeaHostsDatabaseChange.PreviewPart> inHostsDatabase(Relationship rel, String sot, List<String> peers,
                                                                 ObjectNode before, KeaChange change) {
        return hostsDatabase.preview(rel, sot, peers, before, change);
    }

    static <T> T await(CompletableFuture<T> future) {
        return join(future);
    }

    /** The value of a command future; its failure as the command's own. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(KeaConfigChannel.CONFIG_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof ConfigCommandFailed f) throw f;
            if (e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() instanceof ConfigCommandFailed f) throw f;
            throw new ConfigCommandFailed("?", "?", String.valueOf(e.getCause()), true);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ConfigCommandFailed("?", "?", "no answer within " + KeaConfigChannel.CONFIG_TIMEOUT, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigCommandFailed("?", "?", "interrupted", true);
        }
    }

    /**
     * Makes the change on the source of truth, then on each peer (given with its touched subnets as they were),
     * verifies each, then has every server that took it write its file. Peers that miss it are marked out of sync.
     * A peer whose subnets were the source of truth's gets the same commands while the source of truth's are read
     * back; any other is brought to what the source of truth holds.
     */
    Outcome writeEverywhere(ChangeJob.Context ctx, Relationship rel, String sot, Map<String, Map<Long, ObjectNode>> peers,
                            ObjectNode current, ObjectNode after, KeaChange change, List<Long> ids,
                            Map<String, String> skipped, KeaChange inverse, ObjectNode subnetsFrom,
                            Map<String, String> peersWithoutCommands) {
        String description = change.describe();
        Map<Long, ObjectNode> before = scope(current, ids);
        List<Command> plan = plan(rel.service(), before, scope(after, ids));
        String names = names(plan);
        ctx.target(sot, TargetOutcome.UNKNOWN, COMMANDS + "sending " + names);
        run(ctx, rel, sot, plan, before);
        CompletableFuture<Map<Long, ObjectNode>> truthRead = readSubnetsAsync(rel, sot, ids, subnetsFrom);
        Map<String, String> failures = new LinkedHashMap<>();
        for (var p : peers.entrySet()) {
            if (p.getValue().equals(before)) {
                String failed = send(rel, p.getKey(), plan);
                if (failed != null) failures.put(p.getKey(), failed);
            }
        }
        Map<Long, ObjectNode> truth = join(truthRead);
        // checked on the touched subnets alone: a copy of a large configuration costs more than the commands
        if (!KeaReplicator.holds(change, touchedOnly(rel.service(), current, truth))) {
            LOG.warn("{}: {} took '{}' but reads back differently; its own rendering is copied", rel.name(), sot, description);
        }
        ctx.target(sot, TargetOutcome.APPLIED, COMMANDS + names);
        for (var p : peers.entrySet()) {
            if (!p.getValue().equals(before) && !failures.containsKey(p.getKey())) {
                String failed = send(rel, p.getKey(), plan(rel.service(), p.getValue(), truth));
                if (failed != null) failures.put(p.getKey(), failed);
            }
        }
        Map<String, CompletableFuture<Map<Long, ObjectNode>>> readBack = new LinkedHashMap<>();
        for (String peer : peers.keySet()) if (!failures.containsKey(peer)) readBack.put(peer, readSubnetsAsync(rel, peer, ids, subnetsFrom));
        Map<String, String> outcomes = new LinkedHashMap<>(skipped);
        for (var e : skipped.entrySet()) ctx.target(e.getKey(), TargetOutcome.SKIPPED, e.getValue());
        List<String> changed = new ArrayList<>();
        Map<String, String> withoutCommands = new LinkedHashMap<>(peersWithoutCommands);
        for (String peer : peers.keySet()) {
            String outcome = failures.get(peer);
            if (outcome != null && outcome.startsWith(UNSUPPORTED)) {
                withoutCommands.put(peer, outcome.substring(UNSUPPORTED.length()));
                continue;
            }
            if (outcome == null) outcome = verify(readBack.get(peer), peer, truth);
            boolean verified = outcome.equals("verified");
            ctx.target(peer, verified ? TargetOutcome.APPLIED : TargetOutcome.FAILED, verified ? COMMANDS + "verified" : outcome);
            outcomes.put(peer, outcome);
            if (verified) changed.add(peer);
        }
        long verifiedAt = System.nanoTime();
        writeFiles(ctx, rel, sot, changed, outcomes, before, ids);
        writer.snapshot(rel, sot, splice(current, truth));
        for (String peer : changed) spliceSnapshot(rel, peer, truth);
        for (var e : outcomes.entrySet()) {
            if (e.getValue().equals("verified")) journal.markInSync(rel.name(), e.getKey());
            else journal.markOutOfSync(rel.name(), e.getKey(), "missed '" + description + "' (" + e.getValue() + ")",
                    clock.instant());
        }
        return new Outcome(outcomes, names, verifiedAt, inverse, withoutCommands);
    }

    /** Sends a peer its commands; null, or what failed ("unsupported: ..." when it did not know one). */
    private String send(Relationship rel, String peer, List<Command> plan) {
        try {
            for (Command c : plan) writer.change(rel, peer, c.name(), c.arguments());
            return null;
        } catch (ConfigCommandFailed e) {
            forgetCommands(rel, peer);
            return (e.unsupported ? UNSUPPORTED : "failed: ") + e.getMessage();
        } catch (ChangeRefused e) {
            return "failed: " + e.getMessage();
        }
    }

    private static final String UNSUPPORTED = "unsupported: ";

    private static String verify(CompletableFuture<Map<Long, ObjectNode>> read, String peer, Map<Long, ObjectNode> truth) {
        try {
            return join(read).equals(truth) ? "verified"
                    : "failed: " + peer + " does not hold the source of truth's subnets afterwards";
        } catch (ConfigCommandFailed e) {
            return "failed: " + e.getMessage();
        }
    }

    /** The commands that turn each subnet of {@code service} from {@code from} into {@code to}. */
    static List<Command> plan(ServiceType service, Map<Long, ObjectNode> from, Map<Long, ObjectNode> to) {
        List<Command> plan = new ArrayList<>();
        for (long id : to.keySet()) plan.addAll(SubnetCommands.plan(service, from.get(id), to.get(id)));
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
            forgetCommands(rel, sot);
            if (e.unsupported && done == 0) {
                ctx.target(sot, TargetOutcome.FAILED, e.getMessage() + "; nothing changed, config-set takes over");
                throw new NoCommands(e.getMessage());
            }
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
            List<Command> back = plan(rel.service(), readSubnets(rel, server, new ArrayList<>(before.keySet())), before);
            for (Command c : back) writer.change(rel, server, c.name(), c.arguments());
            return names(back);
        } catch (ConfigCommandFailed | ChangeRefused e) {
            LOG.warn("{}: restoring the subnets of {} failed: {}", rel.name(), server, e.getMessage());
            return null;
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
        if (!(parsed instanceof ObjectNode config) || !config.path(KeaService.root(rel.service())).isObject()) return;
        writer.snapshot(rel, peer, splice(config, truth));
    }

    /** A configuration holding only the given subnets (and the other subnets' ids and prefixes, for overlaps). */
    private static ObjectNode touchedOnly(ServiceType service, ObjectNode config, Map<Long, ObjectNode> subnets) {
        ObjectNode out = KeaConfigJson.MAPPER.createObjectNode();
        String list = KeaService.subnets(service);
        com.fasterxml.jackson.databind.node.ArrayNode all = out.putObject(KeaService.root(service)).putArray(list);
        for (JsonNode s : KeaConfigJson.root(config).path(list)) {
            long id = s.path("id").asLong(-1);
            if (!subnets.containsKey(id)) all.addObject().put("id", id).put("subnet", s.path("subnet").asText());
        }
        for (ObjectNode s : subnets.values()) if (s != null) all.add(s);
        return out;
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
