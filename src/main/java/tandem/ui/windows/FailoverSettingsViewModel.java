package tandem.ui.windows;

import static tandem.windows.FailoverRules.LOAD_BALANCE_PERCENT;
import static tandem.windows.FailoverRules.MCLT;
import static tandem.windows.FailoverRules.RESERVE_PERCENT;
import static tandem.windows.FailoverRules.SWITCHOVER_INTERVAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import tandem.ui.BackgroundTasks;
import tandem.ui.MessageKind;
import tandem.windows.FailoverChange;
import tandem.windows.FailoverMode;
import tandem.windows.FailoverRules;
import tandem.windows.FieldProblem;
import tandem.windows.WinFailover;

/**
 * Failover settings: the relationship's percentages, MCLT, switchover and shared secret as the server says now;
 * only what the administrator changes is sent. The secret is kept, changed or removed, never shown.
 */
public final class FailoverSettingsViewModel {
    public enum Secret { KEEP, CHANGE, REMOVE }

    public static final String SECRET = "--shared-secret";

    private final WindowsChanges changes;
    private final BackgroundTasks tasks;
    private final String server;
    private final String relationship;
    private final FieldProblems problems = new FieldProblems(LOAD_BALANCE_PERCENT, RESERVE_PERCENT, MCLT, SWITCHOVER_INTERVAL, SECRET);
    private final PlanReview review;
    private final ReadOnlyObjectWrapper<WinFailover> current = new ReadOnlyObjectWrapper<>();
    private final StringProperty loadBalance = new SimpleStringProperty("");
    private final StringProperty reserve = new SimpleStringProperty("");
    private final StringProperty mclt = new SimpleStringProperty("");
    private final StringProperty switchover = new SimpleStringProperty("");
    private final ObjectProperty<Secret> secretChoice = new SimpleObjectProperty<>(Secret.KEEP);
    private final StringProperty secret = new SimpleStringProperty("");

    /** @param server the server the relationship came through; its view of the settings is shown */
    public FailoverSettingsViewModel(WindowsChanges changes, BackgroundTasks tasks, String server, String relationship,
                                     Runnable changed) {
        this.changes = changes;
        this.tasks = tasks;
        this.server = server;
        this.relationship = relationship;
        this.review = new PlanReview(changes, tasks, changed);
        for (javafx.beans.value.ObservableValue<?> v : List.of(loadBalance, reserve, mclt, switchover, secretChoice, secret)) {
            v.addListener((o, was, now) -> review.discard());
        }
    }

    public void load() {
        review.say("Reading " + relationship + " on " + server + "…", MessageKind.INFO);
        tasks.run(() -> changes.view(server).failover(relationship).orElseThrow(() -> new IllegalStateException(
                server + " has no failover relationship " + relationship)), f -> {
            current.set(f);
            loadBalance.set(f.loadBalancePercent() == null ? "" : f.loadBalancePercent().toString());
            reserve.set(f.reservePercent() == null ? "" : f.reservePercent().toString());
            mclt.set(f.mcltSec() == null ? "" : f.mcltSec().toString());
            switchover.set(String.valueOf(switchoverOf(f)));
            review.say("Authentication is " + (f.enableAuth() ? "on" : "off") + ". Change what you need, then Preview.", MessageKind.NONE);
        }, failure -> review.say("Cannot read " + relationship + ": " + PlanReview.text(failure), MessageKind.ERROR));
    }

    private static long switchoverOf(WinFailover f) {
        return f.autoStateTransition() && f.switchIntervalSec() != null ? f.switchIntervalSec() : 0;
    }

    public String server() { return server; }
    public String relationship() { return relationship; }
    public FieldProblems problems() { return problems; }
    public PlanReview review() { return review; }
    public ReadOnlyObjectProperty<WinFailover> currentProperty() { return current.getReadOnlyProperty(); }
    public StringProperty loadBalanceProperty() { return loadBalance; }
    public StringProperty reserveProperty() { return reserve; }
    public StringProperty mcltProperty() { return mclt; }
    public StringProperty switchoverProperty() { return switchover; }
    public ObjectProperty<Secret> secretChoiceProperty() { return secretChoice; }
    public StringProperty secretProperty() { return secret; }

    public boolean loadBalanceMode() {
        return current.get() != null && current.get().failoverMode() == FailoverMode.LOAD_BALANCE;
    }

    /** The change as entered (only what differs from now), or null with the problems shown at their fields. */
    public FailoverChange change() {
        WinFailover f = current.get();
        if (f == null) return null;
        List<FieldProblem> found = new ArrayList<>();
        boolean lbMode = f.failoverMode() == FailoverMode.LOAD_BALANCE;
        Integer lb = lbMode ? CreateRelationshipViewModel.whole(LOAD_BALANCE_PERCENT, loadBalance.get(), found) : null;
        Integer res = lbMode ? null : CreateRelationshipViewModel.whole(RESERVE_PERCENT, reserve.get(), found);
        Long mc = CreateRelationshipViewModel.number(MCLT, mclt.get(), found);
        Long sw = CreateRelationshipViewModel.number(SWITCHOVER_INTERVAL, switchover.get(), found);
        if (secretChoice.get() == Secret.CHANGE && secret.get().isEmpty()) {
            found.add(new FieldProblem(SECRET, "enter the new shared secret"));
        }
        FailoverChange c = new FailoverChange(relationship, changed(lb, f.loadBalancePercent()), changed(res, f.reservePercent()),
                changed(mc, f.mcltSec()), changed(sw, switchoverOf(f)));
        if (found.isEmpty()) {
            found.addAll(FailoverRules.checkChange(c, new tandem.windows.ServerView(server, List.of(f), null)).stream()
                    .filter(p -> !(p.field().equals(FailoverRules.RELATIONSHIP) && secretChoice.get() != Secret.KEEP)).toList());
        }
        List<String> elsewhere = problems.show(found);
        if (!found.isEmpty()) {
            review.say(elsewhere.isEmpty() ? "Correct the marked fields" : String.join("; ", elsewhere), MessageKind.ERROR);
            return null;
        }
        return c;
    }

    public void preview() {
        FailoverChange c = change();
        if (c == null) return;
        String s = switch (secretChoice.get()) {
            case KEEP -> null;
            case CHANGE -> secret.get();
            case REMOVE -> "";
        };
        review.preview(() -> changes.planSettings(c, s), problems, () -> {});
    }

    private static <T> T changed(T now, T was) { return now == null || Objects.equals(now, was) ? null : now; }
}
