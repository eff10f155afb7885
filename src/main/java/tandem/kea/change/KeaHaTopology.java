package tandem.kea.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Backend;
import tandem.core.ConfigCheck;
import tandem.core.ConnectionSettings;
import tandem.core.HaMode;
import tandem.core.ImportResult;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.Relationship;
import tandem.core.ServerRecord;
import tandem.core.ServiceType;
import tandem.core.change.ChangeJob;
import tandem.core.change.ChangeRunner;
import tandem.core.port.ReplicationStore;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaHaChecks;
import tandem.kea.KeaReply;
import tandem.kea.KeaService;
import tandem.kea.KeaVersion;
import tandem.kea.change.HaPlans.Creation;
import tandem.kea.change.HaPlans.CreationRecord;
import tandem.kea.change.HaPlans.DissolveRequest;
import tandem.kea.change.HaPlans.Dissolution;
import tandem.kea.change.HaPlans.Outcome;
import tandem.kea.change.HaPlans.ServerPlan;
import tandem.kea.change.KeaConfigChannel.ConfigCommandFailed;

/**
 * Joins standalone Kea servers of the inventory into one HA relationship, and takes one apart again. Each is a
 * change job like any other: previewed as a diff per server, tested on every server before any is set, locked,
 * journaled, audited, set one server at a time and put back on every server already set when one fails. Undo of a
 * creation dissolves it, each server keeping the subnets it served before.
 */
public final class KeaHaTopology {
    private static final Logger LOG = LoggerFactory.getLogger(KeaHaTopology.class);
    public static final String CREATE_KIND = "kea-ha-create";
    public static final String DISSOLVE_KIND = "kea-ha-dissolve";

    private final Inventory inventory;
    private final KeaServerWriter writer;
    private final KeaControlAgentClient client;
    private final ChangeRunner runner;
    private final ReplicationStore journal;
    private final HaServerSteps steps;

    KeaHaTopology(Inventory inventory, KeaServerWriter writer, KeaControlAgentClient client, ChangeRunner runner,
                  ReplicationStore journal) {
        this.inventory = inventory;
        this.writer = writer;
        this.client = client;
        this.runner = runner;
        this.journal = journal;
        this.steps = new HaServerSteps(writer);
        HaSettler settler = new HaSettler(this);
        runner.register(CREATE_KIND, settler);
        runner.register(DISSOLVE_KIND, settler);
    }

    // ---- creation ----

    /** The inventory's Kea servers that serve alone (one STANDALONE relationship each), by name. */
    public List<String> standaloneServers() {
        List<String> out = new ArrayList<>();
        for (ServerRecord s : inventory.servers()) {
            if (s.backend() == Backend.KEA && standalone(s.name()).isPresent()) out.add(s.name());
        }
        return out;
    }

    /** The service of a standalone server's relationship (for the wizard to offer), empty when it is not one. */
    public Optional<ServiceType> serviceOf(String server) {
        return standalone(server).map(Relationship::service);
    }

    /** A member with the defaults: its inventory name as this-server-name, the URL the console reaches it at. */
    public HaRequest.Member member(String server, String role) {
        String url = inventory.server(server).map(s -> s.connection().url().toString()).orElse(null);
        return new HaRequest.Member(server, role, server, url, null);
    }

