package tandem.cli.kea;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.core.Relationship;
import tandem.cli.Inputs;
import tandem.cli.TandemCommand;
import tandem.core.TextRules;

/** {@code tandem server add kea}. */
@Command(name = "kea", mixinStandardHelpOptions = true,
        description = {"Add a Kea server through its control endpoint: a Kea 2 Control Agent, or the HTTP(S)"
                + " control socket of a Kea 3 kea-dhcp4.",
                "A server in an HA relationship must be added through its primary; its partners and"
                        + " backups are imported with it."})
public final class KeaServerAdd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "Control Agent or kea-dhcp4 control socket URL, e.g. http://10.0.0.5:8000/")
    String url;

    @Option(names = "--peer-url", paramLabel = "NAME=URL",
            description = "Control endpoint of partner NAME (repeatable), needed when its URL in the HA"
                    + " configuration is a dedicated HA listener (Kea 3) and its control socket is not at the same port")
    java.util.Map<String, String> peerUrls;

    @Option(names = "--proxy", paramLabel = "URL", description = "HTTP proxy through which the agent is reached")
    String proxy;

    @Option(names = "--name", paramLabel = "NAME", description = "Name in the inventory (default: the server's HA name)")
    String name;

    @picocli.CommandLine.Mixin tandem.cli.SiteOption siteOption;

    @Option(names = "--user", paramLabel = "USER", description = "Basic-auth user of the control endpoint")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password")
    Path passwordFile;

    @Option(names = "--trust-anchor", paramLabel = "PEM", description = "CA certificate (PEM file) to trust for https")
    Path trustAnchor;

    @Option(names = ConnectionSettings.ALLOW_PLAIN_HTTP_PEERS_OPTION,
            description = "Send the --user credentials also to peers whose URL in the Kea configuration is plain"
                    + " http when --url is https (by default they are withheld from such peers)")
    boolean allowPlainHttpPeers;

    @Override
    public Integer call() throws IOException {
        URI agent = httpUri(url, "--url");
        // credentials in the URL would be kept and shown in clear, and never used to log in
        Inputs.of(spec).check("--url", TextRules.userInfoProblem(agent, "--user and --password-file"));
        URI proxyUri = proxy == null ? null : httpUri(proxy, "--proxy");
        if (passwordFile != null && user == null) {
            throw new ParameterException(spec.commandLine(), "--password-file needs --user");
        }
        Inputs.of(spec).name("--user", user).serverName("--name", name);
        String site = siteOption.site();
        String password = passwordFile == null ? null
                : Inputs.firstLine(spec, "--password-file", passwordFile);
        String pem = trustAnchor == null ? null : Inputs.read(spec, "--trust-anchor", trustAnchor);
        java.util.Map<String, URI> peers = new java.util.LinkedHashMap<>();
        if (peerUrls != null) {
            for (var e : peerUrls.entrySet()) {
                if (e.getKey().isBlank()) throw new ParameterException(spec.commandLine(), "--peer-url needs NAME=URL");
                URI peer = httpUri(e.getValue(), "--peer-url " + e.getKey());
                Inputs.of(spec).check("--peer-url", TextRules.userInfoProblem(peer, "--user and --password-file"));
                peers.put(e.getKey().strip(), peer);
            }
        }
        var services = TandemCommand.of(spec).services();
        ImportResult result = services.inventory().add(Backend.KEA, name,
                new ConnectionSettings(agent, proxyUri, user, password, pem, allowPlainHttpPeers), peers, site);
        if (result instanceof ImportResult.Refused r) {
            spec.commandLine().getErr().println("Refused: " + r.message());
            if (r.field() != null && r.field().startsWith("peer-url:")) {
                spec.commandLine().getErr().println("  Give it with --peer-url " + r.field().substring(9) + "=URL");
            }
            return TandemCommand.EXIT_REFUSED;
        }
        var accepted = (ImportResult.Accepted) result;
        var out = spec.commandLine().getOut();
        out.println("Added " + accepted.server().name() + " (" + accepted.server().connection().url() + ")");
        if (accepted.server().site() != null) out.println("  Site: " + accepted.server().site());
        for (Relationship rel : accepted.relationships()) {
            out.println("  " + rel.name() + ": " + rel.service().label() + ", " + rel.mode().wire() + ", peers "
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
        throw new ParameterException(spec.commandLine(), option + " must be an http:// or https:// URL with a host,"
                + " e.g. http://10.0.0.5:8000/ (got " + TextRules.withoutUserInfo(text) + ")");
    }
}
