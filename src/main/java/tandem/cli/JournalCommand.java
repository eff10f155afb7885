package tandem.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tandem.core.port.ReplicationStore.JournalEntry;

@Command(name = "journal", mixinStandardHelpOptions = true,
        description = {"Changes still waiting for a returning primary, and peers out of sync.",
                "--all lists the latest changes made through the console, whatever their state."})
final class JournalCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @ParentCommand TandemCommand root;
    @Spec CommandSpec spec;

    @Option(names = "--all", description = "The latest 50 changes, applied or pending")
    boolean all;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var store = root.services().replicationStore();
        List<JournalEntry> entries = all ? store.recent(50) : store.pending();
        if (entries.isEmpty()) out.println(all ? "No changes yet." : "No pending changes.");
        for (JournalEntry e : entries) {
            out.printf("#%d  %s  %-16s %-15s on %s: %s%n", e.id(),
                    TIME.format(e.createdAt().atZone(ZoneId.systemDefault())), e.relationship(), e.status(),
                    e.appliedTo(), e.description());
        }
        for (var rel : root.services().inventory().relationships()) {
            store.outOfSync(rel.name()).forEach((peer, reason) ->
                    out.println(rel.name() + ": " + peer + " is out of sync (" + reason + ")"));
        }
        return 0;
    }
}
