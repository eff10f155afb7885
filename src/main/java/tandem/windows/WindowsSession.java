package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import tandem.core.ConnectionSettings;
import tandem.ssh.HostKeyPrompt;
import tandem.windows.ps.PowerShellTransport;
import tandem.windows.ps.PsFailure;
import tandem.windows.ps.PsScript;
import tandem.windows.ps.SshPowerShell;

/**
 * One login to one Windows DHCP server, through which scripts run: a failed cmdlet comes back as {@link PsFailure}
 * naming the server, a lost connection as any other IOException.
 */
public final class WindowsSession implements AutoCloseable {
    private final String server;
    private final PowerShellTransport transport;

    public WindowsSession(String server, PowerShellTransport transport) {
        this.server = server;
        this.transport = transport;
    }

    public static WindowsSession open(String server, ConnectionSettings connection, Path knownHosts, HostKeyPrompt prompt,
                                      Duration timeout) throws IOException {
        WindowsServerSettings s = WindowsServerSettings.fromConnection(connection);
        return new WindowsSession(server, SshPowerShell.open(s.ssh(), knownHosts, prompt, timeout));
    }

    public String server() { return server; }

    /** Runs a body without secrets; its {@code $data}. */
    public JsonNode call(String body) throws IOException { return run(PsScript.of(body)); }

    public JsonNode run(PsScript script) throws IOException {
        return transport.run(script).dataOrThrow();
    }

    @Override public void close() {
        try {
            transport.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
