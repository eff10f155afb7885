package tandem.ui.windows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import tandem.windows.FieldProblem;

/**
 * The problem shown at each field of a Windows dialog. Fields are named as the backend names them (the command
 * line's options, e.g. {@code --mclt}), so a refusal found by a server lands at the field it is about.
 */
public final class FieldProblems {
    private final Map<String, ReadOnlyStringWrapper> problems = new LinkedHashMap<>();
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();

    /** @param fields the fields the dialog shows */
    public FieldProblems(String... fields) {
        for (String f : fields) problems.put(f, new ReadOnlyStringWrapper());
    }

    /** The problem at {@code field}, or null. */
    public ReadOnlyStringProperty at(String field) { return wrapper(field).getReadOnlyProperty(); }

    public String get(String field) { return wrapper(field).get(); }

    /** Changes whenever the problems change, for the field decorations to follow. */
    public ReadOnlyIntegerProperty revisionProperty() { return revision.getReadOnlyProperty(); }

    public boolean any() { return problems.values().stream().anyMatch(p -> p.get() != null); }

    /**
     * Shows each problem at its field (the first per field) and clears the others.
     *
     * @return the problems that belong to no field of the dialog, as text
     */
    public List<String> show(List<FieldProblem> found) {
        problems.values().forEach(p -> p.set(null));
        List<String> elsewhere = new ArrayList<>();
        for (FieldProblem p : found) {
            ReadOnlyStringWrapper at = problems.get(p.field());
            if (at == null) elsewhere.add(capitalized(p.message()));
            else if (at.get() == null) at.set(capitalized(p.message()));
        }
        revision.set(revision.get() + 1);
        return elsewhere;
    }

    public void clear() { show(List.of()); }

    private ReadOnlyStringWrapper wrapper(String field) {
        ReadOnlyStringWrapper w = problems.get(field);
        if (w == null) throw new IllegalArgumentException("no field " + field);
        return w;
    }

    static String capitalized(String s) {
        return s == null || s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
