package tandem.cli.kea;

import java.util.List;
import java.util.Map;
import tandem.cli.BackendCommands;
import tandem.cli.UndoCommand;
import tandem.kea.change.KeaChangeService;

/** Kea on the command line: subnet, pool, reservation, pd-pool (DHCPv6), option and sync; {@code server add kea}; undo of its changes. */
public final class KeaCommands implements BackendCommands {
    @Override
    public List<Object> commands() {
        return List.of(new ChangeCommands.Subnet(), new ChangeCommands.Pool(), new ChangeCommands.Reservation(),
                new ChangeCommands.PdPool(),
                new ChangeCommands.OptionGroup(), new SyncCommand(), new KeaHaCommands());
    }

    @Override
    public Object serverAdd() { return new KeaServerAdd(); }

    @Override
    public Map<String, UndoCommand.Undoer> undoers() {
        return Map.of(KeaChangeService.KIND, ChangeCommands::undoKea,
                tandem.kea.change.KeaHaTopology.CREATE_KIND, KeaHaCommands::undoCreation);
    }
}
