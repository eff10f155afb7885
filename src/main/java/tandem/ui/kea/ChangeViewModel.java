package tandem.ui.kea;

import tandem.ui.BackgroundTasks;
import tandem.ui.MessageKind;
import tandem.ui.OutcomeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import tandem.core.PeerDefinition;
import tandem.core.Relationship;
import tandem.kea.change.ChangeRefused;
import tandem.kea.change.KeaChangeService;
import tandem.kea.change.KeaChangeService.Applied;
import tandem.kea.change.KeaChangeService.Preview;

/**
 * One change to a relationship, from input to outcome: the form's inputs are checked as they are typed, "Preview"
 * asks the change service for the diff (nothing is sent), "Apply" writes the previewed change, and the outcome per
 * peer is shown. Apply is possible only for a preview of exactly the current input. Every call to the service runs
 * in the background; a refusal lands at the field it names, or at the top.
 */
public final class ChangeViewModel {
    public record PeerOutcome(String peer, String text, OutcomeKind kind) {
        static PeerOutcome of(String peer, String text) {
            OutcomeKind kind = text.equals("verified") ? OutcomeKind.VERIFIED
                    : text.startsWith("offline") || text.startsWith("not reachable") ? OutcomeKind.OFFLINE
                    : OutcomeKind.FAILED;
            return new PeerOutcome(peer, text, kind);
        }
    }

    private final ChangeForm form;
    private final Relationship relationship;
    private final String sourceOfTruth;
    private final KeaChangeService changes;
    private final BackgroundTasks tasks;

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<MessageKind> messageKind = new ReadOnlyObjectWrapper<>(MessageKind.NONE);
    private final ReadOnlyStringWrapper target = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<Applied> applied = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> diff = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ObservableList<PeerOutcome> outcomes = FXCollections.observableArrayList();

    private boolean submitted;
    private ChangeField externalField;
    private String externalValue;
    private String externalMessage;
    private Preview preview;
    private List<String> previewedInput;
    private Preview appliedPreview;
    private Consumer<Applied> onApplied = a -> { };

    /**
     * @param sourceOfTruth the peer the console last saw as the source of truth (null when none); its configuration
     *                      fills the subnet choices, the others are read when it does not answer
     */
    public ChangeViewModel(ChangeForm form, Relationship relationship, String sourceOfTruth, KeaChangeService changes,
                           BackgroundTasks tasks) {
        this.form = form;
        this.relationship = relationship;
        form.useService(relationship.service());
        this.sourceOfTruth = sourceOfTruth;
        this.changes = changes;
        this.tasks = tasks;
        for (ChangeField f : form.fields()) {
            f.valueProperty().addListener((o, was, now) -> {
                f.touched = true;
                update();
            });
        }
        target.set("Relationship " + relationship.name()
                + (sourceOfTruth == null ? "" : ", written to " + sourceOfTruth + " (source of truth) first"));
        update();
    }

    public ChangeForm form() { return form; }

    public String relationship() { return relationship.name(); }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /** True while the current input has a preview that was not applied yet and nothing runs. */
    public ReadOnlyBooleanProperty canApplyProperty() { return canApply.getReadOnlyProperty(); }

    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<MessageKind> messageKindProperty() { return messageKind.getReadOnlyProperty(); }

    /** Where the change goes, e.g. "Written to server1, then replicated to server2 and server3". */
    public ReadOnlyStringProperty targetProperty() { return target.getReadOnlyProperty(); }

    /** Increases whenever a field's shown problem may have changed. */
    public ReadOnlyIntegerProperty revisionProperty() { return revision.getReadOnlyProperty(); }

    /** The outcome of the last apply, or null. */
    public ReadOnlyObjectProperty<Applied> appliedProperty() { return applied.getReadOnlyProperty(); }

    /** The unified diff of the source of truth's configuration, one line per element. */
    public ObservableList<String> diff() { return diff; }

