package tandem.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tandem.core.port.ReplicationStore.JournalEntry;

/**
 * {@code tandem undo ID}: the journal entry's kind says which backend undoes it. Each backend previews its inverse
 * and applies it as a new change through the change runner.
 */
@Command(name = "undo", mixinStandardHelpOptions = true,
        description = "Undo a change from the journal: its inverse is applied as a new change.")
public final class UndoCommand implements Callable<Integer> {
    /** How a command undoes the journal entries of one kind. */
    @FunctionalInterface
    public interface Undoer {
        int undo(TandemCommand root, CommandSpec spec, JournalEntry entry, boolean dryRun) throws Exception;
    }


    @ParentCommand TandemCommand root;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "ID", description = "The change's number, as `tandem journal --all` shows it") long id;
    @Option(names = "--dry-run", description = "Show the inverse's diff and stop; nothing is written") boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (id < 1) Inputs.of(spec).check("ID", "change numbers start at 1 (got " + id + ")");
        JournalEntry entry = root.services().replicationStore().entry(id).orElse(null);
        if (entry == null) {
            spec.commandLine().getErr().println("Refused: there is no change #" + id + " in the journal");
            return TandemCommand.EXIT_REFUSED;
        }
        // each backend registers the kinds it can undo; others (an HA action, a synchronization) cannot be
        Undoer undoer = root.undoer(entry.kind());
        if (undoer == null) {
            spec.commandLine().getErr().println("Refused: change #" + id + " (" + entry.kind() + ": " + entry.description()
                    + ") cannot be undone");
            return TandemCommand.EXIT_REFUSED;
        }
        return undoer.undo(root, spec, entry, dryRun);
    }
}
