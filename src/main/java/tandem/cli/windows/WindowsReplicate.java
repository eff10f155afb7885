package tandem.cli.windows;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tandem.cli.Inputs;
import tandem.cli.TandemCommand;
import tandem.windows.WindowsChangeService;
import tandem.windows.WindowsChangeService.ReplicateTarget;
import tandem.windows.WindowsChangeService.ReplicationPlan;
import tandem.windows.WindowsChangeService.ScopeOutcome;

/** {@code tandem windows replicate}. */
@Command(name = "replicate", mixinStandardHelpOptions = true,
        description = {"Copy scopes to the failover partner, overwriting its copy: one scope, a relationship's scopes,",
                "or every failover scope of a server. First shows per scope what the partner loses (-) and gains (+);",
                "then replicates scope by scope and reads each back. Exit 0 when every scope now matches, 1 otherwise.",
                "The source is the relationship's source of truth unless --from names the other partner."})
final class WindowsReplicate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand WindowsCommand windows;

    static final class What {
        @Option(names = "--scope", required = true, paramLabel = "SCOPEID") String scope;
        @Option(names = "--relationship", required = true, paramLabel = "NAME") String relationship;
        @Option(names = "--server", required = true, paramLabel = "SERVER") String server;
    }

    @ArgGroup(exclusive = true, multiplicity = "1") What what;
    @Option(names = "--from", paramLabel = "SERVER", description = "The source (default: the source of truth)") String from;
    @Option(names = "--dry-run", description = "Show what each partner would lose and gain; send nothing") boolean dryRun;
    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation") boolean yes;

    @Override public Integer call() throws Exception {
        Inputs in = Inputs.of(spec).name("--relationship", what.relationship).serverName("--server", what.server)
                .serverName("--from", from);
        if (what.scope != null) in.address("--scope", what.scope);
        WindowsChangeService service = windows.root.services().windowsChanges();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReplicationPlan plan;
        try {
            plan = service.planReplicate(new ReplicateTarget(what.scope, what.relationship, what.server), from);
        } catch (IllegalArgumentException e) {
            err.println("tandem: Refused: " + e.getMessage());
            return TandemCommand.EXIT_REFUSED;
        }
        out.println(plan.plan().description());
        out.print(plan.plan().diff());
        if (dryRun) {
            out.println("Dry run: nothing was sent");
            return 0;
        }
        if (!windows.root.confirmed(out, err, "Replicate?", yes)) return TandemCommand.EXIT_REFUSED;
        int total = plan.destinations().size();
        int[] done = {0};
        List<ScopeOutcome> outcomes = service.replicate(plan, o -> {
            done[0]++;
            out.println("[" + done[0] + "/" + total + "] " + o.scopeId() + " → " + o.destination() + ": " + o.detail());
            out.flush();
        });
        return outcomes.stream().allMatch(ScopeOutcome::replicated) ? 0 : TandemCommand.EXIT_REFUSED;
    }
}
