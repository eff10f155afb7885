package tandem.core;

/** The HA commands an administrator can send from the console or the command line. */
public enum HaActionKind {
    MAINTENANCE_START("maintenance-start", "Start maintenance", "ha-maintenance-start"),
    MAINTENANCE_CANCEL("maintenance-cancel", "Cancel maintenance", "ha-maintenance-cancel"),
    SYNC("sync", "Synchronize leases", "ha-sync"),
    CONTINUE("continue", "Continue", "ha-continue"),
    RESET("reset", "Reset", "ha-reset"),
    SCOPES("scopes", "Set scopes", "ha-scopes");

    private final String wire;
    private final String label;
    private final String command;

    HaActionKind(String wire, String label, String command) {
        this.wire = wire;
        this.label = label;
        this.command = command;
    }

    /** The command line's name for it. */
    public String wire() { return wire; }

    /** A button or menu label, without the ellipsis. */
    public String label() { return label; }

    /** The Kea command it sends. */
    public String command() { return command; }

    @Override public String toString() { return wire; }
}
