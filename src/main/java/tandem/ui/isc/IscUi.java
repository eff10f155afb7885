package tandem.ui.isc;

import tandem.ui.BackendUi;
import tandem.ui.ConsoleContext;
import tandem.ui.MessageKind;
import tandem.ui.UiCommand;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tandem.core.Backend;
import tandem.isc.DhcpdConfig;
import tandem.isc.FailoverEdits;
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
