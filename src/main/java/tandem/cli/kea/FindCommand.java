package tandem.cli.kea;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tandem.cli.Inputs;
import tandem.cli.TandemCommand;
import tandem.core.lease.ClientQuery;
import tandem.kea.KeaClientFinder;

/** {@code tandem find}: where a client is reserved and leased, on which partners, and whether they agree. */
@Command(name = "find", mixinStandardHelpOptions = true,
        description = {"Find a client by IPv4 address, MAC address or host name in every Kea relationship:"
                + " its reservations (from each partner's configuration) and its leases (from each partner's lease"
                + " database, which needs the lease_cmds hook).",
                "Exit 0 when found, 1 when nothing matches, 64 when the argument is none of the three."})
final class FindCommand implements Callable<Integer> {
    /** Reading one partner's leases stops after this (a truncated read is said so on standard error). */
    private static final Duration LEASE_READ_LIMIT = Duration.ofSeconds(30);

    @ParentCommand TandemCommand root;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "IP|MAC|HOSTNAME", description = "e.g. 10.10.0.50, 02:00:00:00:00:01 or host-1")
    String text;

    @Option(names = "--json", description = "Print JSON (a stable format for other tools)")
    boolean json;

    @Override
    public Integer call() {
        Optional<ClientQuery> query = ClientQuery.parse(text);
        Inputs.of(spec).check("IP|MAC|HOSTNAME", query.isPresent() ? null : ClientQuery.problem(text));
        var services = root.services();
        KeaClientFinder finder = new KeaClientFinder(services.inventory(), services.kea(),
                (rel, peer) -> services.changes().currentConfigTree(rel, peer), LEASE_READ_LIMIT);
        KeaClientFinder.Result result = finder.find(query.get());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        result.unread().forEach((peer, why) -> err.println("Not read: " + peer + ": " + why));
        if (json) out.println(toJson(text.strip(), result));
        else if (result.matches().isEmpty()) out.println("Nothing found for " + text.strip());
        else result.matches().forEach(m -> out.println(line(m)));
        return result.matches().isEmpty() ? TandemCommand.EXIT_REFUSED : 0;
    }

    static String line(KeaClientFinder.Match m) {
        StringBuilder s = new StringBuilder();
        s.append(m.relationship()).append("  ").append(m.subnet()).append("  ").append(m.kind()).append("  ")
                .append(m.ip() == null ? "-" : m.ip()).append("  ").append(m.mac() == null ? "-" : m.mac())
                .append("  ").append(m.hostname() == null ? "-" : m.hostname()).append("  on ")
                .append(String.join(", ", m.holders()));
        if (m.agree()) s.append("  (partners agree)");
        else {
            var missing = m.partners().entrySet().stream().filter(e -> e.getValue() == null).map(java.util.Map.Entry::getKey).toList();
            s.append("  (partners DISAGREE").append(missing.isEmpty() ? "" : "; missing on " + String.join(", ", missing))
                    .append(')');
        }
        return s.toString();
    }

    static String toJson(String query, KeaClientFinder.Result result) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("query", query);
        ArrayNode matches = root.putArray("matches");
        for (KeaClientFinder.Match m : result.matches()) {
            ObjectNode n = matches.addObject();
            n.put("relationship", m.relationship());
            n.put("subnet", m.subnet());
            n.put("kind", m.kind());
            n.put("ip", m.ip());
            n.put("mac", m.mac());
            n.put("hostname", m.hostname());
            ObjectNode partners = n.putObject("partners");
            m.partners().forEach((peer, held) -> partners.set(peer, held == null ? partners.nullNode() : held));
            n.put("agree", m.agree());
        }
        ObjectNode unread = root.putObject("unread");
        result.unread().forEach(unread::put);
        return root.toString();
    }
}
