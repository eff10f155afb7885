package tandem.ui.kea;

import tandem.ui.BackendUi;
import tandem.ui.ConsoleContext;
import tandem.ui.UiCommand;
import java.util.ArrayList;
import tandem.core.access.Permission;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tandem.core.Backend;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.config.ConfigRow;
import tandem.kea.KeaConfigTables;
import tandem.kea.change.KeaChange;
import tandem.kea.change.KeaChangeService;
import tandem.kea.change.SharedNetworks;
import tandem.ui.ConsoleNode.RelationshipItem;

/** Kea in the console: adding a server, changing a relationship's configuration, synchronizing, undoing. */
public final class KeaUi implements BackendUi {
    private final KeaChangeService changes;

    public KeaUi(KeaChangeService changes) {
        this.changes = changes;
    }

    @Override public Backend backend() { return Backend.KEA; }

    @Override
    public List<UiCommand> addServer(ConsoleContext c) {
        return List.of(UiCommand.of("openAddServer", "Add DHCP server…", () -> {
            AddServerViewModel addVm = new AddServerViewModel(c.services().inventory(), c.services().preferences(),
                    c.tasks(), c.services().poller()::inventoryChanged);
            new AddServerDialog(addVm, c.dialogs(), accepted -> c.vm().serverAdded(accepted.server().name())).show(c.window().get());
        }));
    }

    /** "Add reservation…" and the other changes, then "Synchronize now…" unless it is a standalone server. */
    @Override
    public List<UiCommand> relationshipCommands(ConsoleContext c, RelationshipItem r) {
        List<UiCommand> out = new ArrayList<>();
        record Form(String label, Supplier<ChangeForm> form, Permission bit) { }
        List<Form> forms = List.of(
                new Form("Add reservation…", ReservationForm::new, Permission.EDIT_RESERVATIONS),
                new Form("Add subnet…", SubnetForm::new, Permission.ADD_SCOPE),
                new Form("Add pool…", PoolForm::new, Permission.EDIT_POOLS),
                new Form("Set option…", OptionForm::new, Permission.SCOPE_OPTIONS));
        for (Form f : forms) {
            UiCommand cmd = UiCommand.of(null, f.label(), () -> openChange(c, r.name(), f.form().get()));
            out.add(new UiCommand(cmd.buttonId().replace("action-", "change-"), cmd.label(), cmd.run(), false, f.bit()));
        }
        if (!r.standalone()) {
            out.add(UiCommand.of("change-synchronize-now", "Synchronize now…", () -> openSynchronize(c, r.name()))
                    .needing(Permission.ADMINISTER_DHCP_SERVERS));
        }
        if (r.standalone()) {
            out.add(UiCommand.of("keaCreateHa", "Create HA relationship…", () -> openCreateHa(c, r.relationship().serverName()))
                    .needing(Permission.DHCP_ADMINISTRATOR));
        } else {
            out.add(UiCommand.of("keaDissolveHa", "Dissolve relationship…", () -> openDissolve(c, r.name(), null))
                    .needing(Permission.DHCP_ADMINISTRATOR));
        }
        return out;
    }

