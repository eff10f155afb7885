package tandem.ui.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.ui.ConsoleNode.PeerItem;
import tandem.ui.MessageKind;
import tandem.windows.FieldProblem;
import tandem.windows.WindowsChangeService;
import tandem.windows.WindowsConfigTableSource;
import tandem.core.Backend;
import tandem.core.PeerDefinition;
import tandem.ui.BackendUi;
import tandem.ui.ConsoleContext;
import tandem.ui.ConsoleNode.RelationshipItem;
import tandem.ui.UiCommand;

/**
 * Windows Server DHCP failover in the console: adding a server over OpenSSH, creating a relationship, adding and
 * removing its scopes, removing it, replicating, and changing its settings; each previewed before it is applied.
 */
public final class WindowsUi implements BackendUi {
    private final WindowsChanges changes;

    public WindowsUi(WindowsChanges changes) {
        this.changes = changes;
    }

    @Override public Backend backend() { return Backend.WINDOWS; }

    /** A journaled Windows change is undone as a new change, after showing what it does. */
    @Override
    public Optional<Runnable> undo(ConsoleContext c, JournalEntry entry) {
        if (!WindowsChangeService.KIND.equals(entry.kind())) return Optional.empty();
        return Optional.of(() -> c.tasks().run(() -> changes.planUndo(entry.id()), plan -> {
            boolean sure = c.dialogs().confirm("confirmWindowsUndo", "Undo change #" + entry.id(), plan.description(),
                    plan.diff(), "Undo", false);
            if (sure) {
                c.tasks().run(() -> changes.apply(plan), outcome -> {
                    c.vm().say(outcome, MessageKind.SUCCESS);
                    changed(c).run();
                }, failure -> c.dialogs().error("Undo failed", failure));
            }
        }, failure -> c.dialogs().error("Cannot undo change #" + entry.id(), failure instanceof WindowsChangeService.Refused r
                ? new IllegalStateException(String.join("; ", r.problems().stream().map(FieldProblem::message).toList()))
                : failure)));
    }

    @Override
    public List<UiCommand> addServer(ConsoleContext c) {
        return List.of(UiCommand.of("openAddWindowsServer", "Add Windows server…", () -> {
            AddWindowsServerViewModel vm = new AddWindowsServerViewModel(c.services().inventory(), c.tasks(),
                    changes::partnerAdded, name -> {
                c.services().poller().inventoryChanged();
                c.vm().serverAdded(name);
            });
            new AddWindowsServerDialog(vm).show(c.window().get());
        }));
    }

    @Override
    public List<UiCommand> relationshipCommands(ConsoleContext c, RelationshipItem r) {
        String server = r.serverName();
        String rel = r.name();
        Runnable changed = changed(c);
        UiCommand create = UiCommand.of("windowsCreateRelationship", "Add failover relationship…", () ->
                new CreateRelationshipDialog(new CreateRelationshipViewModel(changes, c.tasks(), server, changed)).show(c.window().get()));
        if (r.standalone()) return List.of(create);
        List<String> servers = servers(r);
        List<UiCommand> out = new ArrayList<>();
        out.add(UiCommand.of("windowsAddScope", "Add scope to failover…", () -> new ScopeFailoverDialog(
                new ScopeFailoverViewModel(changes, c.tasks(), server, rel, true, changed)).show(c.window().get())));
        out.add(UiCommand.of("windowsRemoveScope", "Remove scope from failover…", () -> new ScopeFailoverDialog(
                new ScopeFailoverViewModel(changes, c.tasks(), server, rel, false, changed)).show(c.window().get())));
        out.add(UiCommand.of("windowsReplicate", "Replicate…", () -> new ReplicateDialog(
                new ReplicateViewModel(changes, c.tasks(), rel, servers, null, changed)).show(c.window().get())));
        out.add(UiCommand.of("windowsSettings", "Failover settings…", () -> new FailoverSettingsDialog(
                new FailoverSettingsViewModel(changes, c.tasks(), server, rel, changed)).show(c.window().get())));
        out.add(UiCommand.of("windowsRemoveRelationship", "Remove relationship…", () -> new RemoveRelationshipDialog(
                new RemoveRelationshipViewModel(changes, c.tasks(), rel, servers, changed)).show(c.window().get())));
        out.add(create);
        return out;
    }

    /**
     * A scope row: in this relationship, Remove scope from failover… and Replicate scope… (each its dialog with the
     * scope chosen); in no relationship, Add scope to failover…. Reservations, options and ranges have no change of
     * their own in the console (the change service has none), so their rows are read only.
     */
    @Override
    public List<UiCommand> rowCommands(ConsoleContext c, RelationshipItem r, tandem.core.config.ConfigRow row) {
        if (!(row instanceof tandem.core.config.ConfigRow.Subnet scope) || scope.id() == null || r.standalone()) {
            return List.of();
        }
        String server = r.serverName();
        String rel = r.name();
        Runnable changed = changed(c);
        String in = WindowsConfigTableSource.failoverOf(scope);
        if (in == null) {
            return List.of(UiCommand.of("windowsAddThisScope", "Add scope to failover…", () -> new ScopeFailoverDialog(
                    new ScopeFailoverViewModel(changes, c.tasks(), server, rel, true, changed).preselect(scope.id()))
                    .show(c.window().get())));
        }
        if (!in.equalsIgnoreCase(rel)) return List.of();
        return List.of(
                UiCommand.of("windowsRemoveThisScope", "Remove scope from failover…", () -> new ScopeFailoverDialog(
                        new ScopeFailoverViewModel(changes, c.tasks(), server, rel, false, changed).preselect(scope.id()))
                        .show(c.window().get())),
                UiCommand.of("windowsReplicateScope", "Replicate scope…", () -> new ReplicateDialog(
                        new ReplicateViewModel(changes, c.tasks(), rel, servers(r), scope.id(), changed))
                        .show(c.window().get())));
    }

    /**
     * The relationship's two servers, its source of truth first: the one the last poll named (the server serving
     * alone in PartnerDown), else the one it was added through.
     */
    static List<String> servers(RelationshipItem r) {
        List<String> out = new ArrayList<>();
        r.peers().stream().filter(PeerItem::sourceOfTruth).findFirst().ifPresent(p -> out.add(p.peer().name()));
        if (out.isEmpty()) out.add(r.serverName());
        for (PeerDefinition p : r.relationship().peers()) if (!out.contains(p.name())) out.add(p.name());
        return out;
    }

    /** After a change: the inventory was read again, so the tree follows it, and the servers are polled at once. */
    private static Runnable changed(ConsoleContext c) {
        return () -> {
            c.services().poller().inventoryChanged();
            c.changed().run();
        };
    }
}
