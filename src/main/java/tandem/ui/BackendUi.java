package tandem.ui;

import java.util.List;
import java.util.Optional;
import tandem.core.Backend;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.ui.ConsoleNode.RelationshipItem;

/**
 * What one backend adds to the console window: how its servers are added, what a relationship's menu and details
 * offer beside the HA or failover actions every backend describes ({@link tandem.core.backend.FailoverActions}),
 * and how its journal entries are undone. Registered once per backend; the window asks, never branches.
 */
public interface BackendUi {
    Backend backend();

    /** Toolbar entries that add a server of this backend. */
    List<UiCommand> addServer(ConsoleContext console);

    /** A relationship's own entries: its changes and dialogs, in menu order. */
    List<UiCommand> relationshipCommands(ConsoleContext console, RelationshipItem relationship);

    /**
     * What can be done to one row of the relationship's configuration tables (edit, remove), in menu order; empty
     * for rows that are read only.
     */
    default List<UiCommand> rowCommands(ConsoleContext console, RelationshipItem relationship,
                                        tandem.core.config.ConfigRow row) {
        return List.of();
    }

    /** How the console undoes one of this backend's journal entries, when it can. */
    default Optional<Runnable> undo(ConsoleContext console, JournalEntry entry) { return Optional.empty(); }
}
