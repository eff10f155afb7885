package tandem.cli.kea;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tandem.cli.TandemCommand;
import tandem.core.ConfigCheck;
import tandem.core.ServiceType;
import tandem.core.change.ChangeBlocked;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.kea.change.ChangeRefused;
import tandem.kea.change.HaPlans;
import tandem.kea.change.HaRequest;
import tandem.kea.change.KeaHaTopology;

/** {@code tandem kea ha create|dissolve}: joining standalone Kea servers into an HA relationship and back. */
@Command(name = "kea", mixinStandardHelpOptions = true, description = "Kea servers: create and dissolve HA relationships.",
        subcommands = {KeaHaCommands.Ha.class})
public final class KeaHaCommands {
    @ParentCommand TandemCommand root;

    @Command(name = "ha", mixinStandardHelpOptions = true, description = "Create or dissolve a Kea HA relationship.",
            subcommands = {Create.class, Dissolve.class})
    static final class Ha {
        @ParentCommand KeaHaCommands kea;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description =
            "Join standalone Kea servers of the inventory into HA relationship NAME. The primary's subnets are copied " +
            "to the others; libdhcp_lease_cmds and libdhcp_ha are added from each server's hooks directory. Every " +
            "server is shown as a diff, tested, then set one at a time; the command waits until each is in its normal " +
            "HA state. Defaults as Kea: heartbeat-delay 10000, max-response-delay 60000, max-ack-delay 10000 ms, " +
            "max-unacked-clients 10. Undo (tandem undo ID) dissolves it again.")
    static final class Create implements Callable<Integer> {
        @Spec CommandSpec spec;
        @ParentCommand Ha parent;
        @Parameters(index = "0", paramLabel = "NAME", description = "the new relationship's name in the inventory") String name;
        @Option(names = "--mode", required = true, paramLabel = "load-balancing|hot-standby|passive-backup", description = "the HA mode") String mode;
        @Option(names = "--primary", required = true, paramLabel = "SERVER", description = "a standalone Kea server of the inventory") String primary;
        @Option(names = "--secondary", paramLabel = "SERVER", description = "load-balancing: the partner") String secondary;
        @Option(names = "--standby", paramLabel = "SERVER", description = "hot-standby: the partner") String standby;
        @Option(names = "--backup", paramLabel = "SERVER", description = "a backup server; repeatable") List<String> backups = new ArrayList<>();
        @Option(names = "--heartbeat-delay", paramLabel = "MS") Long heartbeat;
        @Option(names = "--max-response-delay", paramLabel = "MS") Long maxResponse;
        @Option(names = "--max-ack-delay", paramLabel = "MS") Long maxAck;
        @Option(names = "--max-unacked-clients", paramLabel = "N") Integer maxUnacked;
        @Option(names = "--service", paramLabel = "dhcp4|dhcp6", description = "Which standalone relationship of each"
                + " server is joined: dhcp4 (the default) or dhcp6")
        String service = "dhcp4";
        @Option(names = "--dry-run", description = "Show each server's diff and stop; nothing is sent") boolean dryRun;
        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation") boolean yes;

