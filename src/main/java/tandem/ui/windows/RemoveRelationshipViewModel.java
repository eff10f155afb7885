package tandem.ui.windows;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import tandem.ui.BackgroundTasks;
import tandem.windows.FieldProblem;

/**
 * Remove relationship, as the seed's dialog asks it: first the server that keeps the scopes, then whether the
 * other deletes its copies or keeps them disabled; a preview; Apply.
 */
public final class RemoveRelationshipViewModel {
    /** What the server that does not keep the scopes does with its copies. */
    public enum Other { DELETE, DISABLE }

    public static final String KEEP_ON = "--keep-on";
    public static final String OTHER = "--other";

    private final WindowsChanges changes;
    private final String relationship;
    private final List<String> servers;
    private final FieldProblems problems = new FieldProblems(KEEP_ON, OTHER);
    private final PlanReview review;
    private final ObjectProperty<String> keepOn = new SimpleObjectProperty<>();
    private final ObjectProperty<Other> other = new SimpleObjectProperty<>();

    /** @param servers the two partners, the relationship's source of truth first */
    public RemoveRelationshipViewModel(WindowsChanges changes, BackgroundTasks tasks, String relationship,
                                       List<String> servers, Runnable changed) {
        this.changes = changes;
        this.relationship = relationship;
        this.servers = List.copyOf(servers);
        this.review = new PlanReview(changes, tasks, changed);
        keepOn.addListener((o, was, now) -> { review.discard(); problems.clear(); });
        other.addListener((o, was, now) -> { review.discard(); problems.clear(); });
    }

    public String relationship() { return relationship; }
    public List<String> servers() { return servers; }
    public FieldProblems problems() { return problems; }
    public PlanReview review() { return review; }
    public ObjectProperty<String> keepOnProperty() { return keepOn; }
    public ObjectProperty<Other> otherProperty() { return other; }

    /** The server that does not keep the scopes, once one does. */
    public StringBinding otherServer() {
        return Bindings.createStringBinding(() -> keepOn.get() == null ? "the other server"
                : servers.stream().filter(s -> !s.equals(keepOn.get())).findFirst().orElse("the other server"), keepOn);
    }

    public void preview() {
        if (keepOn.get() == null || other.get() == null) {
            problems.show(List.of(keepOn.get() == null ? new FieldProblem(KEEP_ON, "choose the server that keeps the scopes")
                    : new FieldProblem(OTHER, "choose whether " + otherServer().get() + " deletes or disables its copies")));
            return;
        }
        String keep = keepOn.get();
        boolean delete = other.get() == Other.DELETE;
        review.preview(() -> changes.planRemove(relationship, keep, delete), problems, () -> {});
    }
}
