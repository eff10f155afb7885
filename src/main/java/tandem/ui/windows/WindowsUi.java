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
import tandem.core.access.Permission;
import tandem.core.PeerDefinition;
import tandem.ui.BackendUi;
import tandem.ui.ConsoleContext;
import tandem.ui.ConsoleNode.RelationshipItem;
import tandem.ui.UiCommand;

/**
 * Windows Server DHCP failover in the console: adding a server over OpenSSH, creating a relationship, adding and
 * removing its scopes, removing it, replicating, and changing its settings, and editing the configuration tables'
 * reservations, option values, scopes and superscopes; each previewed before it is applied.
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
     * scope chosen); in no relationship, Add scope to failover…; either way Edit… (name, description, lease, state).
     * A reservation row: Edit… and Remove…; an option row at server, scope or reservation level: Edit… and Remove…;
     * a superscope (shared network) row: Edit… (its name) and Remove superscope… (its scopes stay). Each edit of a
     * failover scope, and of a superscope, is made on both partners. Rows of a scope in another relationship are left alone:
     * that relationship's own tables change them.
     */
    @Override
    public List<UiCommand> rowCommands(ConsoleContext c, RelationshipItem r, tandem.core.config.ConfigRow row) {
        String server = r.serverName();
        String rel = r.name();
        Runnable changed = changed(c);
        if (row instanceof tandem.core.config.ConfigRow.Reservation v && scopeOf(v.subnet()) != null) {
            String scope = scopeOf(v.subnet());
            return List.of(
                    edit(c, r, "windowsEditReservation", "Edit…", ConfigEditViewModel.Kind.RESERVATION, scope, v.address(), null,
                            Permission.EDIT_RESERVATIONS),
                    edit(c, r, "windowsRemoveReservation", "Remove…", ConfigEditViewModel.Kind.REMOVE_RESERVATION, scope,
                            v.address(), null, Permission.EDIT_RESERVATIONS));
        }
        if (row instanceof tandem.core.config.ConfigRow.SharedNetwork n) {
            return List.of(superscope(c, r, "windowsEditSuperscope", "Edit…", false, n.name()),
                    superscope(c, r, "windowsRemoveSuperscope", "Remove superscope…", true, n.name()));
        }
        if (row instanceof tandem.core.config.ConfigRow.Option o && o.code() != null) {
            String level = o.level();
            String scope = level.equals("global") || level.startsWith(RESERVATION) ? null : scopeOf(level);
            String reserved = level.startsWith(RESERVATION) ? level.substring(RESERVATION.length()) : null;
            if (!level.equals("global") && scope == null && reserved == null) return List.of();
            Permission bit = level.equals("global") ? Permission.ADMINISTER_DHCP_SERVERS : Permission.SCOPE_OPTIONS;
            return List.of(
                    edit(c, r, "windowsEditOption", "Edit…", ConfigEditViewModel.Kind.OPTION, scope, reserved, o.code(), bit),
                    edit(c, r, "windowsRemoveOption", "Remove…", ConfigEditViewModel.Kind.REMOVE_OPTION, scope, reserved, o.code(), bit));
        }
        if (!(row instanceof tandem.core.config.ConfigRow.Subnet scope) || scope.id() == null) return List.of();
        UiCommand editScope = edit(c, r, "windowsEditScope", "Edit…", ConfigEditViewModel.Kind.SCOPE, scope.id(), null, null,
                Permission.SCOPE_OPTIONS);
        if (r.standalone()) return List.of(editScope);
        String in = WindowsConfigTableSource.failoverOf(scope);
        if (in == null) {
            return List.of(UiCommand.of("windowsAddThisScope", "Add scope to failover…", () -> new ScopeFailoverDialog(
                    new ScopeFailoverViewModel(changes, c.tasks(), server, rel, true, changed).preselect(scope.id()))
                    .show(c.window().get())), editScope);
        }
        if (!in.equalsIgnoreCase(rel)) return List.of();
        return List.of(
                UiCommand.of("windowsRemoveThisScope", "Remove scope from failover…", () -> new ScopeFailoverDialog(
                        new ScopeFailoverViewModel(changes, c.tasks(), server, rel, false, changed).preselect(scope.id()))
                        .show(c.window().get())),
                UiCommand.of("windowsReplicateScope", "Replicate scope…", () -> new ReplicateDialog(
                        new ReplicateViewModel(changes, c.tasks(), rel, servers(r), scope.id(), changed))
                        .show(c.window().get())),
                editScope);
    }

    private static final String RESERVATION = "reservation ";

    private UiCommand edit(ConsoleContext c, RelationshipItem r, String id, String label, ConfigEditViewModel.Kind kind,
                           String scopeId, String reservedIp, Integer optionId, Permission bit) {
        return new UiCommand(id, label, () -> new ConfigEditDialog(new ConfigEditViewModel(changes, c.tasks(),
                servers(r).get(0), r.name(), kind, scopeId, reservedIp, optionId, changed(c))).show(c.window().get()), false, bit);
    }

    /** A superscope groups scopes of the whole server: the server's bit, as a shared network's edit on the other backends. */
    private UiCommand superscope(ConsoleContext c, RelationshipItem r, String id, String label, boolean remove, String name) {
        return new UiCommand(id, label, () -> new ConfigEditDialog(ConfigEditViewModel.superscope(changes, c.tasks(),
                servers(r).get(0), r.name(), remove, name, changed(c))).show(c.window().get()), false,
                Permission.ADMINISTER_DHCP_SERVERS);
    }

    /** "10.1.0.0/24" is scope 10.1.0.0; anything else (a level's word) is no scope. */
    private static String scopeOf(String cidr) {
        int slash = cidr == null ? -1 : cidr.indexOf('/');
        return slash > 0 && !cidr.contains(" ") ? cidr.substring(0, slash) : null;
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
