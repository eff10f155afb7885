package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Relationship;
import tandem.core.change.ChangeJob;
import tandem.core.change.Settler;
import tandem.core.port.ReplicationStore;
import tandem.core.port.ReplicationStore.TargetOutcome;
import tandem.core.port.StateStore;
import tandem.kea.KeaCommandList;
import tandem.kea.KeaHostsDatabases;
import tandem.kea.KeaHostsDatabases.Database;
import tandem.kea.KeaHostsDatabases.Routing;
import tandem.kea.KeaHostsDatabases.Sharing;
import tandem.kea.change.KeaConfigChannel.ConfigCommandFailed;

/**
 * A reservation kept in a hosts database: written once to each distinct database (once in all when the peers share
 * one) through host_cmds with {@code "operation-target": "database"} on the source of truth (or, for a database
 * only peers name, on the first of them), then read back with reservation-get on every peer. No config-set and no
 * config-write: the configuration files do not change. A removal deletes the reservation from the database when it
 * is there; one kept in the configuration goes the usual way ({@link KeaHotChange}).
 *
 * <p>The journal gets each server's outcome as it happens (detail {@link #HOSTS_DATABASE}), the writer's before its
 * command, so a change cut short is settled by asking the database through that server.
 */
final class KeaHostsDatabaseChange {
    private static final Logger LOG = LoggerFactory.getLogger(KeaHostsDatabaseChange.class);
    /** Marks a journal target written through a hosts database, for the settler. */
    static final String HOSTS_DATABASE = "hosts database: ";

    /** The reservation a change adds or removes, as the database holds it (removal) or will (addition). */
    record Reservation(long subnetId, String subnet, String mac, ObjectNode host, boolean add) {
        String command() { return add ? "reservation-add" : "reservation-del"; }
    }

    /** What the preview shows for a change made in the hosts database. */
    record PreviewPart(ObjectNode after, String diff, List<String> notes) {}

    private final KeaServerWriter writer;
    private final ReplicationStore journal;
    private final StateStore states;
    private final Clock clock;

    KeaHostsDatabaseChange(KeaServerWriter writer, ReplicationStore journal, StateStore states, Clock clock) {
        this.writer = writer;
        this.journal = journal;
        this.states = states;
        this.clock = clock;
    }

    // ---- preview ----

    /**
     * The preview of a reservation change when the source of truth keeps reservations in a hosts database: the
     * diff of the subnet's reservations in that database, checked against them (a MAC or address reserved there
     * is refused). Empty when the change does not concern a hosts database; nothing is sent but reads.
     *
     * @param peers the peers the change is replicated to, whose databases the note names
     */
    Optional<PreviewPart> preview(Relationship rel, String sot, List<String> peers, ObjectNode before, KeaChange change) {
        Optional<Database> database = sotDatabase(rel, sot, before, change);
        if (database.isEmpty()) return Optional.empty();
        long id = subnetId(before, change);
        ArrayNode stored;
        try {
            stored = SubnetCommands.configOrder(writer.query(rel, sot, "reservation-get-all", hostsOf(id)).path("hosts"));
        } catch (ConfigCommandFailed e) {
            return Optional.empty();  // no host_cmds there: the change goes through the configuration
        }
        Optional<Reservation> found = reservation(rel, sot, before, change);
        if (found.isEmpty()) return Optional.empty();
        Reservation r = found.get();
        Routing routing;
        try {
            routing = routing(rel, sot, peers, before);
        } catch (ConfigCommandFailed e) {
            routing = null;  // told when applying
        }
        if (routing != null && routing.sharing() == Sharing.PARTIAL && r.add()) return Optional.empty();
        ArrayNode now = stored.deepCopy();
        if (r.add()) {
            // the change's own checks, against the reservations of the configuration and of the database together
            ObjectNode view = before.deepCopy();
            ArrayNode both = KeaConfigJson.array(KeaChange.Subnets.existing(view, r.subnet()), "reservations");
            stored.forEach(both::add);
            change.appliedTo(view);
            ObjectNode host = r.host().deepCopy();
            host.remove("subnet-id");
            now.add(host);
        } else {
            for (int i = 0; i < now.size(); i++) {
                if (KeaChange.Macs.normal(now.get(i).path("hw-address").asText()).equals(r.mac())) now.remove(i--);
            }
        }
        String label = sot + " hosts database " + database.get().describe();
        String diff = ConfigDiff.unified(label, document(database.get(), r, stored), document(database.get(), r,
                SubnetCommands.configOrder(now)));
        List<String> notes = new ArrayList<>();
        notes.add("The reservation is " + (r.add() ? "written to" : "deleted from") + " the hosts database "
                + database.get().describe() + ", not the configuration files; every peer reads it back");
        if (routing != null && routing.sharing() == Sharing.SEPARATE) {
            notes.add("The peers name different hosts databases: each of the " + routing.writers().size() + " is written");
        }
        // a fallback to config-set can put an addition into the configuration; a removal from the database, never
        ObjectNode after = r.add() ? change.appliedTo(before) : before.deepCopy();
        return Optional.of(new PreviewPart(after, diff, notes));
    }

