package tandem.isc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and sets a dhcpd's failover state through OMAPI ({@code omapi-port} in dhcpd.conf), by running ISC's
 * {@code omshell} where the server is (over SSH, next to dhcpd), so OMAPI never has to be opened to the network.
 */
public final class OmapiFailoverClient {
    private static final Pattern VALUE = Pattern.compile("(?m)^(local-state|partner-state) = ([0-9a-fA-F:]+)\\s*$");

    private final Shell shell;
    private final int port;
    private final String omshell;

    public OmapiFailoverClient(Shell shell, int port) { this(shell, port, IscServerSettings.DEFAULT_OMSHELL_COMMAND); }

    /** @param omshellCommand how omshell is run where dhcpd is, e.g. {@code omshell} */
    public OmapiFailoverClient(Shell shell, int port, String omshellCommand) {
        this.shell = shell;
        this.port = port;
        this.omshell = omshellCommand;
    }

    public FailoverStatus read(String peer) throws IOException {
        String out = omshell(peer, "");
        return parse(peer, out);
    }

    /**
     * Puts this server into partner-down for the relationship: it then serves the whole pool. Only safe when the
     * partner is really down; if both serve, they can hand out the same address twice.
     */
    public FailoverStatus setPartnerDown(String peer) throws IOException {
        String out = omshell(peer, "set local-state = " + FailoverState.PARTNER_DOWN.code() + "\nupdate\n");
        return parse(peer, out);
    }

    private String omshell(String peer, String more) throws IOException {
        String script = "server 127.0.0.1\nport " + port + "\nconnect\nnew failover-state\nset name = "
                + FailoverPeer.quote(peer) + "\nopen\n" + more;
        Shell.ExecResult r = shell.exec(omshell, script.getBytes(StandardCharsets.UTF_8), false);
        String out = r.stdout() + r.stderr();
        if (out.contains("command not found") || r.exitCode() == 127) {
            throw new IOException("omshell is not installed on " + shell.where() + " (it comes with isc-dhcp-server)");
        }
        return out;
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
