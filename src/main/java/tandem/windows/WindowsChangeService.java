package tandem.windows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tandem.core.Inventory;
import tandem.core.change.ChangeJob;
import tandem.core.change.ChangeLocks;
import tandem.core.change.ChangeRunner;

/**
 * Every change Tandem makes to Windows failover, through the one change pipeline: each is planned first (read both
 * partners, check every documented rule, show what it does), then applied as a {@link ChangeJob}: locked, journaled
 * before the first cmdlet, audited, and read back from both partners afterwards.
 */
public final class WindowsChangeService {
    public static final String KIND = "windows";

    private final ChangeRunner runner;
    private final Inventory inventory;
    private final WindowsServers servers;
    private final Clock clock;
    private final java.util.function.Function<String, String> sourceOfTruth;
    private final tandem.core.port.ReplicationStore journal;

    /** @param sourceOfTruth a relationship's source of truth as the last poll found it, or null */
    public WindowsChangeService(ChangeRunner runner, Inventory inventory, tandem.core.port.ReplicationStore journal,
                                WindowsServers servers, java.util.function.Function<String, String> sourceOfTruth,
                                Clock clock) {
        this.journal = journal;
        this.sourceOfTruth = sourceOfTruth;
        this.runner = runner;
        this.inventory = inventory;
        this.servers = servers;
        this.clock = clock;
    }

    /** Refused before anything is sent: each problem names the field (the command line's option) it is about. */
    public static final class Refused extends IllegalArgumentException {
        private final transient List<FieldProblem> problems;