    /**
     * A row of the configuration tables: a subnet (in a shared network too) is edited or removed, a pool removed, a
     * reservation (in a subnet or global, by any host identifier) edited or removed, an option edited or removed at
     * every level the tables show (global, subnet, shared network, reservation), a shared network edited or removed
     * (its subnets kept at the top level, or with it). Client classes are read only: no change of the pipeline
     * reaches them.
     */
    @Override
    public List<UiCommand> rowCommands(ConsoleContext c, RelationshipItem r, ConfigRow row) {
        String rel = r.name();
        if (row instanceof ConfigRow.Subnet s) {
            return List.of(
                    command(c, rel, "rowEditSubnet", "Edit…", new SubnetEditForm(s.subnet()), Permission.SCOPE_OPTIONS),
                    command(c, rel, "rowRemoveSubnet", "Remove…", new ConfirmForm("Remove subnet",
                            new KeaChange.RemoveSubnet(s.subnet())), Permission.ADD_SCOPE));
        }
        if (row instanceof ConfigRow.SharedNetwork n) {
            // the permissions of the same changes on one subnet: removing is ADD_SCOPE's, editing SCOPE_OPTIONS's
            return List.of(
                    command(c, rel, "rowEditSharedNetwork", "Edit…", new SharedNetworkEditForm(n.name()), Permission.SCOPE_OPTIONS),
                    command(c, rel, "rowRemoveSharedNetwork", "Remove, keep subnets…", new ConfirmForm("Remove shared network",
                            new SharedNetworks.RemoveSharedNetwork(n.name(), false)), Permission.ADD_SCOPE),
                    command(c, rel, "rowRemoveSharedNetworkAndSubnets", "Remove with its subnets…", new ConfirmForm(
                            "Remove shared network and its subnets", new SharedNetworks.RemoveSharedNetwork(n.name(), true)),
                            Permission.ADD_SCOPE));
        }
        if (row instanceof ConfigRow.Pool p) {
            boolean pd = p.detail() != null && p.detail().startsWith(KeaConfigTables.PD_DETAIL);
            return List.of(command(c, rel, "rowRemovePool", "Remove…", pd
                    ? new ConfirmForm("Remove prefix-delegation pool", new KeaChange.RemovePdPool(p.subnet(), p.range()))
                    : new ConfirmForm("Remove pool", new KeaChange.RemovePool(p.subnet(), p.range())), Permission.EDIT_POOLS));
        }
        if (row instanceof ConfigRow.Reservation v) {
            Optional<String[]> id = reservationOf(v);
            if (id.isEmpty()) return List.of();
            String subnet = id.get()[0];
            return List.of(
                    command(c, rel, "rowEditReservation", "Edit…", new ReservationEditForm(subnet, id.get()[1],
                            id.get()[2], v.address(), v.hostname()), Permission.EDIT_RESERVATIONS),
                    command(c, rel, "rowRemoveReservation", "Remove…", new ConfirmForm("Remove reservation",
                            removeReservation(v).orElseThrow()), Permission.EDIT_RESERVATIONS));
        }
        if (row instanceof ConfigRow.Option o && o.level().startsWith(SHARED_NETWORK)) {
            String network = o.level().substring(SHARED_NETWORK.length());
            return optionCommands(c, rel, new ScopedOptionForm(ScopedOptionForm.Scope.SHARED_NETWORK, network, o.name(), o.data()),
                    new KeaChange.SetSharedNetworkOption(network, o.name(), null), Permission.SCOPE_OPTIONS);
        }
        if (row instanceof ConfigRow.Option o && o.level().startsWith(RESERVATION)) {
            String reservation = o.level().substring(RESERVATION.length());
            return optionCommands(c, rel, new ScopedOptionForm(ScopedOptionForm.Scope.RESERVATION, reservation, o.name(), o.data()),
                    new KeaChange.SetReservationOption(reservation, o.name(), null), Permission.EDIT_RESERVATIONS);
        }
        if (row instanceof ConfigRow.Option o && (o.level().equals("global") || isSubnet(o.level()))) {
            String where = o.level().equals("global") ? null : o.level();
            Permission bit = where == null ? Permission.ADMINISTER_DHCP_SERVERS : Permission.SCOPE_OPTIONS;
            return List.of(command(c, rel, "rowEditOption", "Edit…", new OptionForm(where, o.name(), o.data()), bit),
                    command(c, rel, "rowRemoveOption", "Remove…", new ConfirmForm("Remove option",
                            new KeaChange.SetOption(where, o.name(), null)), bit));
        }
        return List.of();
    }

    /** How the tables name a shared network's and a reservation's option level (see {@link KeaConfigTables}). */
    private static final String SHARED_NETWORK = "shared network ";
    private static final String RESERVATION = "reservation ";