    /**
     * Reads every server and shows what joining them would do; nothing is sent but reads. Refuses (naming the
     * field) a request that breaks a rule, a server that is not a standalone Kea server, a password file that is
     * not known.
     */
    public Creation prepareCreate(HaRequest request) {
        for (HaRequest.Problem p : request.problems()) throw new ChangeRefused(p.field(), p.field() + ": " + p.message());
        List<String> members = request.members().stream().map(HaRequest.Member::server).toList();
        if (!members.contains(request.name())
                && (inventory.server(request.name()).isPresent() || find(request.name()).isPresent())) {
            throw new ChangeRefused("NAME", "NAME: " + request.name() + " is already a server or relationship of the inventory");
        }
        String root = request.root();
        Map<String, ObjectNode> before = new LinkedHashMap<>();
        Map<String, String> hooks = new LinkedHashMap<>();
        for (HaRequest.Member m : request.members()) {
            String field = "--" + m.role();
            Relationship rel = standalone(m.server()).orElseThrow(() -> new ChangeRefused(field, field + ": "
                    + m.server() + " is not a standalone Kea server of the inventory (see tandem status)"
                    + (relationshipsOf(m.server()) > 1 ? "; a server with both DHCPv4 and DHCPv6 cannot be joined yet,"
                    + " since the inventory keeps both services under one server record" : "")));
            if (rel.service() != request.serviceType()) {
                throw new ChangeRefused("--service", "--service: " + m.server() + " serves " + rel.service().label()
                        + ", not " + request.serviceType().label() + " (--service " + rel.service().wire() + ")");
            }
            ObjectNode config;
            try {
                config = writer.readNow(rel, m.server());
            } catch (ConfigCommandFailed e) {
                throw new ChangeRefused(field, field + ": " + e.getMessage() + ". Nothing was changed.");
            }
            if (!config.path(root).isObject()) {
                throw new ChangeRefused("--service", "--service: " + m.server() + " has no " + root + " configuration");
            }
            if (HaConfigs.hasHa(config, root)) {
                throw new ChangeRefused(field, field + ": " + m.server() + " already loads the HA hook");
            }
            before.put(m.server(), config);
            hooks.put(m.server(), hooksDir(m.server(), rel, config, root));
        }
        HaRequest resolved = withTlsFiles(withPasswordFiles(request));
        ObjectNode source = before.get(resolved.primary().server());
        List<ServerPlan> plans = new ArrayList<>();
        List<ConfigCheck> checks = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> sourceSubnets = HaConfigs.subnets(source, root);
        for (HaRequest.Member m : resolved.members()) {
            boolean isSource = m.server().equals(resolved.primary().server());
            ObjectNode now = before.get(m.server());
            ObjectNode after = HaConfigs.joined(now, isSource ? null : source, root, resolved, m, hooks.get(m.server()));
            plans.add(new ServerPlan(m.server(), m.thisServerName(), now, after, ConfigDiff.unified(m.server(), now, after)));
            URI url = URI.create(m.url());
            for (ConfigCheck c : KeaHaChecks.configuration(after, m.thisServerName(), url)) {
                checks.add(new ConfigCheck(c.severity(), m.server() + ": " + c.sentence()));
            }
            if (!isSource) {
                List<String> had = HaConfigs.subnets(now, root);
                List<String> added = sourceSubnets.stream().filter(s -> !had.contains(s)).toList();
                List<String> dropped = had.stream().filter(s -> !sourceSubnets.contains(s)).toList();
                notes.add(m.server() + " takes the subnets of " + resolved.primary().server()
                        + (added.isEmpty() ? "" : "; added: " + String.join(", ", added))
                        + (dropped.isEmpty() ? "" : "; no longer served: " + String.join(", ", dropped)));
            }
            if (m.tls() != null) {
                notes.add(m.server() + " talks TLS to its peers (https peer URLs) with its own files: trust-anchor "
                        + m.tls().trustAnchor() + ", cert-file " + m.tls().certFile() + ", key-file " + m.tls().keyFile());
            }
            if (m.passwordFile() != null) {
                notes.add(m.server() + " reads the password of " + resolved.peerUser() + " for its peers from "
                        + m.passwordFile() + " (a file on that server)");
            }
        }
        return new Creation(resolved, plans, checks, notes);
    }

    /** Applies a prepared creation; refused when a check found an error or a server changed since the preview. */
    public Outcome create(Creation plan) {
        if (plan.blocked()) {
            throw new ChangeRefused(null, "The relationship would not work: " + String.join("; ", plan.checks().stream()
                    .filter(c -> c.severity() == ConfigCheck.Severity.ERROR).map(ConfigCheck::sentence).toList())
                    + ". Nothing was changed.");
        }
        HaRequest request = plan.request();
        List<HaServerSteps.Target> targets = new ArrayList<>();
        Map<String, List<String>> subnetsBefore = new LinkedHashMap<>();
        List<String> locks = new ArrayList<>(List.of(KeaChangeService.lockOf(request.name())));
        for (ServerPlan p : plan.servers()) {
            Relationship rel = standalone(p.server()).orElseThrow(() -> new ChangeRefused(null, p.server()
                    + " is no longer a standalone server of the inventory. Nothing was changed."));
            targets.add(new HaServerSteps.Target(p.server(), rel, p.server(), p.before(), p.after()));
            subnetsBefore.put(p.thisServerName(), HaConfigs.subnets(p.before(), request.root()));
            if (!locks.contains(KeaChangeService.lockOf(rel.name()))) locks.add(KeaChangeService.lockOf(rel.name()));
        }
        String diff = String.join("", plan.servers().stream().map(ServerPlan::diff).toList());
        String journaled = toJson(new CreationRecord(request, subnetsBefore));
        String inverse = toJson(new DissolveRequest(request.name(), subnetsBefore));
        return runner.run(new Job(request.name(), CREATE_KIND, "Create HA relationship " + request.name() + " ("
                + request.mode() + ": " + String.join(", ", request.members().stream()
                .map(m -> m.server() + " " + m.role()).toList()) + ")", locks, targets, diff, journaled) {
            @Override Outcome finish(Context ctx, Map<String, String> outcomes) {
                ctx.inverse(inverse);
                Map<String, String> states = steps.awaitNormal(targets);
                List<String> notes = joinInventory(request);
                return new Outcome(ctx.journalId(), request.name(), outcomes, states, notes);
            }
        });
    }

