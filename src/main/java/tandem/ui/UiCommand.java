package tandem.ui;

import tandem.core.access.Permission;

/**
 * One thing a backend lets an administrator do from the console, shown as a menu item or a button.
 *
 * @param id    the menu item's id, e.g. "iscAddPool"; a button gets "action-" and its label's words
 * @param label e.g. "Add reservation…"
 * @param needs the permission bit it needs on the relationship's server (some scope of it for scope bits), or null;
 *              in a team the console greys it out, with the reason, for a member without it
 */
public record UiCommand(String id, String label, Runnable run, boolean disabled, Permission needs) {
    public UiCommand(String id, String label, Runnable run, boolean disabled) {
        this(id, label, run, disabled, null);
    }

    public static UiCommand of(String id, String label, Runnable run) {
        return new UiCommand(id, label, run, false);
    }

    public UiCommand needing(Permission bit) {
        return new UiCommand(id, label, run, disabled, bit);
    }

    /** The id of the command's button in the details pane, e.g. "action-add-reservation". */
    public String buttonId() {
        return "action-" + label.replace("…", "").strip().replace(' ', '-').toLowerCase(java.util.Locale.ROOT);
    }
}
