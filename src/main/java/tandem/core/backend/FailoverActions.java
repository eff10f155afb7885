package tandem.core.backend;

import java.util.List;
import tandem.core.HaActionOutcome;
import tandem.core.Relationship;
import tandem.core.RelationshipState;

/** The HA or failover actions of one backend: which it offers, how they are checked, how they are sent. */
public interface FailoverActions {
    /** None: a backend without actions of its own. */
    FailoverActions NONE = new FailoverActions() {
        @Override public List<ActionKind> offered(Relationship rel) { return List.of(); }

        @Override public ActionPlan plan(Relationship rel, RelationshipState state, ActionRequest request) {
            return new ActionPlan.Refused(rel.name() + " offers no HA or failover actions", null);
        }

        @Override public HaActionOutcome run(PlannedAction action) {
            throw new IllegalArgumentException("No actions for " + action.relationship().name());
        }
    };

    /** In menu order; empty when the relationship has none (a standalone server). */
    List<ActionKind> offered(Relationship rel);

    /**
     * Checks a request against the relationship and its last poll; sends nothing.
     *
     * @param state the last poll, or null when none (then only the configuration is checked)
     */
    ActionPlan plan(Relationship rel, RelationshipState state, ActionRequest request);

    /** Sends a planned action; blocks. Never throws for a server's refusal: the outcome says it. */
    HaActionOutcome run(PlannedAction action);
}
