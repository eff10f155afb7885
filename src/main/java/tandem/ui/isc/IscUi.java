package tandem.ui.isc;

import tandem.ui.BackendUi;
import tandem.ui.ConsoleContext;
import tandem.ui.MessageKind;
import tandem.ui.UiCommand;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tandem.core.Backend;
import tandem.core.config.ConfigRow;
import tandem.isc.AddressPool;
import tandem.isc.DhcpdConfig;
import tandem.isc.IscTables;
import tandem.isc.FailoverEdits;
import tandem.isc.RowEdits;
import tandem.isc.SharedNetworkEdits;
import tandem.core.change.Redaction;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.isc.IscChangeService;
import tandem.isc.IscConfigTarget;
import tandem.isc.SafeWrite;
import tandem.isc.Subnet;
import tandem.ui.ConsoleNode.RelationshipItem;

/** ISC dhcpd in the console: adding a server over SSH, pools, failover peers, migration and partner-down. */
public final class IscUi implements BackendUi {
    private final Function<String, Optional<IscConfigTarget>> configs;
    private final IscChangeService changes;

    /**
     * @param configs the dhcpd.conf of an inventory ISC server, to edit; empty for other servers
     * @param changes undoes journaled writes; null when the console cannot
     */
    public IscUi(Function<String, Optional<IscConfigTarget>> configs, IscChangeService changes) {
        this.configs = configs;
        this.changes = changes;
    }

    /** A journaled write is undone by writing the files back as a new change, after showing what goes back. */
    @Override
    public Optional<Runnable> undo(ConsoleContext c, JournalEntry entry) {
        if (changes == null || !IscChangeService.KIND.equals(entry.kind())) return Optional.empty();
        return Optional.of(() -> c.tasks().run(() -> changes.prepareUndo(entry.id()), plan -> {
            boolean sure = c.dialogs().confirm("confirmIscUndo", "Undo change #" + entry.id(), plan.description(),
                    Redaction.redact(plan.inverse().unifiedDiff()), "Undo", false);
            if (sure) {
                c.tasks().run(() -> changes.undo(plan), result -> {
                    c.vm().say(result.message(), result instanceof SafeWrite.Applied ? MessageKind.SUCCESS : MessageKind.ERROR);
                    c.changed().run();
                }, failure -> c.dialogs().error("Undo failed", failure));
            }
        }, failure -> c.dialogs().error("Cannot undo change #" + entry.id(), failure)));
    }

    @Override public Backend backend() { return Backend.ISC; }

    @Override
    public List<UiCommand> addServer(ConsoleContext c) {
        return List.of(UiCommand.of("openAddIscServer", "Add ISC server…", () -> {
            AddIscServerViewModel iscVm = new AddIscServerViewModel(c.services().inventory(), c.tasks(), name -> {
                c.services().poller().inventoryChanged();
                c.vm().serverAdded(name);
            });
            new AddIscServerDialog(iscVm).show(c.window().get());
        }));
    }

    /** Pools, peers, migration and partner-down, each previewed before it is written. */
    @Override
    public List<UiCommand> relationshipCommands(ConsoleContext c, RelationshipItem r) {
        IscConfigTarget target = configs.apply(r.serverName()).orElse(null);
        if (target == null) return List.of();
        String peer = r.name().contains("/") ? r.name().substring(r.name().indexOf('/') + 1) : null;
        return List.of(
                UiCommand.of("iscAddPool", "Add address pool…", () -> withConfig(c, target, config ->
                        new AddressPoolDialog(new AddressPoolViewModel(config, null), edit -> review(c, target, config, edit))
                                .show(c.window().get()))),
                UiCommand.of("iscManagePeers", "Manage failover peers…", () -> withConfig(c, target, config ->
                        new ManageFailoverPeersDialog(new ManageFailoverPeersViewModel(config, r.serverName(),
                                edit -> review(c, target, config, edit)))
                                .show(c.window().get()))),
                UiCommand.of("iscMigrate", "Migrate subnet to partner…", () -> withConfig(c, target, config -> {
                    List<String> partners = c.services().inventory().servers().stream()
                            .filter(s -> s.backend() == Backend.ISC && !s.name().equals(r.serverName()))
                            .map(s -> s.name()).toList();
                    new MigrateSubnetDialog(new MigrateSubnetViewModel(r.serverName(),
                            config.subnets().stream().map(Subnet::cidr).toList(), partners),
                            (subnet, partner) -> migrate(c, config, subnet, partner)).show(c.window().get());
                })),
                new UiCommand("iscPartnerDown", "Set partner down…", () -> confirmPartnerDown(c, target, r.serverName(), peer),
                        peer == null));
    }

