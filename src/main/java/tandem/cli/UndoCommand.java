package tandem.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.isc.IscChangeService;
import tandem.kea.change.KeaChangeService;

/**
 * {@code tandem undo ID}: the journal entry's kind says which backend undoes it. Each backend previews its inverse
 * and applies it as a new change through the change runner.
 */
@Command(name = "undo", mixinStandardHelpOptions = true,
        description = "Undo a change from the journal: its inverse is applied as a new change.")
final class UndoCommand implements Callable<Integer> {
    /** How a command undoes the journal entries of one kind. */
    @FunctionalInterface
    interface Undoer {
        int undo(TandemCommand root, CommandSpec spec, JournalEntry entry, boolean dryRun) throws Exception;
    }

    /** The kinds that can be undone; a kind missing here (an HA action, a synchronization) cannot be. */
    static final Map<String, Undoer> BY_KIND = Map.of(
            KeaChangeService.KIND, ChangeCommands::undoKea,
            IscChangeService.KIND, IscEdit::undo);

    @ParentCommand TandemCommand root;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "ID", description = "The change's number, as `tandem journal --all` shows it") long id;
    @Option(names = "--dry-run", description = "Show the inverse's diff and stop; nothing is written") boolean dryRun;

    @Override
    public Integer call() throws Exception {
        JournalEntry entry = root.services().replicationStore().entry(id).orElse(null);
        if (entry == null) {
            spec.commandLine().getErr().println("Refused: there is no change #" + id + " in the journal");
            return TandemCommand.EXIT_REFUSED;
        }
        Undoer undoer = BY_KIND.get(entry.kind());
        if (undoer == null) {
            spec.commandLine().getErr().println("Refused: change #" + id + " (" + entry.kind() + ": " + entry.description()
                    + ") cannot be undone");
            return TandemCommand.EXIT_REFUSED;
        }
        return undoer.undo(root, spec, entry, dryRun);
    }
}
