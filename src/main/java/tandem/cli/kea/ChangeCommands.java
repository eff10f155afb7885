package tandem.cli.kea;

import tandem.cli.TandemCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tandem.cli.Inputs;
import tandem.core.change.ChangeBlocked;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.AddressRules;
import tandem.kea.change.ChangeRefused;
import tandem.kea.change.Ipv4;
import tandem.kea.change.OptionSyntax;
import tandem.kea.change.KeaChange;
import tandem.kea.change.KeaChangeService;

/** Configuration changes to a Kea relationship: each is previewed as a diff, then applied and replicated. */
final class ChangeCommands {
    private ChangeCommands() {}

    /** What every change command shares: the relationship, --dry-run, and the preview/apply/report sequence. */
    static final class Target {
        @Parameters(index = "0", paramLabel = "RELATIONSHIP", description = "The relationship, as `tandem status` names it")
        String relationship;

        @Option(names = "--dry-run", description = "Show the diff and stop; nothing is sent to any server")
        boolean dryRun;

        @Spec(Spec.Target.MIXEE) CommandSpec spec;

        /** The options' checks, then the relationship's; all before the data folder opens or a server is asked. */
        Inputs inputs() {
            return Inputs.of(spec).name("RELATIONSHIP", relationship);
        }

        int run(TandemCommand root, KeaChange change) {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            var services = root.services();
            services.poller().refresh();
            try {
                KeaChangeService.Preview preview = services.changes().prepare(relationship, change);
                out.println(change.describe() + " on " + preview.sourceOfTruth() + " (source of truth)");
                preview.notes().forEach(n -> out.println("  Note: " + n));
                out.print(preview.diff().isEmpty() ? "  (no difference)\n" : preview.diff());
                if (dryRun) return 0;
                KeaChangeService.Applied applied = services.changes().apply(preview);
                out.println("Applied as change #" + applied.journalId() + " on " + applied.sourceOfTruth()
                        + (applied.rebased() ? " (re-applied on a configuration changed meanwhile)" : ""));
                out.println("  Through: " + applied.method());
                applied.peers().forEach((peer, outcome) -> out.println("  " + peer + ": " + outcome));
                if (applied.pendingPrimary()) {
                    out.println("  The primary is away: it receives this change when it returns.");
                }
                return 0;
            } catch (ChangeRefused e) {
                err.println("Refused" + (e.field() == null ? "" : " (" + e.field() + ")") + ": " + e.getMessage());
                return TandemCommand.EXIT_REFUSED;
            } catch (ChangeBlocked e) {
                err.println("Refused: " + e.getMessage());
                return TandemCommand.EXIT_REFUSED;
            }
        }
    }

    @Command(name = "subnet", mixinStandardHelpOptions = true, description = "Add, edit or remove a subnet.",
            subcommands = {SubnetAdd.class, SubnetRemove.class})
    static final class Subnet {
        @ParentCommand TandemCommand root;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a subnet (with optional pools).")
    static final class SubnetAdd implements Callable<Integer> {
        @ParentCommand Subnet parent;
        @Mixin Target target;
        @Option(names = "--subnet", required = true, paramLabel = "CIDR") String subnet;
        @Option(names = "--id", paramLabel = "N", description = "Subnet id from 1 to " + Ipv4.MAX_SUBNET_ID + " (default: the next free one)") Long id;
        @Option(names = "--pool", paramLabel = "RANGE", description = "e.g. \"10.0.0.100 - 10.0.0.200\"; repeatable")
        List<String> pools = new ArrayList<>();