    private static ObjectNode document(Database db, Reservation r, ArrayNode reservations) {
        ObjectNode doc = KeaConfigJson.MAPPER.createObjectNode();
        doc.put("hosts-database", db.describe()).put("subnet", r.subnet()).put("subnet-id", r.subnetId());
        doc.set("reservations", reservations);
        return doc;
    }

    // ---- apply ----

    /**
     * Makes the change in the hosts database(s), or says why it must go through config-set (nothing was sent then).
     * Null when the reservation does not concern a hosts database: the usual commands take it.
     *
     * @param peers   the peers that are up and take the change
     * @param skipped the peers that are not, with why
     */
    KeaHotChange.Attempt apply(ChangeJob.Context ctx, Relationship rel, String sot, List<String> peers,
                               Map<String, String> skipped, ObjectNode before, KeaChange change) {
        if (sotDatabase(rel, sot, before, change).isEmpty()) return null;
        Optional<Reservation> found = reservation(rel, sot, before, change);
        if (found.isEmpty()) return null;
        Reservation r = found.get();
        Routing routing;
        try {
            routing = routing(rel, sot, peers, before);
        } catch (ConfigCommandFailed e) {
            return refuseOrFallBack(rel, r, "reading the configuration of a peer failed (" + e.getMessage() + ")");
        }
        if (routing.sharing() == Sharing.PARTIAL && r.add()) {
            // a peer without a hosts database must hold the reservation in its configuration: so do all
            LOG.info("{}: {} name no hosts database: the reservation goes into every configuration", rel.name(),
                    routing.without());
            return null;
        }
        List<String> servers = new ArrayList<>(peers);
        servers.add(0, sot);
        String missing = missingHostCommands(rel, servers);
        if (missing != null) return refuseOrFallBack(rel, r, missing);

        KeaChange inverse = r.add() ? change.inverse(before)
                : new KeaChange.AddReservation(r.subnet(), r.mac(), r.host().path("ip-address").asText(null),
                        r.host().path("hostname").asText("").isEmpty() ? null : r.host().path("hostname").asText());
        ctx.inverse(KeaChangeService.toJson(inverse));
        List<String> written = new ArrayList<>();
        for (var w : routing.writers().entrySet()) {
            String server = w.getValue();
            ctx.target(server, TargetOutcome.UNKNOWN, HOSTS_DATABASE + "sending " + r.command() + " to " + w.getKey().describe());
            try {
                writer.change(rel, server, r.command(), arguments(r, r.add()));
                written.add(server);
            } catch (ConfigCommandFailed | ChangeRefused e) {
                if (e instanceof ConfigCommandFailed f && f.unsupported) writer.forgetCommands(rel, server);
                String back = putBack(rel, r, written);
                ctx.target(server, back == null ? TargetOutcome.FAILED : TargetOutcome.UNKNOWN, e.getMessage());
                throw new ChangeRefused(null, e.getMessage() + (back == null ? ". Nothing was changed."
                        : ". Putting back the databases already written failed (" + back + "): check them."));
            }
        }
        Map<String, CompletableFuture<String>> checks = new LinkedHashMap<>();
        for (String server : servers) checks.put(server, verifyAsync(rel, server, r, routing.readers().containsKey(server)));
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (var c : checks.entrySet()) outcomes.put(c.getKey(), outcome(c.getValue()));
        long verifiedAt = System.nanoTime();
        if (!outcomes.get(sot).equals("verified")) {
            String back = putBack(rel, r, written);
            ctx.target(sot, back == null ? TargetOutcome.FAILED : TargetOutcome.UNKNOWN, outcomes.get(sot));
            throw new ChangeRefused(null, sot + " does not read back what was written (" + outcomes.get(sot) + ")"
                    + (back == null ? ". Nothing was changed." : ". Putting it back failed (" + back + "): check the database."));
        }
        Map<String, String> peerOutcomes = new LinkedHashMap<>();
        for (var e : skipped.entrySet()) {
            String outcome = offline(rel, e.getKey(), e.getValue(), routing, r);
            ctx.target(e.getKey(), TargetOutcome.SKIPPED, outcome);
            peerOutcomes.put(e.getKey(), outcome);
        }
        for (var o : outcomes.entrySet()) {
            boolean verified = o.getValue().equals("verified");
            ctx.target(o.getKey(), verified ? TargetOutcome.APPLIED : TargetOutcome.FAILED,
                    verified ? HOSTS_DATABASE + (written.contains(o.getKey()) ? r.command() + ", " : "") + "verified" : o.getValue());
            if (o.getKey().equals(sot)) continue;
            peerOutcomes.put(o.getKey(), o.getValue());
            if (!verified) journal.markOutOfSync(rel.name(), o.getKey(), "missed '" + change.describe() + "' ("
                    + o.getValue() + ")", clock.instant());
        }
        String method = method(r, routing);
        LOG.info("{}: applied '{}' through {}", rel.name(), change.describe(), method);
        return new KeaHotChange.Attempt(new KeaHotChange.Outcome(peerOutcomes, method, verifiedAt, inverse, Map.of()), null);
    }

