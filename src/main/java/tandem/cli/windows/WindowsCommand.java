package tandem.cli.windows;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tandem.cli.Inputs;
import tandem.cli.TandemCommand;
import tandem.windows.FailoverRequest;
import tandem.windows.FieldProblem;
import tandem.windows.WindowsChangeService;

/** {@code tandem windows ...}: Windows Server DHCP failover. */
@Command(name = "windows", mixinStandardHelpOptions = true,
        description = {"Windows Server DHCP failover: create and remove relationships, move scopes in and out,",
                "replicate scopes to the partner, declare a partner down, find partners that drifted apart.",
                "Every change is checked against both servers first, shown, then confirmed (or --yes); without --yes",
                "and without a terminal nothing is sent (exit 1). Bad input exits 64 naming the option."},
        subcommands = {WindowsCommand.RelationshipCommand.class, WindowsCommand.ScopeCommand.class,
                WindowsPartnerDown.class, WindowsReplicate.class, WindowsDriftCommand.class})
public final class WindowsCommand {
    @ParentCommand TandemCommand root;

    @Command(name = "relationship", mixinStandardHelpOptions = true, description = "Create or remove a failover relationship.",
            subcommands = {Add.class, WindowsRemove.class, WindowsSettings.class})
    static final class RelationshipCommand {
        @ParentCommand WindowsCommand windows;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Create failover relationship NAME on SERVER with PARTNER, which receives copies of the scopes.",
                    "Without --scope it starts empty. Defaults as Windows: MCLT 3600 s, 50 %, reserve 5 %, role active,",
                    "no automatic switchover, no authentication."})
    static final class Add implements Callable<Integer> {
        @Spec CommandSpec spec;
        @ParentCommand RelationshipCommand parent;

        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Option(names = "--server", required = true, paramLabel = "A") String server;
        @Option(names = "--partner", required = true, paramLabel = "B") String partner;
        @Option(names = "--mode", required = true, paramLabel = "load-balance|hot-standby") String mode;
        @Option(names = "--load-balance-percent", paramLabel = "N") Integer loadBalancePercent;
        @Option(names = "--reserve-percent", paramLabel = "N") Integer reservePercent;
        @Option(names = "--server-role", paramLabel = "active|standby") String serverRole;
        @Option(names = "--mclt", paramLabel = "SECONDS") Long mclt;
        @Option(names = "--switchover-interval", paramLabel = "SECONDS", description = "0 = off (the default)") Long switchover;
        @Option(names = "--shared-secret-file", paramLabel = "F") Path secretFile;
        @Option(names = "--scope", paramLabel = "SCOPEID") List<String> scopes = new ArrayList<>();
        @Option(names = "--dry-run", description = "Show what would be done; send nothing") boolean dryRun;
        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation") boolean yes;

        @Override public Integer call() throws IOException {
            Inputs.of(spec).name("NAME", name).serverName("--server", server).serverName("--partner", partner);
            String m = mode.toLowerCase(Locale.ROOT);
            if (!m.equals("load-balance") && !m.equals("hot-standby")) usage("--mode: expected load-balance or hot-standby (got " + mode + ")");
            if (m.equals("load-balance") && (reservePercent != null || serverRole != null)) {
                usage((reservePercent != null ? "--reserve-percent" : "--server-role") + ": only with --mode hot-standby");
            }
            if (m.equals("hot-standby") && loadBalancePercent != null) usage("--load-balance-percent: only with --mode load-balance");
            if (serverRole != null && !serverRole.equalsIgnoreCase("active") && !serverRole.equalsIgnoreCase("standby")) {
                usage("--server-role: expected active or standby (got " + serverRole + ")");
            }
            String secret = secretFile == null ? null : Inputs.firstLine(spec, "--shared-secret-file", secretFile);
            if (secret != null && secret.isEmpty()) usage("--shared-secret-file: the first line is empty");
            FailoverRequest r = new FailoverRequest(name, server, partner, m, loadBalancePercent, reservePercent,
                    serverRole == null ? null : serverRole.toLowerCase(Locale.ROOT),
                    mclt == null ? FailoverRequest.DEFAULT_MCLT_SEC : mclt, switchover == null ? 0 : switchover,
                    secret != null, scopes);
            // every documented rule that needs no server is a usage error
            List<FieldProblem> local = tandem.windows.FailoverRules.checkInput(r);
            if (!local.isEmpty()) usage(local.get(0).toString());
            var service = parent.windows.root.services().windowsChanges();
            return run(spec, parent.windows.root, () -> service.planCreate(r, secret), service, dryRun, yes);
        }

        private void usage(String message) { throw new ParameterException(spec.commandLine(), message); }
    }

    @Command(name = "scope", mixinStandardHelpOptions = true, description = "Put scopes in a relationship or take them out.",
            subcommands = {ScopeAdd.class, ScopeRemove.class})
    static final class ScopeCommand {
        @ParentCommand WindowsCommand windows;
    }

    abstract static class ScopeChange implements Callable<Integer> {
        @Spec CommandSpec spec;
        @ParentCommand ScopeCommand parent;
        @Option(names = "--relationship", required = true, paramLabel = "NAME") String relationship;
        @Parameters(arity = "1..*", paramLabel = "SCOPEID") List<String> scopeIds;
        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation") boolean yes;

        abstract boolean add();

        @Override public Integer call() throws IOException {
            Inputs in = Inputs.of(spec).name("--relationship", relationship);
            for (String s : scopeIds) in.address("SCOPEID", s);
            var service = parent.windows.root.services().windowsChanges();
            return run(spec, parent.windows.root, () -> service.planScopes(relationship, add(), scopeIds), service, false, yes);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add scopes of the relationship's server to it; each is copied to the partner, which must not have it.")
    static final class ScopeAdd extends ScopeChange {
        @Override boolean add() { return true; }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Take scopes out of the relationship: kept on its server, deleted on the partner.")
    static final class ScopeRemove extends ScopeChange {
        @Override boolean add() { return false; }
    }

    interface Planner { WindowsChangeService.Plan plan() throws IOException; }

    /** --yes, or a terminal that answers y; otherwise nothing is sent. */

    /** Plans (refusals exit 64 naming the option when the input is at fault, else 1), shows, confirms, applies. */
    static int run(CommandSpec spec, TandemCommand root, Planner planner, WindowsChangeService service, boolean dryRun,
                   boolean yes) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WindowsChangeService.Plan plan;
        try {
            plan = planner.plan();
        } catch (WindowsChangeService.Refused r) {
            err.println("tandem: Refused: " + r.getMessage());
            return TandemCommand.EXIT_REFUSED;
        } catch (IllegalArgumentException e) {
            err.println("tandem: " + e.getMessage());
            return TandemCommand.EXIT_REFUSED;
        }
        out.println(plan.description());
        out.print(plan.diff());
        if (dryRun) {
            out.println("Dry run: nothing was sent");
            return 0;
        }
        if (!root.confirmed(out, err, "Apply?", yes)) return TandemCommand.EXIT_REFUSED;
        try {
            out.println("Applied: " + service.apply(plan));
            return 0;
        } catch (WindowsChangeService.Refused r) {
            err.println("tandem: Refused: " + r.getMessage());
            return TandemCommand.EXIT_REFUSED;
        } catch (IOException e) {
            err.println("tandem: Failed: " + e.getMessage());
            return TandemCommand.EXIT_REFUSED;
        }
    }
}
