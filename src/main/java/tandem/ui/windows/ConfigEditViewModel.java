package tandem.ui.windows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import tandem.ui.BackgroundTasks;
import tandem.ui.MessageKind;
import tandem.windows.ConfigEdit;
import tandem.windows.FieldProblem;
import tandem.windows.ScopeConfig;
import tandem.windows.WinOptionValue;
import tandem.windows.WinReservation;

/**
 * Edit… or Remove… of a configuration table's row on Windows: a reservation, an option value, a scope, a superscope
 * (its name; removed, its scopes stay). The fields
 * start from what the server has (read in the background); Preview plans the change (made on both partners of a
 * failover scope), Apply applies it. A removal has no fields and previews at once.
 */
public final class ConfigEditViewModel {
    /** What is edited. */
    public enum Kind { RESERVATION, REMOVE_RESERVATION, OPTION, REMOVE_OPTION, SCOPE, SUPERSCOPE, REMOVE_SUPERSCOPE }

    public static final String IP = "--ip";
    public static final String NAME = "--name";
    public static final String DESCRIPTION = "--description";
    public static final String VALUE = "--value";
    public static final String LEASE = "--lease";
    public static final String STATE = "--state";

    private final WindowsChanges changes;
    private final BackgroundTasks tasks;
    private final String server;
    private final String relationship;
    private final Kind kind;
    private final String scopeId;
    private final String reservedIp;
    private final Integer optionId;
    private final String superscope;
    private final FieldProblems problems = new FieldProblems(IP, NAME, DESCRIPTION, VALUE, LEASE, STATE, "--scope");
    private final PlanReview review;
    private final Map<String, StringProperty> fields = new LinkedHashMap<>();

    /**
     * @param scopeId    the scope (null for a server-level option)
     * @param reservedIp the reservation's address (a reservation, or an option set on one)
     * @param optionId   the option (option kinds only)
     */
    public ConfigEditViewModel(WindowsChanges changes, BackgroundTasks tasks, String server, String relationship, Kind kind,
                               String scopeId, String reservedIp, Integer optionId, Runnable changed) {
        this(changes, tasks, server, relationship, kind, scopeId, reservedIp, optionId, null, changed);
    }

    /** Edit… (its name) or Remove superscope… of the superscope {@code name}. */
    public static ConfigEditViewModel superscope(WindowsChanges changes, BackgroundTasks tasks, String server, String relationship,
                                                 boolean remove, String name, Runnable changed) {
        return new ConfigEditViewModel(changes, tasks, server, relationship, remove ? Kind.REMOVE_SUPERSCOPE : Kind.SUPERSCOPE,
                null, null, null, name, changed);
    }

    private ConfigEditViewModel(WindowsChanges changes, BackgroundTasks tasks, String server, String relationship, Kind kind,
                                String scopeId, String reservedIp, Integer optionId, String superscope, Runnable changed) {
        this.superscope = superscope;
        this.changes = changes;
        this.tasks = tasks;
        this.server = server;
        this.relationship = relationship;
        this.kind = kind;
        this.scopeId = scopeId;
        this.reservedIp = reservedIp;
        this.optionId = optionId;
        this.review = new PlanReview(changes, tasks, changed);
        for (String f : fieldNames()) {
            StringProperty p = new SimpleStringProperty("");
            p.addListener((o, was, now) -> review.discard());
            fields.put(f, p);
        }
    }

    /** The fields the dialog shows, in order. */
    public List<String> fieldNames() {
        return switch (kind) {
            case RESERVATION -> List.of(IP, NAME, DESCRIPTION);
            case OPTION -> List.of(VALUE);
            case SCOPE -> List.of(NAME, DESCRIPTION, LEASE, STATE);
            case SUPERSCOPE -> List.of(NAME);
            default -> List.of();
        };
    }

    public StringProperty field(String name) { return fields.get(name); }
    public Kind kind() { return kind; }
    public boolean removal() { return kind == Kind.REMOVE_RESERVATION || kind == Kind.REMOVE_OPTION || kind == Kind.REMOVE_SUPERSCOPE; }
    public String relationship() { return relationship; }
    public FieldProblems problems() { return problems; }
    public PlanReview review() { return review; }

