package tandem.kea;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tandem.core.HaMode;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.PeerRole;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.backend.ActionKind;
import tandem.core.backend.ActionPlan;
import tandem.core.backend.PlannedAction;

/**
 * An HA action planned for one relationship: which Kea command goes to which server(s), and what will happen, in
 * words the command line and the console's confirmation both show before anything is sent.
 *
 * <p>Kea's semantics decide the targets: {@code ha-maintenance-start} goes to the server that stays in service
 * (it moves to partner-in-maintenance and serves every client; its partner moves to in-maintenance and may then be
 * shut down); {@code ha-maintenance-cancel} goes to that same server, which brings both back to their previous
 * states; {@code ha-sync} goes to the server whose lease database is refreshed, naming the partner it fetches from.
 *
 * @param targets      the servers the command is sent to, in order
 * @param counterpart  the other server involved: the one going into (or out of) maintenance, or the one leases are
 *                     fetched from; null for continue, reset and scopes
 * @param scopes       for SCOPES: the scopes the target serves afterwards
 * @param maxPeriodSeconds for SYNC: how long the partner's DHCP service may stay disabled
 * @param title        one line, e.g. "Start maintenance of server2"
 * @param description  what is sent where and what follows, for the confirmation
 */
public record KeaHaAction(KeaHaCommand command, Relationship relationship, List<String> targets, String counterpart,
                       List<String> scopes, int maxPeriodSeconds, String title, String description) implements PlannedAction {

    public static final int DEFAULT_MAX_PERIOD_SECONDS = 60;
    public static final int MAX_MAX_PERIOD_SECONDS = 86_400;

    /** States in which a server serves scopes an administrator may change (Kea resets them in the others). */
    private static final Set<String> SCOPE_STATES = Set.of("load-balancing", "hot-standby", "partner-down",
            "partner-in-maintenance", "communication-recovery");

    public KeaHaAction {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(relationship, "relationship");
        targets = List.copyOf(targets);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** What the confirm button says, e.g. "Start maintenance". */
    @Override public String confirmLabel() { return command.label(); }

    @Override public ActionKind kind() { return command.descriptor(); }

    /**
     * Plans an action from the relationship and its last poll.
     *
     * @param state     the last poll, or null when none (then only the configuration is checked; Kea has the last word)
     * @param peer      the server the command goes to, or null for the default
     * @param scopes    for SCOPES only
     * @param maxPeriod for SYNC only; null for the default
     */
    public static ActionPlan plan(Relationship rel, RelationshipState state, KeaHaCommand command, String peer,
                                  List<String> scopes, Integer maxPeriod) {
        if (rel.mode() == HaMode.STANDALONE) {
            return new ActionPlan.Refused(rel.name() + " is a standalone server; it has no HA relationship to act on", null);
        }
        String wanted = peer == null || peer.isBlank() ? null : peer.strip();
        if (wanted != null && rel.peer(wanted).isEmpty()) {
            return new ActionPlan.Refused("No server named " + wanted + " in " + rel.name() + "; its servers are "
                    + names(rel.peers()), "peer");
        }
        Planner p = new Planner(rel, state);
        return switch (command) {
            case MAINTENANCE_START -> p.maintenanceStart(wanted);
            case MAINTENANCE_CANCEL -> p.maintenanceCancel(wanted);
            case SYNC -> p.sync(wanted, maxPeriod);
            case CONTINUE -> p.continueOrReset(KeaHaCommand.CONTINUE, wanted);
            case RESET -> p.continueOrReset(KeaHaCommand.RESET, wanted);
            case SCOPES -> p.scopes(wanted, scopes);
        };
    }

    private static String names(List<PeerDefinition> peers) {
        return String.join(", ", peers.stream().map(PeerDefinition::name).toList());
    }

    private record Planner(Relationship rel, RelationshipState state) {
        PeerObservation observed(String peer) {
            return state == null ? null : state.peers().get(peer);
        }

        String haState(String peer) {
            PeerObservation o = observed(peer);
            return o == null ? null : o.haState();
        }

        /** Known to be offline; an unknown peer is given the benefit of the doubt (Kea answers for itself). */
        Optional<ActionPlan.Refused> offline(String peer, String why) {
            PeerObservation o = observed(peer);
            if (o == null || o.up()) return Optional.empty();
            String problem = o.problem() == null ? "" : " (" + o.problem() + ")";
            return Optional.of(new ActionPlan.Refused(peer + " is offline" + problem + "; " + why, null));
        }

        PeerDefinition def(String name) { return rel.peer(name).orElseThrow(); }

        /** The primary's partner is its secondary or standby; everybody else's is the primary. */
        Optional<PeerDefinition> partnerOf(PeerDefinition p) {
            return p.role() == PeerRole.PRIMARY ? rel.partner() : rel.primary();
        }

        ActionPlan maintenanceStart(String wanted) {
            if (rel.mode() == HaMode.PASSIVE_BACKUP) {
                return new ActionPlan.Refused("Maintenance needs a load-balancing or hot-standby pair; " + rel.name()
                        + " is a passive-backup relationship", null);
            }
            String sot = state == null ? null : state.assessment().sourceOfTruth();
            String target = wanted != null ? wanted
                    : sot != null && def(sot).role() != PeerRole.BACKUP ? sot
                    : rel.primary().map(PeerDefinition::name).orElse(null);
            if (target == null) return new ActionPlan.Refused(rel.name() + " has no primary", null);
            PeerDefinition t = def(target);
            if (t.role() == PeerRole.BACKUP) {
                return new ActionPlan.Refused("maintenance-start goes to the server that stays in service, the primary or its "
                        + "partner; " + target + " is a backup", "peer");
            }
            PeerDefinition other = partnerOf(t).orElse(null);
            if (other == null) return new ActionPlan.Refused(target + " has no partner to put into maintenance", "peer");
            String s = haState(target);
            if ("partner-in-maintenance".equals(s)) {
                return new ActionPlan.Refused(other.name() + " is already in maintenance (" + target
                        + " is partner-in-maintenance); cancel it first", null);
            }
            if ("in-maintenance".equals(s)) {
                return new ActionPlan.Refused(target + " is itself in maintenance; send maintenance-cancel to " + other.name(),
                        "peer");
            }
            Optional<ActionPlan.Refused> off = offline(target, "the server that stays in service must answer");
            if (off.isPresent()) return off.get();
            off = offline(other.name(), "a server that is already down needs no maintenance mode");
            if (off.isPresent()) return off.get();
            String backups = rel.peers().stream().anyMatch(p -> p.role() == PeerRole.BACKUP)
                    ? " Backups keep receiving lease updates from " + target + "." : "";
            return ready(KeaHaCommand.MAINTENANCE_START, List.of(target), other.name(), List.of(), 0,
                    "Start maintenance of " + other.name(),
                    "ha-maintenance-start is sent to " + target + ", which stays in service: it moves to "
                            + "partner-in-maintenance and answers every DHCP client, those of " + other.name()
                            + "'s scope included. " + other.name() + " moves to in-maintenance and stops answering "
                            + "clients; you can then shut it down safely." + backups
                            + " Cancel maintenance (sent to " + target + ") returns both to " + rel.mode().wire() + ".");
        }

        ActionPlan maintenanceCancel(String wanted) {
            if (rel.mode() == HaMode.PASSIVE_BACKUP) {
                return new ActionPlan.Refused("Maintenance needs a load-balancing or hot-standby pair; " + rel.name()
                        + " is a passive-backup relationship", null);
            }
            String target = wanted;
            if (target == null) {
                target = rel.peers().stream().map(PeerDefinition::name)
                        .filter(n -> "partner-in-maintenance".equals(haState(n))).findFirst().orElse(null);
            }
            if (target == null) {
                Optional<String> inMaintenance = rel.peers().stream().map(PeerDefinition::name)
                        .filter(n -> "in-maintenance".equals(haState(n))).findFirst();
                target = inMaintenance.flatMap(n -> partnerOf(def(n))).map(PeerDefinition::name)
                        .orElse(rel.primary().map(PeerDefinition::name).orElse(null));
            }
            if (target == null) return new ActionPlan.Refused(rel.name() + " has no primary", null);
            PeerDefinition t = def(target);
            PeerDefinition other = t.role() == PeerRole.BACKUP ? null : partnerOf(t).orElse(null);
            String s = haState(target);
            if (other == null || (s != null && !"partner-in-maintenance".equals(s))) {
                return new ActionPlan.Refused(target + " is not in partner-in-maintenance" + (s == null ? "" : " (it is " + s + ")")
                        + "; maintenance-cancel goes to the server that received maintenance-start", wanted == null ? null : "peer");
            }
            Optional<ActionPlan.Refused> off = offline(target, "only the server that received maintenance-start can cancel it");
            if (off.isPresent()) return off.get();
            return ready(KeaHaCommand.MAINTENANCE_CANCEL, List.of(target), other.name(), List.of(), 0,
                    "Cancel maintenance of " + other.name(),
                    "ha-maintenance-cancel is sent to " + target + " (partner-in-maintenance): it tells "
                            + other.name() + " to leave in-maintenance, and both return to the states they had before "
                            + "maintenance. " + other.name() + " answers its own DHCP clients again. If you shut "
                            + other.name() + " down meanwhile, start it first: it synchronizes its leases on start.");
        }

        ActionPlan sync(String wanted, Integer maxPeriod) {
            int period = maxPeriod == null ? DEFAULT_MAX_PERIOD_SECONDS : maxPeriod;
            if (period < 1 || period > MAX_MAX_PERIOD_SECONDS) {
                return new ActionPlan.Refused("The maximum period must be between 1 and " + MAX_MAX_PERIOD_SECONDS
                        + " seconds (got " + period + ")", "maxPeriod");
            }
            String target = wanted;
            if (target == null) {
                target = rel.partner().map(PeerDefinition::name).orElseGet(() -> rel.peers().stream()
                        .filter(p -> p.role() == PeerRole.BACKUP).map(PeerDefinition::name).findFirst().orElse(null));
            }
            if (target == null) return new ActionPlan.Refused(rel.name() + " has no server to synchronize", null);
            PeerDefinition source = partnerOf(def(target)).orElse(null);
            if (source == null || source.name().equals(target)) {
                return new ActionPlan.Refused(target + " has no partner to fetch leases from", "peer");
            }
            Optional<ActionPlan.Refused> off = offline(target, "it cannot fetch leases");
            if (off.isPresent()) return off.get();
            off = offline(source.name(), target + " would fetch its leases from it");
            if (off.isPresent()) return off.get();
            return ready(KeaHaCommand.SYNC, List.of(target), source.name(), List.of(), period,
                    "Synchronize the leases of " + target + " from " + source.name(),
                    "ha-sync is sent to " + target + ": it fetches every lease from " + source.name()
                            + " and merges them into its own lease database. " + source.name()
                            + " stops answering DHCP clients while the leases are copied, for at most " + period
                            + " s. Neither server changes its HA state.");
        }

        ActionPlan continueOrReset(KeaHaCommand kind, String wanted) {
            List<String> targets = new ArrayList<>();
            if (wanted != null) {
                Optional<ActionPlan.Refused> off = offline(wanted, "the command cannot reach its HA state machine");
                if (off.isPresent()) return off.get();
                targets.add(wanted);
            } else {
                if (kind == KeaHaCommand.RESET) {
                    rel.peers().stream().map(PeerDefinition::name)
                            .filter(n -> "terminated".equals(haState(n))).forEach(targets::add);
                }
                if (targets.isEmpty()) {
                    rel.peers().stream().map(PeerDefinition::name)
                            .filter(n -> observed(n) == null || observed(n).up()).forEach(targets::add);
                }
                if (targets.isEmpty()) return new ActionPlan.Refused("No server of " + rel.name() + " answers", null);
            }
            String who = String.join(", ", targets);
            if (kind == KeaHaCommand.CONTINUE) {
                return ready(kind, targets, null, List.of(), 0, "Continue the HA state machine of " + who,
                        "ha-continue is sent to " + who + ": a server whose HA state machine is paused (the "
                                + "state-machine pause setting) resumes it and moves to its next state; a server that "
                                + "is not paused says so and nothing changes.");
            }
            String normal = rel.mode() == HaMode.PASSIVE_BACKUP ? "passive-backup" : rel.mode().wire();
            return ready(kind, targets, null, List.of(), 0, "Reset the HA state machine of " + who,
                    "ha-reset is sent to " + who + ": " + (targets.size() == 1 ? "it drops its HA state" : "each drops its HA state")
                            + " and starts over in waiting, then synchronizes its leases from its partner and returns to "
                            + normal + " (a few seconds in a healthy relationship). While waiting and syncing it answers "
                            + "no DHCP clients. Use it on a server in terminated state once the cause (such as clock "
                            + "skew) is fixed.");
        }

        ActionPlan scopes(String wanted, List<String> scopes) {
            if (wanted == null) return new ActionPlan.Refused("Name the server whose scopes to set (--peer)", "peer");
            if (rel.mode() == HaMode.PASSIVE_BACKUP) {
                return new ActionPlan.Refused("Scopes can be set in a load-balancing or hot-standby pair; " + rel.name()
                        + " is a passive-backup relationship", null);
            }
            PeerDefinition t = def(wanted);
            if (t.role() == PeerRole.BACKUP) {
                return new ActionPlan.Refused(wanted + " is a backup; a backup serves no scope", "peer");
            }
            List<String> valid = rel.peers().stream().filter(p -> p.role() != PeerRole.BACKUP)
                    .map(PeerDefinition::name).toList();
            List<String> list = scopes == null ? List.of()
                    : scopes.stream().map(String::strip).filter(x -> !x.isEmpty()).distinct().toList();
            if (list.isEmpty()) {
                return new ActionPlan.Refused("Name at least one scope; the scopes of " + rel.name() + " are "
                        + String.join(", ", valid), "scopes");
            }
            for (String scope : list) {
                if (!valid.contains(scope)) {
                    return new ActionPlan.Refused("Unknown scope " + scope + "; the scopes of " + rel.name() + " are "
                            + String.join(", ", valid), "scopes");
                }
            }
            String s = haState(wanted);
            if (s != null && !SCOPE_STATES.contains(s)) {
                return new ActionPlan.Refused(wanted + " is in state " + s + ", in which Kea chooses its scopes itself; scopes "
                        + "can be set in load-balancing, hot-standby, partner-down, partner-in-maintenance or "
                        + "communication-recovery", null);
            }
            Optional<ActionPlan.Refused> off = offline(wanted, "its scopes cannot be set");
            if (off.isPresent()) return off.get();
            PeerObservation o = observed(wanted);
            String now = o == null || o.scopes().isEmpty() ? "" : " (now: " + String.join(", ", o.scopes()) + ")";
            return ready(KeaHaCommand.SCOPES, List.of(wanted), null, list, 0,
                    "Set the scopes of " + wanted + " to " + String.join(", ", list),
                    "ha-scopes is sent to " + wanted + ": it answers the DHCP clients of the scopes "
                            + String.join(", ", list) + " from now on" + now + ", and no others. Kea sets the "
                            + "scopes back to what its HA state calls for at the server's next state change.");
        }

        ActionPlan ready(KeaHaCommand kind, List<String> targets, String counterpart, List<String> scopes, int maxPeriod,
                   String title, String description) {
            return new ActionPlan.Ready(new KeaHaAction(kind, rel, targets, counterpart, scopes, maxPeriod, title, description));
        }
    }
}
