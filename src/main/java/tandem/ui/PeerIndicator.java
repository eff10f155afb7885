package tandem.ui;

import tandem.core.DaemonState;
import tandem.core.PeerObservation;

/** The small indicator beside a peer: what answered when the console last asked. */
public enum PeerIndicator {
    UP("up"), DAEMON_DOWN("daemon down"), DISABLED("DHCP service disabled"), UNREACHABLE("unreachable"),
    UNKNOWN("not polled yet");

    private final String label;

    PeerIndicator(String label) { this.label = label; }

    public String label() { return label; }

    public String styleClass() { return "peer-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }

    public static PeerIndicator of(PeerObservation o) {
        if (o == null) return UNKNOWN;
        if (!o.reachable()) return UNREACHABLE;
        if (o.daemon() == DaemonState.UP) return UP;
        if (o.daemon() == DaemonState.DISABLED) return DISABLED;
        // reachable but the daemon does not answer (or the agent cannot tell): the service is not there
        return DAEMON_DOWN;
    }
}
