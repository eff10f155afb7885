package tandem.cli.isc;

import java.util.List;
import java.util.Map;
import tandem.cli.BackendCommands;
import tandem.cli.UndoCommand;
import tandem.isc.IscChangeService;

/** ISC dhcpd on the command line: {@code tandem isc ...}, {@code server add isc}, undo of its dhcpd.conf writes. */
public final class IscCommands implements BackendCommands {
    @Override
    public List<Object> commands() { return List.of(new IscCommand()); }

    @Override
    public Object serverAdd() { return new IscServerAdd(); }

    @Override
    public Map<String, UndoCommand.Undoer> undoers() {
        return Map.of(IscChangeService.KIND, IscEdit::undo);
    }
}
