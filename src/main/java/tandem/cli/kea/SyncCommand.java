package tandem.cli.kea;

import tandem.cli.Inputs;
import tandem.cli.TandemCommand;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tandem.kea.change.ChangeRefused;
import tandem.kea.change.KeaChangeService;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Show how each peer differs from the source of truth, then bring it in line.",
                "A peer's own edits are overwritten; each peer keeps its own name, sockets, lease database and logs."})
final class SyncCommand implements Callable<Integer> {
    @ParentCommand TandemCommand root;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RELATIONSHIP") String relationship;

    @Option(names = "--dry-run", description = "Show the differences only")
    boolean dryRun;

    @Override
    public Integer call() {
        Inputs.of(spec).name("RELATIONSHIP", relationship);
        PrintWriter out = spec.commandLine().getOut();
        var services = root.services();
        services.poller().refresh();
        try {
            KeaChangeService.SyncPlan plan = services.changes().planSync(relationship);
            out.println("Source of truth: " + plan.sourceOfTruth());
            for (var p : plan.peers()) {
                if (!p.reachable()) out.println(p.peer() + ": not reachable (" + p.problem() + ")");
                else if (p.inSync()) out.println(p.peer() + ": in sync");
                else {
                    out.println(p.peer() + ": differs");
                    out.print(p.diff());
                }
            }
            if (dryRun || plan.peers().stream().allMatch(KeaChangeService.PeerPlan::inSync)) return 0;
            var outcomes = services.changes().synchronize(relationship, Set.of());
            outcomes.forEach((peer, outcome) -> out.println(peer + ": " + outcome));
            return outcomes.values().stream().allMatch("verified"::equals) ? 0 : TandemCommand.EXIT_REFUSED;
        } catch (ChangeRefused | tandem.core.change.ChangeBlocked e) {
            spec.commandLine().getErr().println("Refused: " + e.getMessage());
            return TandemCommand.EXIT_REFUSED;
        }
    }
}
