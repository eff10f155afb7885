package tandem.ui;

/** How a message in a dialog or the status bar is styled. */
public enum MessageKind {
    NONE, INFO, SUCCESS, ERROR;

    public String styleClass() { return "message-" + name().toLowerCase(java.util.Locale.ROOT); }
}