    private static String outcome(CompletableFuture<String> check) {
        try {
            return KeaHotChange.await(check);
        } catch (ConfigCommandFailed e) {
            return "failed: " + e.getMessage();
        }
    }

    /**
     * A change cut short after its command was sent to {@code server}: the database, asked through that server,
     * holds the outcome or not. The peers need nothing: they read the database (a peer naming another database
     * than the one written is marked out of sync by the next poll's checks, not here).
     */
    static Settler.Settlement settle(KeaServerWriter writer, Relationship rel, String server, KeaChange change,
                                     Map<String, String> servers) {
        boolean add = change instanceof KeaChange.AddReservation;
        String subnet = add ? ((KeaChange.AddReservation) change).subnet() : ((KeaChange.RemoveReservation) change).subnet();
        String mac = KeaChange.Macs.normal(add ? ((KeaChange.AddReservation) change).mac() : ((KeaChange.RemoveReservation) change).mac());
        JsonNode host;
        try {
            long id = KeaChange.Subnets.existing(writer.readNow(rel, server), subnet).path("id").asLong();
            host = writer.query(rel, server, "reservation-get", KeaConfigJson.MAPPER.createObjectNode().put("subnet-id", id)
                    .put("identifier-type", "hw-address").put("identifier", mac).put("operation-target", "database"));
        } catch (ConfigCommandFailed | ChangeRefused e) {
            servers.put(server, "could not be asked: " + e.getMessage());
            return new Settler.Settlement(ReplicationStore.Status.FAILED, servers, server + " could not be asked whether "
                    + "the hosts database holds the change (" + e.getMessage() + "): check it");
        }
        boolean holds = add == host.has("hw-address");
        servers.put(server, holds ? "the hosts database holds the change" : "the hosts database does not hold the change");
        return new Settler.Settlement(holds ? ReplicationStore.Status.APPLIED : ReplicationStore.Status.FAILED, servers,
                holds ? "the hosts database holds the change; the peers read it there"
                        : "the hosts database does not hold the change: it was not applied");
    }

    /** How the change went, for the Through: line. */
    static String method(Reservation r, Routing routing) {
        if (routing.sharing() == Sharing.SHARED) {
            return r.command() + ", written once to the shared hosts database "
                    + routing.writers().keySet().iterator().next().describe();
        }
        List<String> each = new ArrayList<>();
        routing.writers().forEach((db, server) -> each.add(server + ": " + db.describe()));
        return r.command() + ", written to each of the " + each.size() + " hosts databases the peers name ("
                + String.join("; ", each) + ")" + (routing.writers().size() > 1 ? ": they do not share one" : "");
    }

