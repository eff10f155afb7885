package tandem.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.layout.HBox;

/** The OK and Cancel row at the bottom of a form dialog: right-aligned, Enter presses OK, Escape Cancel. */
public final class DialogButtons {
    private final Button ok;
    private final Button cancel;
    private final HBox bar;

    private DialogButtons(String okLabel, String okId, String cancelId, Runnable onOk, Runnable onCancel) {
        ok = new Button(okLabel);
        ok.setId(okId);
        ok.setDefaultButton(true);
        ok.setOnAction(e -> onOk.run());
        cancel = new Button("Cancel");
        if (cancelId != null) cancel.setId(cancelId);
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onCancel.run());
        bar = new HBox(8, ok, cancel);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(12, 0, 0, 0));
    }

    /** @param cancelId the Cancel button's id, or null for none */
    public static DialogButtons of(String okLabel, String okId, String cancelId, Runnable onOk, Runnable onCancel) {
        return new DialogButtons(okLabel, okId, cancelId, onOk, onCancel);
    }

    public Button ok() { return ok; }

    public HBox bar() { return bar; }
}
