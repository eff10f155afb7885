package tandem.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tandem.core.lease.ClientFinder;
import tandem.core.lease.ClientQuery;
import tandem.core.lease.Lease;
import tandem.core.lease.Reservation;

/** {@code tandem find}: where a client is reserved and leased, on which partners, and whether they agree. */
@Command(name = "find", mixinStandardHelpOptions = true,
        description = {"Find a client by IPv4 address, MAC address or host name (DHCPv6: IPv6 address or DUID) in every"
                + " relationship whose servers' leases can be read: its reservations (from each partner's"
                + " configuration) and its leases (from each partner; Kea needs the lease_cmds hook).",
                "Exit 0 when found, 1 when nothing matches, 64 when the argument is none of the three."})
final class FindCommand implements Callable<Integer> {
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
        ClientFinder.Result result = services.clientFinder().find(query.get());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        result.unread().forEach((peer, why) -> err.println("Not read: " + peer + ": " + why));
        if (json) out.println(toJson(text.strip(), result));
        else if (result.matches().isEmpty()) out.println("Nothing found for " + text.strip());
        else result.matches().forEach(m -> out.println(line(m)));
        return result.matches().isEmpty() ? TandemCommand.EXIT_REFUSED : 0;
    }

    static String line(ClientFinder.Match m) {
        StringBuilder s = new StringBuilder();
        s.append(m.relationship()).append("  ").append(m.subnet()).append("  ").append(m.kind()).append("  ")
                .append(m.ip() == null ? "-" : m.ip()).append("  ").append(m.duid() != null ? m.duid() : m.mac() == null ? "-" : m.mac())
                .append("  ").append(m.hostname() == null ? "-" : m.hostname()).append("  on ")
                .append(String.join(", ", m.holders()));
        if (m.agree()) s.append("  (partners agree)");
        else {
            var missing = m.lacking();
            s.append("  (partners DISAGREE").append(missing.isEmpty() ? "" : "; missing on " + String.join(", ", missing))
                    .append(')');
        }
        return s.toString();
    }

    static String toJson(String query, ClientFinder.Result result) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("query", query);
        ArrayNode matches = root.putArray("matches");
        for (ClientFinder.Match m : result.matches()) {
            ObjectNode n = matches.addObject();
            n.put("relationship", m.relationship());
            n.put("subnet", m.subnet());
            n.put("kind", m.kind());
            n.put("ip", m.ip());
            n.put("mac", m.mac());
            if (m.duid() != null) n.put("duid", m.duid());
            n.put("hostname", m.hostname());
            ObjectNode partners = n.putObject("partners");
            m.partners().forEach((peer, held) -> partners.set(peer, held == null ? partners.nullNode() : heldJson(mapper, held)));
            n.put("agree", m.agree());
        }
        ObjectNode unread = root.putObject("unread");
        result.unread().forEach(unread::put);
        return root.toString();
    }

    /** A partner's lease or reservation: the lease's fields, the reservation as its server words it. */
    private static com.fasterxml.jackson.databind.JsonNode heldJson(ObjectMapper mapper, Object held) {
        if (held instanceof Reservation r) return mapper.valueToTree(r.detail());
        Lease l = (Lease) held;
        ObjectNode n = mapper.createObjectNode();
        n.put("ip", l.ip());
        n.put("mac", l.mac());
        if (l.duid() != null) n.put("duid", l.duid());
        n.put("hostname", l.hostname());
        n.put("subnet-id", l.subnetId());
        n.put("expires", java.time.Instant.ofEpochSecond(l.expires()).toString());
        n.put("state", l.state());
        return n;
    }
}