    /** What the preview or the apply says besides the diff (primary away, replication off, rebased...). */
    public ObservableList<String> notes() { return notes; }

    public ObservableList<PeerOutcome> outcomes() { return outcomes; }

    /** Told on the UI thread after a change was applied. */
    public void setOnApplied(Consumer<Applied> onApplied) { this.onApplied = Objects.requireNonNull(onApplied); }

    /** The problem to show at a field: a refusal while the field keeps the refused value, else its own check. */
    public String problem(ChangeField f) {
        if (f == externalField && Objects.equals(externalValue, f.value())) return externalMessage;
        return form.problem(f);
    }

    // ---- actions

    /** Fills the subnet choices from the source of truth's configuration (the others when it does not answer). */
    public void loadSubnets() {
        if (!form.needsSubnets() && !form.readsConfiguration()) return;
        List<String> order = new ArrayList<>();
        if (sourceOfTruth != null) order.add(sourceOfTruth);
        for (PeerDefinition p : relationship.peers()) if (!order.contains(p.name())) order.add(p.name());
        tasks.run(() -> {
            for (String peer : order) {
                var config = changes.currentConfigTree(relationship, peer);
                if (config.isPresent()) return Map.entry(peer, config.get());
            }
            return null;
        }, read -> {
            if (read == null) {
                say("No server of " + relationship.name() + " answers, so its "
                        + (form.needsSubnets() ? "subnets cannot be listed" : "configuration cannot be read"), MessageKind.ERROR);
                return;
            }
            if (form.readsConfiguration()) {
                java.util.Set<ChangeField> typed = new java.util.HashSet<>();
                for (ChangeField f : form.fields()) if (f.touched) typed.add(f);
                form.configurationRead(read.getValue());
                // filled in for the administrator, not by them
                for (ChangeField f : form.fields()) f.touched = typed.contains(f);
            }
            if (!form.needsSubnets()) {
                update();
                return;
            }
            var found = Map.entry(read.getKey(), ChangeForm.subnetsOf(read.getValue()));
            List<String> choices = new ArrayList<>(form.extraSubnetChoices());
            choices.addAll(found.getValue());
            for (ChangeField f : form.fields()) {
                if (f.kind() != ChangeField.Kind.SUBNET_CHOICE) continue;
                f.choices().setAll(choices);
                if (f.value().isEmpty() && !choices.isEmpty()) {
                    f.valueProperty().set(choices.get(0));
                    f.touched = false; // chosen for the administrator, not by them
                }
            }
            if (found.getValue().isEmpty() && form.extraSubnetChoices().isEmpty()) {
                say(found.getKey() + " has no subnets yet: add a subnet first", MessageKind.ERROR);
            }
            update();
        }, e -> say("Could not read the subnets: " + text(e), MessageKind.ERROR));
    }

    /** Shows what the change would do; nothing is sent to any server. */
    public void preview() {
        if (busy.get()) return;
        submitted = true;
        externalField = null;
        update();
        if (firstProblem().isPresent()) {
            say("Correct the marked fields first", MessageKind.ERROR);
            return;
        }
        List<String> input = input();
        busy.set(true);
        outcomes.clear();
        say("Reading the configuration of the source of truth…", MessageKind.INFO);
        tasks.run(() -> refusable(() -> form.prepare(changes, relationship.name())), p -> {
            busy.set(false);
            preview = p;
            previewedInput = input;
            diff.setAll(p.diff().isEmpty() ? List.of() : List.of(p.diff().split("\n")));
            notes.setAll(p.notes());
            target.set("Written to " + p.sourceOfTruth() + " (source of truth)"
                    + (p.replicatedTo().isEmpty() ? "" : ", then replicated to " + String.join(", ", p.replicatedTo())));
            if (p.diff().isEmpty()) say("This change makes no difference to the configuration", MessageKind.INFO);
            else say("Preview of “" + p.change().describe() + "”. Nothing was sent yet.", MessageKind.INFO);
            update();
        }, this::refused);
    }

