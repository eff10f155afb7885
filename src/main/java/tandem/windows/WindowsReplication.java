package tandem.windows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tandem.core.change.ChangeJob;
import tandem.core.change.ChangeLocks;
import tandem.core.change.ChangeRunner;
import tandem.core.port.ReplicationStore.Status;
import tandem.core.port.ReplicationStore.TargetOutcome;
import tandem.windows.WindowsChangeService.Plan;
import tandem.windows.WindowsChangeService.ReplicationPlan;
import tandem.windows.WindowsChangeService.ScopeOutcome;

/**
 * Failover replication of scopes from a source to its partners: first what each destination loses and gains, then
 * one Invoke-DhcpServerv4FailoverReplication per scope, each outcome read back from its destination. Windows
 * replicates from the server it runs on to the partner, overwriting the partner's copy.
 */
final class WindowsReplication {
    private WindowsReplication() {}

    /** A scope to replicate: its relationship and where it goes. */
    record Item(String scopeId, String relationship, String destination) {}

    /** @param everyScopeOfAServer every failover scope of the source server, not scopes or relationships chosen */
    static ReplicationPlan plan(WindowsServers servers, String source, List<Item> items, String label,
                                boolean everyScopeOfAServer) throws IOException {
        Map<String, List<Item>> byDestination = new LinkedHashMap<>();
        for (Item i : items) byDestination.computeIfAbsent(i.destination(), k -> new ArrayList<>()).add(i);
        List<String> ids = items.stream().map(Item::scopeId).toList();
        List<ScopeDiff> diffs = new ArrayList<>();
        Map<String, String> destinations = new LinkedHashMap<>();
        List<WindowsChangeNeeds.Replicated> replicated = new ArrayList<>();
        try (WindowsSession s = servers.open(source)) {
            Map<String, ScopeConfig> from = WindowsServers.scopeConfigs(s, ids);
            for (Map.Entry<String, List<Item>> e : byDestination.entrySet()) {
                Map<String, ScopeConfig> to;
                try (WindowsSession d = servers.open(e.getKey())) {
                    to = WindowsServers.scopeConfigs(d, e.getValue().stream().map(Item::scopeId).toList());
                }
                for (Item i : e.getValue()) {
                    ScopeConfig src = from.get(i.scopeId());
                    if (src == null) {
                        throw new WindowsChangeService.Refused(List.of(new FieldProblem("--scope", "scope " + i.scopeId()
                                + " does not exist on " + source)));
                    }
                    diffs.add(ScopeDiff.between(src, to.get(i.scopeId())));
                    replicated.add(new WindowsChangeNeeds.Replicated(i.relationship(), i.scopeId(),
                            src.scope().subnetMask(), to.get(i.scopeId()) == null));
                    destinations.put(i.scopeId(), e.getKey());
                }
            }
        }
        Set<String> relationships = new LinkedHashSet<>();
        items.forEach(i -> relationships.add(i.relationship()));
        String first = relationships.isEmpty() ? label : relationships.iterator().next();
        WindowsOperation op = new WindowsOperation("replicate", first, source,
                byDestination.isEmpty() ? null : byDestination.keySet().iterator().next(), ids, null, null,
                String.join(",", relationships));
        StringBuilder diff = new StringBuilder();
        for (ScopeDiff d : diffs) {
            diff.append("scope ").append(d.scopeId()).append(" on ").append(destinations.get(d.scopeId())).append(": ")
                    .append(d.isEmpty() ? "already the same" : d.summary(source, destinations.get(d.scopeId()))).append('\n');
            d.loses().forEach(x -> diff.append("- ").append(x.text()).append('\n'));
            d.gains().forEach(x -> diff.append("+ ").append(x.text()).append('\n'));
        }
        Plan plan = new Plan(op, "Replicate " + label + " from " + source, diff.toString(), null);
        return new ReplicationPlan(plan, source, diffs, destinations,
                WindowsChangeNeeds.replication(everyScopeOfAServer, first, replicated));
    }