    /** For an addition, the reason config-set takes over; a removal from a database cannot go that way. */
    private static KeaHotChange.Attempt refuseOrFallBack(Relationship rel, Reservation r, String why) {
        if (r.add()) {
            LOG.info("{}: the reservation goes through config-set: {}", rel.name(), why);
            return new KeaHotChange.Attempt(null, why);
        }
        throw new ChangeRefused(null, "The reservation is in a hosts database, which only host_cmds can change, and "
                + why + ". Nothing was changed.");
    }

    private String missingHostCommands(Relationship rel, List<String> servers) {
        Map<String, CompletableFuture<KeaCommandList>> offered = new LinkedHashMap<>();
        for (String s : servers) offered.put(s, writer.commands(rel, s));
        for (var o : offered.entrySet()) {
            KeaCommandList list;
            try {
                list = KeaHotChange.await(o.getValue());
            } catch (ConfigCommandFailed e) {
                return o.getKey() + " did not list its commands (" + e.getMessage() + ")";
            }
            for (String c : List.of("reservation-add", "reservation-del", "reservation-get")) {
                if (!list.supports(c)) return o.getKey() + " does not load " + SubnetCommands.HOST_CMDS + " (no " + c + ")";
            }
        }
        return null;
    }

    /** Undoes the writes made so far; null when that worked, else what failed. */
    private String putBack(Relationship rel, Reservation r, List<String> written) {
        List<String> failed = new ArrayList<>();
        for (String server : written) {
            try {
                writer.change(rel, server, r.add() ? "reservation-del" : "reservation-add", arguments(r, !r.add()));
            } catch (ConfigCommandFailed | ChangeRefused e) {
                failed.add(server + ": " + e.getMessage());
            }
        }
        return failed.isEmpty() ? null : String.join("; ", failed);
    }

    /** An offline peer: nothing to send when it reads a database that was written, else it is out of sync. */
    private String offline(Relationship rel, String peer, String why, Routing routing, Reservation r) {
        Optional<Database> db = states.latestSnapshot(rel.name(), peer)
                .map(s -> KeaConfigJson.parse(s.json()))
                .flatMap(c -> KeaHostsDatabases.of(c, host(rel, peer)).stream().findFirst());
        if (db.isPresent() && routing.writers().containsKey(db.get())) {
            return "offline: it reads the hosts database written, nothing to send";
        }
        journal.markOutOfSync(rel.name(), peer, "missed '" + r.command() + "' of " + r.mac() + " (" + why + ")", clock.instant());
        return why;
    }

    private CompletableFuture<String> verifyAsync(Relationship rel, String server, Reservation r, boolean fromDatabase) {
        ObjectNode args = KeaConfigJson.MAPPER.createObjectNode().put("subnet-id", r.subnetId())
                .put("identifier-type", "hw-address").put("identifier", r.mac())
                .put("operation-target", fromDatabase ? "database" : "all");
        return writer.queryAsync(rel, server, "reservation-get", args).thenApply(host -> {
            boolean there = host.isObject() && host.has("hw-address");
            if (!r.add()) return there ? "failed: " + server + " still reads the reservation" : "verified";
            if (!there) return "failed: " + server + " does not read the reservation";
            return host.path("ip-address").asText().equals(r.host().path("ip-address").asText()) ? "verified"
                    : "failed: " + server + " reads " + host.path("ip-address").asText() + " for " + r.mac();
        });
    }

    // ---- what the change is about ----

    /** The source of truth's hosts database, when this is a DHCPv4 reservation change and it names one. */
    private Optional<Database> sotDatabase(Relationship rel, String sot, ObjectNode before, KeaChange change) {
        if (rel.service().isV6()) return Optional.empty();  // as KeaHotChange: host_cmds by hw-address, DHCPv4
        if (!(change instanceof KeaChange.AddReservation) && !(change instanceof KeaChange.RemoveReservation)) {
            return Optional.empty();
        }
        // the database is written by hw-address in a subnet; other identifiers and global ones stay in the files
        if (change instanceof KeaChange.RemoveReservation d
                && (d.subnet() == null || d.identifierType() != null || d.duid() != null)) {
            return Optional.empty();
        }
        if (KeaConfigJson.dhcp4(before).has("config-control")) return Optional.empty();
        return KeaHostsDatabases.of(before, host(rel, sot)).stream().findFirst();
    }

