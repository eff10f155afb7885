package tandem.ui;

/**
 * One thing a backend lets an administrator do from the console, shown as a menu item or a button.
 *
 * @param id    the menu item's id, e.g. "iscAddPool"; a button gets "action-" and its label's words
 * @param label e.g. "Add reservation…"
 */
public record UiCommand(String id, String label, Runnable run, boolean disabled) {
    public static UiCommand of(String id, String label, Runnable run) {
        return new UiCommand(id, label, run, false);
    }

    /** The id of the command's button in the details pane, e.g. "action-add-reservation". */
    public String buttonId() {
        return "action-" + label.replace("…", "").strip().replace(' ', '-').toLowerCase(java.util.Locale.ROOT);
    }
}