    static List<ScopeOutcome> run(ChangeRunner runner, WindowsServers servers, ReplicationPlan rp,
                                  Consumer<ScopeOutcome> progress) throws IOException {
        WindowsOperation op = rp.plan().operation();
        List<String> relationships = List.of(op.otherAction() == null || op.otherAction().isEmpty()
                ? new String[] {op.relationship()} : op.otherAction().split(","));
        List<String> targets = new ArrayList<>(List.of(rp.source()));
        rp.destinations().values().stream().distinct().forEach(targets::add);
        try {
            return runner.run(new ChangeJob<List<ScopeOutcome>>() {
                @Override public String relationship() { return op.relationship(); }
                @Override public String kind() { return WindowsChangeService.KIND; }
                @Override public String description() { return rp.plan().description(); }
                @Override public List<String> locks() {
                    List<String> l = new ArrayList<>();
                    relationships.forEach(r -> l.add(ChangeLocks.relationshipLock(r)));
                    targets.forEach(t -> l.add(WindowsChangeService.serverLock(t)));
                    return l;
                }
                @Override public List<String> servers() { return targets; }
                @Override public String diff() { return rp.plan().diff(); }
                @Override public String journaled() { return op.toJson(); }
                @Override public List<String> announcedOn() { return relationships; }
                @Override public List<tandem.core.access.Need> needs() {
                    return rp.needs() == null ? List.of(tandem.core.access.Need.administrator(op.relationship())) : rp.needs();
                }

                @Override public List<ScopeOutcome> apply(Context ctx) {
                    try {
                        return replicate(servers, rp, progress, ctx);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static List<ScopeOutcome> replicate(WindowsServers servers, ReplicationPlan rp, Consumer<ScopeOutcome> progress,
                                                ChangeJob.Context ctx) throws IOException {
        List<ScopeOutcome> outcomes = new ArrayList<>();
        Map<String, List<String>> failedOn = new LinkedHashMap<>();
        try (WindowsSession s = servers.open(rp.source())) {
            ctx.appliedTo(rp.source());
            for (Map.Entry<String, String> e : rp.destinations().entrySet()) {
                String scope = e.getKey(), destination = e.getValue();
                ScopeOutcome outcome;
                try {
                    s.run(WindowsScripts.replicate(null, List.of(scope)));
                    ScopeConfig src = WindowsServers.scopeConfigs(s, List.of(scope)).get(scope);
                    ScopeConfig dst;
                    try (WindowsSession d = servers.open(destination)) {
                        dst = WindowsServers.scopeConfigs(d, List.of(scope)).get(scope);
                    }
                    ScopeDiff left = ScopeDiff.between(src, dst);
                    outcome = new ScopeOutcome(scope, destination, left.isEmpty(), left.isEmpty()
                            ? "replicated: " + destination + " now has what " + rp.source() + " has"
                            : "replicated, but " + destination + " still " + left.summary(rp.source(), destination));
                } catch (IOException ex) {
                    outcome = new ScopeOutcome(scope, destination, false, ex.getMessage());
                }
                if (!outcome.replicated()) failedOn.computeIfAbsent(destination, k -> new ArrayList<>()).add(scope);
                outcomes.add(outcome);
                progress.accept(outcome);
            }
        }
        ctx.target(rp.source(), TargetOutcome.APPLIED, "replicated from here");
        for (String d : new LinkedHashSet<>(rp.destinations().values())) {
            List<String> failed = failedOn.getOrDefault(d, List.of());
            ctx.target(d, failed.isEmpty() ? TargetOutcome.APPLIED : TargetOutcome.FAILED,
                    failed.isEmpty() ? "every scope replicated" : "not replicated: " + String.join(", ", failed));
        }
        if (!outcomes.isEmpty() && outcomes.stream().noneMatch(ScopeOutcome::replicated)) ctx.settleAs(Status.FAILED);
        return outcomes;
    }
}
