package tandem.isc;

import java.util.Locale;

/** ISC dhcpd failover states with their OMAPI numbers. */
public enum FailoverState {
    STARTUP(1), NORMAL(2), COMMUNICATIONS_INTERRUPTED(3), PARTNER_DOWN(4), POTENTIAL_CONFLICT(5), RECOVER(6),
    PAUSED(7), SHUTDOWN(8), RECOVER_DONE(9), RESOLUTION_INTERRUPTED(10), CONFLICT_DONE(11), RECOVER_WAIT(254);

    private final int code;

    FailoverState(int code) { this.code = code; }

    public int code() { return code; }

    /** As dhcpd writes it: "communications-interrupted". */
    public String wire() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    public static FailoverState of(int code) {
        for (FailoverState s : values()) if (s.code == code) return s;
        throw new IllegalArgumentException("unknown failover state " + code);
    }
}
