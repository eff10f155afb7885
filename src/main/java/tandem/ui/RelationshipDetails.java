package tandem.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tandem.core.ConfigCheck;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.PeerDefinition;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.core.backend.ReplicationStatus;

/**
 * What the details pane shows for the selected relationship.
 *
 * @param status       null when never polled
 * @param replicated   configuration changes are mirrored to the other peers
 * @param replicatedText "Yes", or "No" with the reason
 * @param timers       the HA timers as label and value, Kea's default named when the configuration leaves it, or
 *                     the settings the backend reports (Windows: MCLT, percentages, switchover, authentication)
 * @param checks       the HA configuration checks' findings, errors first
 */
public record RelationshipDetails(String name, String serverName, RelationshipStatus status, boolean stale,
                                  List<String> reasons, String mode, String sourceOfTruth, boolean replicated,
                                  String replicatedText, List<Timer> timers, Instant observedAt, List<PeerRow> peers,
                                  List<ConfigCheck> checks) {
    public record Timer(String label, String value) {}

    /** Kea's defaults (hooks-ha), shown when the configuration does not set a timer. */
    static final long DEFAULT_HEARTBEAT_MS = 10_000;
    static final long DEFAULT_MAX_RESPONSE_MS = 60_000;
    static final long DEFAULT_MAX_ACK_MS = 10_000;
    static final long DEFAULT_MAX_UNACKED = 10;

    public RelationshipDetails {
        checks = checks == null ? List.of() : checks.stream()
                .sorted(java.util.Comparator.comparing(c -> c.severity() == ConfigCheck.Severity.ERROR ? 0 : 1)).toList();
    }

    public static RelationshipDetails of(Relationship rel, RelationshipState state, ReplicationStatus replication) {
        return of(rel, state, replication, List.of());
    }

    public static RelationshipDetails of(Relationship rel, RelationshipState state, ReplicationStatus replication,
                                         List<ConfigCheck> checks) {
        return of(rel, state, replication, checks, List.of());
    }

    /**
     * @param replication whether the console mirrors its configuration changes, as its backend says
     * @param facts       the settings its backend last read, shown instead of Kea's timers when there are any
     */
    public static RelationshipDetails of(Relationship rel, RelationshipState state, ReplicationStatus replication,
                                         List<ConfigCheck> checks, List<tandem.core.backend.Fact> facts) {
        List<String> reasons = state == null ? List.of("No poll has reached this relationship yet")
                : state.assessment().reasons();
        String sourceOfTruth = state == null ? null : state.assessment().sourceOfTruth();
        List<PeerRow> peers = new ArrayList<>();
        for (PeerDefinition p : rel.peers()) {
            peers.add(PeerRow.of(p, state == null ? null : state.peers().get(p.name()), p.name().equals(sourceOfTruth)));
        }

        return new RelationshipDetails(rel.name(), rel.serverName(), state == null ? null : state.status(),
                state == null || state.stale(), reasons,
                (rel.mode() == HaMode.STANDALONE ? "standalone server" : rel.modeName()) + serviceSuffix(rel),
                sourceOfTruth, replication.replicated(), replication.text(),
                facts.isEmpty() ? timers(rel) : facts.stream().map(f -> new Timer(f.label(), f.value())).toList(),
                state == null ? null : state.observedAt(), peers, checks);
    }

    /** DHCPv4 is what every relationship served before DHCPv6, so only DHCPv6 is named. */
    static String serviceSuffix(Relationship rel) {
        return rel.service().isV6() ? ", " + rel.service().label() : "";
    }

    /**
     * What each peer's probe found wrong, "peer: sentence", in peer order: the cause behind a reason such as "its
     * control endpoint does not answer" (refused, a silent agent, credentials, an OMAPI key), shown with the reasons.
     */
    public List<String> peerProblems() {
        return peers.stream().filter(p -> !p.problem().isEmpty()).map(p -> p.name() + ": " + p.problem()).toList();
    }

    private static List<Timer> timers(Relationship rel) {
        if (rel.mode() == HaMode.STANDALONE) return List.of();
        HaParameters p = rel.parameters();
        return List.of(
                new Timer("Heartbeat delay", millis(p.heartbeatDelayMs(), DEFAULT_HEARTBEAT_MS)),
                new Timer("Max response delay", millis(p.maxResponseDelayMs(), DEFAULT_MAX_RESPONSE_MS)),
                new Timer("Max ack delay", millis(p.maxAckDelayMs(), DEFAULT_MAX_ACK_MS)),
                new Timer("Max unacked clients", p.maxUnackedClients() == null
                        ? DEFAULT_MAX_UNACKED + " (default)" : p.maxUnackedClients().toString()));
    }

    /** e.g. "1 s", "1.5 s", "250 ms", "60 s (default)". */
    static String millis(Long ms, long fallback) {
        long v = ms == null ? fallback : ms;
        String text;
        if (v < 1000) text = v + " ms";
        else if (v % 1000 == 0) text = (v / 1000) + " s";
        else text = String.format(java.util.Locale.ROOT, "%.1f s", v / 1000.0);
        return ms == null ? text + " (default)" : text;
    }

    public String statusLabel() { return status == null ? "Not polled yet" : status.label(); }
}
