package tandem.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.core.Relationship;
import tandem.core.ServerRecord;

@Command(name = "server", mixinStandardHelpOptions = true, description = "Add, list and remove DHCP servers.",
        subcommands = {ServerCommand.Add.class, ServerCommand.ListServers.class, ServerCommand.Remove.class})
final class ServerCommand {
    @ParentCommand TandemCommand root;

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a DHCP server.",
            subcommands = {Add.Kea.class, Add.Isc.class})
    static final class Add {
        @ParentCommand ServerCommand server;

        @Command(name = "kea", mixinStandardHelpOptions = true,
                description = {"Add a Kea server through its Control Agent.",
                        "A server in an HA relationship must be added through its primary; its partners and"
                                + " backups are imported with it."})
        static final class Kea implements Callable<Integer> {
            @ParentCommand Add add;
            @Spec CommandSpec spec;

            @Option(names = "--url", required = true, paramLabel = "URL", description = "Control Agent URL, e.g. http://10.0.0.5:8000/")
            String url;

            @Option(names = "--proxy", paramLabel = "URL", description = "HTTP proxy through which the agent is reached")
            String proxy;

            @Option(names = "--name", paramLabel = "NAME", description = "Name in the inventory (default: the server's HA name)")
            String name;

            @Option(names = "--user", paramLabel = "USER", description = "Control Agent basic-auth user")
            String user;

            @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password")
            Path passwordFile;

            @Option(names = "--trust-anchor", paramLabel = "PEM", description = "CA certificate (PEM file) to trust for https")
            Path trustAnchor;

            @Override
            public Integer call() throws IOException {
                URI agent = httpUri(url, "--url");
                URI proxyUri = proxy == null ? null : httpUri(proxy, "--proxy");
                if (passwordFile != null && user == null) {
                    throw new ParameterException(spec.commandLine(), "--password-file needs --user");
                }
                String password = passwordFile == null ? null
                        : Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
                String pem = trustAnchor == null ? null : Files.readString(trustAnchor, StandardCharsets.UTF_8);
                var services = add.server.root.services();
                ImportResult result = services.inventory().add(Backend.KEA, name,
                        new ConnectionSettings(agent, proxyUri, user, password, pem));
                if (result instanceof ImportResult.Refused r) {
                    spec.commandLine().getErr().println("Refused: " + r.message());
                    return TandemCommand.EXIT_REFUSED;
                }
                var accepted = (ImportResult.Accepted) result;
                var out = spec.commandLine().getOut();
                out.println("Added " + accepted.server().name() + " (" + accepted.server().connection().url() + ")");
                for (Relationship rel : accepted.relationships()) {
                    out.println("  " + rel.name() + ": " + rel.mode().wire() + ", peers "
                            + String.join(", ", rel.peers().stream().map(p -> p.name() + " (" + p.role().wire() + ")").toList())
                            + (rel.sharedConfig() ? ", configuration shared through a backend" : ""));
                }
                accepted.notes().forEach(n -> out.println("  Note: " + n));
                return 0;
            }

            private URI httpUri(String text, String option) {
                try {
                    URI u = new URI(text.strip());
                    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
                    if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) return u;
                } catch (URISyntaxException ignored) {
                    // reported below
                }
                throw new ParameterException(spec.commandLine(),
                        option + " must be an http:// or https:// URL with a host, e.g. http://10.0.0.5:8000/ (got " + text + ")");
            }
        }

        @Command(name = "isc", mixinStandardHelpOptions = true,
                description = {"Add an ISC dhcpd server, reached over SSH.",
                        "Its failover peers become relationships; their state is read through OMAPI (omshell on the server)."})
        static final class Isc implements Callable<Integer> {
            @ParentCommand Add add;
            @Spec CommandSpec spec;

            @Option(names = "--ssh", required = true, paramLabel = "USER@HOST[:PORT]", description = "SSH login of the server")
            String ssh;

            @Option(names = "--key", paramLabel = "FILE", description = "SSH private key")
            Path key;

            @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the SSH password (or key passphrase)")
            Path passwordFile;

            @Option(names = "--jump", paramLabel = "USER@HOST[:PORT]", description = "Jump host to go through")
            String jump;

            @Option(names = "--sudo", description = "Run privileged steps with sudo -n")
            boolean sudo;

            @Option(names = "--config", paramLabel = "PATH", description = "dhcpd.conf on the server (default: /etc/dhcp/dhcpd.conf)")
            String config;

            @Option(names = "--validate", paramLabel = "CMD", description = "Validation command, FILE is the file (default: dhcpd -t -4 -cf FILE)")
            String validate;

            @Option(names = "--restart", paramLabel = "CMD", description = "Restart command (default: systemctl restart isc-dhcp-server)")
            String restart;

            @Option(names = "--omapi-port", paramLabel = "PORT", description = "dhcpd's omapi-port (default: 7911)")
            int omapiPort;

            @Option(names = "--omshell", paramLabel = "CMD", description = "How omshell runs on the server (default: omshell)")
            String omshell;

            @Option(names = "--name", paramLabel = "NAME", description = "Name in the inventory (default: the host)")
            String name;

            @Option(names = "--accept-host-key", paramLabel = "FINGERPRINT",
                    description = "Trust a server not yet in known hosts when its key has this fingerprint (as printed when it was refused)")
            String acceptHostKey;

            @Override
            public Integer call() throws IOException {
                tandem.isc.IscServerSettings settings;
                try {
                    tandem.isc.SshTarget target = tandem.isc.SshTarget.parse(ssh);
                    tandem.isc.SshTarget jumpTarget = jump == null ? null : tandem.isc.SshTarget.parse(jump);
                    String password = passwordFile == null ? null
                            : Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
                    settings = new tandem.isc.IscServerSettings(new tandem.isc.SshSettings(target, key == null ? null : key.toAbsolutePath(),
                            password, jumpTarget, sudo), config, validate, restart, omapiPort, omshell);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
                var services = add.server.root.services();
                ImportResult result = services.inventory().add(Backend.ISC, name, settings.toConnection(acceptHostKey, null));
                if (result instanceof ImportResult.Refused r) {
                    spec.commandLine().getErr().println("Refused: " + r.message());
                    return TandemCommand.EXIT_REFUSED;
                }
                var accepted = (ImportResult.Accepted) result;
                var out = spec.commandLine().getOut();
                out.println("Added " + accepted.server().name() + " (" + settings.ssh().target() + ":" + settings.configPath() + ")");
                for (Relationship rel : accepted.relationships()) {
                    out.println("  " + rel.name() + ": " + rel.mode().wire() + ", peers "
                            + String.join(", ", rel.peers().stream().map(p -> p.name() + " (" + p.role().wire() + ")").toList()));
                }
                accepted.notes().forEach(n -> out.println("  Note: " + n));
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the servers and their relationships.")
    static final class ListServers implements Callable<Integer> {
        @ParentCommand ServerCommand server;
        @Spec CommandSpec spec;

        @Option(names = "--json", description = "Print JSON")
        boolean json;

        @Override
        public Integer call() throws IOException {
            var inventory = server.root.services().inventory();
            List<ServerRecord> servers = inventory.servers();
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
                    n.put("url", s.connection().url().toString());
                    n.put("proxy", s.connection().proxy() == null ? null : s.connection().proxy().toString());
                    ArrayNode rels = n.putArray("relationships");
                    relationships.stream().filter(r -> r.serverName().equals(s.name())).forEach(r -> rels.add(r.name()));
                }
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(rootNode));
                return 0;
            }
            if (servers.isEmpty()) {
                out.println("No servers. Add one with: tandem server add kea --url http://HOST:8000/");
                return 0;
            }
            for (ServerRecord s : servers) {
                out.println(s.name() + "  " + s.backend().wire() + "  " + s.connection().url()
                        + (s.connection().proxy() == null ? "" : "  via " + s.connection().proxy()));
                relationships.stream().filter(r -> r.serverName().equals(s.name())).forEach(r ->
                        out.println("  " + r.name() + "  " + r.mode().wire() + "  "
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
            if (server.root.services().inventory().remove(name)) {
                spec.commandLine().getOut().println("Removed " + name);
                return 0;
            }
            spec.commandLine().getErr().println("No server named " + name);
            return TandemCommand.EXIT_REFUSED;
        }
    }
}
