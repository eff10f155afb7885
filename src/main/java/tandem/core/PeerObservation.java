package tandem.core;

import java.time.Instant;
import java.util.List;

/**
 * What one poll learned about one peer.
 *
 * @param reachable       the control endpoint (or its proxy) answered at all
 * @param haState         the HA state the peer reports for this relationship, null when unknown
 * @param ageSeconds      seconds since the peer last heard from its partner, as it reports
 * @param clockSkewSeconds this peer's clock minus the console's, from ha-heartbeat, null when unknown
 * @param problem         a sentence for the administrator when something is wrong, else null
 */
public record PeerObservation(String peer, boolean reachable, DaemonState daemon, String haState,
                              String reportedRole, List<String> scopes, Long ageSeconds, Boolean inTouch,
                              Boolean communicationInterrupted, Long unackedClients, Long clockSkewSeconds,
                              String problem, Instant observedAt) {
    public PeerObservation {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        if (daemon == null) daemon = DaemonState.UNKNOWN;
    }

    public static PeerObservation unreachable(String peer, String problem, Instant at) {
        return new PeerObservation(peer, false, DaemonState.UNKNOWN, null, null, List.of(), null, null, null, null,
                null, problem, at);
    }

    public static PeerObservation daemonDown(String peer, String problem, Instant at) {
        return new PeerObservation(peer, true, DaemonState.DOWN, null, null, List.of(), null, null, null, null,
                null, problem, at);
    }

    public PeerObservation withProblem(String sentence) {
        return new PeerObservation(peer, reachable, daemon, haState, reportedRole, scopes, ageSeconds, inTouch,
                communicationInterrupted, unackedClients, clockSkewSeconds, sentence, observedAt);
    }

    /** The DHCP daemon answers through its control endpoint. */
    public boolean up() { return reachable && daemon == DaemonState.UP; }

    public ClockSkew skew() { return ClockSkew.of(clockSkewSeconds); }
}