    // ---- dissolving ----

    /** The command line's choice: {@code keeper} keeps every subnet it serves, the others keep none. */
    public DissolveRequest keepAll(String relationship, String keeper) {
        Relationship rel = haRelationship(relationship);
        PeerDefinition kept = rel.peer(keeper).orElseThrow(() -> new ChangeRefused("--keep", "--keep: " + keeper
                + " is not a server of " + relationship + " (its servers: " + String.join(", ",
                rel.peers().stream().map(PeerDefinition::name).toList()) + ")"));
        ObjectNode config = read(rel, kept.name(), "--keep");
        Map<String, List<String>> keep = new LinkedHashMap<>();
        for (PeerDefinition p : rel.peers()) {
            keep.put(p.name(), p.name().equals(keeper) ? HaConfigs.subnets(config, rootOf(config)) : List.of());
        }
        return new DissolveRequest(relationship, keep);
    }

    /** Reads every server of the relationship and shows each one's configuration without HA. */
    public Dissolution prepareDissolve(DissolveRequest request) {
        Relationship rel = haRelationship(request.relationship());
        for (String name : request.keep().keySet()) {
            if (rel.peer(name).isEmpty()) throw new ChangeRefused("--keep", "--keep: " + name + " is not a server of " + rel.name());
        }
        List<ServerPlan> plans = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (PeerDefinition p : rel.peers()) {
            if (!p.name().equals(rel.serverName()) && inventory.server(p.name()).isPresent()) {
                throw new ChangeRefused(null, "A server named " + p.name() + " is already in the inventory: remove it "
                        + "first, so that " + p.name() + " of " + rel.name() + " can take that name");
            }
            ObjectNode now = read(rel, p.name(), null);
            List<String> keep = request.keep().getOrDefault(p.name(), List.of());
            ObjectNode after = HaConfigs.dissolved(now, rootOf(now), keep);
            plans.add(new ServerPlan(p.name(), p.name(), now, after, ConfigDiff.unified(p.name(), now, after)));
            List<String> kept = HaConfigs.subnets(after, rootOf(after));
            notes.add(p.name() + (kept.isEmpty() ? " serves no subnet afterwards" : " keeps serving " + String.join(", ", kept)));
        }
        return new Dissolution(request, plans, notes);
    }

    public Outcome dissolve(Dissolution plan) {
        Relationship rel = haRelationship(plan.request().relationship());
        List<HaServerSteps.Target> targets = new ArrayList<>();
        for (ServerPlan p : plan.servers()) targets.add(new HaServerSteps.Target(p.server(), rel, p.server(), p.before(), p.after()));
        String diff = String.join("", plan.servers().stream().map(ServerPlan::diff).toList());
        return runner.run(new Job(rel.name(), DISSOLVE_KIND, "Dissolve HA relationship " + rel.name(),
                List.of(KeaChangeService.lockOf(rel.name())), targets, diff, toJson(plan.request())) {
            @Override Outcome finish(Context ctx, Map<String, String> outcomes) {
                List<String> notes = splitInventory(rel);
                return new Outcome(ctx.journalId(), rel.name(), outcomes, Map.of(), notes);
            }
        });
    }

    /** The dissolution that undoes a journaled creation: each server keeps the subnets it served before. */
    public Dissolution prepareUndo(long journalId) {
        return prepareDissolve(undoRequest(journalId));
    }

