package tandem.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.UserAuthFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * An SSH server on 127.0.0.1 (Apache MINA SSHD, free port) that accepts one user's password and answers each command
 * line with a handler written in Java: no process is started, so what a test sees is exactly what the client sent.
 */
public final class LoopbackSshServer implements AutoCloseable {
    /** Answers one command: reads its stdin, writes its output, returns its exit status. */
    @FunctionalInterface
    public interface Handler {
        int handle(String commandLine, InputStream stdin, OutputStream stdout, OutputStream stderr) throws IOException;
    }

    private final SshServer server;
    private final ExecutorService commands = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-ssh-command");
        t.setDaemon(true);
        return t;
    });

    private LoopbackSshServer(SshServer server) { this.server = server; }

    public static LoopbackSshServer start(Path hostKeyFile, String user, String password, Handler handler) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        LoopbackSshServer loopback = new LoopbackSshServer(server);
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKeyFile));
        server.setPasswordAuthenticator((u, p, s) -> user.equals(u) && password.equals(p));
        server.setUserAuthFactories(List.<UserAuthFactory>of(UserAuthPasswordFactory.INSTANCE));
        server.setCommandFactory((channel, line) -> loopback.command(line, handler));
        server.start();
        return loopback;
    }

    public int port() { return server.getPort(); }

    /** The server's host key fingerprint as a client shows it ({@code SHA256:...}). */
    public String fingerprint() throws IOException {
        try {
            for (KeyPair k : server.getKeyPairProvider().loadKeys(null)) return KeyUtils.getFingerPrint(k.getPublic());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        throw new IOException("the server has no host key");
    }

    private Command command(String line, Handler handler) {
        return new Command() {
            private InputStream in;
            private OutputStream out;
            private OutputStream err;
            private ExitCallback exit;

            @Override public void setInputStream(InputStream in) { this.in = in; }
            @Override public void setOutputStream(OutputStream out) { this.out = out; }
            @Override public void setErrorStream(OutputStream err) { this.err = err; }
            @Override public void setExitCallback(ExitCallback exit) { this.exit = exit; }

            @Override
            public void start(ChannelSession channel, Environment env) {
                commands.submit(() -> {
                    int status;
                    try {
                        status = handler.handle(line, in, out, err);
                        out.flush();
                        err.flush();
                    } catch (IOException | RuntimeException e) {
                        status = 255;
                    }
                    exit.onExit(status);
                });
            }

            @Override public void destroy(ChannelSession channel) { }
        };
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop(true);
        } finally {
            commands.shutdownNow();
        }
    }
}
