package tandem.ui.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import tandem.ui.BackgroundTasks;
import tandem.ui.MessageKind;
import tandem.windows.ScopeDiff;
import tandem.windows.WindowsChangeService.ReplicateTarget;
import tandem.windows.WindowsChangeService.ReplicationPlan;
import tandem.windows.WindowsChangeService.ScopeOutcome;

/**
 * Replicate: what (one scope, the relationship, or every failover scope of a server) and from where (by default
 * each relationship's source of truth); then, per scope, what its destination loses and gains; then Apply, scope by
 * scope, with the progress and each scope's outcome.
 */
public final class ReplicateViewModel {
    public enum What { SCOPE, RELATIONSHIP, SERVER }

    /** A source to replicate from; {@code server} null for each relationship's source of truth. */
    public record Source(String server, String label) {
        @Override public String toString() { return label; }
    }

    /** One scope of the plan: where it goes and what its destination loses and gains. */
    public record ScopeRow(String scopeId, String destination, String summary, List<ScopeDiff.Item> loses,
                           List<ScopeDiff.Item> gains, boolean unchanged) {}

    private final WindowsChanges changes;
    private final BackgroundTasks tasks;
    private final Runnable changed;
    private final String relationship;
    private final List<String> servers;
    private final ObjectProperty<What> what = new SimpleObjectProperty<>(What.RELATIONSHIP);
    private final ObjectProperty<String> scope = new SimpleObjectProperty<>();
    private final ObjectProperty<String> server = new SimpleObjectProperty<>();
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>();
    private final ObservableList<String> scopeIds = FXCollections.observableArrayList();
    private final ObservableList<Source> sources = FXCollections.observableArrayList();
    private final ObservableList<ScopeRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ScopeOutcome> outcomes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ReplicationPlan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<MessageKind> kind = new ReadOnlyObjectWrapper<>(MessageKind.NONE);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper applied = new ReadOnlyBooleanWrapper(false);

    /**
     * @param servers the relationship's two servers, its source of truth first
     * @param scopeId the scope to preselect, or null to replicate the relationship
     */
    public ReplicateViewModel(WindowsChanges changes, BackgroundTasks tasks, String relationship, List<String> servers,
                              String scopeId, Runnable changed) {
        this.changes = changes;
        this.tasks = tasks;
        this.changed = changed;
        this.relationship = relationship;
        this.servers = List.copyOf(servers);
        sources.add(new Source(null, "The source of truth (" + servers.get(0) + ")"));
        for (String s : servers) sources.add(new Source(s, s));
        source.set(sources.get(0));
        server.set(servers.get(0));
        if (scopeId != null) {
            scopeIds.add(scopeId);
            scope.set(scopeId);
            what.set(What.SCOPE);
        }
        for (javafx.beans.value.ObservableValue<?> v : List.of(what, scope, server, source)) {
            v.addListener((o, was, now) -> discard());
        }
    }

    /** Reads the relationship's scopes from its source of truth, to choose one. */
    public void load() {
        tasks.run(() -> changes.view(servers.get(0)), view -> view.failover(relationship).ifPresent(f -> {
            String chosen = scope.get();
            scopeIds.setAll(f.scopeIds());
            if (chosen == null && !scopeIds.isEmpty()) scope.set(scopeIds.get(0));
            else scope.set(chosen);
        }), failure -> say("Cannot read " + servers.get(0) + ": " + PlanReview.text(failure), MessageKind.ERROR));
    }

