package tandem.core;

/** Kea warns when partners' clocks differ by more than 30 s and terminates HA above 60 s. */
public enum ClockSkew {
    OK, WARNING, ERROR;

    public static final long WARN_SECONDS = 30;
    public static final long ERROR_SECONDS = 60;

    public static ClockSkew of(Long skewSeconds) {
        if (skewSeconds == null) return OK;
        long abs = Math.abs(skewSeconds);
        if (abs > ERROR_SECONDS) return ERROR;
        if (abs > WARN_SECONDS) return WARNING;
        return OK;
    }
}
