package tandem.cli.windows;

import java.util.List;
import java.util.Map;
import tandem.cli.BackendCommands;
import tandem.cli.UndoCommand;

/** Windows Server DHCP on the command line: {@code tandem windows ...} and {@code server add windows}. */
public final class WindowsCommands implements BackendCommands {
    @Override public List<Object> commands() { return List.of(new WindowsCommand()); }

    @Override public Object serverAdd() { return new WindowsServerAdd(); }

    @Override public Map<String, UndoCommand.Undoer> undoers() {
        return Map.of(tandem.windows.WindowsChangeService.KIND, WindowsUndoer::undo);
    }
}
