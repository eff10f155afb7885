package tandem.core;

/** Whether the DHCP daemon behind a control endpoint answers; UNKNOWN when the endpoint itself does not. */
public enum DaemonState {
    UP, DOWN, UNKNOWN;

    public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
}
