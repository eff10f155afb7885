package tandem.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tandem.core.HaActionOutcome;
import tandem.core.backend.ActionPlan;
import tandem.core.backend.ActionRequest;
import tandem.core.backend.PlannedAction;
import tandem.core.Relationship;
import tandem.core.RelationshipState;

/**
 * {@code tandem ha ACTION RELATIONSHIP}: an HA or failover action, each confirmed after saying what will happen. The
 * relationship's backend says whether it offers the action and plans it.
 */
@Command(name = "ha", mixinStandardHelpOptions = true,
        description = {"Send an HA command to the servers of a relationship.",
                "Each command first says which server gets what and what follows, then asks for confirmation"
                        + " (or takes --yes). Exit code 0 when every server accepted it, 1 otherwise."},
        subcommands = {HaCommand.MaintenanceStart.class, HaCommand.MaintenanceCancel.class, HaCommand.Sync.class,
                HaCommand.Continue.class, HaCommand.Reset.class, HaCommand.Scopes.class})
final class HaCommand {
    @ParentCommand TandemCommand root;

    abstract static class Action implements Callable<Integer> {
        @ParentCommand HaCommand ha;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RELATIONSHIP", description = "The relationship, as `tandem status` names it")
        String relationship;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation")
        boolean yes;

        /** The action's id, as its backend offers it. */
        abstract String kind();

        String peer() { return null; }

        List<String> scopes() { return List.of(); }

        Integer maxPeriod() { return null; }

        /** What this action's own options must be, checked with the shared ones before any server is asked. */
        void checkOptions(Inputs in) {}

        @Override
        public Integer call() throws IOException {
            Inputs in = Inputs.of(spec).name("RELATIONSHIP", relationship).name("--peer", peer());
            for (String scope : scopes()) in.name("SCOPE", scope);
            checkOptions(in);
            var services = ha.root.services();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<Relationship> rel = services.inventory().relationships().stream()
                    .filter(r -> r.name().equals(relationship)).findFirst();
            if (rel.isEmpty()) {
                err.println("tandem: No relationship named " + relationship + "; `tandem status` lists them");
                return TandemCommand.EXIT_REFUSED;
            }
            // a fresh poll: the defaults and the checks before sending depend on the servers' states now
            RelationshipState state = state(services.poller().pollOnce(), relationship);
            ActionPlan plan = services.haActions().plan(rel.get(), state,
                    new ActionRequest(kind(), peer(), scopes(), maxPeriod()));
            if (plan instanceof ActionPlan.Refused refused) {
                err.println("tandem: " + refused.reason());
                return TandemCommand.EXIT_REFUSED;
            }
            PlannedAction action = ((ActionPlan.Ready) plan).action();
            out.println(action.title());
            out.println("  " + action.description());
            if (!ha.root.confirmed(out, err, "Send " + action.kind().command() + " to "
                    + String.join(", ", action.targets()) + "?", yes,
                    action.kind().label().toLowerCase(java.util.Locale.ROOT))) {
                return TandemCommand.EXIT_REFUSED;
            }
            HaActionOutcome outcome = services.haActions().run(action);
            (outcome.succeeded() ? out : err).println((outcome.succeeded() ? "" : "tandem: ") + outcome.message());
            RelationshipState after = state(services.poller().pollOnce(), relationship);
            if (after != null) {
                out.println(relationship + " is now " + after.status().label()
                        + (after.assessment().reasons().isEmpty() ? "" : ": " + after.assessment().summary()));
            }
            return outcome.succeeded() ? 0 : TandemCommand.EXIT_REFUSED;
        }

        private static RelationshipState state(List<RelationshipState> states, String name) {
            return states.stream().filter(s -> s.relationship().name().equals(name)).findFirst().orElse(null);
        }
    }

    abstract static class TargetedAction extends Action {
        @Option(names = "--peer", paramLabel = "NAME", description = "The server the command is sent to")
        String peer;

        @Override String peer() { return peer; }
    }

    @Command(name = "maintenance-start", mixinStandardHelpOptions = true,
            description = {"Put a server into maintenance: its partner takes over all its clients.",
                    "ha-maintenance-start goes to the server that stays in service (--peer; default: the source of"
                            + " truth); its partner moves to in-maintenance and can then be shut down."})
    static final class MaintenanceStart extends TargetedAction {
        @Override String kind() { return "maintenance-start"; }
    }

    @Command(name = "maintenance-cancel", mixinStandardHelpOptions = true,
            description = {"End maintenance: both servers return to their previous states.",
                    "ha-maintenance-cancel goes to the server in partner-in-maintenance (--peer; found by default)."})
    static final class MaintenanceCancel extends TargetedAction {
        @Override String kind() { return "maintenance-cancel"; }
    }

    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = {"Synchronize a server's leases from its partner (ha-sync).",
                    "--peer is the server whose leases are refreshed (default: the secondary or standby); it fetches"
                            + " them from its partner, whose DHCP service pauses for at most --max-period."})
    static final class Sync extends TargetedAction {
        @Option(names = "--max-period", paramLabel = "SECONDS", description = "Longest time the partner's DHCP service"
                + " may be disabled during the copy (default: ${DEFAULT-VALUE})", defaultValue = "60")
        int maxPeriod;

        @Override String kind() { return "sync"; }

        @Override Integer maxPeriod() { return maxPeriod; }

        @Override void checkOptions(Inputs in) { in.atLeast("--max-period", maxPeriod, 1, "second"); }
    }

    @Command(name = "continue", mixinStandardHelpOptions = true,
            description = "Resume a paused HA state machine (ha-continue; default: every server that answers).")
    static final class Continue extends TargetedAction {
        @Override String kind() { return "continue"; }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = {"Restart the HA state machine (ha-reset): waiting, syncing, then normal.",
                    "Default: the servers in terminated state, else every server that answers."})
    static final class Reset extends TargetedAction {
        @Override String kind() { return "reset"; }
    }

    @Command(name = "scopes", mixinStandardHelpOptions = true,
            description = {"Set the scopes a server serves (ha-scopes) until its next HA state change."})
    static final class Scopes extends Action {
        @Option(names = "--peer", paramLabel = "NAME", required = true, description = "The server whose scopes to set")
        String peer;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "SCOPE",
                description = "Scope names (the names of the primary and its partner)")
        List<String> scopes;

        @Override String kind() { return "scopes"; }

        @Override String peer() { return peer; }

        @Override List<String> scopes() { return scopes; }
    }

}