        public Refused(List<FieldProblem> problems) {
            super(String.join("; ", problems.stream().map(FieldProblem::toString).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<FieldProblem> problems() { return problems; }
    }

    /** A change ready to apply: what it does, as a person reads it and as a diff. */
    public record Plan(WindowsOperation operation, String description, String diff, String sharedSecret) {
        @Override public String toString() { return description; }
    }

    // ---- create ----

    public Plan planCreate(FailoverRequest request, String sharedSecret) throws IOException {
        FailoverRequest r = request.withDefaults();
        if (r.hasSharedSecret() != (sharedSecret != null && !sharedSecret.isEmpty())) {
            throw new IllegalArgumentException("the request and the shared secret disagree");
        }
        ServerView a, b;
        try (WindowsSession sa = servers.open(r.serverA()); WindowsSession sb = servers.open(r.partnerB())) {
            a = WindowsServers.view(sa);
            b = WindowsServers.view(sb);
        }
        List<FieldProblem> problems = FailoverRules.check(r, a, b);
        if (!problems.isEmpty()) throw new Refused(problems);
        WindowsOperation op = new WindowsOperation("create", r.name(), r.serverA(), r.partnerB(), r.scopeIds(),
                WindowsOperation.requestJson(r), null, null);
        return new Plan(op, "Create failover relationship " + r.name() + " between " + r.serverA() + " and "
                + r.partnerB(), WindowsDiffs.create(r), sharedSecret);
    }

    // ---- scopes ----

    public Plan planScopes(String relationship, boolean add, List<String> scopeIds) throws IOException {
        String on = sourceOfTruth(relationship);
        ServerView a, b;
        try (WindowsSession sa = servers.open(on)) {
            a = WindowsServers.view(sa);
        }
        WinFailover f = a.failover(relationship).orElseThrow(() -> new Refused(List.of(new FieldProblem(
                FailoverRules.RELATIONSHIP, on + " has no failover relationship named " + relationship))));
        String partner = servers.record(f.partner()).name();
        List<FieldProblem> problems;
        if (add) {
            try (WindowsSession sb = servers.open(partner)) {
                b = WindowsServers.view(sb);
            }
            problems = FailoverRules.checkAddScopes(relationship, scopeIds, a, b);
        } else {
            problems = FailoverRules.checkRemoveScopes(relationship, scopeIds, a);
        }
        if (!problems.isEmpty()) throw new Refused(problems);
        WindowsOperation op = new WindowsOperation(add ? "scope-add" : "scope-remove", relationship, on, partner,
                scopeIds, null, null, null);
        String list = String.join(", ", scopeIds);
        return new Plan(op, (add ? "Add " + list + " to " : "Remove " + list + " from ") + "failover relationship "
                + relationship, WindowsDiffs.scopes(relationship, on, partner, add, scopeIds), null);
    }

    // ---- remove ----

    /**
     * Removes the relationship, run on {@code keepOn}, which keeps its scopes; the other server's copies are deleted
     * ({@code deleteOther}) or kept inactive.
     */
    public Plan planRemove(String relationship, String keepOn, boolean deleteOther) throws IOException {
        tandem.core.Relationship rel = relationship(relationship);
        List<String> partners = rel.peers().stream().map(tandem.core.PeerDefinition::name).toList();
        String keep = partners.stream().filter(p -> p.equalsIgnoreCase(keepOn)).findFirst().orElseThrow(() -> new Refused(
                List.of(new FieldProblem("--keep-on", keepOn + " is not a server of " + relationship + " (its servers: "
                        + String.join(", ", partners) + ")"))));
        String other = partners.stream().filter(p -> !p.equals(keep)).findFirst().orElseThrow(() -> new Refused(
                List.of(new FieldProblem(FailoverRules.RELATIONSHIP, relationship + " has no partner"))));
        WinFailover f;
        try (WindowsSession s = servers.open(keep)) {
            f = WindowsServers.view(s).failover(relationship).orElseThrow(() -> new Refused(List.of(new FieldProblem(
                    FailoverRules.RELATIONSHIP, keep + " has no failover relationship named " + relationship))));
        }
        WindowsOperation op = new WindowsOperation("remove", f.name(), keep, servers.record(other).name(), f.scopeIds(),
                null, null, deleteOther ? "delete" : "disable");
        List<String> diff = new ArrayList<>();
        diff.add("- failover relationship " + f.name() + " on " + keep + " and " + op.other());
        for (String scope : f.scopeIds()) {
            diff.add("  scope " + scope + ": kept on " + keep + (deleteOther ? ", deleted on " : ", kept inactive on ") + op.other());
        }
        return new Plan(op, "Remove failover relationship " + f.name() + " (" + keep + " keeps its scopes; " + op.other()
                + (deleteOther ? " deletes" : " disables") + " its copies)", String.join("\n", diff) + "\n", null);
    }

    // ---- replication ----

    /** What to replicate: one scope, one relationship's scopes, or every failover scope of a server. */
    public record ReplicateTarget(String scopeId, String relationship, String server) {}

    /** Per scope, what its destination loses and gains. */
    public record ReplicationPlan(Plan plan, String source, List<ScopeDiff> scopes, Map<String, String> destinations,
                                  List<tandem.core.access.Need> needs) {
        /** A plan whose permission needs are not known: a DHCP administrator's. */
        public ReplicationPlan(Plan plan, String source, List<ScopeDiff> scopes, Map<String, String> destinations) {
            this(plan, source, scopes, destinations, null);
        }
    }

    /** One scope's outcome, read back from its destination. */
    public record ScopeOutcome(String scopeId, String destination, boolean replicated, String detail) {}

    /** {@code from}: the source server; null for the relationship's source of truth. */
    public ReplicationPlan planReplicate(ReplicateTarget target, String from) throws IOException {
        List<WindowsReplication.Item> items = new ArrayList<>();
        String source;
        String label;
        if (target.server() != null) {
            source = servers.record(target.server()).name();
            if (from != null && !servers.record(from).name().equals(source)) {
                throw new Refused(List.of(new FieldProblem("--from", "with --server the source is that server ("
                        + source + ")")));
            }
            ServerView v = view(source);
            for (WinFailover f : v.failovers()) {
                String partner = servers.record(f.partner()).name();
                f.scopeIds().forEach(id -> items.add(new WindowsReplication.Item(id, f.name(), partner)));
            }
            label = "every failover scope of " + source;
        } else {
            tandem.core.Relationship rel = target.relationship() != null ? relationship(target.relationship())
                    : relationshipOfScope(target.scopeId());
            source = from != null ? servers.record(from).name() : currentSourceOfTruth(rel);
            if (rel.peers().stream().noneMatch(p -> p.name().equalsIgnoreCase(source))) {
                throw new Refused(List.of(new FieldProblem("--from", source + " is not a server of " + rel.name())));
            }
            String destination = rel.peers().stream().map(tandem.core.PeerDefinition::name)
                    .filter(p -> !p.equalsIgnoreCase(source)).findFirst().orElseThrow();
            WinFailover f = view(source).failover(rel.name()).orElseThrow(() -> new Refused(List.of(new FieldProblem(
                    FailoverRules.RELATIONSHIP, source + " has no failover relationship named " + rel.name()))));
            if (target.scopeId() != null) {
                if (!f.hasScope(target.scopeId())) {
                    throw new Refused(List.of(new FieldProblem("--scope", target.scopeId() + " is not a scope of "
                            + rel.name() + " on " + source)));
                }
                items.add(new WindowsReplication.Item(target.scopeId().strip(), rel.name(), servers.record(destination).name()));
                label = "scope " + target.scopeId().strip();
            } else {
                f.scopeIds().forEach(id -> items.add(new WindowsReplication.Item(id, rel.name(), servers.record(destination).name())));
                label = "the scopes of " + rel.name();
            }
        }
        if (items.isEmpty()) throw new Refused(List.of(new FieldProblem(target.server() != null ? "--server"
                : "--relationship", "there is no failover scope to replicate")));
        return WindowsReplication.plan(servers, source, items, label, target.server() != null);
    }

    /** Replicates scope by scope, telling {@code progress} of each outcome as it is known. */
    public List<ScopeOutcome> replicate(ReplicationPlan plan, java.util.function.Consumer<ScopeOutcome> progress) throws IOException {
        return WindowsReplication.run(runner, servers, plan, progress);
    }

    /** The Windows relationship that holds a scope, as its source of truth says. */
    private tandem.core.Relationship relationshipOfScope(String scopeId) throws IOException {
        for (tandem.core.Relationship r : inventory.relationships()) {
            if (r.backend() != tandem.core.Backend.WINDOWS || r.mode() == tandem.core.HaMode.STANDALONE) continue;
            Optional<WinFailover> f = view(r.serverName()).failover(r.name());
            if (f.isPresent() && f.get().hasScope(scopeId.strip())) return r;
        }
        throw new Refused(List.of(new FieldProblem("--scope", scopeId + " is in no Windows failover relationship of the inventory")));
    }

    /** The source of truth the last poll named, else the server the relationship was added through. */
    private String currentSourceOfTruth(tandem.core.Relationship rel) {
        String polled = sourceOfTruth.apply(rel.name());
        return polled != null ? polled : rel.serverName();
    }

    // ---- settings ----

    /** {@code sharedSecret}: null keeps it, empty turns authentication off. */
    public Plan planSettings(FailoverChange change, String sharedSecret) throws IOException {
        if (change.changesNothing() && sharedSecret == null) {
            throw new Refused(List.of(new FieldProblem(FailoverRules.RELATIONSHIP, "nothing to change")));
        }
        boolean secretOnly = change.changesNothing();
        String on = sourceOfTruth(change.relationship());
        ServerView a;
        try (WindowsSession s = servers.open(on)) {
            a = WindowsServers.view(s);
        }
        // a new or no shared secret alone has no rule beyond the relationship being there
        List<FieldProblem> problems = secretOnly
                ? a.failover(change.relationship()).isPresent() ? List.of() : List.of(new FieldProblem(FailoverRules.RELATIONSHIP,
                        on + " has no failover relationship named " + change.relationship()))
                : FailoverRules.checkChange(change, a);
        if (!problems.isEmpty()) throw new Refused(problems);
        WinFailover f = a.failover(change.relationship()).orElseThrow();
        FailoverChange previous = new FailoverChange(f.name(),
                change.loadBalancePercent() == null ? null : f.loadBalancePercent(),
                change.reservePercent() == null ? null : f.reservePercent(),
                change.mcltSec() == null ? null : f.mcltSec(),
                change.switchoverIntervalSec() == null ? null
                        : (f.autoStateTransition() && f.switchIntervalSec() != null ? f.switchIntervalSec() : 0L));
        String partner = servers.record(f.partner()).name();
        WindowsOperation op = new WindowsOperation("settings", f.name(), on, partner, List.of(),
                WindowsOperation.changeJson(change), WindowsOperation.changeJson(previous),
                sharedSecret == null ? null : sharedSecret.isEmpty() ? "secret-off" : "secret-set");
        return new Plan(op, "Change the settings of failover relationship " + f.name(),
                WindowsDiffs.settings(previous, change, f.enableAuth(), sharedSecret), sharedSecret);
    }

    // ---- configuration tables ----

    /**
     * An edit of a reservation, an option value or a scope, made on the relationship's source of truth and, for a
     * failover scope or a server-level option of a failover relationship, on its partner too (see WindowsConfigEdits).
     */
    public Plan planConfig(String relationship, ConfigEdit edit) throws IOException {
        String on = sourceOfTruth(relationship);
        tandem.core.Relationship rel = inventory.relationships().stream().filter(r -> r.name().equalsIgnoreCase(relationship)
                && r.backend() == tandem.core.Backend.WINDOWS).findFirst().orElseThrow();
        String partner = rel.mode() == tandem.core.HaMode.STANDALONE ? null : rel.peers().stream()
                .map(tandem.core.PeerDefinition::name).filter(p -> !p.equalsIgnoreCase(on)).findFirst()
                .map(p -> servers.record(p).name()).orElse(null);
        return WindowsConfigEdits.plan(servers, rel.name(), servers.record(on).name(), partner, edit);
    }

    /**
     * A scope's whole configuration on the server; {@code scopeId} null: the scope holding the reservation at
     * {@code reservedIp}. Null when there is none.
     */
    public ScopeConfig scopeConfig(String server, String scopeId, String reservedIp) throws IOException {
        try (WindowsSession s = servers.open(server)) {
            return WindowsConfigEdits.scopeOf(s, scopeId, reservedIp);
        }
    }

    /** The server-level option values. */
    public List<WinOptionValue> serverOptions(String server) throws IOException {
        try (WindowsSession s = servers.open(server)) {
            return WindowsConfigEdits.serverOptions(s);
        }
    }

    // ---- undo ----

    /** The change that undoes journaled change {@code id}; refused when it cannot be undone, saying why. */
    public Plan planUndo(long id) { return WindowsUndo.plan(journal, id); }

    /** Settles entries of this kind that a process left unfinished, by reading the servers. */
    public tandem.core.change.Settler settler() { return WindowsUndo.settler(servers); }

    // ---- drift ----

    /** Compares every Windows relationship's failover scopes on both partners, and their clocks. */
    public WindowsDrift.Report drift() {
        return WindowsDrift.check(servers, inventory.relationships());
    }

    // ---- reading, for dialogs ----

    /** The server's relationships and scopes as it says now. */
    public ServerView view(String server) throws IOException {
        try (WindowsSession s = servers.open(server)) {
            return WindowsServers.view(s);
        }
    }

    /** The inventory's Windows servers, by name. */
    public List<String> serverNames() {
        return inventory.servers().stream().filter(r -> r.backend() == tandem.core.Backend.WINDOWS)
                .map(tandem.core.ServerRecord::name).toList();
    }

    // ---- apply ----

    public String apply(Plan plan) throws IOException {
        WindowsOperation op = plan.operation();
        try {
            return runner.run(new ChangeJob<String>() {
                @Override public String relationship() { return op.relationship(); }
                @Override public String kind() { return KIND; }
                @Override public String description() { return plan.description(); }
                @Override public List<String> locks() {
                    return op.other() == null ? List.of(ChangeLocks.relationshipLock(op.relationship()), serverLock(op.on()))
                            : List.of(ChangeLocks.relationshipLock(op.relationship()), serverLock(op.on()), serverLock(op.other()));
                }
                @Override public List<String> servers() { return op.other() == null ? List.of(op.on()) : List.of(op.on(), op.other()); }
                @Override public String diff() { return plan.diff(); }
                @Override public String journaled() { return op.toJson(); }
                @Override public List<tandem.core.access.Need> needs() { return WindowsChangeNeeds.of(op); }
                @Override public String apply(Context ctx) {
                    try {
                        return WindowsApply.apply(op, plan.sharedSecret(), servers, ctx);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            // the relationships Tandem shows follow what the servers now say
            try {
                inventory.redetect(op.on());
                if (op.other() != null) inventory.redetect(op.other());
            } catch (RuntimeException e) {
                // the next reconnection reads them again
            }
        }
    }

    /**
     * After {@code added} joined the inventory: relationships that came in through a partner and name it as Windows
     * does (e.g. its FQDN) are read again, so that they reach it with its own login and show it by its name.
     * Returns the servers read again.
     */
    public List<String> partnerAdded(String added) {
        List<String> redone = new ArrayList<>();
        for (tandem.core.Relationship r : inventory.relationships()) {
            if (r.backend() != tandem.core.Backend.WINDOWS || r.serverName().equalsIgnoreCase(added) || redone.contains(r.serverName())) continue;
            boolean names = r.peers().stream().anyMatch(p -> !p.name().equals(added)
                    && servers.peers().record(p.name()).map(x -> x.name().equals(added)).orElse(false));
            if (names) {
                inventory.redetect(r.serverName());
                redone.add(r.serverName());
            }
        }
        return redone;
    }

    tandem.core.Relationship relationship(String name) {
        return inventory.relationships().stream().filter(r -> r.name().equalsIgnoreCase(name)
                        && r.backend() == tandem.core.Backend.WINDOWS && r.mode() != tandem.core.HaMode.STANDALONE).findFirst()
                .orElseThrow(() -> new Refused(List.of(new FieldProblem(FailoverRules.RELATIONSHIP,
                        "there is no Windows failover relationship named " + name + " in the inventory"))));
    }

    /** The server a relationship's changes run on: the server it was added through (its source of truth). */
    String sourceOfTruth(String relationship) {
        return inventory.relationships().stream().filter(r -> r.name().equalsIgnoreCase(relationship)
                        && r.backend() == tandem.core.Backend.WINDOWS).findFirst()
                .map(tandem.core.Relationship::serverName)
                .orElseThrow(() -> new Refused(List.of(new FieldProblem(FailoverRules.RELATIONSHIP,
                        "there is no Windows failover relationship named " + relationship + " in the inventory"))));
    }

    static String serverLock(String server) { return "windows-server:" + server; }

    static List<String> join(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
