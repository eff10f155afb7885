package tandem.core;

import tandem.core.backend.StateVocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the peers' observations into one of the four indicators and names the source of truth, following the
 * fallback behaviour of a Kea HA relationship:
 * <ul>
 *   <li>UNREACHABLE: no control endpoint of the relationship answers at all;</li>
 *   <li>SERVICE_DOWN: the servers that hand out leases are all offline (primary and secondary/standby; the
 *       primary of a passive-backup or standalone server) while some endpoint still answers;</li>
 *   <li>IMPAIRED: any peer offline, in a state other than a normal one, or with a clock skew Kea will not
 *       tolerate;</li>
 *   <li>OK otherwise.</li>
 * </ul>
 * The source of truth is the primary while it is active; otherwise the peer that has it (the previous source of
 * truth, while its daemon answers), else the first active peer, partner before backups, else (every server
 * restarting its HA state machine) the first whose daemon answers. The primary takes it back as soon as it is
 * active again.
 */
public final class StatusRules {
    private StatusRules() {}

    /** @param states what the backend's HA or failover state names mean */
    public static Assessment assess(Relationship rel, Map<String, PeerObservation> observed, String previousSourceOfTruth,
                                    StateVocabulary states) {
        List<String> reasons = new ArrayList<>();
        boolean anyReachable = rel.peers().stream().anyMatch(p -> reachable(observed.get(p.name())));
        String sourceOfTruth = sourceOfTruth(rel, observed, previousSourceOfTruth, states);
        if (!anyReachable) {
            reasons.add(rel.peers().size() == 1
                    ? "The control endpoint does not answer"
                    : "No control endpoint of the relationship answers");
            return new Assessment(RelationshipStatus.UNREACHABLE, null, reasons);
        }

        for (PeerDefinition p : rel.peers()) {
            PeerObservation o = observed.get(p.name());
            String who = describe(rel, p);
            if (o == null || !o.reachable()) {
                reasons.add(who + " is offline: its control endpoint does not answer");
            } else if (o.daemon() == DaemonState.UNKNOWN) {
                // it answered but would not say (credentials, an OMAPI key...): not counted as serving, not called down
                reasons.add(who + "'s state cannot be read" + (o.problem() == null ? "" : ": " + o.problem()));
            } else if (o.daemon() == DaemonState.DISABLED) {
                reasons.add(who + " reports its DHCP service disabled" + (o.problem() == null ? "" : ": " + o.problem()));
            } else if (!o.up()) {
                reasons.add(who + " is offline: its DHCP daemon does not answer");
            } else if (rel.mode() != HaMode.STANDALONE && o.haState() == null) {
                reasons.add(who + " reports no HA state");
            } else if (rel.mode() != HaMode.STANDALONE && !states.isNormal(o.haState())) {
                String meaning = states.meaning(o.haState());
                reasons.add(who + " is in state " + o.haState() + (meaning == null ? "" : " (" + meaning + ")"));
            }
            if (o != null && o.up() && o.skew() == ClockSkew.ERROR) {
                reasons.add(who + "'s clock is " + Math.abs(o.clockSkewSeconds())
                        + " s off (Kea ends HA above " + ClockSkew.ERROR_SECONDS + " s)");
            }
        }

        if (servingPeersAllOffline(rel, observed)) {
            // Nothing may be written while the service is down: no source of truth until a serving peer is back.
            return new Assessment(RelationshipStatus.SERVICE_DOWN, null, reasons);
        }
        Optional<PeerDefinition> primary = rel.primary();
        if (primary.isPresent() && sourceOfTruth != null && !sourceOfTruth.equals(primary.get().name())) {
            reasons.add(sourceOfTruth + " is the source of truth while the primary is away");
        }
        return new Assessment(reasons.isEmpty() ? RelationshipStatus.OK : RelationshipStatus.IMPAIRED,
                sourceOfTruth, reasons);
    }

    /**
     * The servers that answer DHCP clients on their own are the primary and its secondary or standby. The service
     * is down only when both are known to be: one that answers but cannot be read may well be serving.
     */
    private static boolean servingPeersAllOffline(Relationship rel, Map<String, PeerObservation> observed) {
        boolean primaryMaybe = rel.primary().map(p -> maybeServing(observed.get(p.name()))).orElse(false);
        if (primaryMaybe) return false;
        Optional<PeerDefinition> partner = rel.partner();
        return partner.isEmpty() || !maybeServing(observed.get(partner.get().name()));
    }

    private static boolean maybeServing(PeerObservation o) {
        return o != null && o.reachable() && o.daemon() != DaemonState.DOWN && o.daemon() != DaemonState.DISABLED;
    }

    /**
     * Whether a peer that is up can be the source of truth. A standalone server has no HA state and is active
     * whenever its daemon answers.
     */
    public static boolean isActive(PeerObservation o, HaMode mode, StateVocabulary states) {
        if (o == null || !o.up()) return false;
        if (mode == HaMode.STANDALONE) return true;
        return o.haState() != null && states.isActive(o.haState());
    }

    static String sourceOfTruth(Relationship rel, Map<String, PeerObservation> observed, String previous,
                                StateVocabulary states) {
        Optional<PeerDefinition> primary = rel.primary();
        if (primary.isPresent() && isActive(observed.get(primary.get().name()), rel.mode(), states)) {
            return primary.get().name();
        }
        // The current source of truth keeps the role while its daemon answers, even while its HA state machine
        // restarts (waiting, syncing) after a config-set: its configuration is still the authoritative one. Not
        // when it reports its service disabled on purpose (maintenance, dhcp-disable): the partner takes over.
        if (previous != null && rel.peer(previous).isPresent() && up(observed.get(previous))
                && !states.handsOver(observed.get(previous).haState())) {
            return previous;
        }
        List<PeerDefinition> byPreference = rel.peers().stream()
                .sorted((a, b) -> Integer.compare(rank(a.role()), rank(b.role()))).toList();
        for (PeerDefinition p : byPreference) {
            if (p.role() != PeerRole.PRIMARY && isActive(observed.get(p.name()), rel.mode(), states)) return p.name();
        }
        // Nobody is in an active state yet (every server restarting its HA state machine): any server whose daemon
        // answers, primary first.
        for (PeerDefinition p : byPreference) {
            if (up(observed.get(p.name()))) return p.name();
        }
        return null;
    }

    private static int rank(PeerRole role) {
        return switch (role) {
            case PRIMARY -> 0;
            case SECONDARY, STANDBY -> 1;
            case BACKUP -> 2;
        };
    }

    private static String describe(Relationship rel, PeerDefinition p) {
        if (rel.mode() == HaMode.STANDALONE) return "Server " + p.name();
        String role = p.role().wire();
        return Character.toUpperCase(role.charAt(0)) + role.substring(1) + " " + p.name();
    }

    private static boolean reachable(PeerObservation o) { return o != null && o.reachable(); }

    private static boolean up(PeerObservation o) { return o != null && o.up(); }
}
