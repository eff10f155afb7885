package tandem.ui.kea;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One input of a change form. Its {@link #key} is the name the change model uses in
 * {@link tandem.kea.change.ChangeRefused#field()}, so a refusal from the server lands at this input.
 */
public final class ChangeField {
    /** How the dialog shows the input. */
    public enum Kind { TEXT, SUBNET_CHOICE }

    private final String key;
    private String label;
    private String prompt;
    private final Kind kind;
    private final StringProperty value = new SimpleStringProperty("");
    private final ObservableList<String> choices = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper shownProblem = new ReadOnlyStringWrapper(null);
    boolean touched;

    ChangeField(String key, String label, String prompt, Kind kind) {
        this.key = key;
        this.label = label;
        this.prompt = prompt;
        this.kind = kind;
    }

    static ChangeField text(String key, String label, String prompt) { return new ChangeField(key, label, prompt, Kind.TEXT); }

    static ChangeField subnet(String label, String prompt) { return new ChangeField("subnet", label, prompt, Kind.SUBNET_CHOICE); }

    /** A DHCPv6 form says what its input takes there (e.g. "MAC address or DUID"); before the dialog is built. */
    void relabel(String newLabel, String newPrompt) {
        this.label = newLabel;
        this.prompt = newPrompt;
    }

    public String key() { return key; }

    public String label() { return label; }

    public String prompt() { return prompt; }

    public Kind kind() { return kind; }

    public StringProperty valueProperty() { return value; }

    /** The value without surrounding blanks; "" when empty. */
    public String value() { return value.get() == null ? "" : value.get().strip(); }

    /** For a choice: what can be chosen. */
    public ObservableList<String> choices() { return choices; }

    /** The message shown at the input now, or null. */
    public ReadOnlyStringProperty shownProblemProperty() { return shownProblem.getReadOnlyProperty(); }

    public String shownProblem() { return shownProblem.get(); }

    void showProblem(String problem) { shownProblem.set(problem); }
}
