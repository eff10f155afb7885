package tandem.cli.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tandem.cli.Inputs;
import tandem.kea.change.KeaAddresses;
import tandem.kea.change.KeaChange;
import tandem.kea.change.SubnetParameters;

/** {@code tandem subnet edit}: sets or removes a subnet's lifetimes, timers and boot parameters. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Set or remove parameters of an existing subnet: valid-lifetime, min-valid-lifetime,"
                + " max-valid-lifetime, renew-timer, rebind-timer (seconds), next-server (an IPv4 address),"
                + " server-hostname, boot-file-name, comment.",
                "Options of a subnet: tandem option. Pools: tandem pool. Reservations: tandem reservation."})
final class SubnetEditCommand implements Callable<Integer> {

    @ParentCommand ChangeCommands.Subnet parent;
    @Mixin ChangeCommands.Target target;
    @Option(names = "--subnet", required = true, paramLabel = "CIDR") String subnet;
    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A parameter's new value; repeatable")
    List<String> sets = new ArrayList<>();
    @Option(names = "--unset", paramLabel = "NAME", description = "A parameter to remove (the server's default applies)"
            + "; repeatable") List<String> unsets = new ArrayList<>();

    @Override public Integer call() {
        Inputs in = target.inputs().check("--subnet", KeaAddresses.networkProblem(subnet))
                .check("--set", sets.isEmpty() && unsets.isEmpty() ? "give at least one --set NAME=VALUE or --unset NAME"
                        : null);
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        for (String set : sets) {
            int eq = set.indexOf('=');
            String name = eq < 0 ? set : set.substring(0, eq).strip();
            in.check("--set", eq < 0 ? "'" + set + "' is not NAME=VALUE" : nameProblem(name));
            String value = set.substring(eq + 1).strip();
            in.check("--set", valueProblem(name, value));
            in.check("--set", parameters.containsKey(name) ? name + " is given twice" : null);
            parameters.put(name, value(name, value));
        }
        for (String name : unsets) {
            in.check("--unset", nameProblem(name));
            in.check("--unset", parameters.containsKey(name) ? name + " is both set and unset" : null);
            parameters.put(name, NullNode.getInstance());
        }
        return target.run(parent.root, new KeaChange.EditSubnet(subnet, parameters),
                ChangeCommands.subnetOf(target, subnet));
    }

    static String nameProblem(String name) {
        return KeaChange.EditSubnet.editable().contains(name) ? null
                : "'" + name + "' cannot be edited here; editable: "
                        + String.join(", ", new TreeSet<>(KeaChange.EditSubnet.editable()));
    }

    /** Null when the value suits the parameter (or the parameter is unknown: nameProblem says so). */
    static String valueProblem(String name, String value) {
        String problem = SubnetParameters.valueProblem(name, value);
        // the console's form removes a parameter with an empty value; the command line with --unset
        return value.isEmpty() && problem != null && problem.endsWith("must not be empty")
                ? problem + " (use --unset " + name + " to remove it)" : problem;
    }

    private static JsonNode value(String name, String value) { return SubnetParameters.value(name, value); }
}
