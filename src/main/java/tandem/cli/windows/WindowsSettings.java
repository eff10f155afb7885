package tandem.cli.windows;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tandem.cli.Inputs;
import tandem.windows.FailoverChange;

/** {@code tandem windows relationship set}: percentages, MCLT, switchover and shared secret of a relationship. */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Change the settings of failover relationship NAME on its source of truth (Windows sets them on",
                "both partners). Only the options given change. Undoable, except the shared secret, which Windows",
                "never reads back."})
final class WindowsSettings implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand WindowsCommand.RelationshipCommand parent;

    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--load-balance-percent", paramLabel = "N") Integer loadBalancePercent;
    @Option(names = "--reserve-percent", paramLabel = "N") Integer reservePercent;
    @Option(names = "--mclt", paramLabel = "SECONDS") Long mclt;
    @Option(names = "--switchover-interval", paramLabel = "SECONDS", description = "0 turns automatic switchover off") Long switchover;
    @Option(names = "--shared-secret-file", paramLabel = "F", description = "A new shared secret (authentication on)") Path secretFile;
    @Option(names = "--no-shared-secret", description = "Authentication off") boolean noSecret;
    @Option(names = "--dry-run", description = "Show what would change; send nothing") boolean dryRun;
    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation") boolean yes;

    private void range(String option, Long value, long min, long max) {
        if (value != null && (value < min || value > max)) {
            throw new ParameterException(spec.commandLine(), option + ": must be from " + min + " to " + max + " (got " + value + ")");
        }
    }

    @Override public Integer call() throws Exception {
        Inputs.of(spec).name("NAME", name);
        if (secretFile != null && noSecret) throw new ParameterException(spec.commandLine(),
                "--no-shared-secret: not with --shared-secret-file");
        String secret = noSecret ? "" : secretFile == null ? null : Inputs.firstLine(spec, "--shared-secret-file", secretFile);
        if (secret != null && secretFile != null && secret.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--shared-secret-file: the first line is empty");
        }
        range("--load-balance-percent", loadBalancePercent == null ? null : (long) loadBalancePercent, 0, 100);
        range("--reserve-percent", reservePercent == null ? null : (long) reservePercent, 0, 100);
        range("--mclt", mclt, 1, tandem.windows.FailoverRules.MAX_MCLT_SEC);
        range("--switchover-interval", switchover, 0, tandem.windows.FailoverRules.MAX_SWITCHOVER_SEC);
        FailoverChange change = new FailoverChange(name, loadBalancePercent, reservePercent, mclt, switchover);
        var service = parent.windows.root.services().windowsChanges();
        return WindowsCommand.run(spec, parent.windows.root, () -> service.planSettings(change, secret), service, dryRun, yes);
    }
}