        public Integer call() {
            Inputs in = target.inputs().network("--subnet", subnet).check("--id", Ipv4.subnetIdProblem(id));
            for (String p : pools) in.check("--pool", Ipv4.poolProblem(p, subnet));
            return target.run(parent.root, new KeaChange.AddSubnet(subnet, id, pools));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a subnet.")
    static final class SubnetRemove implements Callable<Integer> {
        @ParentCommand Subnet parent;
        @Mixin Target target;
        @Option(names = "--subnet", required = true, paramLabel = "CIDR") String subnet;

        public Integer call() {
            target.inputs().network("--subnet", subnet);
            return target.run(parent.root, new KeaChange.RemoveSubnet(subnet));
        }
    }

    @Command(name = "pool", mixinStandardHelpOptions = true, description = "Add or remove a pool.",
            subcommands = {PoolAdd.class, PoolRemove.class})
    static final class Pool {
        @ParentCommand TandemCommand root;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a pool to a subnet.")
    static final class PoolAdd implements Callable<Integer> {
        @ParentCommand Pool parent;
        @Mixin Target target;
        @Option(names = "--subnet", required = true, paramLabel = "CIDR") String subnet;
        @Option(names = "--pool", required = true, paramLabel = "RANGE") String pool;

        public Integer call() {
            target.inputs().network("--subnet", subnet).check("--pool", Ipv4.poolProblem(pool, subnet));
            return target.run(parent.root, new KeaChange.AddPool(subnet, pool));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a pool from a subnet.")
    static final class PoolRemove implements Callable<Integer> {
        @ParentCommand Pool parent;
        @Mixin Target target;
        @Option(names = "--subnet", required = true, paramLabel = "CIDR") String subnet;
        @Option(names = "--pool", required = true, paramLabel = "RANGE") String pool;

        public Integer call() {
            target.inputs().network("--subnet", subnet).check("--pool", Ipv4.poolProblem(pool, subnet));
            return target.run(parent.root, new KeaChange.RemovePool(subnet, pool));
        }
    }

    @Command(name = "reservation", mixinStandardHelpOptions = true, description = "Add or remove a host reservation.",
            subcommands = {ReservationAdd.class, ReservationRemove.class})
    static final class Reservation {
        @ParentCommand TandemCommand root;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Reserve an address for a MAC address.")
    static final class ReservationAdd implements Callable<Integer> {
        @ParentCommand Reservation parent;
        @Mixin Target target;
        @Option(names = "--subnet", required = true, paramLabel = "CIDR") String subnet;
        @Option(names = "--mac", required = true, paramLabel = "MAC") String mac;
        @Option(names = "--ip", required = true, paramLabel = "IP") String ip;
        @Option(names = "--hostname", paramLabel = "H") String hostname;

        public Integer call() {
            target.inputs().network("--subnet", subnet).mac("--mac", mac)
                    .check("--ip", AddressRules.reservationProblem(ip, subnet))
                    .hostname("--hostname", hostname == null || hostname.isBlank() ? null : hostname);
            return target.run(parent.root, new KeaChange.AddReservation(subnet, mac, ip, hostname));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove the reservation of a MAC address.")
    static final class ReservationRemove implements Callable<Integer> {
        @ParentCommand Reservation parent;
        @Mixin Target target;
        @Option(names = "--subnet", required = true, paramLabel = "CIDR") String subnet;
        @Option(names = "--mac", required = true, paramLabel = "MAC") String mac;

        public Integer call() {
            target.inputs().network("--subnet", subnet).mac("--mac", mac);
            return target.run(parent.root, new KeaChange.RemoveReservation(subnet, mac));
        }
    }

    @Command(name = "option", mixinStandardHelpOptions = true, description = "Set or remove option data.",
            subcommands = {OptionSet.class})
    static final class OptionGroup {
        @ParentCommand TandemCommand root;
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set an option globally or in one subnet (--remove takes it away).")
    static final class OptionSet implements Callable<Integer> {
        @ParentCommand OptionGroup parent;
        @Mixin Target target;
        @Option(names = "--subnet", paramLabel = "CIDR", description = "Default: global") String subnet;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "e.g. routers, domain-name-servers") String name;
        @Option(names = "--data", paramLabel = "DATA") String data;
        @Option(names = "--remove") boolean remove;

        public Integer call() {
            if (remove == (data != null)) {
                throw new picocli.CommandLine.ParameterException(target.spec.commandLine(), "Give either --data or --remove");
            }
            target.inputs().network("--subnet", subnet).check("--name", OptionSyntax.nameProblem(name))
                    .check("--data", OptionSyntax.dataProblem(data));
            return target.run(parent.root, new KeaChange.SetOption(subnet, name, remove ? null : data));
        }
    }

    /** Undoes a journaled Kea change: its inverse, previewed and applied like any other change. */
    static int undoKea(TandemCommand root, CommandSpec spec, JournalEntry entry, boolean dryRun) {
        var services = root.services();
        services.poller().refresh();
        try {
            var preview = services.changes().prepareUndo(entry.id());
            Target t = new Target();
            t.relationship = preview.relationship();
            t.dryRun = dryRun;
            t.spec = spec;
            return t.run(root, preview.change());
        } catch (ChangeRefused e) {
            spec.commandLine().getErr().println("Refused: " + e.getMessage());
            return TandemCommand.EXIT_REFUSED;
        }
    }
}