    /** What undoing a journaled creation asks for, before anything is read from the servers. */
    public DissolveRequest undoRequest(long journalId) {
        JournalEntry entry = journal.entry(journalId)
                .orElseThrow(() -> new ChangeRefused(null, "There is no change #" + journalId + " in the journal"));
        if (!CREATE_KIND.equals(entry.kind()) || entry.inverse() == null) {
            throw new ChangeRefused(null, "Change #" + journalId + " is not a finished creation of an HA relationship");
        }
        try {
            return KeaConfigJson.MAPPER.readValue(entry.inverse(), DissolveRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable journaled dissolution: " + e.getOriginalMessage(), e);
        }
    }

    /** The subnets each server of the relationship serves now, by its name there; the console offers them to keep. */
    public Map<String, List<String>> subnetsServed(String relationship) {
        Relationship rel = haRelationship(relationship);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (PeerDefinition p : rel.peers()) {
            ObjectNode config = read(rel, p.name(), null);
            out.put(p.name(), HaConfigs.subnets(config, rootOf(config)));
        }
        return out;
    }

    // ---- internals ----

    /** The members' standalone records give way to the relationship, read again from the primary. */
    List<String> joinInventory(HaRequest request) {
        List<String> members = request.members().stream().map(HaRequest.Member::server).toList();
        ServerRecord primary = inventory.server(request.primary().server()).orElseThrow();
        // the console reaches each peer where it reached the standalone server
        Map<String, URI> peerUrls = new LinkedHashMap<>();
        for (HaRequest.Member m : request.members()) {
            inventory.server(m.server()).ifPresent(s -> peerUrls.put(m.thisServerName(), s.connection().url()));
        }
        ImportResult read = inventory.importer(Backend.KEA).inspect(request.name(), primary.connection(), peerUrls);
        if (read instanceof ImportResult.Accepted accepted) {
            inventory.replace(members, List.of(accepted));
            return List.of("The inventory now holds " + request.name() + " instead of " + String.join(", ", members));
        }
        return List.of("The servers were joined, but " + request.primary().server() + " could not be read again ("
                + ((ImportResult.Refused) read).message() + "): the inventory still shows them standalone");
    }

    /** The relationship's record gives way to one standalone record per server, named as in the relationship. */
    List<String> splitInventory(Relationship rel) {
        List<ImportResult.Accepted> added = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (PeerDefinition p : rel.peers()) {
            ConnectionSettings c = inventory.connectionFor(rel, p).orElseThrow();
            ImportResult read = inventory.importer(Backend.KEA).inspect(p.name(), c);
            if (read instanceof ImportResult.Accepted a) added.add(a);
            else notes.add(p.name() + " could not be read again (" + ((ImportResult.Refused) read).message()
                    + "): add it again with tandem server add");
        }
        inventory.replace(List.of(rel.serverName()), added);
        notes.add("The inventory now holds " + String.join(", ", added.stream().map(a -> a.server().name()).toList())
                + " instead of " + rel.name());
        return notes;
    }

    /** Tests every target, sets them one at a time (all put back when one fails), then {@link #finish}. */
    private abstract class Job implements ChangeJob<Outcome> {
        private final String relationship, kind, description, diff, journaled;
        private final List<String> locks;
        private final List<HaServerSteps.Target> targets;

        Job(String relationship, String kind, String description, List<String> locks, List<HaServerSteps.Target> targets,
            String diff, String journaled) {
            this.relationship = relationship;
            this.kind = kind;
            this.description = description;
            this.locks = locks;
            this.targets = targets;
            this.diff = diff;
            this.journaled = journaled;
        }

        @Override public String relationship() { return relationship; }
        @Override public String kind() { return kind; }
        @Override public String description() { return description; }
        @Override public List<String> locks() { return locks; }
        @Override public List<String> servers() { return targets.stream().map(HaServerSteps.Target::label).toList(); }
        @Override public String diff() { return diff; }
        @Override public String journaled() { return journaled; }

        @Override public Outcome apply(Context ctx) {
            Map<String, String> outcomes = steps.applyAll(ctx, targets);
            LOG.info("{}: {} on {}", relationship, description, outcomes.keySet());
            return finish(ctx, outcomes);
        }

        abstract Outcome finish(Context ctx, Map<String, String> outcomes);
    }

    Optional<Relationship> standalone(String server) {
        List<Relationship> own = inventory.relationships().stream().filter(r -> r.serverName().equals(server)).toList();
        return own.size() == 1 && own.get(0).mode() == HaMode.STANDALONE && own.get(0).backend() == Backend.KEA
                ? Optional.of(own.get(0)) : Optional.empty();
    }

    private long relationshipsOf(String server) {
        return inventory.relationships().stream().filter(r -> r.serverName().equals(server)).count();
    }

    Optional<Relationship> find(String name) {
        return inventory.relationships().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    private Relationship haRelationship(String name) {
        Relationship rel = find(name).orElseThrow(() -> new ChangeRefused("RELATIONSHIP", "RELATIONSHIP: there is no "
                + "relationship named " + name));
        if (rel.backend() != Backend.KEA || rel.mode() == HaMode.STANDALONE) {
            throw new ChangeRefused("RELATIONSHIP", "RELATIONSHIP: " + name + " is not a Kea HA relationship");
        }
        return rel;
    }

    ObjectNode read(Relationship rel, String peer, String field) {
        try {
            return writer.readNow(rel, peer);
        } catch (ConfigCommandFailed e) {
            throw new ChangeRefused(field, e.getMessage() + ". Nothing was changed.");
        }
    }

    private static String rootOf(JsonNode config) {
        return config.has("Dhcp6") && !config.has("Dhcp4") ? "Dhcp6" : "Dhcp4";
    }

    /**
     * Where the server's hook libraries are: beside those it loads already; bare names on Kea 3 (it loads hooks
     * from its default directory only); else the hooks directory its build report names.
     */
    private String hooksDir(String server, Relationship rel, ObjectNode config, String root) {
        String dir = HaConfigs.hooksDirOf(config, root);
        if (dir != null) return dir;
        ConnectionSettings c = writer.connection(rel, server);
        var ep = HaServerSteps.endpoint(c);
        KeaReply version = client.versionGet(ep);
        if (version instanceof KeaReply.Success s && KeaVersion.from(s).atLeast(3, 0)) return "";
        KeaReply report = client.send(ep, "build-report", KeaService.daemon(rel.service()), null);
        if (report instanceof KeaReply.Success s && s.text() != null) {
            for (String line : s.text().lines().toList()) {
                String t = line.strip();
                if (t.startsWith("Hooks directory:")) return t.substring("Hooks directory:".length()).strip() + "/";
            }
        }
        throw new ChangeRefused(null, server + " loads no hook library and its build report names no hooks "
                + "directory, so where libdhcp_ha.so is cannot be known. Nothing was changed.");
    }

    /** Password files found in each server's control-channel configuration, when the request names none. */
    private HaRequest withPasswordFiles(HaRequest request) {
        String given = request.peerUser();
        String user = given != null ? given : inventory.server(request.primary().server()).map(s -> s.connection().username()).orElse(null);
        if (user == null || user.isBlank()) return request;
        List<HaRequest.Member> members = new ArrayList<>();
        for (HaRequest.Member m : request.members()) {
            if (m.passwordFile() != null) {
                members.add(m);
                continue;
            }
            Relationship rel = standalone(m.server()).orElseThrow();
            String found = HaPasswordFiles.find(client, HaServerSteps.endpoint(writer.connection(rel, m.server())), user)
                    .orElseThrow(() -> new ChangeRefused("--" + m.role(), "--" + m.role() + ": the peers log in as "
                            + user + " but " + m.server() + " has no password file for that user in its "
                            + "control-channel configuration: create " + HaPasswordFiles.SUGGESTED + " on "
                            + m.server() + " holding that user's password on its first line, readable by Kea only,"
                            + " and name it in the wizard. Nothing was changed."));
            members.add(m.withPasswordFile(found));
        }
        return request.withPeerUser(user).withMembers(members);
    }

    /** When the peers talk TLS: each server's own TLS files, found in its control-channel configuration. */
    private HaRequest withTlsFiles(HaRequest request) {
        if (!request.tls()) return request;
        List<HaRequest.Member> members = new ArrayList<>();
        for (HaRequest.Member m : request.members()) {
            if (m.tls() != null) {
                members.add(m);
                continue;
            }
            Relationship rel = standalone(m.server()).orElseThrow();
            HaRequest.Tls found = HaTlsFiles.find(client, HaServerSteps.endpoint(writer.connection(rel, m.server())),
                    request.service()).orElseThrow(() -> new ChangeRefused("--" + m.role(),
                    HaTlsFiles.missing("--" + m.role(), m.server())));
            members.add(m.withTls(found));
        }
        return request.withMembers(members);
    }

    static String toJson(Object o) {
        try {
            return KeaConfigJson.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