    /**
     * A pool block: Edit… (ranges and failover peer) and Remove…; a subnet: Edit… (its own routers, DNS servers,
     * domain name and lease times); an option set globally or in a subnet: Edit… and Remove…; a host declaration:
     * Edit… (MAC, fixed address, host name) and Remove…; a shared network: Remove… (its subnets stay, with what they
     * inherited from it). Each reads the file again, finds the row in it and previews the change; ranges outside a
     * pool, other options and classes are read only here.
     */
    @Override
    public List<UiCommand> rowCommands(ConsoleContext c, RelationshipItem r, ConfigRow row) {
        IscConfigTarget target = configs.apply(r.serverName()).orElse(null);
        if (target == null) return List.of();
        // the dialogs edit IPv4 declarations; a dhcpd -6 configuration's rows are read only here
        if (row instanceof ConfigRow.Pool p && isV6(p.subnet()) || row instanceof ConfigRow.Subnet s && isV6(s.subnet())
                || row instanceof ConfigRow.Option o && isV6(o.level())) {
            return List.of();
        }
        if (row instanceof ConfigRow.Reservation h && h.name() != null && (isV6(h.subnet()) || isV6(h.address()))) {
            return List.of(removeHost(c, target, h));
        }
        if (row instanceof ConfigRow.Pool p && !IscTables.BARE_RANGE.equals(p.detail())) {
            return List.of(
                    UiCommand.of("iscEditPool", "Edit pool…", () -> withPool(c, target, p, (config, pool) ->
                            new AddressPoolDialog(AddressPoolViewModel.forPool(config, pool),
                                    edit -> confirmDeletedPeers(c, target, config, pool, edit, "Changing"))
                                    .show(c.window().get()))),
                    UiCommand.of("iscRemovePool", "Remove pool…", () -> withPool(c, target, p, (config, pool) ->
                            previewIfItHolds(c, target, config, "Cannot remove " + pool.label(),
                                    () -> FailoverEdits.removePool(config, pool.index()),
                                    edit -> confirmDeletedPeers(c, target, config, pool, edit, "Removing")))));
        }
        if (row instanceof ConfigRow.Reservation h && h.name() != null) {
            return List.of(
                    UiCommand.of("iscEditHost", "Edit host…", () -> edit(c, target, "Cannot edit host " + h.name(),
                            config -> RowEditViewModel.forHost(config, h.name()))),
                    removeHost(c, target, h));
        }
        if (row instanceof ConfigRow.Subnet s) {
            return List.of(UiCommand.of("iscEditSubnet", "Edit subnet…", () -> edit(c, target, "Cannot edit " + s.subnet(),
                    config -> RowEditViewModel.forSubnet(config, s.subnet()))));
        }
        if (row instanceof ConfigRow.SharedNetwork n) {
            return List.of(UiCommand.of("iscRemoveSharedNetwork", "Remove…", () -> withConfig(c, target, config ->
                    previewIfItHolds(c, target, config, "Cannot remove shared-network " + n.name(),
                            () -> SharedNetworkEdits.remove(config, n.name()), edit -> review(c, target, config, edit)))));
        }
        // options set globally or in a subnet's own declaration; those of pools, hosts, classes and groups stay read only
        if (row instanceof ConfigRow.Option o && (o.level().equals("global") || isSubnet(o.level()))) {
            String what = "option " + o.name() + (o.level().equals("global") ? "" : " of " + o.level());
            return List.of(
                    UiCommand.of("iscEditOption", "Edit option…", () -> edit(c, target, "Cannot edit " + what,
                            config -> RowEditViewModel.forOption(config, o.level(), o.name(), o.data()))),
                    UiCommand.of("iscRemoveOption", "Remove option…", () -> withConfig(c, target, config ->
                            previewIfItHolds(c, target, config, "Cannot remove " + what,
                                    () -> RowEdits.setOption(config, o.level(), o.name(), null),
                                    edit -> review(c, target, config, edit)))));
        }
        return List.of();
    }

    private static UiCommand removeHost(ConsoleContext c, IscConfigTarget target, ConfigRow.Reservation h) {
        return UiCommand.of("iscRemoveHost", "Remove host…", () -> withConfig(c, target, config ->
                previewIfItHolds(c, target, config, "Cannot remove host " + h.name(),
                        () -> FailoverEdits.removeHost(config, h.name()), edit -> review(c, target, config, edit))));
    }

    /** A subnet6 prefix, or an IPv6 address, as the tables show it. */
    private static boolean isV6(String text) { return text != null && text.contains(":"); }

    /** The tables name a subnet by its CIDR; other levels have words ("pool …", "reservation …", "class …"). */
    private static boolean isSubnet(String level) { return level.indexOf('/') > 0 && !level.contains(" "); }

