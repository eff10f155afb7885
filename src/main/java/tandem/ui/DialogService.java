package tandem.ui;

import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * The console's one way of showing alerts and asking for confirmation: owned by the main window, themed, and with
 * the ids the tests and assistive tools find them by.
 */
public final class DialogService {
    private final Supplier<Window> owner;

    public DialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    public Window owner() { return owner.get(); }

    /** Says that something failed, with its message; does not wait. */
    public void error(String what, Throwable failure) {
        Alert a = new Alert(Alert.AlertType.ERROR, failure.getMessage() == null ? failure.toString() : failure.getMessage(),
                ButtonType.CLOSE);
        a.setHeaderText(what);
        a.getDialogPane().setId("errorAlert");
        show(a, false);
    }

    /** Says something worth knowing; does not wait. */
    public void inform(String id, String title, String header, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, text, ButtonType.OK);
        a.setTitle(title);
        a.setHeaderText(header);
        a.getDialogPane().setId(id);
        show(a, false);
    }

    /** Shows content of its own (e.g. About) with a Close button; does not wait. */
    public void show(String id, String title, String header, javafx.scene.Node graphic, javafx.scene.Node content) {
        Alert a = new Alert(Alert.AlertType.NONE, "", ButtonType.CLOSE);
        a.setTitle(title);
        a.setHeaderText(header);
        a.setGraphic(graphic);
        a.getDialogPane().setContent(content);
        a.getDialogPane().setId(id);
        a.setResizable(true);
        show(a, false);
    }

    /** A small form of the console's own (content with its own buttons), owned by the main window and themed. */
    public javafx.stage.Stage form(String title, javafx.scene.Parent content) {
        return Theme.dialogStage(title, content, owner.get());
    }

    /**
     * Asks before doing something; true when confirmed.
     *
     * @param id      the dialog pane's id
     * @param danger  a warning rather than a question: the action can hurt if misjudged
     * @param confirm what the confirm button says
     */
    public boolean confirm(String id, String title, String header, String text, String confirm, boolean danger) {
        ButtonType yes = new ButtonType(confirm, ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(danger ? Alert.AlertType.WARNING : Alert.AlertType.CONFIRMATION, text, ButtonType.CANCEL, yes);
        a.setTitle(title);
        a.setHeaderText(header);
        a.getDialogPane().setId(id);
        Optional<ButtonType> answer = show(a, true);
        return answer.isPresent() && answer.get() == yes;
    }

    private Optional<ButtonType> show(Alert a, boolean wait) {
        Theme.apply(a.getDialogPane());
        Window w = owner.get();
        if (w != null) a.initOwner(w);
        if (wait) return a.showAndWait();
        a.show();
        return Optional.empty();
    }
}
