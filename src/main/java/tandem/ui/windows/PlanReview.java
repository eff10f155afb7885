package tandem.ui.windows;

import java.util.List;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import tandem.ui.BackgroundTasks;
import tandem.ui.MessageKind;
import tandem.windows.WindowsChangeService.Plan;
import tandem.windows.WindowsChangeService.Refused;

/**
 * The preview-then-apply step every Windows change shares: the plan is made in the background (the servers are
 * read and every rule checked), its diff shown, and only that plan is applied, once. A refusal lands at the fields
 * it names; the outcome is shown after.
 */
public final class PlanReview {
    private final WindowsChanges changes;
    private final BackgroundTasks tasks;
    private final Runnable changed;
    private final ObservableList<String> diff = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Plan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<MessageKind> kind = new ReadOnlyObjectWrapper<>(MessageKind.NONE);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper applied = new ReadOnlyBooleanWrapper(false);

    /** @param changed told (on the FX thread) after a change was applied */
    public PlanReview(WindowsChanges changes, BackgroundTasks tasks, Runnable changed) {
        this.changes = changes;
        this.tasks = tasks;
        this.changed = changed;
    }

    public ObservableList<String> diff() { return diff; }

    /** The plan previewed, or null while there is none (or the input changed since). */
    public ReadOnlyObjectProperty<Plan> planProperty() { return plan.getReadOnlyProperty(); }

    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<MessageKind> kindProperty() { return kind.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty appliedProperty() { return applied.getReadOnlyProperty(); }

    /** Plans in the background; a refusal goes to {@code problems}' fields, the rest to the message. */
    public void preview(Callable<Plan> planning, FieldProblems problems, Runnable onPlanned) {
        preview(planning, problems, onPlanned, () -> {});
    }

    /** As {@link #preview(Callable, FieldProblems, Runnable)}; {@code onRefused} is told after a refusal was shown. */
    public void preview(Callable<Plan> planning, FieldProblems problems, Runnable onPlanned, Runnable onRefused) {
        if (busy.get() || applied.get()) return;
        discard();
        busy.set(true);
        say("Reading the servers and checking the change…", MessageKind.INFO);
        tasks.run(planning, p -> {
            busy.set(false);
            problems.clear();
            plan.set(p);
            diff.setAll(p.diff().lines().toList());
            say(p.description() + ". Review it, then Apply.", MessageKind.INFO);
            onPlanned.run();
        }, failure -> {
            busy.set(false);
            if (failure instanceof Refused r) {
                List<String> elsewhere = problems.show(r.problems());
                say(elsewhere.isEmpty() ? "Correct the marked fields" : String.join("; ", elsewhere), MessageKind.ERROR);
                onRefused.run();
            } else {
                say("Cannot prepare the change: " + text(failure), MessageKind.ERROR);
            }
        });
    }

    /** Applies the previewed plan, once. */
    public void apply() {
        Plan p = plan.get();
        if (p == null || busy.get() || applied.get()) return;
        busy.set(true);
        say("Applying: " + p.description() + "…", MessageKind.INFO);
        tasks.run(() -> changes.apply(p), outcome -> {
            busy.set(false);
            applied.set(true);
            say(outcome == null || outcome.isBlank() ? "Done" : outcome, MessageKind.SUCCESS);
            changed.run();
        }, failure -> {
            busy.set(false);
            say("Not applied: " + text(failure), MessageKind.ERROR);
        });
    }

    /** Forgets the plan: the input changed, so it would no longer be what was shown. */
    public void discard() {
        if (applied.get()) return;
        plan.set(null);
        diff.clear();
    }

    void say(String text, MessageKind k) {
        message.set(text);
        kind.set(k);
    }

    static String text(Throwable t) { return t.getMessage() == null ? t.toString() : t.getMessage(); }
}
