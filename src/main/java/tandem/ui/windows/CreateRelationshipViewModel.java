package tandem.ui.windows;

import static tandem.windows.FailoverRules.LOAD_BALANCE_PERCENT;
import static tandem.windows.FailoverRules.MCLT;
import static tandem.windows.FailoverRules.MODE;
import static tandem.windows.FailoverRules.NAME;
import static tandem.windows.FailoverRules.PARTNER;
import static tandem.windows.FailoverRules.RESERVE_PERCENT;
import static tandem.windows.FailoverRules.SCOPE;
import static tandem.windows.FailoverRules.SERVER_ROLE;
import static tandem.windows.FailoverRules.SWITCHOVER_INTERVAL;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import tandem.ui.BackgroundTasks;
import tandem.ui.MessageKind;
import tandem.windows.FailoverMode;
import tandem.windows.FailoverRequest;
import tandem.windows.FailoverRules;
import tandem.windows.FieldProblem;
import tandem.windows.ServerView;

/**
 * The Add Failover Relationship dialog's state: the seed's fields, checked as they are typed with the rules that
 * need no server, then a summary step showing every value and the plan (made off the FX thread, where the servers'
 * own rules are checked) before Apply. The shared secret is held only here and in the plan, never shown.
 */
public final class CreateRelationshipViewModel {
    /** The two steps of the dialog. */
    public enum Step { FORM, SUMMARY }

    /** One line of the summary. */
    public record Row(String label, String value) {}

    public static final String SECRET = "--shared-secret";

    private final WindowsChanges changes;
    private final BackgroundTasks tasks;
    private final String server;
    private final FieldProblems problems = new FieldProblems(NAME, PARTNER, MODE, LOAD_BALANCE_PERCENT, RESERVE_PERCENT,
            SERVER_ROLE, MCLT, SWITCHOVER_INTERVAL, SCOPE, SECRET);
    private final PlanReview review;
    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<String> partner = new SimpleObjectProperty<>();
    private final ObjectProperty<FailoverMode> mode = new SimpleObjectProperty<>(FailoverMode.LOAD_BALANCE);
    private final StringProperty loadBalance = new SimpleStringProperty(String.valueOf(FailoverRequest.DEFAULT_LOAD_BALANCE_PERCENT));
    private final StringProperty reserve = new SimpleStringProperty(String.valueOf(FailoverRequest.DEFAULT_RESERVE_PERCENT));
    private final ObjectProperty<String> role = new SimpleObjectProperty<>(FailoverRequest.DEFAULT_SERVER_ROLE);
    private final StringProperty mclt = new SimpleStringProperty(String.valueOf(FailoverRequest.DEFAULT_MCLT_SEC));
    private final StringProperty switchover = new SimpleStringProperty("0");
    private final StringProperty secret = new SimpleStringProperty("");
    private final ObservableList<String> partners = FXCollections.observableArrayList();
    private final ObservableList<ScopeChoice> scopes = FXCollections.observableArrayList(s -> new Observable[] {s.selectedProperty()});
    private final ObservableList<Row> summary = FXCollections.observableArrayList();
    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(Step.FORM);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private String suggestedName = "";
    private FailoverRequest request;

    /** @param server the server the relationship is created on, which holds the scopes */
    public CreateRelationshipViewModel(WindowsChanges changes, BackgroundTasks tasks, String server, Runnable changed) {
        this.changes = changes;
        this.tasks = tasks;
        this.server = server;
        this.review = new PlanReview(changes, tasks, changed);
        partner.addListener((o, was, now) -> {
            // the suggested name follows the partner until the administrator types one of their own
            String next = now == null ? "" : server + "-" + shortName(now);
            if (name.get().isBlank() || name.get().equals(suggestedName)) name.set(next);
            suggestedName = next;
        });
        for (javafx.beans.value.ObservableValue<?> v : List.of(name, partner, mode, loadBalance, reserve, role, mclt, switchover, secret)) {
            v.addListener((o, was, now) -> revalidate());
        }
        scopes.addListener((javafx.collections.ListChangeListener<ScopeChoice>) c -> revalidate());
        revalidate();
    }

    /** Reads the partners to choose from and the server's scopes that are in no relationship, in the background. */
    public void load() {
        review.say("Reading " + server + "…", MessageKind.INFO);
        tasks.run(() -> new Object[] {changes.serverNames(), changes.view(server)}, r -> {
            @SuppressWarnings("unchecked") List<String> names = (List<String>) r[0];
            ServerView view = (ServerView) r[1];
            partners.setAll(names.stream().filter(n -> !n.equalsIgnoreCase(server)).toList());
            List<ScopeChoice> free = new ArrayList<>();
            view.scopes().forEach((id, scope) -> { if (view.failoverOf(id).isEmpty()) free.add(ScopeChoice.of(id, scope)); });
            scopes.setAll(free);
            if (partner.get() == null && partners.size() == 1) partner.set(partners.get(0));
            review.say(partners.isEmpty() ? "Add the partner server to the console first: it must be in the inventory"
                    : "", partners.isEmpty() ? MessageKind.ERROR : MessageKind.NONE);
        }, failure -> review.say("Cannot read " + server + ": " + PlanReview.text(failure), MessageKind.ERROR));
    }