        @Override public Integer call() throws IOException {
            String m = mode.toLowerCase(Locale.ROOT);
            String svc;
            try {
                svc = ServiceType.fromWire(service).wire();
            } catch (IllegalArgumentException e) {
                svc = service; // HaRequest.problems names it
            }
            if (!HaRequest.MODES.contains(m)) usage(spec, "--mode: expected load-balancing, hot-standby or passive-backup (got " + mode + ")");
            if (m.equals("passive-backup") && (secondary != null || standby != null)) {
                usage(spec, (secondary != null ? "--secondary" : "--standby") + ": passive-backup takes --primary and --backup only");
            }
            if (!m.equals("passive-backup") && secondary != null && standby != null) {
                usage(spec, "--standby: give --secondary or --standby, not both");
            }
            if (m.equals("load-balancing") && standby != null) usage(spec, "--standby: load-balancing has a --secondary");
            if (m.equals("hot-standby") && secondary != null) usage(spec, "--secondary: hot-standby has a --standby");
            if (m.equals("load-balancing") && secondary == null) usage(spec, "--secondary: load-balancing needs one");
            if (m.equals("hot-standby") && standby == null) usage(spec, "--standby: hot-standby needs one");
            KeaHaTopology topology = parent.kea.root.services().changes().topology();
            List<HaRequest.Member> members = new ArrayList<>();
            members.add(topology.member(primary, "primary"));
            if (secondary != null) members.add(topology.member(secondary, "secondary"));
            if (standby != null) members.add(topology.member(standby, "standby"));
            for (String b : backups) members.add(topology.member(b, "backup"));
            HaRequest request = new HaRequest(name, svc, m, members,
                    heartbeat == null ? HaRequest.DEFAULT_HEARTBEAT_DELAY : heartbeat,
                    maxResponse == null ? HaRequest.DEFAULT_MAX_RESPONSE_DELAY : maxResponse,
                    maxAck == null ? HaRequest.DEFAULT_MAX_ACK_DELAY : maxAck,
                    maxUnacked == null ? HaRequest.DEFAULT_MAX_UNACKED_CLIENTS : maxUnacked, true, null);
            List<HaRequest.Problem> problems = request.problems();
            if (!problems.isEmpty()) usage(spec, problems.get(0).field() + ": " + problems.get(0).message());
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                HaPlans.Creation plan = topology.prepareCreate(request);
                out.println("Create HA relationship " + name + " (" + m + ") from " + String.join(", ",
                        members.stream().map(x -> x.server() + " as " + x.role()).toList()));
                out.println("  " + plan.transport());
                for (HaPlans.ServerPlan p : plan.servers()) out.print(p.diff().isEmpty() ? "  " + p.server() + ": (no difference)\n" : p.diff());
                plan.notes().forEach(n -> out.println("  Note: " + n));
                for (ConfigCheck c : plan.checks()) out.println("  Check (" + c.severity().wire() + "): " + c.sentence());
                if (dryRun) return 0;
                if (plan.blocked()) {
                    err.println("Refused: a check found an error (above). Nothing was changed.");
                    return TandemCommand.EXIT_REFUSED;
                }
                if (!parent.kea.root.confirmed(out, err, "Create " + name + " on these servers?", yes)) return TandemCommand.EXIT_REFUSED;
                return report(out, topology.create(plan));
            } catch (ChangeRefused e) {
                return refused(spec, err, e);
            } catch (ChangeBlocked e) {
                err.println("Refused: " + e.getMessage());
                return TandemCommand.EXIT_REFUSED;
            }
        }
    }

    @Command(name = "dissolve", mixinStandardHelpOptions = true, description =
            "Remove HA from every server of RELATIONSHIP: the server named by --keep keeps serving all its subnets, " +
            "the others drop theirs (so no two servers hand out the same addresses). The inventory then shows each " +
            "server standalone, under its name in the relationship.")
    static final class Dissolve implements Callable<Integer> {
        @Spec CommandSpec spec;
        @ParentCommand Ha parent;
        @Parameters(index = "0", paramLabel = "RELATIONSHIP", description = "a Kea HA relationship of the inventory") String relationship;
        @Option(names = "--keep", required = true, paramLabel = "SERVER", description = "the server that keeps serving every subnet") String keep;
        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation") boolean yes;

        @Override public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            KeaHaTopology topology = parent.kea.root.services().changes().topology();
            try {
                return dissolve(parent.kea.root, out, err, topology.prepareDissolve(topology.keepAll(relationship, keep)), yes);
            } catch (ChangeRefused e) {
                return refused(spec, err, e);
            } catch (ChangeBlocked e) {
                err.println("Refused: " + e.getMessage());
                return TandemCommand.EXIT_REFUSED;
            }
        }
    }

    /** {@code tandem undo ID} of a creation: dissolved, each server keeping the subnets it served before. */
    static int undoCreation(TandemCommand root, CommandSpec spec, JournalEntry entry, boolean dryRun) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            HaPlans.Dissolution plan = root.services().changes().topology().prepareUndo(entry.id());
            if (dryRun) {
                print(out, plan);
                return 0;
            }
            return dissolve(root, out, err, plan, true);
        } catch (ChangeRefused e) {
            err.println("Refused: " + e.getMessage());
            return TandemCommand.EXIT_REFUSED;
        }
    }

    private static int dissolve(TandemCommand root, PrintWriter out, PrintWriter err, HaPlans.Dissolution plan,
                                boolean yes) throws IOException {
        print(out, plan);
        if (!root.confirmed(out, err, "Dissolve " + plan.request().relationship() + "?", yes)) return TandemCommand.EXIT_REFUSED;
        return report(out, root.services().changes().topology().dissolve(plan));
    }

    private static void print(PrintWriter out, HaPlans.Dissolution plan) {
        out.println("Dissolve HA relationship " + plan.request().relationship());
        for (HaPlans.ServerPlan p : plan.servers()) out.print(p.diff().isEmpty() ? "  " + p.server() + ": (no difference)\n" : p.diff());
        plan.notes().forEach(n -> out.println("  Note: " + n));
    }

    private static int report(PrintWriter out, HaPlans.Outcome o) {
        out.println("Applied as change #" + o.journalId());
        o.servers().forEach((s, what) -> out.println("  " + s + ": " + what
                + (o.states().containsKey(s) ? ", HA state " + o.states().get(s) : "")));
        o.notes().forEach(n -> out.println("  " + n));
        return 0;
    }

    /** A refusal that names an option or parameter is bad input (exit 64); any other is a refusal (exit 1). */
    private static int refused(CommandSpec spec, PrintWriter err, ChangeRefused e) {
        String f = e.field();
        if (f != null && (f.startsWith("--") || f.equals("NAME") || f.equals("RELATIONSHIP"))) usage(spec, e.getMessage());
        err.println("Refused: " + e.getMessage());
        return TandemCommand.EXIT_REFUSED;
    }

    private static void usage(CommandSpec spec, String message) {
        throw new ParameterException(spec.commandLine(), message);
    }

}
