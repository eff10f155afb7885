package tandem.ui;

import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

/**
 * An action the signed-in team member may not take: its control is greyed out and the reason shows as a tooltip on
 * a wrapper around it, since a disabled control gets no mouse events. While refused the wrapper is named after the
 * control, {@code <id>-refused}, which the tests and assistive tools find it by.
 */
final class RefusedAction {
    private static final String TOOLTIP = "javafx.scene.control.Tooltip";

    private RefusedAction() { }

    /** A wrapper to keep around a control whose refusal changes (with the selection, after a poll). */
    static StackPane holder(Node control) {
        StackPane holder = new StackPane(control);
        holder.getStyleClass().add("refusal-holder");
        return holder;
    }

    /** Greys out the holder's control with the reason, or makes it usable again when {@code why} is empty. */
    static void show(StackPane holder, Optional<String> why) {
        Node control = holder.getChildren().get(0);
        if (holder.getProperties().get(TOOLTIP) instanceof Tooltip old) Tooltip.uninstall(holder, old);
        holder.setId(why.map(w -> control.getId() + "-refused").orElse(null));
        why.ifPresent(w -> Tooltip.install(holder, new Tooltip(w)));
    }

    /** The control itself when usable, else the control greyed out in a wrapper with the reason. */
    static Node wrapIfRefused(Node control, Optional<String> why) {
        if (why.isEmpty()) return control;
        control.setDisable(true);
        StackPane holder = holder(control);
        show(holder, why);
        return holder;
    }
}
