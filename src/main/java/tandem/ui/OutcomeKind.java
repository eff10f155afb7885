package tandem.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/** What happened to one server of a change, as the console marks it. */
public enum OutcomeKind {
    VERIFIED, OFFLINE, FAILED;

    public String styleClass() { return "outcome-" + name().toLowerCase(java.util.Locale.ROOT); }

    /** One peer's outcome, e.g. "server2 — verified", styled by its kind; shared by the change, synchronize and audit views. */
    public static Label label(String peer, String text, OutcomeKind kind) {
        String shown = kind == OutcomeKind.OFFLINE && text.startsWith("offline") ? "offline: will be synchronized"
                : text;
        Label l = new Label(peer + " — " + shown, icon(kind));
        l.setId("outcome-" + peer);
        l.getStyleClass().addAll("peer-outcome", kind.styleClass());
        l.setWrapText(true);
        l.setGraphicTextGap(6);
        if (!shown.equals(text)) l.setTooltip(new Tooltip(text));
        return l;
    }

    private static Node icon(OutcomeKind kind) {
        Label mark = new Label(switch (kind) {
            case VERIFIED -> "✔";
            case OFFLINE -> "⏸";
            case FAILED -> "✖";
        });
        mark.getStyleClass().add("outcome-mark");
        return mark;
    }
}
