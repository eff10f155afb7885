package tandem.core;

/**
 * Whether the DHCP daemon behind a control endpoint answers; UNKNOWN when the endpoint itself does not. DISABLED: it
 * answers commands but reports its DHCP service disabled (e.g. after dhcp-disable), so it serves no client.
 */
public enum DaemonState {
    UP, DOWN, UNKNOWN, DISABLED;

    public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
}