    private static long subnetId(ObjectNode before, KeaChange change) {
        String subnet = change instanceof KeaChange.AddReservation a ? a.subnet() : ((KeaChange.RemoveReservation) change).subnet();
        return KeaChange.Subnets.existing(before, subnet).path("id").asLong();
    }

    /**
     * The reservation as the database will hold it (addition, refused when the database has one for that MAC
     * already) or holds it (removal); empty for a removal of a reservation the configuration keeps, or that the
     * database does not hold.
     */
    private Optional<Reservation> reservation(Relationship rel, String sot, ObjectNode before, KeaChange change) {
        long id = subnetId(before, change);
        if (change instanceof KeaChange.AddReservation a) {
            ObjectNode after = change.appliedTo(before);
            String mac = KeaChange.Macs.normal(a.mac());
            ObjectNode host = null;
            for (JsonNode h : KeaChange.Subnets.existing(after, a.subnet()).path("reservations")) {
                if (KeaChange.Macs.normal(h.path("hw-address").asText()).equals(mac)) host = ((ObjectNode) h).deepCopy();
            }
            Reservation r = new Reservation(id, a.subnet(), mac, host, true);
            JsonNode there = readHost(rel, sot, r);
            if (there != null && there.has("hw-address")) {
                throw new ChangeRefused("mac", mac + " already has a reservation in " + a.subnet() + " ("
                        + there.path("ip-address").asText() + ") in the hosts database");
            }
            return Optional.of(r);
        }
        KeaChange.RemoveReservation d = (KeaChange.RemoveReservation) change;
        String mac = KeaChange.Macs.normal(d.mac());
        for (JsonNode h : KeaChange.Subnets.existing(before, d.subnet()).path("reservations")) {
            if (KeaChange.Macs.normal(h.path("hw-address").asText()).equals(mac)) return Optional.empty();
        }
        JsonNode there = readHost(rel, sot, new Reservation(id, d.subnet(), mac, null, false));
        if (there == null || !there.has("hw-address")) return Optional.empty();
        return Optional.of(new Reservation(id, d.subnet(), mac, (ObjectNode) there, false));
    }

    /** The database's host for the reservation's MAC (a missing node when none), or null when it cannot be asked. */
    private JsonNode readHost(Relationship rel, String sot, Reservation r) {
        try {
            return writer.query(rel, sot, "reservation-get", KeaConfigJson.MAPPER.createObjectNode()
                    .put("subnet-id", r.subnetId()).put("identifier-type", "hw-address").put("identifier", r.mac())
                    .put("operation-target", "database"));
        } catch (ConfigCommandFailed e) {
            return null;
        }
    }

    /** Which database each server reads, from the peers' configurations (read again only when reconfigured). */
    private Routing routing(Relationship rel, String sot, List<String> peers, ObjectNode before) {
        Map<String, List<Database>> databases = new LinkedHashMap<>();
        databases.put(sot, KeaHostsDatabases.of(before, host(rel, sot)));
        for (String peer : peers) databases.put(peer, KeaHostsDatabases.of(writer.read(rel, peer), host(rel, peer)));
        return KeaHostsDatabases.route(sot, databases);
    }

    private String host(Relationship rel, String server) {
        try {
            return writer.connection(rel, server).url().getHost();
        } catch (ChangeRefused e) {
            return server;
        }
    }

    private static ObjectNode arguments(Reservation r, boolean add) {
        ObjectNode args = KeaConfigJson.MAPPER.createObjectNode();
        if (add) {
            ObjectNode host = r.host().deepCopy();
            host.put("subnet-id", r.subnetId());
            args.set("reservation", host);
        } else {
            args.put("subnet-id", r.subnetId()).put("identifier-type", "hw-address").put("identifier", r.mac());
        }
        return args.put("operation-target", "database");
    }

    private static ObjectNode hostsOf(long subnetId) {
        return KeaConfigJson.MAPPER.createObjectNode().put("subnet-id", subnetId).put("operation-target", "database");
    }
}
