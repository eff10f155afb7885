package tandem.ui.windows;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import tandem.ui.BackgroundTasks;
import tandem.ui.MessageKind;
import tandem.windows.FailoverRules;
import tandem.windows.FieldProblem;
import tandem.windows.ServerView;
import tandem.windows.WinFailover;

/**
 * Add scope to failover / Remove scope from failover: the scopes to choose from (to add: the server's scopes in no
 * relationship; to remove: the relationship's), then a preview, then Apply.
 */
public final class ScopeFailoverViewModel {
    private final WindowsChanges changes;
    private final BackgroundTasks tasks;
    private final String server;
    private final String relationship;
    private final boolean add;
    private final FieldProblems problems = new FieldProblems(FailoverRules.SCOPE_IDS);
    private final PlanReview review;
    private final ObservableList<ScopeChoice> scopes = FXCollections.observableArrayList(s -> new Observable[] {s.selectedProperty()});

    /** @param server the server the relationship came through (its changes are sent there) */
    public ScopeFailoverViewModel(WindowsChanges changes, BackgroundTasks tasks, String server, String relationship,
                                  boolean add, Runnable changed) {
        this.changes = changes;
        this.tasks = tasks;
        this.server = server;
        this.relationship = relationship;
        this.add = add;
        this.review = new PlanReview(changes, tasks, changed);
        scopes.addListener((javafx.collections.ListChangeListener<ScopeChoice>) c -> {
            review.discard();
            problems.clear();
        });
    }

    /** The scope to check once the list is read (a configuration table's row), or null. */
    private String preselected;

    /** Checks {@code scopeId} when the list is read, if it is one of the choices. */
    public ScopeFailoverViewModel preselect(String scopeId) {
        this.preselected = scopeId;
        return this;
    }

    public void load() {
        review.say("Reading " + server + "…", MessageKind.INFO);
        tasks.run(() -> changes.view(server), view -> {
            scopes.setAll(choices(view));
            scopes.stream().filter(c -> c.scopeId().equals(preselected)).forEach(c -> c.selectedProperty().set(true));
            review.say(scopes.isEmpty() ? (add ? "Every scope of " + server + " is in a relationship already"
                    : relationship + " has no scopes") : "", scopes.isEmpty() ? MessageKind.INFO : MessageKind.NONE);
        }, failure -> review.say("Cannot read " + server + ": " + PlanReview.text(failure), MessageKind.ERROR));
    }

    private List<ScopeChoice> choices(ServerView view) {
        List<ScopeChoice> out = new ArrayList<>();
        WinFailover f = view.failover(relationship).orElse(null);
        view.scopes().forEach((id, scope) -> {
            boolean free = view.failoverOf(id).isEmpty();
            if (add ? free : f != null && f.hasScope(id)) out.add(ScopeChoice.of(id, scope));
        });
        return out;
    }

    public boolean adding() { return add; }
    public String server() { return server; }
    public String relationship() { return relationship; }
    public FieldProblems problems() { return problems; }
    public PlanReview review() { return review; }
    public ObservableList<ScopeChoice> scopes() { return scopes; }

    public List<String> selected() { return scopes.stream().filter(ScopeChoice::selected).map(ScopeChoice::scopeId).toList(); }

    public void preview() {
        List<String> ids = selected();
        if (ids.isEmpty()) {
            problems.show(List.of(new FieldProblem(FailoverRules.SCOPE_IDS, "check at least one scope")));
            return;
        }
        review.preview(() -> changes.planScopes(relationship, add, ids), problems, () -> {});
    }
}
