package tandem.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tandem.core.Relationship;
import tandem.core.ServerRecord;
import tandem.core.change.Redaction;

@Command(name = "server", mixinStandardHelpOptions = true, description = "Add, list and remove DHCP servers.",
        subcommands = {ServerCommand.Add.class, ServerCommand.ListServers.class, ServerCommand.Remove.class,
                ServerCommand.SetSite.class})
final class ServerCommand {
    @ParentCommand TandemCommand root;

    /** Each backend adds its own kind of server here ({@link BackendCommands#serverAdd}). */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a DHCP server.")
    static final class Add {
        @ParentCommand ServerCommand server;

    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the servers and their relationships.")
    static final class ListServers implements Callable<Integer> {
        @ParentCommand ServerCommand server;
        @Spec CommandSpec spec;

        @Option(names = "--json", description = "Print JSON")
        boolean json;

        @Option(names = "--site", paramLabel = "NAME", description = "Only the servers at this site (any letter case)")
        String site;

        @Override
        public Integer call() throws IOException {
            Inputs.of(spec).site("--site", site).check("--site", site != null && site.isBlank() ? "cannot be empty" : null);
            var inventory = server.root.services().inventory();
            List<ServerRecord> servers = inventory.servers().stream()
                    .filter(s -> site == null || SiteFilter.at(s, site)).toList();
            List<Relationship> relationships = inventory.relationships();
            var out = spec.commandLine().getOut();
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ObjectNode rootNode = mapper.createObjectNode();
                ArrayNode list = rootNode.putArray("servers");
                for (ServerRecord s : servers) {
                    ObjectNode n = list.addObject();
                    n.put("name", s.name());
                    n.put("backend", s.backend().wire());
                    n.put("url", Redaction.uri(s.connection().url()));
                    n.put("proxy", Redaction.uri(s.connection().proxy()));
                    n.put("site", s.site());
                    ArrayNode rels = n.putArray("relationships");
                    relationships.stream().filter(r -> r.serverName().equals(s.name())).forEach(r -> rels.add(r.name()));
                }
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(rootNode));
                return 0;
            }
            if (servers.isEmpty() && site != null) {
                out.println("No servers at site " + site.strip());
                return 0;
            }
            if (servers.isEmpty()) {
                out.println("No servers. Add one with: tandem server add kea --url http://HOST:8000/");
                return 0;
            }
            for (ServerRecord s : servers) {
                out.println(s.name() + "  " + s.backend().wire() + "  " + Redaction.uri(s.connection().url())
                        + (s.connection().proxy() == null ? "" : "  via " + Redaction.uri(s.connection().proxy()))
                        + (s.site() == null ? "" : "  site: " + s.site()));
                relationships.stream().filter(r -> r.serverName().equals(s.name())).forEach(r ->
                        out.println("  " + r.name() + "  " + r.modeName() + "  "
                                + String.join(", ", r.peers().stream().map(p -> p.name() + "=" + p.role().wire()).toList())));
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a server and its relationships from the inventory (the servers are not touched).")
    static final class Remove implements Callable<Integer> {
        @ParentCommand ServerCommand server;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The server's name, as `tandem server list` shows it")
        String name;

        @Override
        public Integer call() {
            Inputs.of(spec).name("NAME", name);
            if (server.root.services().inventory().remove(name)) {
                spec.commandLine().getOut().println("Removed " + name);
                return 0;
            }
            spec.commandLine().getErr().println("No server named " + name);
            return TandemCommand.EXIT_REFUSED;
        }
    }

    @Command(name = "set-site", mixinStandardHelpOptions = true,
            description = {"Set where a server stands (a branch, a campus), or clear it when no SITE is given.",
                    "Only the inventory changes, not the server. Exit 1 when there is no such server."})
    static final class SetSite implements Callable<Integer> {
        @ParentCommand ServerCommand server;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SERVER", description = "The server's name, as `tandem server list` shows it")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "SITE", description = "The site; none or blank clears it")
        String site;

        @Override
        public Integer call() {
            Inputs.of(spec).name("SERVER", name).site("SITE", site);
            String normal = ServerRecord.normalSite(site);
            if (!server.root.services().inventory().setSite(name, normal)) {
                spec.commandLine().getErr().println("No server named " + name);
                return TandemCommand.EXIT_REFUSED;
            }
            spec.commandLine().getOut().println(normal == null ? name + " has no site now" : name + " is at site " + normal);
            return 0;
        }
    }
}
