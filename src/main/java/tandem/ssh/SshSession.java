package tandem.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * One SSH login to a server (Apache MINA SSHD), optionally through a jump host, with host keys checked against a
 * known-hosts file: a new host is trusted only when the {@link HostKeyPrompt} accepts its fingerprint, a changed key
 * is refused. It runs command lines and knows nothing of what they mean (a POSIX shell, cmd.exe, PowerShell).
 */
public final class SshSession implements AutoCloseable {
    /** A finished command: its exit status (-1 when the server sent none) and its output as received. */
    public record Result(int exitStatus, byte[] stdout, byte[] stderr) {}

    /** What one login may use and accept, found by the shared client's providers in the connection's context. */
    private record Login(KeyIdentityProvider keys, String password, ServerKeyVerifier verifier) {
        @Override public String toString() { return "Login[password=" + (password == null ? "none" : "****") + "]"; }
    }

    /**
     * The connection under a command is gone (closed by the server, broken, or no channel could be opened on it):
     * a new login may succeed where this session cannot.
     */
    public static final class Lost extends IOException {
        public Lost(String message, Throwable cause) { super(message, cause); }
    }

    private static final AttributeRepository.AttributeKey<Login> LOGIN = new AttributeRepository.AttributeKey<>();

    /** The client that this session alone uses and stops on close, or null when it is shared (see {@link #newClient()}). */
    private final SshClient ownClient;
    private final ClientSession session;
    private final SshSettings settings;
    private final Duration timeout;

    private SshSession(SshClient ownClient, ClientSession session, SshSettings settings, Duration timeout) {
        this.ownClient = ownClient;
        this.session = session;
        this.settings = settings;
        this.timeout = timeout;
    }

    /**
     * A started client on which many logins, to different servers with different settings, can run at once: each
     * login's keys, password and host-key check travel with its connection (a jump host's login uses the same), so
     * one login never sees another's secrets. A connection without them offers nothing and accepts no host key.
     */
    public static SshClient newClient() {
        SshClient client = SshClient.setUpDefaultClient();
        // only what the administrator configured: no ~/.ssh/config, no keys picked up from ~/.ssh
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(s -> {
            Login l = loginOf(s);
            return l == null ? List.of() : l.keys().loadKeys(s);
        });
        client.setPasswordIdentityProvider(s -> {
            Login l = loginOf(s);
            return l == null || l.password() == null ? List.of() : List.of(l.password());
        });
        client.setServerKeyVerifier((s, remote, key) -> {
            Login l = loginOf(s);
            return l != null && l.verifier().verifyServerKey(s, remote, key);
        });
        client.start();
        return client;
    }

    private static Login loginOf(SessionContext s) {
        if (!(s instanceof ClientSession c) || c.getConnectionContext() == null) return null;
        return c.getConnectionContext().getAttribute(LOGIN);
    }

    /** Logs in on a client of its own; {@code timeout} bounds the connection, the login and later each command. */
    public static SshSession open(SshSettings settings, Path knownHosts, HostKeyPrompt prompt, Duration timeout)
            throws IOException {
        SshClient client = newClient();
        try {
            return login(client, true, settings, knownHosts, prompt, timeout);
        } catch (IOException | RuntimeException e) {
            client.stop();
            throw e;
        }
    }

    /**
     * Logs in on a client made by {@link #newClient()} and shared with other sessions (closing this session leaves
     * the client running). Host keys are checked exactly as by {@link #open(SshSettings, Path, HostKeyPrompt, Duration)}.
     */
    public static SshSession open(SshClient shared, SshSettings settings, Path knownHosts, HostKeyPrompt prompt,
                                  Duration timeout) throws IOException {
        return login(shared, false, settings, knownHosts, prompt, timeout);
    }

