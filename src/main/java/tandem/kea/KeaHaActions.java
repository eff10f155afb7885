package tandem.kea;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.ConnectionSettings;
import tandem.core.HaActionOutcome;
import tandem.core.HaActionOutcome.PeerReply;
import tandem.core.HaActionOutcome.Result;
import tandem.core.Inventory;
import tandem.core.PeerDefinition;
import tandem.core.HaMode;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.backend.ActionKind;
import tandem.core.backend.ActionPlan;
import tandem.core.backend.ActionRequest;
import tandem.core.backend.FailoverActions;
import tandem.core.backend.PlannedAction;

/**
 * Sends a planned HA action's Kea command to its target servers, one after the other, and says what came of it.
 * The targets and arguments come from {@link HaAction}; this class only speaks Kea.
 */
public final class KeaHaActions implements FailoverActions {
    private static final Logger LOG = LoggerFactory.getLogger(KeaHaActions.class);
    /** ha-maintenance-start and ha-reset wait for the partner's answer inside Kea: more than a status poll. */
    private static final Duration MIN_ACTION_TIMEOUT = Duration.ofSeconds(15);

    private final KeaControlAgentClient client;
    private final Supplier<Inventory> inventory;
    private final Supplier<Duration> pollTimeout;

    public KeaHaActions(KeaControlAgentClient client, Supplier<Inventory> inventory, Supplier<Duration> pollTimeout) {
        this.client = client;
        this.inventory = inventory;
        this.pollTimeout = pollTimeout;
    }

    /** The command's arguments, or null when it takes none. */
    static ObjectNode arguments(KeaHaAction action) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return switch (action.command()) {
            case SYNC -> json.objectNode().put("server-name", action.counterpart())
                    .put("max-period", action.maxPeriodSeconds());
            case SCOPES -> {
                ObjectNode args = json.objectNode();
                action.scopes().forEach(args.putArray("scopes")::add);
                yield args;
            }
            default -> null;
        };
    }

    Duration timeout(KeaHaAction action) {
        Duration base = pollTimeout.get().multipliedBy(5);
        if (base.compareTo(MIN_ACTION_TIMEOUT) < 0) base = MIN_ACTION_TIMEOUT;
        // the partner's service is disabled for at most max-period while the leases are copied
        return action.command() == KeaHaCommand.SYNC ? base.plusSeconds(action.maxPeriodSeconds()) : base;
    }

    @Override
    public List<ActionKind> offered(Relationship rel) {
        if (rel.mode() == HaMode.STANDALONE) return List.of();
        return java.util.Arrays.stream(KeaHaCommand.values()).map(KeaHaCommand::descriptor).toList();
    }

    @Override
    public ActionPlan plan(Relationship rel, RelationshipState state, ActionRequest request) {
        Optional<KeaHaCommand> command = KeaHaCommand.fromWire(request.kind());
        if (command.isEmpty()) return new ActionPlan.Refused("Kea has no HA action " + request.kind(), null);
        return KeaHaAction.plan(rel, state, command.get(), request.peer(), request.scopes(), request.maxPeriod());
    }

    @Override
    public HaActionOutcome run(PlannedAction planned) {
        if (!(planned instanceof KeaHaAction action)) {
            throw new IllegalArgumentException("Not a Kea HA action: " + planned.title());
        }
        List<PeerReply> replies = new ArrayList<>();
        Result worst = Result.DONE;
        for (String target : action.targets()) {
            KeaReply reply = send(action, target);
            LOG.info("{} {} to {}: {}", action.relationship().name(), action.kind().command(), target,
                    reply instanceof KeaReply.Failure f ? f.kind() + " " + f.message() : "ok");
            if (reply instanceof KeaReply.Success s) {
                replies.add(new PeerReply(target, true, s.text() == null ? "done" : s.text()));
                continue;
            }
            KeaReply.Failure f = (KeaReply.Failure) reply;
            replies.add(new PeerReply(target, false, f.message()));
            Result r = switch (f.kind()) {
                case COMMAND_ERROR, UNSUPPORTED, EMPTY, CONFLICT -> Result.REFUSED;
                default -> Result.FAILED;
            };
            if (worst == Result.DONE || r == Result.FAILED) worst = r;
            // a maintenance, sync or scopes change goes to one server; for continue and reset every server is
            // asked, so one refusal does not keep the others from being reset
        }
        return new HaActionOutcome(worst, message(action, worst, replies), replies);
    }

    private KeaReply send(KeaHaAction action, String target) {
        Optional<PeerDefinition> peer = action.relationship().peer(target);
        Optional<ConnectionSettings> connection = peer.flatMap(p -> inventory.get().connectionFor(action.relationship(), p));
        if (connection.isEmpty()) {
            return new KeaReply.Failure(KeaFailure.UNREACHABLE, "The console has no connection settings for "
                    + target + " (the server record of " + action.relationship().serverName() + " is missing)", null);
        }
        KeaEndpoint ep;
        try {
            ep = KeaPeerProbe.endpoint(connection.get(), timeout(action));
        } catch (IllegalArgumentException e) {
            return new KeaReply.Failure(KeaFailure.UNREACHABLE, e.getMessage(), null);
        }
        return client.send(ep, action.kind().command(), KeaService.daemon(action.relationship().service()),
                arguments(action));
    }

    /** One sentence for the administrator: what happened, with Kea's own words. */
    static String message(KeaHaAction action, Result result, List<PeerReply> replies) {
        String target = action.targets().isEmpty() ? "" : action.targets().get(0);
        String other = action.counterpart();
        if (result != Result.DONE) {
            List<String> parts = new ArrayList<>();
            for (PeerReply r : replies) parts.add(r.peer() + (r.accepted() ? " accepted it (" + r.text() + ")" : ": " + r.text()));
            return action.kind().label() + " did not succeed: " + String.join("; ", parts);
        }
        String kea = replies.size() == 1 ? " (Kea: " + replies.get(0).text() + ")" : "";
        return switch (action.command()) {
            case MAINTENANCE_START -> other + " is in maintenance: it answers no DHCP clients and can be shut down; "
                    + target + " serves every client" + kea;
            case MAINTENANCE_CANCEL -> "Maintenance cancelled: " + target + " and " + other
                    + " return to their normal states" + kea;
            case SYNC -> target + " has synchronized its leases from " + other + kea;
            case SCOPES -> target + " now serves the scopes " + String.join(", ", action.scopes()) + kea;
            case CONTINUE, RESET -> String.join("; ", replies.stream().map(r -> r.peer() + ": " + r.text()).toList());
        };
    }
}
