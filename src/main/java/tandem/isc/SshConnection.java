package tandem.isc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tandem.ssh.HostKeyPrompt;
import tandem.ssh.SshSession;
import tandem.ssh.SshSettings;

/**
 * An ISC server's {@link Shell} over one SSH login ({@link SshSession}): privileged steps run under {@code sudo -n}
 * when the settings ask for it, and files are read and written with shell commands ({@code cat}) so that the same
 * path works with and without sudo.
 */
public final class SshConnection implements Shell, AutoCloseable {
    private final SshSession session;

    private SshConnection(SshSession session) {
        this.session = session;
    }

    public static SshConnection open(SshSettings settings, Path knownHosts, HostKeyPrompt prompt, Duration timeout)
            throws IOException {
        return new SshConnection(SshSession.open(settings, knownHosts, prompt, timeout));
    }

    /** Over a login kept by someone else (a {@link tandem.ssh.SshSessionPool}): closing this leaves the login open. */
    public static Shell over(SshSession session) {
        SshConnection c = new SshConnection(session);
        return new Shell() {
            @Override public ExecResult exec(String command, byte[] stdin, boolean privileged) throws IOException {
                return c.exec(command, stdin, privileged);
            }

            @Override public ExecResult run(String dir, boolean privileged, byte[] stdin, List<String> argv) throws IOException {
                return c.run(dir, privileged, stdin, argv);
            }

            @Override public String where() { return c.where(); }
        };
    }

    public SshSettings settings() { return session.settings(); }

    /**
     * Runs a shell command line as the login user; {@code privileged} with sudo set, as {@code sudo -n sh -c ...}
     * (a root shell: only for configured commands written with shell syntax, see {@link Shell#runConfigured}).
     */
    @Override
    public ExecResult exec(String command, byte[] stdin, boolean privileged) throws IOException {
        String line = privileged && settings().sudo() ? "sudo -n sh -c " + shellQuote(command) : command;
        return decode(session.exec(line, stdin, MAX_STDOUT, MAX_STDERR, command));
    }

    /** One program with fixed arguments; privileged with sudo set, as {@code sudo -n PROGRAM ARGS...}. */
    @Override
    public ExecResult run(String dir, boolean privileged, byte[] stdin, List<String> argv) throws IOException {
        String line = Shell.commandLine(dir, privileged && settings().sudo() ? "sudo -n" : null, argv);
        return decode(session.exec(line, stdin, MAX_STDOUT, MAX_STDERR, line));
    }

    private static ExecResult decode(SshSession.Result r) {
        return new ExecResult(r.exitStatus(), new String(r.stdout(), StandardCharsets.UTF_8),
                new String(r.stderr(), StandardCharsets.UTF_8), r.stdout());
    }

    public ExecResult exec(String command) throws IOException { return exec(command, null, false); }

    @Override public String where() { return session.where(); }

    /** Quotes a word for a POSIX shell. */
    public static String shellQuote(String s) { return Shell.quote(s); }

    @Override
    public void close() { session.close(); }
}
