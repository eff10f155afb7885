package tandem.isc;

import java.util.Locale;

/** ISC dhcpd failover states with their OMAPI numbers. */
public enum FailoverState {
    /** dhcpd's own "unknown-state": what it reports for a partner it has not heard from since it started. */
    UNKNOWN_STATE(0),
    STARTUP(1), NORMAL(2), COMMUNICATIONS_INTERRUPTED(3), PARTNER_DOWN(4), POTENTIAL_CONFLICT(5), RECOVER(6),
    PAUSED(7), SHUTDOWN(8), RECOVER_DONE(9), RESOLUTION_INTERRUPTED(10), CONFLICT_DONE(11), RECOVER_WAIT(254);

    private final int code;

    FailoverState(int code) { this.code = code; }

    public int code() { return code; }

    /** As dhcpd writes it: "communications-interrupted". */
    public String wire() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    /** Empty for a number no dhcpd release defines, so a caller can report it instead of failing a poll. */
    public static java.util.Optional<FailoverState> of(int code) {
        for (FailoverState s : values()) if (s.code == code) return java.util.Optional.of(s);
        return java.util.Optional.empty();
    }
}
