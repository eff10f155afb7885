package tandem.isc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tandem.core.TextRules;

/**
 * Reads and sets a dhcpd's failover state through OMAPI ({@code omapi-port} in dhcpd.conf), by running ISC's
 * {@code omshell} where the server is (over SSH, next to dhcpd), so OMAPI never has to be opened to the network.
 */
public final class OmapiFailoverClient {
    private static final Pattern VALUE = Pattern.compile("(?m)^(local-state|partner-state) = ([0-9a-fA-F:]+)\\s*$");

    private final Shell shell;
    private final int port;
    private final String omshell;
    private final OmapiKey key;

    public OmapiFailoverClient(Shell shell, int port) { this(shell, port, IscServerSettings.DEFAULT_OMSHELL_COMMAND, null); }

    /**
     * @param omshellCommand how omshell is run where dhcpd is, e.g. {@code omshell}
     * @param key            the key dhcpd's omapi-key asks for, or null when it asks for none
     */
    public OmapiFailoverClient(Shell shell, int port, String omshellCommand, OmapiKey key) {
        this.shell = shell;
        this.port = port;
        this.omshell = omshellCommand;
        this.key = key;
    }

    /**
     * A client for a server in the inventory, signing with the OMAPI key its dhcpd.conf declares (read over the
     * same connection, kept in memory only).
     */
    public static OmapiFailoverClient forServer(Shell shell, IscServerSettings settings) {
        OmapiKey key;
        try {
            key = keyOf(shell, settings);
        } catch (IOException unreadable) {
            // partner-down may be urgent: without a key it still works wherever dhcpd asks for none
            key = null;
        }
        return new OmapiFailoverClient(shell, settings.omapiPort(), settings.omshellCommand(), key);
    }

    /** The OMAPI key of the server's dhcpd.conf, or null when it asks for none. */
    public static OmapiKey keyOf(Shell shell, IscServerSettings settings) throws IOException {
        try {
            return SafeWrite.read(shell, settings.configPath()).omapiKey().orElse(null);
        } catch (ConfSyntaxException e) {
            throw new IOException("the OMAPI key cannot be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException("the OMAPI key of " + settings.configPath() + " cannot be used: " + e.getMessage(), e);
        }
    }

    public FailoverStatus read(String peer) throws IOException {
        String out = omshell(peer, "");
        return interpret(peer, out);
    }

    /**
     * Puts this server into partner-down for the relationship: it then serves the whole pool. Only safe when the
     * partner is really down; if both serve, they can hand out the same address twice.
     */
    public FailoverStatus setPartnerDown(String peer) throws IOException {
        String out = omshell(peer, "set local-state = " + FailoverState.PARTNER_DOWN.code() + "\nupdate\n");
        return interpret(peer, out);
    }

    /**
     * Why {@code peer} cannot be sent to omshell, or null. omshell reads one command per line and its strings have
     * no escapes: a line break would add a command, a quote would end the name early.
     */
    public static String peerNameProblem(String peer) {
        return TextRules.quotedNameProblem(peer, "a failover peer name sent to omshell");
    }

    private String omshell(String peer, String more) throws IOException {
        String problem = peerNameProblem(peer);
        if (problem != null) throw new IOException(problem);
        String script = "server 127.0.0.1\nport " + port + "\n" + (key == null ? "" : key.omshellLines())
                + "connect\nnew failover-state\nset name = "
                + FailoverPeer.quote(peer) + "\nopen\n" + more;
        Shell.ExecResult r = shell.exec(omshell, script.getBytes(StandardCharsets.UTF_8), false);
        String out = r.stdout() + r.stderr();
        if (out.contains("command not found") || r.exitCode() == 127) {
            throw new IOException("omshell is not installed on " + shell.where() + " (it comes with isc-dhcp-server)");
        }
        return out;
    }

    /** The status in omshell's output; a refusal to do with the key is named as such. */
    private FailoverStatus interpret(String peer, String out) throws IOException {
        try {
            return parse(peer, out);
        } catch (IOException e) {
            if (key == null && out.contains("no key specified")) {
                throw new IOException("dhcpd asks for an OMAPI key (omapi-key), and its dhcpd.conf names none the console can use");
            }
            if (key != null && (out.contains("connection reset by peer") || out.contains("dhcpctl_connect: not found"))) {
                throw new IOException("dhcpd refused the OMAPI key \"" + key.name() + "\" (" + key.algorithm()
                        + ") from its dhcpd.conf; if the key was changed, restart dhcpd so that it uses it");
            }
            throw e;
        }
    }

    static FailoverStatus parse(String peer, String out) throws IOException {
        Integer local = null, partner = null;
        Matcher m = VALUE.matcher(out.replace("> ", ""));
        while (m.find()) {
            String hex = m.group(2).replace(":", "");
            // a state is a 4-byte number; anything longer is no state (and is reported as such below)
            int v = hex.isEmpty() || hex.length() > 8 ? -1 : (int) Long.parseLong(hex, 16);
            if (m.group(1).equals("local-state")) local = v;
            else partner = v;
        }
        if (local == null || partner == null) {
            String why = out.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.equals(">") && !l.startsWith("obj:")
                    && !l.contains(" = ")).reduce((a, b) -> b).orElse("no answer");
            if (why.contains("not found")) throw new IOException("dhcpd has no failover peer \"" + peer + "\"");
            throw new IOException("OMAPI did not give the failover state of \"" + peer + "\": " + why.replace("> ", ""));
        }
        return new FailoverStatus(peer, state(peer, "local-state", local), state(peer, "partner-state", partner));
    }

    private static FailoverState state(String peer, String field, int code) throws IOException {
        return FailoverState.of(code).orElseThrow(() -> new IOException("dhcpd gave \"" + peer + "\" "
                + (code < 0 ? "an unreadable " + field : "a " + field + " of " + code)
                + ", which is no failover state this console knows"));
    }
}
