package tandem.ui.kea;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import tandem.kea.change.ChangeRefused;
import tandem.kea.change.HaPlans;
import tandem.kea.change.KeaHaTopology;
import tandem.ui.BackgroundTasks;
import tandem.ui.MessageKind;
import tandem.ui.OutcomeKind;
import tandem.ui.kea.ChangeViewModel.PeerOutcome;

/**
 * "Dissolve relationship" (and the undo of a creation): which server keeps serving which subnet, each server's diff,
 * then the outcome. By default the primary keeps every subnet and the others none, so no two servers hand out the
 * same addresses; undo starts from what each served before the creation.
 */
public final class DissolveViewModel {
    /** One choice: does {@code server} keep serving {@code subnet}. */
    public record Keep(String server, String subnet, BooleanProperty kept) {}

    private final KeaHaTopology topology;
    private final BackgroundTasks tasks;
    private final String relationship;
    private final Long undoOf;
    private final ObservableList<Keep> choices = FXCollections.observableArrayList();
    private final ObservableList<String> diff = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ObservableList<PeerOutcome> outcomes = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<MessageKind> messageKind = new ReadOnlyObjectWrapper<>(MessageKind.NONE);
    private HaPlans.Dissolution plan;
    private Runnable onDissolved = () -> { };

    /** @param undoOf the journaled creation this undoes, or null for a dissolution chosen from the relationship */
    public DissolveViewModel(KeaHaTopology topology, BackgroundTasks tasks, String relationship, Long undoOf) {
        this.topology = topology;
        this.tasks = tasks;
        this.relationship = relationship;
        this.undoOf = undoOf;
    }

    public String relationship() { return relationship; }
    public ObservableList<Keep> choices() { return choices; }
    public ObservableList<String> diff() { return diff; }
    public ObservableList<String> notes() { return notes; }
    public ObservableList<PeerOutcome> outcomes() { return outcomes; }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canApplyProperty() { return canApply.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty doneProperty() { return done.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<MessageKind> messageKindProperty() { return messageKind.getReadOnlyProperty(); }
    public void setOnDissolved(Runnable r) { onDissolved = Objects.requireNonNull(r); }

    /** Reads each server's subnets and fills in the default choice (in the background). */
    public void load() {
        busy.set(true);
        say("Reading every server…", MessageKind.INFO);
        tasks.run(() -> ChangeViewModel.refusable(() -> {
            Map<String, List<String>> served = topology.subnetsServed(relationship);
            HaPlans.DissolveRequest start = undoOf != null ? topology.undoRequest(undoOf)
                    : topology.keepAll(relationship, served.keySet().iterator().next());
            return Map.entry(served, start);
        }), loaded -> {
            busy.set(false);
            LinkedHashSet<String> all = new LinkedHashSet<>();
            loaded.getKey().values().forEach(all::addAll);
            List<Keep> out = new ArrayList<>();
            for (String server : loaded.getKey().keySet()) {
                List<String> kept = loaded.getValue().keep().getOrDefault(server, List.of());
                for (String subnet : all) {
                    Keep k = new Keep(server, subnet, new SimpleBooleanProperty(kept.contains(subnet)));
                    k.kept().addListener((o, was, now) -> canApply.set(false));
                    out.add(k);
                }
            }
            choices.setAll(out);
            say(undoOf != null ? "Undo of change #" + undoOf + ": each server keeps what it served before. Preview, then apply."
                    : "Choose which server keeps serving which subnet, then preview.", MessageKind.INFO);
        }, this::failed);
    }

    public HaPlans.DissolveRequest request() {
        Map<String, List<String>> keep = new LinkedHashMap<>();
        for (Keep k : choices) {
            keep.computeIfAbsent(k.server(), s -> new ArrayList<>());
            if (k.kept().get()) keep.get(k.server()).add(k.subnet());
        }
        return new HaPlans.DissolveRequest(relationship, keep);
    }

    public void preview() {
        if (busy.get()) return;
        busy.set(true);
        HaPlans.DissolveRequest r = request();
        tasks.run(() -> ChangeViewModel.refusable(() -> topology.prepareDissolve(r)), p -> {
            busy.set(false);
            plan = p;
            List<String> lines = new ArrayList<>();
            for (HaPlans.ServerPlan s : p.servers()) if (!s.diff().isEmpty()) lines.addAll(List.of(s.diff().split("\n")));
            diff.setAll(lines);
            notes.setAll(p.notes());
            canApply.set(true);
            say(shared(r) ? "A subnet is kept by more than one server: both would hand out its addresses without HA"
                    : "Check each server's diff, then apply", shared(r) ? MessageKind.ERROR : MessageKind.INFO);
        }, this::failed);
    }

    private static boolean shared(HaPlans.DissolveRequest r) {
        List<String> all = new ArrayList<>();
        r.keep().values().forEach(all::addAll);
        return all.size() != new LinkedHashSet<>(all).size();
    }

    public void apply() {
        if (!canApply.get() || busy.get() || plan == null) return;
        busy.set(true);
        canApply.set(false);
        say("Removing HA from every server, one at a time…", MessageKind.INFO);
        HaPlans.Dissolution p = plan;
        tasks.run(() -> ChangeViewModel.refusable(() -> topology.dissolve(p)), o -> {
            busy.set(false);
            done.set(true);
            List<PeerOutcome> out = new ArrayList<>();
            o.servers().forEach((s, what) -> out.add(new PeerOutcome(s, what, OutcomeKind.VERIFIED)));
            outcomes.setAll(out);
            say("Dissolved " + o.relationship() + " as change #" + o.journalId() + ": " + String.join("; ", o.notes()),
                    MessageKind.SUCCESS);
            onDissolved.run();
        }, this::failed);
    }

    private void failed(Throwable failure) {
        Throwable e = failure instanceof ChangeViewModel.Refusal r ? r.refused : failure;
        busy.set(false);
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        say(e instanceof ChangeRefused ? text : "Failed: " + text, MessageKind.ERROR);
    }

    private void say(String text, MessageKind kind) {
        message.set(text);
        messageKind.set(kind);
    }
}
