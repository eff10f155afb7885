package tandem.windows.ps;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.ssh.HostKeyPrompt;
import tandem.ssh.SshSession;
import tandem.ssh.SshSettings;

/**
 * PowerShell on a Windows server through its OpenSSH server (Win32-OpenSSH, whose default shell is cmd.exe): each
 * script is one exec of {@link PsCommandLine}. Password logins only: Windows gives a key-authenticated session no
 * credentials to act on the failover partner with, so every partner step would be denied.
 */
public final class SshPowerShell implements PowerShellTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SshPowerShell.class);
    /** Replies are one line of JSON; a server's whole failover content is far below this. */
    static final int MAX_STDOUT = 32 * 1024 * 1024;
    static final int MAX_STDERR = 1024 * 1024;

    private final SshSession session;

    private SshPowerShell(SshSession session) { this.session = session; }

    /** Logs in with a password; settings with a key file or without a password are refused before connecting. */
    public static SshPowerShell open(SshSettings settings, Path knownHosts, HostKeyPrompt prompt, Duration timeout)
            throws IOException {
        requirePassword(settings);
        return new SshPowerShell(SshSession.open(settings, knownHosts, prompt, timeout));
    }

    /** Over a session already open, which must have logged in with a password. */
    public static SshPowerShell over(SshSession session) {
        requirePassword(session.settings());
        return new SshPowerShell(session);
    }

    /** Refuses, before any login, settings Windows cannot be managed with (a key, or no password). */
    public static void requirePassword(SshSettings s) {
        if (s.keyFile() != null) {
            throw new IllegalArgumentException("a Windows server is reached with a password, not a key (" + s.target()
                    + "): Windows gives a key-authenticated SSH session no credentials for the failover partner,"
                    + " so every step on the partner would be denied");
        }
        if (s.password() == null || s.password().isEmpty()) {
            throw new IllegalArgumentException("a Windows server is reached with a password, and none is set for " + s.target());
        }
    }

    @Override
    public PsReply run(PsScript script) throws IOException {
        PsCommandLine.Invocation call = PsCommandLine.of(script.text());
        SshSession.Result r = session.exec(call.commandLine(), call.stdin(), MAX_STDOUT, MAX_STDERR, script.toString());
        PsReply reply;
        try {
            reply = PsReply.parse(r.exitStatus(), r.stdout(), r.stderr(), script.secrets(), where());
        } catch (IOException noEnvelope) {
            LOG.debug("{} on {} wrote on stderr: {}", script, where(),
                    PsReply.mask(Clixml.readable(r.stderr()), script.secrets()));
            throw noEnvelope;
        }
        if (!reply.stderr().isEmpty()) LOG.debug("{} on {} wrote on stderr: {}", script, where(), reply.stderr());
        return reply;
    }

    @Override public String where() { return session.where(); }

    @Override public void close() { session.close(); }
}