    public String title() {
        return switch (kind) {
            case RESERVATION -> "Edit reservation " + reservedIp;
            case REMOVE_RESERVATION -> "Remove reservation " + reservedIp;
            case OPTION -> "Edit option " + optionId + " at " + level();
            case REMOVE_OPTION -> "Remove option " + optionId + " at " + level();
            case SCOPE -> "Edit scope " + scopeId;
            case SUPERSCOPE -> "Edit superscope " + superscope;
            case REMOVE_SUPERSCOPE -> "Remove superscope " + superscope;
        };
    }

    /** What the dialog says under its title: where the change is made. */
    public String note() {
        if (kind == Kind.SUPERSCOPE || kind == Kind.REMOVE_SUPERSCOPE) {
            return "Made on both partners of a failover relationship, each with the scopes it has. "
                    + (kind == Kind.REMOVE_SUPERSCOPE ? "Its scopes stay, in no superscope. " : "")
                    + "If either server refuses, both keep what they had.";
        }
        return "A scope in failover is changed on both partners: Windows does not replicate this change by itself."
                + " If either refuses, both keep what they had.";
    }

    private String level() {
        return reservedIp != null ? "reservation " + reservedIp : scopeId != null ? "scope " + scopeId : "server level";
    }

    /** Fills the fields from what the server has; a removal is previewed at once. */
    public void load() {
        if (removal()) {
            preview();
            return;
        }
        if (kind == Kind.SUPERSCOPE) {
            // the row named it: nothing more to read before the name is edited
            fields.get(NAME).set(superscope);
            return;
        }
        review.say("Reading " + server + "…", MessageKind.INFO);
        tasks.run(() -> changes.current(server, scopeId, reservedIp), current -> {
            fill(current);
            review.say("", MessageKind.NONE);
        }, failure -> review.say("Cannot read " + server + ": " + PlanReview.text(failure), MessageKind.ERROR));
    }

    private void fill(WindowsChanges.Current c) {
        ScopeConfig config = c.scope();
        switch (kind) {
            case RESERVATION -> {
                fields.get(IP).set(reservedIp);
                if (config != null) {
                    for (WinReservation r : config.reservations()) {
                        if (r.ipAddress().strip().equals(reservedIp)) {
                            fields.get(NAME).set(r.name());
                            fields.get(DESCRIPTION).set(r.description());
                        }
                    }
                }
            }
            case OPTION -> {
                List<WinOptionValue> options = config == null ? c.serverOptions() : config.options();
                for (WinOptionValue o : options) {
                    if (o.optionId() == optionId && java.util.Objects.equals(o.reservedIp(), reservedIp)) {
                        fields.get(VALUE).set(String.join(", ", o.value()));
                    }
                }
            }
            case SCOPE -> {
                if (config != null) {
                    fields.get(NAME).set(config.scope().name());
                    fields.get(DESCRIPTION).set(config.scope().description());
                    Long lease = config.scope().leaseDurationSec();
                    fields.get(LEASE).set(lease == null ? "" : Long.toString(lease));
                    fields.get(STATE).set(config.scope().state());
                }
            }
            default -> { }
        }
    }

    /** The edit the fields ask for; null (with the problem shown) when a field cannot be read. */
    ConfigEdit edit() {
        return switch (kind) {
            case RESERVATION -> new ConfigEdit.Reservation(scopeId, reservedIp, text(IP), text(NAME), text(DESCRIPTION));
            case REMOVE_RESERVATION -> new ConfigEdit.RemoveReservation(scopeId, reservedIp);
            case OPTION -> new ConfigEdit.Option(scopeId, reservedIp, optionId,
                    new ArrayList<>(Arrays.stream(text(VALUE).split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList()));
            case REMOVE_OPTION -> new ConfigEdit.Option(scopeId, reservedIp, optionId, null);
            case SUPERSCOPE -> new ConfigEdit.Superscope(superscope, text(NAME));
            case REMOVE_SUPERSCOPE -> new ConfigEdit.RemoveSuperscope(superscope);
            case SCOPE -> {
                long lease;
                try {
                    lease = Long.parseLong(text(LEASE));
                } catch (NumberFormatException e) {
                    problems.show(List.of(new FieldProblem(LEASE, "the lease duration is a number of seconds")));
                    yield null;
                }
                yield new ConfigEdit.Scope(scopeId, text(NAME), text(DESCRIPTION), lease, text(STATE));
            }
        };
    }

    private String text(String field) { return fields.get(field).get() == null ? "" : fields.get(field).get().strip(); }

    public void preview() {
        ConfigEdit edit = edit();
        if (edit == null) return;
        review.preview(() -> changes.planConfig(relationship, edit), problems, () -> {});
    }
}
