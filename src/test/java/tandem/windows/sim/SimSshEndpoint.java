package tandem.windows.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;

/**
 * A simulated Windows server's OpenSSH endpoint on 127.0.0.1: password or public-key login for one account, and an
 * exec channel that behaves as Win32-OpenSSH with cmd.exe as default shell running
 * {@code powershell.exe -NoProfile -NonInteractive -EncodedCommand <base64 of UTF-16LE>} in {@link SimPowerShell}
 * (stdin available to the script). Any other command answers as cmd.exe. Which login method a session used is kept,
 * because over a key login Windows cannot act on the failover partner (the double hop).
 */
public final class SimSshEndpoint implements AutoCloseable {
    /** cmd.exe's limit on a command line. */
    public static final int MAX_COMMAND_LINE = 8191;
    private static final int MAX_STDIN = 16 * 1024 * 1024;
    private static final AttributeRepository.AttributeKey<Boolean> PASSWORD_LOGIN = new AttributeRepository.AttributeKey<>();

    private final String serverName;
    private final String user;
    private final String password;
    private final Path hostKeyFile;
    private final SimCmdlets cmdlets;
    private final SimPowerShell powershell;
    private final Set<PublicKey> authorized = new CopyOnWriteArraySet<>();
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sim-powershell");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.atomic.AtomicInteger logins = new java.util.concurrent.atomic.AtomicInteger();
    private SshServer server;
    private int port;

    private SimSshEndpoint(String serverName, String user, String password, Path hostKeyFile, SimCmdlets cmdlets, SimPowerShell powershell) {
        this.serverName = serverName;
        this.user = user;
        this.password = password;
        this.hostKeyFile = hostKeyFile;
        this.cmdlets = cmdlets;
        this.powershell = powershell;
    }

    /** Starts an endpoint on a free port; the host key lives in {@code hostKeyFile} (created on first start). */
    public static SimSshEndpoint start(String serverName, String user, String password, Path hostKeyFile, SimCmdlets cmdlets) throws IOException {
        return start(serverName, user, password, hostKeyFile, cmdlets, new SimPowerShell());
    }

    public static SimSshEndpoint start(String serverName, String user, String password, Path hostKeyFile, SimCmdlets cmdlets,
            SimPowerShell powershell) throws IOException {
        SimSshEndpoint e = new SimSshEndpoint(serverName, user, password, hostKeyFile, cmdlets, powershell);
        e.startListening();
        return e;
    }

    public String host() { return "127.0.0.1"; }

    public int port() { return port; }

    public String serverName() { return serverName; }

    /** The host key's fingerprint as OpenSSH prints it ({@code SHA256:...}). */
    public String hostKeyFingerprint() { return KeyUtils.getFingerPrint(hostKey()); }

    public PublicKey hostKey() {
        try {
            for (KeyPair kp : server.getKeyPairProvider().loadKeys(null)) return kp.getPublic();
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("host key unreadable: " + hostKeyFile, e);
        }
        throw new IllegalStateException("no host key in " + hostKeyFile);
    }

    /** Accepts this key for the account (as administrators_authorized_keys would). */
    public void authorizeKey(PublicKey key) { authorized.add(key); }

    public synchronized boolean listening() { return server != null && server.isStarted(); }

    /** Stops answering: the listener closes and open sessions are dropped. */
    public synchronized void stopListening() throws IOException {
        if (server != null) server.stop(true);
        server = null;
    }

