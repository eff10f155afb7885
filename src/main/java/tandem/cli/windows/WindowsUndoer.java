package tandem.cli.windows;

import picocli.CommandLine.Model.CommandSpec;
import tandem.cli.TandemCommand;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.windows.WindowsChangeService;

/** {@code tandem undo ID} for a Windows failover change: its inverse, previewed, then applied through the pipeline. */
final class WindowsUndoer {
    private WindowsUndoer() {}

    static int undo(TandemCommand root, CommandSpec spec, JournalEntry entry, boolean dryRun) throws Exception {
        WindowsChangeService service = root.services().windowsChanges();
        return WindowsCommand.run(spec, root, () -> service.planUndo(entry.id()), service, dryRun, true);
    }
}
