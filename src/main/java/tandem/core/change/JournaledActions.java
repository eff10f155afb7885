package tandem.core.change;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tandem.core.HaActionOutcome;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.backend.ActionKind;
import tandem.core.backend.ActionPlan;
import tandem.core.backend.ActionRequest;
import tandem.core.backend.FailoverActions;
import tandem.core.backend.PlannedAction;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.core.port.ReplicationStore.Target;
import tandem.core.port.ReplicationStore.TargetOutcome;

/**
 * HA and failover actions as changes: each runs through the {@link ChangeRunner}, so it waits for (or is refused by)
 * another writer of the relationship, is journaled before the first server gets it, and is audited with each
 * server's answer.
 */
public final class JournaledActions implements FailoverActions {
    public static final String KIND = "ha-action";

    private final FailoverActions backend;
    private final ChangeRunner runner;

    public JournaledActions(FailoverActions backend, ChangeRunner runner) {
        this.backend = backend;
        this.runner = runner;
        runner.register(KIND, new Settler() {
            @Override public List<String> locks(JournalEntry entry) {
                return List.of(ChangeLocks.relationshipLock(entry.relationship()));
            }

            @Override public Settlement settle(JournalEntry entry, List<Target> targets) {
                Map<String, String> servers = new LinkedHashMap<>();
                targets.forEach(t -> servers.put(t.server(), t.outcome().name().toLowerCase()));
                // an action is not repeated on its own: the servers' HA states, polled anyway, say where they are
                return new Settlement(Status.FAILED, servers, "interrupted before every server answered; the status "
                        + "shows each server's HA state now");
            }
        });
    }

    @Override
    public List<ActionKind> offered(Relationship rel) { return backend.offered(rel); }

    @Override
    public ActionPlan plan(Relationship rel, RelationshipState state, ActionRequest request) {
        return backend.plan(rel, state, request);
    }

    @Override
    public HaActionOutcome run(PlannedAction action) {
        return runner.run(new ChangeJob<HaActionOutcome>() {
            @Override public String relationship() { return action.relationship().name(); }
            @Override public String kind() { return KIND; }
            @Override public String description() {
                return action.kind().label() + " (" + action.kind().command() + " to " + String.join(", ", action.targets()) + ")";
            }
            @Override public List<String> locks() { return List.of(ChangeLocks.relationshipLock(relationship())); }
            @Override public List<String> servers() { return action.targets(); }
            @Override public String diff() { return ""; }

            @Override public HaActionOutcome apply(Context ctx) {
                HaActionOutcome outcome = backend.run(action);
                for (HaActionOutcome.PeerReply r : outcome.replies()) {
                    ctx.target(r.peer(), r.accepted() ? TargetOutcome.APPLIED : TargetOutcome.FAILED, r.text());
                }
                return outcome;
            }

            @Override public String outcome(HaActionOutcome result, Context ctx) {
                return switch (result.result()) {
                    case DONE -> "applied";
                    case REFUSED -> "refused: " + result.message();
                    case FAILED -> "failed: " + result.message();
                };
            }
        });
    }
}
