package tandem.core.backend;

/** The outcome of planning an action: ready to confirm, or why it cannot be done. */
public sealed interface ActionPlan permits ActionPlan.Ready, ActionPlan.Refused {
    record Ready(PlannedAction action) implements ActionPlan {}

    /** @param field the input that caused it ("peer", "scopes", "maxPeriod"), or null when it is the state */
    record Refused(String reason, String field) implements ActionPlan {}
}