    /** Reads the file again and opens the row's edit dialog on it; a row that no longer holds is an error. */
    private static void edit(ConsoleContext c, IscConfigTarget target, String what,
                             Function<DhcpdConfig, RowEditViewModel> form) {
        withConfig(c, target, config -> {
            RowEditViewModel vm;
            try {
                vm = form.apply(config);
            } catch (IllegalArgumentException e) {
                c.dialogs().error(what, e);
                return;
            }
            new RowEditDialog(vm, edit -> review(c, target, config, edit)).show(c.window().get());
        });
    }

    /** The row's pool in the file as it is now; an error when it changed since the table was read. */
    private static void withPool(ConsoleContext c, IscConfigTarget target, ConfigRow.Pool row,
                                 java.util.function.BiConsumer<DhcpdConfig, AddressPool> then) {
        withConfig(c, target, config -> {
            AddressPool pool = IscTables.poolOf(config, row);
            if (pool == null) {
                c.dialogs().error("Cannot find the pool", new IllegalStateException("No single pool of " + row.subnet()
                        + " has the ranges " + row.range() + " in " + target.name() + " now: the file changed since the"
                        + " table was read. Read the configuration again."));
            } else {
                then.accept(config, pool);
            }
        });
    }

    private static void previewIfItHolds(ConsoleContext c, IscConfigTarget target, DhcpdConfig config, String what,
                                         java.util.function.Supplier<FailoverEdits.Edit> make,
                                         java.util.function.Consumer<FailoverEdits.Edit> then) {
        FailoverEdits.Edit edit;
        try {
            edit = make.get();
        } catch (IllegalArgumentException e) {
            c.dialogs().error(what, e);
            return;
        }
        if (!edit.applicable()) {
            c.dialogs().error(what, new IllegalStateException(edit.problems().get(0).toString()));
        } else {
            then.accept(edit);
        }
    }

    /**
     * When the pool was the last one referring to its failover peer, the edit deletes the peer's declaration: the
     * administrator is warned of that first, and only goes on to the preview when sure.
     */
    static void confirmDeletedPeers(ConsoleContext c, IscConfigTarget target, DhcpdConfig config, AddressPool pool,
                                    FailoverEdits.Edit edit, String doing) {
        List<String> deleted = config.peerNames().stream().filter(n -> !edit.after().peerNames().contains(n)).toList();
        for (String peer : deleted) {
            boolean sure = c.dialogs().confirm("confirmLastPeerReference", "Delete failover peer",
                    "This is the last address pool referring to failover peer \"" + peer + "\"",
                    doing + " " + pool.label() + " will delete the failover peer \"" + peer + "\" from "
                            + target.name() + ": no pool refers to it any more. The preview shows the change before"
                            + " anything is written.", "Delete the peer too", true);
            if (!sure) return;
        }
        review(c, target, config, edit);
    }

    private static void withConfig(ConsoleContext c, IscConfigTarget target, java.util.function.Consumer<DhcpdConfig> then) {
        c.tasks().run(target::load, then, failure -> c.dialogs().error("Cannot read " + target.name(), failure));
    }

    private static void review(ConsoleContext c, IscConfigTarget target, DhcpdConfig config, FailoverEdits.Edit edit) {
        new ConfigDiffDialog(new ConfigReviewViewModel(target, config, edit.change(), c.tasks(), c.changed()))
                .show(c.window().get());
    }

    private void migrate(ConsoleContext c, DhcpdConfig source, String subnet, String partner) {
        IscConfigTarget target = configs.apply(partner).orElse(null);
        if (target == null) return;
        withConfig(c, target, partnerConfig -> {
            FailoverEdits.Edit edit;
            try {
                edit = FailoverEdits.migrateToPartner(source, subnet, partnerConfig);
            } catch (IllegalArgumentException ex) {
                c.dialogs().error("Cannot migrate " + subnet, ex);
                return;
            }
            if (edit.change().isEmpty()) {
                c.vm().say(partner + " already has " + subnet + " as it should", MessageKind.INFO);
            } else if (!edit.applicable()) {
                c.dialogs().error("The partner's configuration would break",
                        new IllegalStateException(edit.problems().get(0).toString()));
            } else {
                review(c, target, partnerConfig, edit);
            }
        });
    }

    private static void confirmPartnerDown(ConsoleContext c, IscConfigTarget target, String server, String peer) {
        boolean sure = c.dialogs().confirm("confirmPartnerDown", "Set partner down", "Set the partner of " + server + " down?",
                "In partner-down, " + server + " serves every address of the failover peer \"" + peer + "\"'s pools. Do"
                        + " this only when the partner is really down: if both serve, they can give the same address to"
                        + " two clients.", "Set partner down", true);
        if (sure) {
            c.tasks().run(() -> target.setPartnerDown(peer), st -> c.vm().refreshNow(),
                    failure -> c.dialogs().error("Partner-down failed", failure));
        }
    }
}
