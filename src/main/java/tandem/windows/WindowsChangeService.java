package tandem.windows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    public WindowsChangeService(ChangeRunner runner, Inventory inventory, WindowsServers servers, Clock clock) {
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
        throw new UnsupportedOperationException("not yet");
    }

    // ---- replication ----

    /** What to replicate: one scope, one relationship's scopes, or every failover scope of a server. */
    public record ReplicateTarget(String scopeId, String relationship, String server) {}

    /** Per scope, what its destination loses and gains. */
    public record ReplicationPlan(Plan plan, String source, List<ScopeDiff> scopes, Map<String, String> destinations) {}

    /** One scope's outcome, read back from its destination. */
    public record ScopeOutcome(String scopeId, String destination, boolean replicated, String detail) {}

    /** {@code from}: the source server; null for each relationship's source of truth. */
    public ReplicationPlan planReplicate(ReplicateTarget target, String from) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Replicates scope by scope, telling {@code progress} of each outcome as it is known. */
    public List<ScopeOutcome> replicate(ReplicationPlan plan, java.util.function.Consumer<ScopeOutcome> progress) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    // ---- settings ----

    /** {@code sharedSecret}: null keeps it, empty turns authentication off. */
    public Plan planSettings(FailoverChange change, String sharedSecret) throws IOException {
        throw new UnsupportedOperationException("not yet");
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
                    return List.of(ChangeLocks.relationshipLock(op.relationship()), serverLock(op.on()), serverLock(op.other()));
                }
                @Override public List<String> servers() { return List.of(op.on(), op.other()); }
                @Override public String diff() { return plan.diff(); }
                @Override public String journaled() { return op.toJson(); }
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
