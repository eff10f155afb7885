package tandem.cli.windows;

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

/** {@code tandem windows relationship remove}. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Remove failover relationship NAME. SERVER keeps its scopes (they serve on from there); the",
                "other server deletes its copies (--other delete) or keeps them inactive (--other disable).",
                "Not undoable: the relationship's lease state is gone; create it again to undo."})
final class WindowsRemove implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ParentCommand WindowsCommand.RelationshipCommand parent;

    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Option(names = "--keep-on", required = true, paramLabel = "SERVER") String keepOn;
    @Option(names = "--other", required = true, paramLabel = "delete|disable") String other;
    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation") boolean yes;

    @Override public Integer call() throws Exception {
        Inputs.of(spec).name("NAME", name).serverName("--keep-on", keepOn);
        String o = other.toLowerCase(Locale.ROOT);
        if (!o.equals("delete") && !o.equals("disable")) {
            throw new ParameterException(spec.commandLine(), "--other: expected delete or disable (got " + other + ")");
        }
        var service = parent.windows.root.services().windowsChanges();
        return WindowsCommand.run(spec, parent.windows.root, () -> service.planRemove(name, keepOn, o.equals("delete")),
                service, false, yes);
    }
}