    private List<UiCommand> optionCommands(ConsoleContext c, String rel, ChangeForm edit, KeaChange removal, Permission bit) {
        return List.of(command(c, rel, "rowEditOption", "Edit…", edit, bit),
                command(c, rel, "rowRemoveOption", "Remove…", new ConfirmForm("Remove option", removal), bit));
    }

    private UiCommand command(ConsoleContext c, String relationship, String id, String label, ChangeForm form,
                              Permission bit) {
        return new UiCommand(id, label, () -> openChange(c, relationship, form), false, bit);
    }

    /** Kea's tables name subnets by prefix; any other option level (reservation, shared network) has no change. */
    private static boolean isSubnet(String level) { return level.indexOf('/') > 0 && !level.contains(" "); }

    /**
     * {subnet (null: global), identifier type, identifier} of a reservation row, for any of Kea's host identifier
     * types; empty for a row no change can name (a reservation whose identifier Kea's tables could not read).
     */
    static Optional<String[]> reservationOf(ConfigRow.Reservation v) {
        boolean global = v.subnet().equals("global");
        if (!global && !isSubnet(v.subnet())) return Optional.empty();
        String[] id = v.identifier().split(" ", 2);
        if (id.length < 2 || !tandem.kea.KeaService.HOST_IDENTIFIERS.contains(id[0])) return Optional.empty();
        return Optional.of(new String[] {global ? null : v.subnet(), id[0], id[1]});
    }

    /** The reservation's removal: by its MAC or DUID as the command line names them, else by its identifier type. */
    static Optional<KeaChange> removeReservation(ConfigRow.Reservation v) {
        return reservationOf(v).map(id -> switch (id[1]) {
            case "hw-address" -> new KeaChange.RemoveReservation(id[0], id[2], null);
            case "duid" -> new KeaChange.RemoveReservation(id[0], null, id[2]);
            default -> KeaChange.RemoveReservation.of(id[0], id[1], id[2]);
        });
    }

    @Override
    public Optional<Runnable> undo(ConsoleContext c, JournalEntry entry) {
        if (tandem.kea.change.KeaHaTopology.CREATE_KIND.equals(entry.kind())) {
            return Optional.of(() -> openDissolve(c, entry.relationship(), entry.id()));
        }
        if (!KeaChangeService.KIND.equals(entry.kind())) return Optional.empty();
        return Optional.of(() -> openChange(c, entry.relationship(), new UndoForm(entry.id(), entry.description())));
    }

    private void openChange(ConsoleContext c, String relationship, ChangeForm form) {
        Optional<RelationshipItem> item = c.vm().relationship(relationship);
        if (item.isEmpty()) return;
        RelationshipItem r = item.get();
        String sourceOfTruth = r.state() == null ? null : r.state().assessment().sourceOfTruth();
        ChangeViewModel change = new ChangeViewModel(form, r.relationship(), sourceOfTruth, changes, c.tasks());
        change.setOnApplied(a -> c.changed().run());
        new ChangeDialog(change).show(c.window().get());
    }

    private void openCreateHa(ConsoleContext c, String server) {
        HaWizardViewModel wizard = new HaWizardViewModel(changes.topology(), c.tasks(), server);
        wizard.setOnCreated(() -> {
            c.services().poller().inventoryChanged();
            c.changed().run();
        });
        new HaWizardDialog(wizard).show(c.window().get());
    }

    private void openDissolve(ConsoleContext c, String relationship, Long undoOf) {
        DissolveViewModel dissolve = new DissolveViewModel(changes.topology(), c.tasks(), relationship, undoOf);
        dissolve.setOnDissolved(() -> {
            c.services().poller().inventoryChanged();
            c.changed().run();
        });
        new DissolveDialog(dissolve).show(c.window().get());
    }

    private void openSynchronize(ConsoleContext c, String relationship) {
        SyncViewModel sync = new SyncViewModel(relationship, changes, c.tasks());
        sync.setOnSynchronized(c.changed());
        new SyncDialog(sync).show(c.window().get());
    }
}
