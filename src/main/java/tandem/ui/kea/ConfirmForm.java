package tandem.ui.kea;

import java.util.List;
import tandem.kea.change.KeaChange;

/** A change that needs no input, chosen from a row of the configuration tables: e.g. removing a pool. */
public final class ConfirmForm extends ChangeForm {
    private final String title;
    private final KeaChange change;

    public ConfirmForm(String title, KeaChange change) {
        this.title = title;
        this.change = change;
    }

    @Override public String title() { return title; }

    @Override public String hint() { return change.describe() + ". Preview shows exactly what goes."; }

    @Override public List<ChangeField> fields() { return List.of(); }

    @Override protected String problem(ChangeField field) { return null; }

    @Override protected KeaChange change() { return change; }
}