    /** Applies the previewed change; the outcome per peer is shown. */
    public void apply() {
        if (!canApply.get()) return;
        Preview p = preview;
        busy.set(true);
        update();
        say("Applying on " + p.sourceOfTruth() + "…", MessageKind.INFO);
        tasks.run(() -> refusable(() -> changes.apply(p)), a -> {
            busy.set(false);
            appliedPreview = p;
            List<PeerOutcome> out = new ArrayList<>();
            a.peers().forEach((peer, text) -> out.add(PeerOutcome.of(peer, text)));
            outcomes.setAll(out);
            if (a.rebased()) {
                notes.add("Rebased: the configuration of " + a.sourceOfTruth() + " changed since the preview; the change "
                        + "was applied on top of the newer configuration");
            }
            if (a.pendingPrimary()) {
                notes.add("Journaled as change #" + a.journalId() + ": the primary receives it when it returns");
            }
            notes.add(a.method().startsWith("config-set") ? "Sent with " + a.method()
                    : "Sent with " + a.method() + ": no configuration reload, no HA restart");
            long failed = out.stream().filter(o -> o.kind() == OutcomeKind.FAILED).count();
            long offline = out.stream().filter(o -> o.kind() == OutcomeKind.OFFLINE).count();
            if (failed > 0) {
                say("Applied on " + a.sourceOfTruth() + ", but " + failed + " peer(s) failed and are marked out of sync",
                        MessageKind.ERROR);
            } else if (offline > 0) {
                say("Applied on " + a.sourceOfTruth() + "; " + offline + " peer(s) will be synchronized when they are back",
                        MessageKind.SUCCESS);
            } else {
                say("Applied on " + a.sourceOfTruth() + (out.isEmpty() ? "" : " and verified on every peer"),
                        MessageKind.SUCCESS);
            }
            applied.set(a);
            update();
            onApplied.accept(a);
        }, this::refused);
    }

    // ---- internals

    /** A refusal is an expected outcome, not a bug: it travels as a checked exception (logged quietly). */
    static final class Refusal extends Exception {
        final ChangeRefused refused;

        Refusal(ChangeRefused refused) {
            super(refused.getMessage(), refused);
            this.refused = refused;
        }
    }

    static <V> V refusable(java.util.concurrent.Callable<V> work) throws Exception {
        try {
            return work.call();
        } catch (ChangeRefused e) {
            throw new Refusal(e);
        } catch (tandem.core.change.ChangeBlocked e) {
            // another writer holds the relationship: as much a refusal as a server's
            throw new Refusal(new ChangeRefused(null, e.getMessage()));
        }
    }

    private void refused(Throwable failure) {
        Throwable e = failure instanceof Refusal r ? r.refused : failure;
        busy.set(false);
        preview = null; // the preview no longer holds: preview again
        if (e instanceof ChangeRefused r) {
            Optional<ChangeField> field = form.field(r.field());
            if (field.isPresent()) {
                externalField = field.get();
                externalValue = field.get().value();
                externalMessage = r.getMessage();
                say("Nothing was changed: the marked field says why", MessageKind.ERROR);
            } else {
                say(r.getMessage(), MessageKind.ERROR);
            }
        } else {
            say("Failed: " + text(e), MessageKind.ERROR);
        }
        update();
    }

    private static String text(Throwable e) { return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(); }

    private Optional<ChangeField> firstProblem() {
        return form.fields().stream().filter(f -> form.problem(f) != null).findFirst();
    }

    private List<String> input() { return form.fields().stream().map(ChangeField::value).toList(); }

    private void update() {
        for (ChangeField f : form.fields()) f.showProblem(submitted || f.touched ? problem(f) : null);
        canApply.set(!busy.get() && preview != null && preview != appliedPreview && !preview.diff().isEmpty()
                && input().equals(previewedInput));
        revision.set(revision.get() + 1);
    }

    private void say(String text, MessageKind kind) {
        message.set(text);
        messageKind.set(kind);
    }
}