    public String server() { return server; }
    public FieldProblems problems() { return problems; }
    public PlanReview review() { return review; }
    public StringProperty nameProperty() { return name; }
    public ObjectProperty<String> partnerProperty() { return partner; }
    public ObjectProperty<FailoverMode> modeProperty() { return mode; }
    public StringProperty loadBalanceProperty() { return loadBalance; }
    public StringProperty reserveProperty() { return reserve; }
    public ObjectProperty<String> roleProperty() { return role; }
    public StringProperty mcltProperty() { return mclt; }
    public StringProperty switchoverProperty() { return switchover; }
    public StringProperty secretProperty() { return secret; }
    public ObservableList<String> partners() { return partners; }
    public ObservableList<ScopeChoice> scopes() { return scopes; }
    public ObservableList<Row> summary() { return summary; }
    public ObjectProperty<Step> stepProperty() { return step; }
    public ReadOnlyBooleanProperty validProperty() { return valid.getReadOnlyProperty(); }

    /** The request as entered, or null while a field is wrong. */
    public FailoverRequest request() { return request; }

    /** To the summary: every value, then the plan read from both servers. A refusal goes back to the form. */
    public void next() {
        if (partner.get() == null) {
            problems.show(List.of(new FieldProblem(PARTNER, "choose the partner server")));
            return;
        }
        if (request == null) return;
        FailoverRequest r = request.withDefaults();
        String s = secret.get();
        summary.setAll(rows(r));
        step.set(Step.SUMMARY);
        review.preview(() -> changes.planCreate(r, r.hasSharedSecret() ? s : null), problems, () -> {}, () -> step.set(Step.FORM));
    }

    public void back() {
        if (review.appliedProperty().get()) return;
        review.discard();
        step.set(Step.FORM);
    }

    private List<Row> rows(FailoverRequest r) {
        List<Row> out = new ArrayList<>();
        out.add(new Row("Name", r.name()));
        out.add(new Row("Server", r.serverA()));
        out.add(new Row("Partner", r.partnerB()));
        out.add(new Row("Mode", r.failoverMode().wire()));
        if (r.failoverMode() == FailoverMode.LOAD_BALANCE) {
            out.add(new Row("Load balance", r.serverA() + " " + r.loadBalancePercent() + " %, " + r.partnerB() + " "
                    + (100 - r.loadBalancePercent()) + " %"));
        } else {
            out.add(new Row("Server role", r.serverA() + " " + r.serverRole()));
            out.add(new Row("Standby reserve", r.reservePercent() + " %"));
        }
        out.add(new Row("MCLT", seconds(r.mcltSec())));
        out.add(new Row("State switchover", r.switchoverIntervalSec() == 0 ? "off (partner down set by hand)"
                : seconds(r.switchoverIntervalSec())));
        out.add(new Row("Shared secret", r.hasSharedSecret() ? "set (hidden); messages are authenticated" : "none"));
        out.add(new Row("Scopes", r.scopeIds().isEmpty() ? "none: the relationship starts empty" : String.join(", ", r.scopeIds())));
        return out;
    }

    private void revalidate() {
        if (step.get() == Step.SUMMARY) return;
        List<FieldProblem> found = new ArrayList<>();
        FailoverMode m = mode.get();
        Integer lb = m == FailoverMode.LOAD_BALANCE ? whole(LOAD_BALANCE_PERCENT, loadBalance.get(), found) : null;
        Integer res = m == FailoverMode.HOT_STANDBY ? whole(RESERVE_PERCENT, reserve.get(), found) : null;
        Long mc = number(MCLT, mclt.get(), found);
        Long sw = number(SWITCHOVER_INTERVAL, switchover.get(), found);
        FailoverRequest r = new FailoverRequest(name.get().strip(), server, partner.get(), m == null ? null : m.wire(), lb, res,
                m == FailoverMode.HOT_STANDBY ? role.get() : null, mc == null ? 1 : mc, sw == null ? 0 : sw,
                !secret.get().isEmpty(), scopes.stream().filter(ScopeChoice::selected).map(ScopeChoice::scopeId).toList());
        found.addAll(FailoverRules.checkInput(r));
        // an empty name is said only once the administrator could have typed one
        if (name.get().isBlank() && partner.get() == null) found.removeIf(p -> p.field().equals(NAME));
        problems.show(found);
        request = problems.any() || !found.isEmpty() ? null : r;
        valid.set(request != null);
        review.discard();
    }

    static Long number(String field, String text, List<FieldProblem> found) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            found.add(new FieldProblem(field, "enter a number of seconds"));
            return null;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            found.add(new FieldProblem(field, "must be a whole number, not " + t));
            return null;
        }
    }

    static Integer whole(String field, String text, List<FieldProblem> found) {
        String t = text == null ? "" : text.strip();
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            found.add(new FieldProblem(field, t.isEmpty() ? "enter a percentage from 0 to 100" : "must be a whole number, not " + t));
            return null;
        }
    }

    static String seconds(long s) {
        if (s % 3600 == 0 && s > 0) return s + " s (" + s / 3600 + " h)";
        if (s % 60 == 0 && s > 0) return s + " s (" + s / 60 + " min)";
        return s + " s";
    }

    static String shortName(String server) {
        int dot = server.indexOf('.');
        return dot > 0 && !server.matches("[0-9.]+") ? server.substring(0, dot) : server;
    }
}
