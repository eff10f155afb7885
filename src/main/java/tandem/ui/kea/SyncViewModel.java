package tandem.ui.kea;

import tandem.ui.OutcomeKind;
import tandem.ui.BackgroundTasks;
import tandem.ui.MessageKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import tandem.kea.change.ChangeRefused;
import tandem.kea.change.KeaChangeService;
import tandem.kea.change.KeaChangeService.PeerPlan;
import tandem.kea.change.KeaChangeService.SyncPlan;
import tandem.ui.kea.ChangeViewModel.PeerOutcome;

/**
 * "Synchronize now": first what each peer would get from the source of truth (in sync, differs with its diff, or
 * unreachable), then, on "Overwrite", the synchronization and its outcome per peer. Nothing is sent before the
 * administrator saw the diffs.
 */
public final class SyncViewModel {
    /** One peer's state before synchronizing. */
    public record PeerState(String peer, String text, boolean differs, boolean reachable) {
        static PeerState of(PeerPlan p) {
            if (!p.reachable()) return new PeerState(p.peer(), "unreachable: " + p.problem(), false, false);
            if (p.inSync()) return new PeerState(p.peer(), "in sync", false, true);
            return new PeerState(p.peer(), "differs (see the diff)", true, true);
        }
    }

    private final String relationship;
    private final KeaChangeService changes;
    private final BackgroundTasks tasks;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canOverwrite = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<MessageKind> messageKind = new ReadOnlyObjectWrapper<>(MessageKind.NONE);
    private final ObservableList<PeerState> peers = FXCollections.observableArrayList();
    private final ObservableList<String> diff = FXCollections.observableArrayList();
    private final ObservableList<PeerOutcome> outcomes = FXCollections.observableArrayList();
    private Runnable onSynchronized = () -> { };

    public SyncViewModel(String relationship, KeaChangeService changes, BackgroundTasks tasks) {
        this.relationship = relationship;
        this.changes = changes;
        this.tasks = tasks;
    }

    public String relationship() { return relationship; }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /** True once the plan shows a peer that differs, until it was overwritten. */
    public ReadOnlyBooleanProperty canOverwriteProperty() { return canOverwrite.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty doneProperty() { return done.getReadOnlyProperty(); }

    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<MessageKind> messageKindProperty() { return messageKind.getReadOnlyProperty(); }

    public ObservableList<PeerState> peers() { return peers; }

    /** Every differing peer's diff, one after the other. */
    public ObservableList<String> diff() { return diff; }

    public ObservableList<PeerOutcome> outcomes() { return outcomes; }

    public void setOnSynchronized(Runnable onSynchronized) { this.onSynchronized = Objects.requireNonNull(onSynchronized); }

    /** Reads every peer and compares it with what the source of truth would give it; nothing is sent. */
    public void plan() {
        if (busy.get()) return;
        busy.set(true);
        canOverwrite.set(false);
        say("Comparing every peer with the source of truth…", MessageKind.INFO);
        tasks.run(() -> ChangeViewModel.refusable(() -> changes.planSync(relationship)), this::planned, this::failed);
    }

    private void planned(SyncPlan plan) {
        busy.set(false);
        List<PeerState> states = plan.peers().stream().map(PeerState::of).toList();
        peers.setAll(states);
        List<String> lines = new ArrayList<>();
        for (PeerPlan p : plan.peers()) if (p.reachable() && !p.inSync()) lines.addAll(List.of(p.diff().split("\n")));
        diff.setAll(lines);
        long differing = states.stream().filter(PeerState::differs).count();
        canOverwrite.set(differing > 0);
        if (plan.peers().isEmpty()) say("The relationship has no other peer to synchronize", MessageKind.INFO);
        else if (differing == 0) say("Every reachable peer already holds the configuration of " + plan.sourceOfTruth(), MessageKind.SUCCESS);
        else say(differing + " peer(s) differ from " + plan.sourceOfTruth() + " (source of truth). Overwrite replaces "
                + "their configuration, keeping what belongs to each peer; their own edits are lost.", MessageKind.INFO);
    }

    /** Brings every other peer in line with the source of truth, one at a time. */
    public void overwrite() {
        if (!canOverwrite.get() || busy.get()) return;
        busy.set(true);
        canOverwrite.set(false);
        say("Synchronizing…", MessageKind.INFO);
        tasks.run(() -> ChangeViewModel.refusable(() -> changes.synchronize(relationship, Set.of())), result -> {
            busy.set(false);
            done.set(true);
            List<PeerOutcome> out = new ArrayList<>();
            for (Map.Entry<String, String> e : result.entrySet()) out.add(PeerOutcome.of(e.getKey(), e.getValue()));
            outcomes.setAll(out);
            boolean allVerified = out.stream().allMatch(o -> o.kind() == OutcomeKind.VERIFIED);
            say(allVerified ? "Every peer is in sync and verified" : "Not every peer could be synchronized: see below",
                    allVerified ? MessageKind.SUCCESS : MessageKind.ERROR);
            onSynchronized.run();
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
