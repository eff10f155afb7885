package tandem.windows;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import tandem.core.change.ChangeJob.Context;
import tandem.core.port.ReplicationStore.Status;
import tandem.core.port.ReplicationStore.TargetOutcome;
import tandem.windows.ps.PsFailure;

/**
 * Applies one journaled Windows change with the locks held: rules checked again on what the servers say now, the
 * cmdlets sent, both partners read back, each server's outcome recorded.
 */
final class WindowsApply {
    private WindowsApply() {}

    /** RFC 5737 TEST-NET-1: never a real network, so a placeholder scope in it collides with nothing. */
    static final String PLACEHOLDER_NET = "192.0.2.";

    static String apply(WindowsOperation op, String secret, WindowsServers servers, Context ctx) throws IOException {
        return switch (op.op()) {
            case "create" -> create(op, secret, servers, ctx);
            case "scope-add", "scope-remove" -> scopes(op, servers, ctx);
            case "remove", "undo-create" -> remove(op, servers, ctx);
            case "settings" -> settings(op, secret, servers, ctx);
            case WindowsConfigEdits.OP -> WindowsConfigEdits.apply(op, servers, ctx);
            default -> throw new IllegalArgumentException("unknown Windows change " + op.op());
        };
    }

    private static String create(WindowsOperation op, String secret, WindowsServers servers, Context ctx) throws IOException {
        FailoverRequest r = WindowsRequests.request(op.request());
        try (WindowsSession a = servers.open(op.on()); WindowsSession b = servers.open(op.other())) {
            ServerView va = WindowsServers.view(a), vb = WindowsServers.view(b);
            List<FieldProblem> problems = FailoverRules.check(r, va, vb);
            if (!problems.isEmpty()) {
                ctx.target(op.on(), TargetOutcome.SKIPPED, "no longer possible: " + problems);
                ctx.settleAs(Status.FAILED);
                throw new WindowsChangeService.Refused(problems);
            }
            List<String> scopes = r.scopeIds();
            String placeholder = null;
            if (scopes.isEmpty()) {
                // Windows creates a relationship only with a scope: a placeholder, removed again at once
                placeholder = placeholder(va, vb);
                sendOrRecord(ctx, op.on(), a, WindowsScripts.addInactiveScope("Tandem placeholder for " + r.name(),
                        placeholder.substring(0, placeholder.lastIndexOf('.') + 1) + (last(placeholder) + 1),
                        placeholder.substring(0, placeholder.lastIndexOf('.') + 1) + (last(placeholder) + 6), "255.255.255.248"));
                scopes = List.of(placeholder);
            }
            ctx.appliedTo(op.on());
            try {
                a.run(WindowsScripts.addFailover(r, op.other(), scopes, secret));
            } catch (IOException e) {
                if (placeholder != null) quietly(a, WindowsScripts.removeScope(placeholder));
                ctx.target(op.on(), e instanceof PsFailure ? TargetOutcome.FAILED : TargetOutcome.UNKNOWN, e.getMessage());
                throw e;
            }
            if (placeholder != null) {
                a.run(WindowsScripts.removeFailoverScopes(r.name(), List.of(placeholder)));
                a.run(WindowsScripts.removeScope(placeholder));
            }
            ctx.inverse(new WindowsOperation("undo-create", r.name(), op.on(), op.other(), List.of(), null, null, null).toJson());
            return readBack(op, a, b, ctx);
        }
    }

    private static String scopes(WindowsOperation op, WindowsServers servers, Context ctx) throws IOException {
        boolean add = op.op().equals("scope-add");
        try (WindowsSession a = servers.open(op.on()); WindowsSession b = servers.open(op.other())) {
            ServerView va = WindowsServers.view(a);
            List<FieldProblem> problems = add ? FailoverRules.checkAddScopes(op.relationship(), op.scopeIds(), va, WindowsServers.view(b))
                    : FailoverRules.checkRemoveScopes(op.relationship(), op.scopeIds(), va);
            if (!problems.isEmpty()) {
                ctx.target(op.on(), TargetOutcome.SKIPPED, "no longer possible: " + problems);
                ctx.settleAs(Status.FAILED);
                throw new WindowsChangeService.Refused(problems);
            }
            ctx.appliedTo(op.on());
            sendOrRecord(ctx, op.on(), a, add ? WindowsScripts.addFailoverScopes(op.relationship(), op.scopeIds())
                    : WindowsScripts.removeFailoverScopes(op.relationship(), op.scopeIds()));
            ctx.inverse(new WindowsOperation(add ? "scope-remove" : "scope-add", op.relationship(), op.on(), op.other(),
                    op.scopeIds(), null, null, null).toJson());
            return readBack(op, a, b, ctx);
        }
    }