    public String relationship() { return relationship; }
    public List<String> servers() { return servers; }
    public ObjectProperty<What> whatProperty() { return what; }
    public ObjectProperty<String> scopeProperty() { return scope; }
    public ObjectProperty<String> serverProperty() { return server; }
    public ObjectProperty<Source> sourceProperty() { return source; }
    public ObservableList<String> scopeIds() { return scopeIds; }
    public ObservableList<Source> sources() { return sources; }
    public ObservableList<ScopeRow> rows() { return rows; }
    public ObservableList<ScopeOutcome> outcomes() { return outcomes; }
    public ReadOnlyObjectProperty<ReplicationPlan> planProperty() { return plan.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<MessageKind> kindProperty() { return kind.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty appliedProperty() { return applied.getReadOnlyProperty(); }

    public ReplicateTarget target() {
        return switch (what.get()) {
            case SCOPE -> new ReplicateTarget(scope.get(), null, null);
            case RELATIONSHIP -> new ReplicateTarget(null, relationship, null);
            case SERVER -> new ReplicateTarget(null, null, server.get());
        };
    }

    /** Plans in the background and shows, per scope, what its destination loses and gains. */
    public void preview() {
        if (busy.get() || applied.get()) return;
        if (what.get() == What.SCOPE && scope.get() == null) {
            say("Choose the scope to replicate", MessageKind.ERROR);
            return;
        }
        discard();
        ReplicateTarget t = target();
        String from = source.get() == null ? null : source.get().server();
        busy.set(true);
        say("Reading the scopes on both partners…", MessageKind.INFO);
        tasks.run(() -> changes.planReplicate(t, from), p -> {
            busy.set(false);
            plan.set(p);
            List<ScopeRow> out = new ArrayList<>();
            for (ScopeDiff d : p.scopes()) {
                String dest = destination(p.destinations(), d.scopeId());
                out.add(new ScopeRow(d.scopeId(), dest, d.summary(p.source(), dest), d.loses(), d.gains(), d.isEmpty()));
            }
            rows.setAll(out);
            long differing = out.stream().filter(r -> !r.unchanged()).count();
            say(out.isEmpty() ? "No failover scope to replicate" : differing == 0
                    ? "The destination already has the same configuration for every scope"
                    : differing + " of " + out.size() + " scope(s) differ. What each destination loses and gains is below;"
                    + " Apply overwrites it with " + p.source() + "'s.", out.isEmpty() ? MessageKind.ERROR : MessageKind.INFO);
        }, failure -> {
            busy.set(false);
            say("Cannot plan the replication: " + (failure instanceof tandem.windows.WindowsChangeService.Refused r
                    ? String.join("; ", r.problems().stream().map(tandem.windows.FieldProblem::message).toList())
                    : PlanReview.text(failure)), MessageKind.ERROR);
        });
    }

    public boolean canApply() {
        return plan.get() != null && !applied.get() && rows.stream().anyMatch(r -> !r.unchanged());
    }

    /** Replicates scope by scope in the background; each outcome is shown as it is known. */
    public void apply() {
        ReplicationPlan p = plan.get();
        if (p == null || busy.get() || applied.get()) return;
        busy.set(true);
        outcomes.clear();
        int n = rows.size();
        progress.set(0);
        progressText.set("Scope 0 of " + n);
        say("Replicating from " + p.source() + "…", MessageKind.INFO);
        tasks.run(() -> changes.replicate(p, o -> tasks.onUi(() -> {
            if (outcomes.stream().noneMatch(k -> k.scopeId().equals(o.scopeId()) && k.destination().equals(o.destination()))) {
                outcomes.add(o);
            }
            progress.set(n == 0 ? 1 : Math.min(1.0, outcomes.size() / (double) n));
            progressText.set("Scope " + Math.min(outcomes.size(), n) + " of " + n);
        })), all -> {
            busy.set(false);
            applied.set(true);
            for (ScopeOutcome o : all) {
                if (outcomes.stream().noneMatch(k -> k.scopeId().equals(o.scopeId()) && k.destination().equals(o.destination()))) outcomes.add(o);
            }
            progress.set(1);
            progressText.set("Scope " + n + " of " + n);
            long failed = all.stream().filter(o -> !o.replicated()).count();
            say(failed == 0 ? "Replicated " + all.size() + " scope(s) from " + p.source()
                    : failed + " of " + all.size() + " scope(s) not replicated; see each scope below",
                    failed == 0 ? MessageKind.SUCCESS : MessageKind.ERROR);
            changed.run();
        }, failure -> {
            busy.set(false);
            say("Replication stopped: " + PlanReview.text(failure), MessageKind.ERROR);
            changed.run();
        });
    }

    private void discard() {
        if (applied.get()) return;
        plan.set(null);
        rows.clear();
    }

    private static String destination(Map<String, String> destinations, String scopeId) {
        String d = destinations == null ? null : destinations.get(scopeId);
        return d == null ? "the partner" : d;
    }

    private void say(String text, MessageKind k) {
        message.set(text);
        kind.set(k);
    }
}
