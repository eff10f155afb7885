package tandem.kea;

import java.util.Optional;
import tandem.core.backend.ActionKind;

/** The Kea HA commands an administrator can send from the console or the command line. */
public enum KeaHaCommand {
    MAINTENANCE_START("maintenance-start", "Start maintenance", "ha-maintenance-start", "Server that stays in service",
            false, false, false),
    MAINTENANCE_CANCEL("maintenance-cancel", "Cancel maintenance", "ha-maintenance-cancel", "Send to", false, false, true),
    SYNC("sync", "Synchronize leases", "ha-sync", "Server whose leases are refreshed", false, true, true),
    CONTINUE("continue", "Continue", "ha-continue", "Send to", false, false, false),
    RESET("reset", "Reset", "ha-reset", "Send to", false, false, false),
    SCOPES("scopes", "Set scopes", "ha-scopes", "Send to", true, false, false);

    private final ActionKind descriptor;

    KeaHaCommand(String wire, String label, String command, String targetLabel, boolean targetRequired,
                 boolean takesMaxPeriod, boolean endsGroup) {
        this.descriptor = new ActionKind(wire, label, command, targetLabel, targetRequired,
                "scopes".equals(wire), takesMaxPeriod, endsGroup);
    }

    /** How the console and the command line offer it. */
    public ActionKind descriptor() { return descriptor; }

    /** The command line's name for it. */
    public String wire() { return descriptor.id(); }

    /** A button or menu label, without the ellipsis. */
    public String label() { return descriptor.label(); }

    /** The Kea command it sends. */
    public String command() { return descriptor.command(); }

    public static Optional<KeaHaCommand> fromWire(String wire) {
        for (KeaHaCommand c : values()) if (c.wire().equals(wire)) return Optional.of(c);
        return Optional.empty();
    }

    @Override public String toString() { return wire(); }
}
