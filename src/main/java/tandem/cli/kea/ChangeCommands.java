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
import tandem.core.ServiceType;
import tandem.kea.change.ChangeRefused;
import tandem.kea.change.Ipv4;
import tandem.kea.change.Ipv6;
import tandem.kea.change.KeaAddresses;
import tandem.kea.change.ReservationSyntax;
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
            return run(root, change, service -> { });
        }

        /**
         * @param family checks the values against the relationship's service (IPv6 for DHCPv6), once it is known; a
         *               failure is a usage error naming the option, like the checks made before
         */
        int run(TandemCommand root, KeaChange change, java.util.function.Consumer<ServiceType> family) {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            var services = root.services();
            services.inventory().relationships().stream().filter(r -> r.name().equals(relationship)).findFirst()
                    .ifPresent(r -> family.accept(r.service()));
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
            subcommands = {SubnetAdd.class, SubnetEditCommand.class, SubnetRemove.class})
    static final class Subnet {
        @ParentCommand TandemCommand root;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a subnet (with optional pools).")
    static final class SubnetAdd implements Callable<Integer> {
        @ParentCommand Subnet parent;
        @Mixin Target target;
        @Option(names = "--subnet", required = true, paramLabel = "CIDR", description = SUBNET_HELP) String subnet;
        @Option(names = "--id", paramLabel = "N", description = "Subnet id from 1 to " + Ipv4.MAX_SUBNET_ID + " (default: the next free one)") Long id;
        @Option(names = "--pool", paramLabel = "RANGE", description = "e.g. \"10.0.0.100 - 10.0.0.200\" or \"2001:db8:1::100 - 2001:db8:1::1ff\"; repeatable")
        List<String> pools = new ArrayList<>();

        public Integer call() {
            Inputs in = target.inputs().check("--subnet", KeaAddresses.networkProblem(subnet))
                    .check("--id", Ipv4.subnetIdProblem(id));
            for (String p : pools) in.check("--pool", KeaAddresses.poolProblem(p, subnet));
            return target.run(parent.root, new KeaChange.AddSubnet(subnet, id, pools), subnetOf(target, subnet));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a subnet.")
    static final class SubnetRemove implements Callable<Integer> {
        @ParentCommand Subnet parent;
        @Mixin Target target;
        @Option(names = "--subnet", required = true, paramLabel = "CIDR") String subnet;

        public Integer call() {
            target.inputs().check("--subnet", KeaAddresses.networkProblem(subnet));
            return target.run(parent.root, new KeaChange.RemoveSubnet(subnet), subnetOf(target, subnet));
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
            target.inputs().check("--subnet", KeaAddresses.networkProblem(subnet))
                    .check("--pool", KeaAddresses.poolProblem(pool, subnet));
            return target.run(parent.root, new KeaChange.AddPool(subnet, pool), subnetOf(target, subnet));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a pool from a subnet.")
    static final class PoolRemove implements Callable<Integer> {
        @ParentCommand Pool parent;
        @Mixin Target target;
        @Option(names = "--subnet", required = true, paramLabel = "CIDR") String subnet;
        @Option(names = "--pool", required = true, paramLabel = "RANGE") String pool;

        public Integer call() {
            target.inputs().check("--subnet", KeaAddresses.networkProblem(subnet))
                    .check("--pool", KeaAddresses.poolProblem(pool, subnet));
            return target.run(parent.root, new KeaChange.RemovePool(subnet, pool), subnetOf(target, subnet));
        }
    }

    @Command(name = "reservation", mixinStandardHelpOptions = true, description = "Add or remove a host reservation.",
            subcommands = {ReservationAdd.class, ReservationRemove.class})
    static final class Reservation {
        @ParentCommand TandemCommand root;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Reserve an address for a MAC address (DHCPv6: for a MAC or a DUID, an address and/or a prefix).")
    static final class ReservationAdd implements Callable<Integer> {
        @ParentCommand Reservation parent;
        @Mixin Target target;
        @Option(names = "--subnet", required = true, paramLabel = "CIDR", description = SUBNET_HELP) String subnet;
        @Option(names = "--mac", paramLabel = "MAC") String mac;
        @Option(names = "--duid", paramLabel = "DUID", description = "DHCPv6 only, instead of --mac, e.g. 00:03:00:01:02:00:00:00:00:01") String duid;
        @Option(names = "--ip", paramLabel = "IP") String ip;
        @Option(names = "--prefix", paramLabel = "PREFIX", description = "DHCPv6 only: a delegated prefix, e.g. 2001:db8:2:100::/56") String prefix;
        @Option(names = "--hostname", paramLabel = "H") String hostname;

        public Integer call() {
            Inputs in = target.inputs().check("--subnet", KeaAddresses.networkProblem(subnet))
                    .check("--mac", mac == null && duid == null ? "give the client's --mac" + (isV6(subnet) ? " or --duid" : "") : null)
                    .check("--duid", mac != null && duid != null ? "give --mac or --duid, not both" : null)
                    .mac("--mac", mac)
                    .check("--duid", duid == null ? null : ReservationSyntax.duidProblem(duid))
                    .check("--ip", ip == null && prefix == null ? "give the address to reserve" + (isV6(subnet) ? " (or a --prefix)" : "") : null)
                    .check("--ip", ip == null ? null : KeaAddresses.reservationProblem(ip, subnet))
                    .check("--prefix", prefix == null ? null : Ipv6.prefixProblem(prefix))
                    .hostname("--hostname", hostname == null || hostname.isBlank() ? null : hostname);
            return target.run(parent.root, new KeaChange.AddReservation(subnet, mac, ip, hostname, duid, prefix), service -> {
                subnetOf(target, subnet).accept(service);
                if (!service.isV6()) {
                    in.check("--duid", duid == null ? null : "a DUID is for DHCPv6 relationships; give --mac")
                            .check("--prefix", prefix == null ? null : "prefix delegation is for DHCPv6 relationships");
                }
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove the reservation of a MAC address.")
    static final class ReservationRemove implements Callable<Integer> {
        @ParentCommand Reservation parent;
        @Mixin Target target;
        @Option(names = "--subnet", required = true, paramLabel = "CIDR", description = SUBNET_HELP) String subnet;
        @Option(names = "--mac", paramLabel = "MAC") String mac;
        @Option(names = "--duid", paramLabel = "DUID", description = "DHCPv6 only, instead of --mac") String duid;

        public Integer call() {
            Inputs in = target.inputs().check("--subnet", KeaAddresses.networkProblem(subnet))
                    .check("--mac", mac == null && duid == null ? "give the client's --mac" + (isV6(subnet) ? " or --duid" : "") : null)
                    .check("--duid", mac != null && duid != null ? "give --mac or --duid, not both" : null)
                    .mac("--mac", mac)
                    .check("--duid", duid == null ? null : ReservationSyntax.duidProblem(duid));
            return target.run(parent.root, new KeaChange.RemoveReservation(subnet, mac, duid), service -> {
                subnetOf(target, subnet).accept(service);
                if (!service.isV6()) in.check("--duid", duid == null ? null : "a DUID is for DHCPv6 relationships; give --mac");
            });
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
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "e.g. routers, domain-name-servers; DHCPv6: dns-servers, domain-search") String name;
        @Option(names = "--data", paramLabel = "DATA") String data;
        @Option(names = "--remove") boolean remove;

        public Integer call() {
            if (remove == (data != null)) {
                throw new picocli.CommandLine.ParameterException(target.spec.commandLine(), "Give either --data or --remove");
            }
            target.inputs().check("--subnet", subnet == null ? null : KeaAddresses.networkProblem(subnet))
                    .check("--name", OptionSyntax.nameProblem(name))
                    .check("--data", OptionSyntax.dataProblem(data));
            return target.run(parent.root, new KeaChange.SetOption(subnet, name, remove ? null : data), subnetOf(target, subnet));
        }
    }

    static final String SUBNET_HELP = "e.g. 10.0.0.0/24; on a DHCPv6 relationship an IPv6 prefix such as 2001:db8:1::/64";

    private static boolean isV6(String subnet) { return subnet != null && subnet.indexOf(':') >= 0; }

    /** The subnet must be of the relationship's address family. */
    static java.util.function.Consumer<ServiceType> subnetOf(Target target, String subnet) {
        return service -> target.inputs().check("--subnet", KeaAddresses.familyProblem(subnet, service));
    }

    @Command(name = "pd-pool", mixinStandardHelpOptions = true,
            description = "Add or remove a DHCPv6 prefix-delegation pool.", subcommands = {PdPoolAdd.class, PdPoolRemove.class})
    static final class PdPool {
        @ParentCommand TandemCommand root;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a prefix-delegation pool to a DHCPv6 subnet.")
    static final class PdPoolAdd implements Callable<Integer> {
        @ParentCommand PdPool parent;
        @Mixin Target target;
        @Option(names = "--subnet", required = true, paramLabel = "PREFIX", description = "e.g. 2001:db8:1::/64") String subnet;
        @Option(names = "--prefix", required = true, paramLabel = "PREFIX", description = "the prefix delegated from, e.g. 2001:db8:8::/56") String prefix;
        @Option(names = "--delegated-length", required = true, paramLabel = "BITS", description = "length of each delegated prefix, e.g. 64") Integer delegated;

        public Integer call() {
            target.inputs().check("--subnet", Ipv6.prefixProblem(subnet)).check("--prefix", Ipv6.prefixProblem(prefix))
                    .check("--delegated-length", Ipv6.pdPoolProblem(prefix, delegated));
            return target.run(parent.root, new KeaChange.AddPdPool(subnet, prefix, delegated), subnetOf(target, subnet));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a prefix-delegation pool.")
    static final class PdPoolRemove implements Callable<Integer> {
        @ParentCommand PdPool parent;
        @Mixin Target target;
        @Option(names = "--subnet", required = true, paramLabel = "PREFIX") String subnet;
        @Option(names = "--prefix", required = true, paramLabel = "PREFIX") String prefix;

        public Integer call() {
            target.inputs().check("--subnet", Ipv6.prefixProblem(subnet)).check("--prefix", Ipv6.prefixProblem(prefix));
            return target.run(parent.root, new KeaChange.RemovePdPool(subnet, prefix), subnetOf(target, subnet));
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