    /** Listens again, on the same port after the first start, with the same host key. */
    public synchronized void startListening() throws IOException {
        if (listening()) return;
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost(host());
        s.setPort(port);
        s.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKeyFile));
        s.setPasswordAuthenticator((u, p, session) -> count(login(session, user.equalsIgnoreCase(u) && password.equals(p), true)));
        s.setPublickeyAuthenticator((u, key, session) ->
                count(login(session, user.equalsIgnoreCase(u) && authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)), false)));
        s.setCommandFactory((channel, command) -> new Exec(command));
        s.start();
        server = s;
        port = s.getPort();
    }

    /** How many logins this endpoint accepted, across restarts of its listener. */
    public int logins() { return logins.get(); }

    private boolean count(boolean loggedIn) {
        if (loggedIn) logins.incrementAndGet();
        return loggedIn;
    }

    private static boolean login(ServerSession session, boolean ok, boolean byPassword) {
        if (ok) session.setAttribute(PASSWORD_LOGIN, byPassword);
        return ok;
    }

    @Override public synchronized void close() throws IOException {
        try {
            stopListening();
        } finally {
            runner.shutdownNow();
        }
    }

    /** What cmd.exe /c does with the command line. */
    SimRun execute(String commandLine, SimSession session, InputStream stdin) throws IOException {
        if (commandLine.length() > MAX_COMMAND_LINE) return new SimRun("", "The command line is too long.\r\n", 1);
        List<String> words = List.of(commandLine.trim().split("[ \\t]+"));
        String program = words.get(0).replace("\"", "");
        String exe = program.toLowerCase(Locale.ROOT).replaceFirst("^c:\\\\windows\\\\system32\\\\windowspowershell\\\\v1\\.0\\\\", "");
        if (!exe.equals("powershell") && !exe.equals("powershell.exe")) {
            return new SimRun("", "'" + program + "' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n", 1);
        }
        if (words.size() != 5 || !words.get(1).equalsIgnoreCase("-NoProfile") || !words.get(2).equalsIgnoreCase("-NonInteractive")
                || !words.get(3).equalsIgnoreCase("-EncodedCommand")) {
            return new SimRun("", "The simulator runs only: powershell.exe -NoProfile -NonInteractive -EncodedCommand <base64>\r\n", 1);
        }
        String script;
        try {
            script = new String(Base64.getDecoder().decode(words.get(4)), StandardCharsets.UTF_16LE);
        } catch (IllegalArgumentException e) {
            return new SimRun("", "Cannot process the command because the value specified with -EncodedCommand is not properly encoded. "
                    + "The value must be Base64 encoded.\r\n", 1);
        }
        // only a script that reads [Console]::In waits for the client's end of input
        byte[] input = script.toLowerCase(Locale.ROOT).contains("[console]::in") ? readAll(stdin) : new byte[0];
        return powershell.run(session, script, input, cmdlets);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) >= 0; ) {
            if (b.size() + n > MAX_STDIN) throw new IOException("standard input over " + MAX_STDIN + " bytes");
            b.write(buf, 0, n);
        }
        return b.toByteArray();
    }

    /** One exec channel. */
    private final class Exec implements Command {
        private final String commandLine;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        Exec(String commandLine) { this.commandLine = commandLine; }

        @Override public void setInputStream(InputStream in) { this.in = in; }

        @Override public void setOutputStream(OutputStream out) { this.out = out; }

        @Override public void setErrorStream(OutputStream err) { this.err = err; }

        @Override public void setExitCallback(ExitCallback exit) { this.exit = exit; }

        @Override public void start(ChannelSession channel, Environment env) {
            ServerSession s = channel.getServerSession();
            SimSession session = new SimSession(serverName, s.getUsername(), Boolean.TRUE.equals(s.getAttribute(PASSWORD_LOGIN)));
            runner.execute(() -> {
                int code = 1;
                try {
                    SimRun r = execute(commandLine, session, in);
                    out.write(r.stdout().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    err.write(r.stderr().getBytes(StandardCharsets.UTF_8));
                    err.flush();
                    code = r.exitCode();
                } catch (IOException | RuntimeException e) {
                    try {
                        err.write(("simulator: " + e).getBytes(StandardCharsets.UTF_8));
                        err.flush();
                    } catch (IOException ignored) {
                        // the channel is gone; the exit status below is all that is left to send
                    }
                } finally {
                    exit.onExit(code);
                }
            });
        }

        @Override public void destroy(ChannelSession channel) {}
    }
}
