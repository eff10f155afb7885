package tandem.ui.windows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import tandem.windows.FailoverChange;
import tandem.windows.FailoverRequest;
import tandem.windows.FieldProblem;
import tandem.windows.ScopeDiff;
import tandem.windows.ServerView;
import tandem.windows.WinFailover;
import tandem.windows.WinScope;
import tandem.windows.WindowsChangeService.Plan;
import tandem.windows.WindowsChangeService.Refused;
import tandem.windows.WindowsChangeService.ReplicateTarget;
import tandem.windows.WindowsChangeService.ReplicationPlan;
import tandem.windows.WindowsChangeService.ScopeOutcome;
import tandem.windows.WindowsOperation;

/** The backend as the Windows dialogs see it, with servers in memory; records what was planned and applied. */
final class FakeWindowsChanges implements WindowsChanges {
    final Map<String, ServerView> views = new LinkedHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Plan> applied = new CopyOnWriteArrayList<>();
    /** The secrets handed to planning, as given (null: keep). */
    final List<String> secrets = new CopyOnWriteArrayList<>();
    /** Refused instead of planned when set. */
    volatile List<FieldProblem> refuse;
    volatile ReplicationPlan replication;
    volatile List<ScopeOutcome> outcomes = List.of();
    /** When set, replication waits for one permit before each scope, so a test sees it halfway. */
    volatile java.util.concurrent.Semaphore steps;

    static WinScope scope(String id, String name) {
        String base = id.substring(0, id.lastIndexOf('.'));
        return new WinScope(id, name, "255.255.255.0", base + ".10", base + ".200", "Active", "Dhcp", 691200L, "");
    }

    static WinFailover loadBalance(String name, String partner, String... scopes) {
        return new WinFailover(name, partner, "LoadBalance", "Normal", "", "PrimaryServer", 50, null, 3600L, null,
                false, false, List.of(scopes));
    }

    FakeWindowsChanges server(String name, List<WinFailover> failovers, WinScope... scopes) {
        views.put(name, ServerView.of(name, failovers, List.of(scopes)));
        return this;
    }

    @Override public List<String> serverNames() { return new ArrayList<>(views.keySet()); }

    @Override public ServerView view(String server) throws IOException {
        ServerView v = views.get(server);
        if (v == null) throw new IOException("cannot reach " + server);
        return v;
    }

    private Plan plan(String op, String rel, String on, String other, List<String> scopes, String description, String secret) {
        if (refuse != null) throw new Refused(refuse);
        secrets.add(String.valueOf(secret));
        return new Plan(new WindowsOperation(op, rel, on, other, scopes, null, null, null), description,
                "+ " + description + "\n", secret);
    }

    @Override public Plan planCreate(FailoverRequest r, String secret) {
        calls.add("create " + r.name() + " " + r.serverA() + " " + r.partnerB() + " " + r.mode() + " " + r.scopeIds());
        return plan("create", r.name(), r.serverA(), r.partnerB(), r.scopeIds(), "Create failover relationship " + r.name(), secret);
    }

    @Override public Plan planScopes(String rel, boolean add, List<String> ids) {
        calls.add((add ? "scope-add " : "scope-remove ") + rel + " " + ids);
        return plan(add ? "scope-add" : "scope-remove", rel, "dhcp1", "dhcp2", ids, (add ? "Add " : "Remove ") + ids, null);
    }

    @Override public Plan planRemove(String rel, String keepOn, boolean deleteOther) {
        calls.add("remove " + rel + " keep " + keepOn + (deleteOther ? " delete" : " disable"));
        return plan("remove", rel, keepOn, null, List.of(), "Remove " + rel + ", kept on " + keepOn, null);
    }

    @Override public ReplicationPlan planReplicate(ReplicateTarget t, String from) {
        calls.add("plan-replicate " + t + " from " + from);
        if (refuse != null) throw new Refused(refuse);
        return replication;
    }

    @Override public List<ScopeOutcome> replicate(ReplicationPlan p, Consumer<ScopeOutcome> progress) throws IOException {
        calls.add("replicate " + p.scopes().stream().map(ScopeDiff::scopeId).toList());
        for (ScopeOutcome o : outcomes) {
            java.util.concurrent.Semaphore s = steps;
            try {
                if (s != null && !s.tryAcquire(10, java.util.concurrent.TimeUnit.SECONDS)) throw new IOException("not released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            progress.accept(o);
        }
        return outcomes;
    }

    @Override public Plan planSettings(FailoverChange c, String secret) {
        calls.add("settings " + c);
        return plan("settings", c.relationship(), "dhcp1", "dhcp2", List.of(), "Change " + c.relationship(), secret);
    }

    @Override public Plan planUndo(long id) {
        calls.add("undo " + id);
        return plan("create-undo", "fo1", "dhcp1", "dhcp2", List.of(), "Undo change #" + id, null);
    }

    @Override public String apply(Plan p) {
        applied.add(p);
        return "Done: " + p.description();
    }
}
