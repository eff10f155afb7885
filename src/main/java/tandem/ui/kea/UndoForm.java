package tandem.ui.kea;

import java.util.List;
import tandem.kea.change.KeaChange;
import tandem.kea.change.KeaChangeService;
import tandem.kea.change.KeaChangeService.Preview;

/** Undoes a journaled change: its inverse, previewed and applied as a new change. No inputs. */
public final class UndoForm extends ChangeForm {
    private final long journalId;
    private final String description;

    public UndoForm(long journalId, String description) {
        this.journalId = journalId;
        this.description = description;
    }

    @Override public String title() { return "Undo change #" + journalId; }

    @Override public String hint() { return "Undoes “" + description + "” as a new change; preview it first."; }

    @Override public List<ChangeField> fields() { return List.of(); }

    @Override protected String problem(ChangeField field) { return null; }

    @Override protected KeaChange change() { throw new UnsupportedOperationException("prepared from the journal"); }

    @Override
    protected Preview prepare(KeaChangeService changes, String relationship) { return changes.prepareUndo(journalId); }
}