    /**
     * Removes the relationship on {@code on}, which keeps the scopes. Windows deletes the partner's copies; where it
     * left one, or the administrator wants them kept inactive, Tandem finishes the job from what it read before.
     * Undoing a create is a removal that keeps the scopes on the server they came from, the partner's copies deleted.
     */
    private static String remove(WindowsOperation op, WindowsServers servers, Context ctx) throws IOException {
        boolean delete = !"disable".equals(op.otherAction());
        try (WindowsSession keep = servers.open(op.on()); WindowsSession other = servers.open(op.other())) {
            ServerView before = WindowsServers.view(keep);
            WinFailover f = before.failover(op.relationship()).orElse(null);
            if (f == null) {
                ctx.target(op.on(), TargetOutcome.SKIPPED, "no failover relationship " + op.relationship() + " any more");
                ctx.settleAs(Status.FAILED);
                throw new WindowsChangeService.Refused(List.of(new FieldProblem(FailoverRules.RELATIONSHIP,
                        op.on() + " has no failover relationship named " + op.relationship())));
            }
            WindowsServers.view(other); // the partner must answer before the relationship goes (its copies are handled next)
            java.util.Map<String, ScopeConfig> copies = delete ? java.util.Map.of()
                    : WindowsServers.scopeConfigs(other, f.scopeIds());
            ctx.appliedTo(op.on());
            sendOrRecord(ctx, op.on(), keep, WindowsScripts.removeFailover(op.relationship()));
            ctx.target(op.on(), TargetOutcome.APPLIED, "relationship removed; keeps " + (f.scopeIds().isEmpty()
                    ? "no scopes" : String.join(", ", f.scopeIds())));
            ServerView after = WindowsServers.view(other);
            List<String> done = new java.util.ArrayList<>();
            for (String scope : f.scopeIds()) {
                if (delete) {
                    if (after.hasScope(scope)) other.run(WindowsScripts.removeScope(scope));
                    done.add(scope + " deleted");
                } else if (after.hasScope(scope)) {
                    other.run(WindowsScripts.deactivateScope(scope));
                    done.add(scope + " inactive");
                } else if (copies.containsKey(scope)) {
                    other.run(WindowsScripts.recreateInactive(copies.get(scope)));
                    done.add(scope + " kept inactive");
                }
            }
            ctx.target(op.other(), TargetOutcome.APPLIED, done.isEmpty() ? "relationship removed" : String.join(", ", done));
            return op.relationship() + " removed; " + op.on() + " keeps its scopes"
                    + (done.isEmpty() ? "" : "; on " + op.other() + ": " + String.join(", ", done));
        }
    }

    private static String settings(WindowsOperation op, String secret, WindowsServers servers, Context ctx) throws IOException {
        FailoverChange change = WindowsRequests.change(op.request());
        try (WindowsSession a = servers.open(op.on()); WindowsSession b = servers.open(op.other())) {
            ServerView va = WindowsServers.view(a);
            List<FieldProblem> problems = change.changesNothing()
                    ? va.failover(op.relationship()).isPresent() ? List.of() : List.of(new FieldProblem(FailoverRules.RELATIONSHIP,
                            op.on() + " has no failover relationship named " + op.relationship()))
                    : FailoverRules.checkChange(change, va);
            if (!problems.isEmpty()) {
                ctx.target(op.on(), TargetOutcome.SKIPPED, "no longer possible: " + problems);
                ctx.settleAs(Status.FAILED);
                throw new WindowsChangeService.Refused(problems);
            }
            ctx.appliedTo(op.on());
            sendOrRecord(ctx, op.on(), a, WindowsScripts.setFailover(change, "secret-off".equals(op.otherAction()) ? "" : secret));
            // the shared secret cannot be read back, so an undo restores the other settings only
            if (op.previous() != null && !change.changesNothing()) {
                ctx.inverse(new WindowsOperation("settings", op.relationship(), op.on(), op.other(), List.of(),
                        op.previous(), op.request(), null).toJson());
            }
            return readBack(op, a, b, ctx);
        }
    }

    /** Sends a script; a failure is recorded for the server (refused, or unknown when the answer was lost). */
    private static void sendOrRecord(Context ctx, String server, WindowsSession s, tandem.windows.ps.PsScript script) throws IOException {
        try {
            s.run(script);
        } catch (IOException e) {
            ctx.target(server, e instanceof PsFailure ? TargetOutcome.FAILED : TargetOutcome.UNKNOWN, e.getMessage());
            throw e;
        }
    }

    /** Both partners read after the change: what each now has, as the audit and the outcome say it. */
    private static String readBack(WindowsOperation op, WindowsSession a, WindowsSession b, Context ctx) throws IOException {
        String onA = describe(WindowsReads.state(a).failovers().stream().filter(f -> f.name().equalsIgnoreCase(op.relationship())).findFirst());
        ctx.target(op.on(), TargetOutcome.APPLIED, onA);
        String onB;
        try {
            onB = describe(WindowsReads.state(b).failovers().stream().filter(f -> f.name().equalsIgnoreCase(op.relationship())).findFirst());
            ctx.target(op.other(), TargetOutcome.APPLIED, onB);
        } catch (IOException e) {
            onB = "not readable: " + e.getMessage();
            ctx.target(op.other(), TargetOutcome.UNKNOWN, onB);
        }
        return op.on() + ": " + onA + "; " + op.other() + ": " + onB;
    }

    static String describe(Optional<WinFailover> f) {
        if (f.isEmpty()) return "no such relationship";
        WinFailover w = f.get();
        return w.state() + ", scopes " + (w.scopeIds().isEmpty() ? "none" : String.join(", ", w.scopeIds()));
    }

    /** A /29 of TEST-NET-1 that neither server has. */
    static String placeholder(ServerView a, ServerView b) {
        for (int i = 248; i >= 0; i -= 8) {
            String id = PLACEHOLDER_NET + i;
            if (!a.hasScope(id) && !b.hasScope(id)) return id;
        }
        throw new IllegalStateException("every /29 of 192.0.2.0/24 is a scope already");
    }

    private static int last(String ip) { return Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1)); }

    private static void quietly(WindowsSession s, tandem.windows.ps.PsScript script) {
        try {
            s.run(script);
        } catch (IOException e) {
            // the placeholder is inactive and serves nobody; the failure is reported with the change's
        }
    }
}