    private static SshSession login(SshClient client, boolean own, SshSettings settings, Path knownHosts,
                                    HostKeyPrompt prompt, Duration timeout) throws IOException {
        KeyIdentityProvider keys = KeyIdentityProvider.EMPTY_KEYS_PROVIDER;
        if (settings.keyFile() != null) {
            if (!Files.isReadable(settings.keyFile())) throw new IOException("cannot read the key file " + settings.keyFile());
            FileKeyPairProvider file = new FileKeyPairProvider(settings.keyFile());
            if (settings.password() != null) file.setPasswordFinder(FilePasswordProvider.of(settings.password()));
            keys = file;
        }
        if (knownHosts.getParent() != null) Files.createDirectories(knownHosts.getParent());
        if (!Files.exists(knownHosts)) Files.createFile(knownHosts);
        ServerKeyVerifier askFirst = (ClientSession s, SocketAddress remote, PublicKey key) ->
                prompt.trustNewHost(hostName(remote), KeyUtils.getKeyType(key), KeyUtils.getFingerPrint(key));
        KnownHostsServerKeyVerifier verifier = new KnownHostsServerKeyVerifier(askFirst, knownHosts);
        verifier.setModifiedServerKeyAcceptor((s, remote, entry, expected, actual) -> false);
        AttributeRepository context = AttributeRepository.ofKeyValuePair(LOGIN, new Login(keys, settings.password(), verifier));
        try {
            SshTarget t = settings.target();
            String jump = settings.jump() == null ? null : settings.jump().toString();
            HostConfigEntry entry = new HostConfigEntry("", t.host(), t.port(), t.user(), jump);
            ClientSession session = client.connect(entry, context, null).verify(timeout).getSession();
            try {
                session.auth().verify(timeout);
            } catch (IOException e) {
                session.close(true);
                throw new IOException("SSH login to " + t + " failed: " + describe(e), e);
            }
            return new SshSession(own ? client : null, session, settings, timeout);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith("SSH login")) throw io;
            throw new IOException("cannot connect to " + settings.target()
                    + (settings.jump() == null ? "" : " through " + settings.jump()) + ": " + describe(e), e);
        }
    }

    private static String hostName(SocketAddress a) {
        if (a instanceof SshdSocketAddress s) return s.getHostName() + ":" + s.getPort();
        if (a instanceof InetSocketAddress i) return i.getHostString() + ":" + i.getPort();
        return String.valueOf(a);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        Throwable c = e.getCause();
        if ((m == null || m.isBlank()) && c != null) return describe(c);
        if (m != null && m.contains("Server key did not validate")) {
            return "the host key was not accepted (unknown and not trusted, or different from the one remembered in known hosts)";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    public SshSettings settings() { return settings; }

    /** The login, for messages: {@code USER@HOST[:PORT]}. */
    public String where() { return settings.target().toString(); }

    /** {@link #exec(String, byte[], int, int, String)} naming the command line itself in messages. */
    public Result exec(String commandLine, byte[] stdin, int maxOut, int maxErr) throws IOException {
        return exec(commandLine, stdin, maxOut, maxErr, commandLine);
    }

    /**
     * Runs {@code commandLine} with {@code stdin} (then closed; null sends nothing). Output beyond {@code maxOut} or
     * {@code maxErr} bytes stops the command and fails, as does a command still running after the timeout;
     * {@code shown} names the command in those messages (a caller may not want the line itself shown).
     */
    public Result exec(String commandLine, byte[] stdin, int maxOut, int maxErr, String shown) throws IOException {
        try {
            return execOnce(commandLine, stdin, maxOut, maxErr, shown);
        } catch (IllegalStateException e) {
            // MINA's word for a session that is gone: an I/O failure like any other lost connection
            throw new Lost("the SSH connection to " + where() + " is lost: " + e.getMessage(), e);
        } catch (Lost e) {
            throw e;
        } catch (IOException e) {
            if (!isOpen()) throw new Lost("the SSH connection to " + where() + " is lost: " + describe(e), e);
            throw e;
        }
    }

    private Result execOnce(String line, byte[] stdin, int maxOut, int maxErr, String shown) throws IOException {
        try (ChannelExec ch = session.createExecChannel(line)) {
            BoundedOutput out = new BoundedOutput(maxOut).onExceeded(() -> ch.close(true));
            BoundedOutput err = new BoundedOutput(maxErr).onExceeded(() -> ch.close(true));
            ch.setOut(out);
            ch.setErr(err);
            try {
                ch.open().verify(timeout);
            } catch (IOException e) {
                throw new Lost("no command channel could be opened to " + where() + ": " + describe(e), e);
            }
            try (OutputStream in = ch.getInvertedIn()) {
                if (stdin != null) in.write(stdin);
            } catch (IOException e) {
                // a command that stops reading early (or was stopped) closes its stdin; its outcome says why
                if (!out.exceeded() && !err.exceeded() && ch.isOpen()) throw e;
            }
            Set<ClientChannelEvent> events = ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout.toMillis());
            if (out.exceeded()) throw new IOException(BoundedOutput.tooLong("output", maxOut, shown));
            if (err.exceeded()) throw new IOException(BoundedOutput.tooLong("error output", maxErr, shown));
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                throw new IOException("the command did not finish within " + timeout.toSeconds() + " s: " + shown);
            }
            Integer status = ch.getExitStatus();
            return new Result(status == null ? -1 : status, out.toByteArray(), err.toByteArray());
        }
    }

    /** Whether the connection is still up as far as this side knows (a server that just went away is seen late). */
    public boolean isOpen() { return session.isOpen() && !session.isClosing(); }

    /** Closes the connection at once, without waiting for the server: for a login found broken or no longer wanted. */
    public void closeNow() {
        session.close(true);
        if (ownClient != null) ownClient.stop();
    }

    @Override
    public void close() {
        try {
            if (ownClient == null) {
                // a shared client's session: said goodbye to without waiting, the caller goes on with other servers
                session.close(false);
                return;
            }
            session.close(false).await(timeout);
            // gracefully: an immediate stop shuts the I/O threads down under reads still completing, and MINA then
            // throws from a JDK thread ("Executor has been shut down")
            if (!ownClient.close(false).await(timeout)) ownClient.stop();
        } catch (IOException e) {
            if (ownClient != null) ownClient.stop();
        }
    }
}
