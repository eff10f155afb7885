package tandem.cli;

import java.util.List;
import java.util.Map;

/**
 * What one backend adds to the command line: its own commands (e.g. {@code tandem reservation}, {@code tandem isc}),
 * how its servers are added ({@code tandem server add NAME}) and how {@code tandem undo} undoes its journal entries.
 * Registered once per backend when the command line is built; the generic commands never name a backend.
 */
public interface BackendCommands {
    /** Top-level picocli commands (annotated objects), each taking the root from {@link TandemCommand#of}. */
    List<Object> commands();

    /** The {@code tandem server add} subcommand for this backend, or null when its servers are not added that way. */
    Object serverAdd();

    /** How {@code tandem undo} undoes the journal entries of each of this backend's kinds. */
    Map<String, UndoCommand.Undoer> undoers();
}
