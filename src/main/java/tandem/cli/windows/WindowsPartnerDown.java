package tandem.cli.windows;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tandem.cli.Inputs;
import tandem.cli.TandemCommand;
import tandem.core.Backend;
import tandem.core.HaActionOutcome;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.backend.ActionPlan;
import tandem.core.backend.ActionRequest;
import tandem.core.backend.PlannedAction;

/** {@code tandem windows partner-down}: the server named takes over its partner's clients, journaled and audited. */
@Command(name = "partner-down", mixinStandardHelpOptions = true,
        description = {"Tell SERVER that its partner in relationship NAME is down: it then serves every client, and",
                "after the MCLT the whole pool. Windows allows it only while SERVER is communication-interrupted.",
                "Only when the partner really serves nobody: otherwise both hand out the same addresses.",
                "Exit 0 when SERVER took it, 1 when refused or not confirmed."})
final class WindowsPartnerDown implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand WindowsCommand windows;

    @Option(names = "--relationship", required = true, paramLabel = "NAME") String relationship;
    @Option(names = "--server", required = true, paramLabel = "SERVER", description = "The server that takes over") String server;
    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation") boolean yes;

    @Override public Integer call() throws Exception {
        Inputs.of(spec).name("--relationship", relationship).serverName("--server", server);
        var services = windows.root.services();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Relationship> rel = services.inventory().relationships().stream()
                .filter(r -> r.backend() == Backend.WINDOWS && r.name().equalsIgnoreCase(relationship)).findFirst();
        if (rel.isEmpty()) {
            err.println("tandem: No Windows failover relationship named " + relationship + "; `tandem status` lists them");
            return TandemCommand.EXIT_REFUSED;
        }
        RelationshipState state = services.poller().pollOnce().stream()
                .filter(s -> s.relationship().name().equals(rel.get().name())).findFirst().orElse(null);
        ActionPlan plan = services.haActions().plan(rel.get(), state, ActionRequest.of("partner-down", server));
        if (plan instanceof ActionPlan.Refused refused) {
            err.println("tandem: " + refused.reason());
            return TandemCommand.EXIT_REFUSED;
        }
        PlannedAction action = ((ActionPlan.Ready) plan).action();
        out.println(action.title());
        out.println("  Warning: " + action.description());
        if (!windows.root.confirmed(out, err, "Set the partner down on " + server + "?", yes)) {
            return TandemCommand.EXIT_REFUSED;
        }
        HaActionOutcome outcome = services.haActions().run(action);
        (outcome.succeeded() ? out : err).println((outcome.succeeded() ? "" : "tandem: ") + outcome.message());
        return outcome.succeeded() ? 0 : TandemCommand.EXIT_REFUSED;
    }
}
