package tandem.ui.windows;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import tandem.windows.WinScope;

/** A scope in a checkable list: its id, how it is shown, and whether it is checked. */
public final class ScopeChoice {
    private final String scopeId;
    private final String label;
    private final BooleanProperty selected = new SimpleBooleanProperty(false);

    public ScopeChoice(String scopeId, String label) {
        this.scopeId = scopeId;
        this.label = label;
    }

    /** "10.1.0.0 — s1 (10.1.0.10-10.1.0.200)", or the id alone when the scope was not read. */
    public static ScopeChoice of(String scopeId, WinScope scope) {
        if (scope == null) return new ScopeChoice(scopeId, scopeId);
        String name = scope.name() == null || scope.name().isBlank() ? "" : " — " + scope.name();
        String range = scope.startRange().isBlank() ? "" : " (" + scope.startRange() + "-" + scope.endRange() + ")";
        return new ScopeChoice(scopeId, scopeId + name + range);
    }

    public String scopeId() { return scopeId; }

    public BooleanProperty selectedProperty() { return selected; }

    public boolean selected() { return selected.get(); }

    @Override public String toString() { return label; }
}
