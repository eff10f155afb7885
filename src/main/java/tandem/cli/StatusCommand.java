package tandem.cli;

import tandem.core.change.Redaction;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tandem.core.ServerRecord;
import java.util.function.Function;
import tandem.core.ConfigCheck;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.Relationship;
import java.util.function.Predicate;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Poll every server once and print each relationship's status.",
                "Exit code 0 when every relationship is OK, 2 otherwise."})
final class StatusCommand implements Callable<Integer> {
    @ParentCommand TandemCommand root;
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print JSON (a stable format for other tools)")
    boolean json;

    @Option(names = "--site", paramLabel = "NAME",
            description = "Only the relationships whose server is at this site (any letter case); exit 1 when no server is")
    String site;

    @Override
    public Integer call() throws Exception {
        Inputs.of(spec).site("--site", site).check("--site", site != null && site.isBlank() ? "cannot be empty" : null);
        var services = root.services();
        Map<String, String> siteOfServer = new HashMap<>();
        for (ServerRecord s : services.inventory().servers()) {
            if (site == null || SiteFilter.at(s, site)) siteOfServer.put(s.name(), s.site());
        }
        if (site != null && siteOfServer.isEmpty()) {
            spec.commandLine().getErr().println("No server at site " + site.strip());
            return TandemCommand.EXIT_REFUSED;
        }
        List<RelationshipState> states = services.poller().pollOnce();
        if (site != null) {
            states = states.stream().filter(s -> siteOfServer.containsKey(s.relationship().serverName())).toList();
        }
        // a command run is asked for: compare the leases now rather than report an older comparison
        for (RelationshipState s : states) services.leaseConsistency().checkNow(s.relationship());
        PrintWriter out = spec.commandLine().getOut();
        Function<RelationshipState, List<ConfigCheck>> checks =
                s -> services.configChecks().checks(s.relationship(), s);
        Predicate<Relationship> replicated = r -> services.backends().replication(r, services.preferences()).replicated();
        Function<Relationship, String> siteOf = r -> siteOfServer.get(r.serverName());
        if (json) out.println(toJson(states, replicated, checks, siteOf));
        else if (states.isEmpty() && site != null) out.println("No relationships at site " + site.strip());
        else print(out, states, replicated, checks);
        boolean allOk = states.stream().allMatch(s -> s.status() == RelationshipStatus.OK);
        return allOk ? 0 : TandemCommand.EXIT_NOT_OK;
    }

    /** @param replicated whether the console mirrors a relationship's configuration changes (its backend says) */
    static String toJson(List<RelationshipState> states, Predicate<Relationship> replicated,
                         Function<RelationshipState, List<ConfigCheck>> checks,
                         Function<Relationship, String> siteOf) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode rootNode = mapper.createObjectNode();
        ArrayNode rels = rootNode.putArray("relationships");
        for (RelationshipState s : states) {
            ObjectNode r = rels.addObject();
            r.put("name", s.relationship().name());
            r.put("mode", s.relationship().modeName());
            r.put("service", s.relationship().service().wire());
            r.put("status", s.status().name());
            r.put("sourceOfTruth", s.assessment().sourceOfTruth());
            r.put("replicated", replicated.test(s.relationship()));
            r.put("site", siteOf.apply(s.relationship()));
            ArrayNode reasons = r.putArray("reasons");
            s.assessment().reasons().forEach(reasons::add);
            ArrayNode checkList = r.putArray("checks");
            for (ConfigCheck c : checks.apply(s)) {
                ObjectNode check = checkList.addObject().put("severity", c.severity().wire()).put("message", c.sentence());
                if (c.kind() != null) check.put("check", c.kind());
                c.facts().forEach((k, v) -> check.set(k, mapper.valueToTree(v)));
            }
            ArrayNode peers = r.putArray("peers");
            for (PeerDefinition p : s.relationship().peers()) {
                PeerObservation o = s.peers().get(p.name());
                ObjectNode n = peers.addObject();
                n.put("name", p.name());
                n.put("role", p.role().wire());
                n.put("url", Redaction.uri(p.url()));
                n.put("reachable", o != null && o.reachable());
                n.put("daemon", o == null ? "unknown" : o.daemon().wire());
                n.put("haState", o == null ? null : o.haState());
                if (o != null && o.clockSkewSeconds() != null) n.put("clockSkewSeconds", o.clockSkewSeconds());
                if (o != null && o.problem() != null) n.put("problem", o.problem());
            }
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(rootNode);
    }

    private static void print(PrintWriter out, List<RelationshipState> states, Predicate<Relationship> replicated,
                              Function<RelationshipState, List<ConfigCheck>> checks) {
        if (states.isEmpty()) {
            out.println("No relationships. Add a server with: tandem server add kea --url http://HOST:8000/");
            return;
        }
        for (RelationshipState s : states) {
            out.printf("%-24s %-14s %-13s source of truth: %s%s%n", s.relationship().name(),
                    s.relationship().modeName(), s.status().label(),
                    s.assessment().sourceOfTruth() == null ? "none" : s.assessment().sourceOfTruth(),
                    replicated.test(s.relationship()) ? "" : " (not replicated)");
            for (PeerDefinition p : s.relationship().peers()) {
                PeerObservation o = s.peers().get(p.name());
                String state = o == null ? "not polled" : !o.reachable() ? "unreachable"
                        : o.daemon() == tandem.core.DaemonState.DISABLED ? "DHCP service disabled"
                        : o.daemon() != tandem.core.DaemonState.UP ? "daemon " + o.daemon().wire()
                        : o.haState() == null ? "up" : o.haState();
                out.printf("    %-16s %-9s %-28s %s%n", p.name(), p.role().wire(), Redaction.uri(p.url()), state);
            }
            s.assessment().reasons().forEach(r -> out.println("    ! " + r));
            checks.apply(s).forEach(c -> out.println("    " + c.severity().wire() + ": " + c.sentence()));
        }
    }
}
