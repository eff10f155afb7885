package tandem.windows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tandem.core.change.ChangeLocks;
import tandem.core.change.Settler;
import tandem.core.port.ReplicationStore;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.windows.WindowsChangeService.Plan;

/**
 * Undoing a journaled Windows change, and settling one a process left unfinished. A create is undone by removing the
 * relationship (the scopes stay on the server they came from); scopes added are taken out again and the other way
 * round; settings go back to what they were (the shared secret excepted: Windows never reads it back); a table item's
 * edit (reservation, option value, scope properties, superscope) goes back to what each server had. Removing a
 * relationship and replicating cannot be undone: what the partner had is gone.
 */
final class WindowsUndo {
    private WindowsUndo() {}

    static Plan plan(ReplicationStore journal, long id) {
        JournalEntry e = journal.entry(id).orElseThrow(() -> refused("There is no change #" + id + " in the journal"));
        if (!WindowsChangeService.KIND.equals(e.kind())) throw refused("Change #" + id + " is not a Windows failover change");
        WindowsOperation done = WindowsOperation.fromJson(e.change());
        if (done.op().equals("remove") || done.op().equals("replicate") || done.op().equals("undo-create")) {
            throw refused("Change #" + id + " (" + e.description() + ") cannot be undone: what the partner had is gone;"
                    + (done.op().equals("replicate") ? " replicate from the other partner to go back" : " create the relationship again"));
        }
        if (e.status() != Status.APPLIED || e.inverse() == null) {
            throw refused("Change #" + id + " is " + e.status().name().toLowerCase().replace('_', ' ')
                    + ": only an applied change can be undone");
        }
        WindowsOperation inverse = WindowsOperation.fromJson(e.inverse());
        if (WindowsConfigEdits.OP.equals(inverse.op())) {
            return WindowsConfigEdits.undoPlan(inverse, "Undo change #" + id + ": " + e.description());
        }
        String diff = switch (inverse.op()) {
            case "undo-create" -> "- failover relationship " + inverse.relationship() + " (its scopes stay on " + inverse.on()
                    + "; the copies on " + inverse.other() + " are deleted)\n";
            case "scope-add", "scope-remove" -> WindowsDiffs.scopes(inverse.relationship(), inverse.on(), inverse.other(),
                    inverse.op().equals("scope-add"), inverse.scopeIds());
            case "settings" -> WindowsDiffs.settings(WindowsRequests.change(inverse.previous()),
                    WindowsRequests.change(inverse.request()), false, null);
            default -> throw refused("Change #" + id + " cannot be undone");
        };
        return new Plan(inverse, "Undo change #" + id + ": " + e.description(), diff, null);
    }

    private static WindowsChangeService.Refused refused(String message) {
        return new WindowsChangeService.Refused(List.of(new FieldProblem("ID", message)));
    }

    /** A table item's edit: applied when its first server shows the item as it should be, failed when as it was. */
    private static Settler.Settlement settleConfig(WindowsServers servers, WindowsOperation op) {
        try {
            Map<String, String> seen = new LinkedHashMap<>();
            if (WindowsConfigEdits.shows(servers, op, "after")) {
                seen.put(op.on(), "shows the change");
                return new Settler.Settlement(Status.APPLIED, seen, op.on() + " shows the change"
                        + (op.other() == null ? "" : "; compare " + op.other() + " with `tandem windows drift`"));
            }
            if (WindowsConfigEdits.shows(servers, op, "before")) {
                seen.put(op.on(), "shows nothing of the change");
                return new Settler.Settlement(Status.FAILED, seen, op.on() + " shows nothing of the change");
            }
            seen.put(op.on(), "neither as before nor as after");
            return new Settler.Settlement(Status.CONFLICT, seen, "cut short: " + op.on() + " shows the item neither as it was nor as it should be");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads the servers back: the change is applied when they show what it makes, failed when they show what was before. */
    static Settler settler(WindowsServers servers) {
        return new Settler() {
            @Override public List<String> locks(JournalEntry entry) {
                WindowsOperation op = WindowsOperation.fromJson(entry.change());
                List<String> l = new ArrayList<>(List.of(ChangeLocks.relationshipLock(op.relationship())));
                l.add(WindowsChangeService.serverLock(op.on()));
                if (op.other() != null) l.add(WindowsChangeService.serverLock(op.other()));
                return l;
            }

            @Override public Settlement settle(JournalEntry entry, List<ReplicationStore.Target> targets) {
                WindowsOperation op = WindowsOperation.fromJson(entry.change());
                if (WindowsConfigEdits.OP.equals(op.op())) return settleConfig(servers, op);
                Map<String, String> seen = new LinkedHashMap<>();
                Optional<WinFailover> f;
                try (WindowsSession s = servers.open(op.on())) {
                    f = WindowsReads.state(s).failovers().stream().filter(x -> x.name().equalsIgnoreCase(op.relationship())).findFirst();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                seen.put(op.on(), WindowsApply.describe(f));
                boolean done = switch (op.op()) {
                    case "create" -> f.isPresent();
                    case "remove", "undo-create" -> f.isEmpty();
                    case "scope-add" -> f.isPresent() && op.scopeIds().stream().allMatch(f.get()::hasScope);
                    case "scope-remove" -> f.isPresent() && op.scopeIds().stream().noneMatch(f.get()::hasScope);
                    default -> false;
                };
                boolean before = switch (op.op()) {
                    case "create" -> f.isEmpty();
                    case "remove", "undo-create" -> f.isPresent();
                    case "scope-add" -> f.isPresent() && op.scopeIds().stream().noneMatch(f.get()::hasScope);
                    case "scope-remove" -> f.isPresent() && op.scopeIds().stream().allMatch(f.get()::hasScope);
                    default -> false;
                };
                if (done) return new Settlement(Status.APPLIED, seen, op.on() + " shows the change");
                if (before) return new Settlement(Status.FAILED, seen, op.on() + " shows nothing of the change");
                return new Settlement(Status.CONFLICT, seen, "cut short: read " + op.relationship() + " on both partners"
                        + " (settings and replication are not read back on their own; `tandem windows drift` compares them)");
            }
        };
    }
}
