package tandem.ui.isc;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import tandem.isc.FailoverPeer;
import tandem.isc.FailoverPeer.Field;
import tandem.isc.FailoverPeerForm;
import tandem.isc.FailoverRole;

/**
 * The Failover Peer dialog's state: one text per field, checked on every change, with the problem (or warning)
 * for each field beside it. A new peer starts from the suggested values; a secondary has no mclt or split.
 */
public final class FailoverPeerViewModel {
    private final Map<Field, StringProperty> values = new EnumMap<>(Field.class);
    private final Map<Field, ReadOnlyStringWrapper> problems = new EnumMap<>(Field.class);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final Set<String> takenNames;
    private final boolean editing;
    private FailoverPeer peer;

    /** @param existing the peer to edit, or null for a new one; {@code takenNames} are the other peers' names */
    public FailoverPeerViewModel(FailoverPeer existing, Collection<String> takenNames) {
        this.takenNames = Set.copyOf(takenNames);
        this.editing = existing != null;
        FailoverPeer start = existing != null ? existing : FailoverPeer.suggestedPrimary("", "", "");
        Map<Field, String> initial = FailoverPeerForm.fieldsOf(start);
        for (Field f : Field.values()) {
            values.put(f, new SimpleStringProperty(initial.get(f) == null ? "" : initial.get(f)));
            problems.put(f, new ReadOnlyStringWrapper());
        }
        values.get(Field.ROLE).addListener((o, was, now) -> {
            // mclt and split are the primary's alone: clear them for a secondary, suggest them for a primary
            if (FailoverRole.SECONDARY.word().equals(now)) {
                values.get(Field.MCLT).set("");
                values.get(Field.SPLIT).set("");
            } else if (FailoverRole.PRIMARY.word().equals(now)) {
                if (values.get(Field.MCLT).get().isBlank()) values.get(Field.MCLT).set(String.valueOf(FailoverPeer.SUGGESTED_MCLT));
                if (values.get(Field.SPLIT).get().isBlank()) values.get(Field.SPLIT).set(String.valueOf(FailoverPeer.SUGGESTED_SPLIT));
            }
        });
        values.values().forEach(v -> v.addListener((o, was, now) -> revalidate()));
        revalidate();
    }

    public boolean editing() { return editing; }

    public StringProperty value(Field f) { return values.get(f); }

    /** The error or warning at a field, or null. Empty required fields of a new peer say nothing until typed in. */
    public ReadOnlyStringProperty problem(Field f) { return problems.get(f).getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty validProperty() { return valid.getReadOnlyProperty(); }

    /** The peer as entered, or null while a field is wrong. */
    public FailoverPeer peer() { return peer; }

    public boolean isSecondary() { return FailoverRole.SECONDARY.word().equals(values.get(Field.ROLE).get()); }

    private void revalidate() {
        Map<Field, String> in = new EnumMap<>(Field.class);
        values.forEach((k, v) -> in.put(k, v.get()));
        FailoverPeerForm.Result r = FailoverPeerForm.read(in);
        for (Field f : Field.values()) {
            List<FailoverPeer.FieldProblem> at = r.problemsAt(f);
            String text = at.isEmpty() ? null : (at.get(0).isError() ? "" : "Note: ") + capitalized(at.get(0).message());
            if (f == Field.NAME && values.get(f).get() != null && takenNames.contains(values.get(f).get().strip())) {
                text = "A failover peer with this name already exists";
            }
            problems.get(f).set(text);
        }
        boolean nameTaken = takenNames.contains(values.get(Field.NAME).get().strip());
        peer = r.ok() && !nameTaken ? r.peer() : null;
        valid.set(peer != null);
    }

    private static String capitalized(String s) { return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1); }
}
