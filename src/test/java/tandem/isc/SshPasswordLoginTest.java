package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.UserAuthFactory;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.ssh.SshSettings;
import tandem.ssh.SshTarget;

/**
 * Password login, the way servers without key access are reached. The test logs in to an SSH server on 127.0.0.1
 * that accepts only a password (Apache MINA SSHD's server, since OpenSSH would check the password of a real system
 * account), once offering the "password" method and once only "keyboard-interactive", which is how OpenSSH with PAM
 * asks for a password.
 */
class SshPasswordLoginTest {
    private static final String USER = "dhcpadmin";
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir Path dir;
    private SshServer server;
    private final AtomicInteger attempts = new AtomicInteger();

    private int start(UserAuthFactory method) throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("host.ser")));
        server.setPasswordAuthenticator((user, password, session) -> {
            attempts.incrementAndGet();
            return USER.equals(user) && PASSWORD.equals(password);
        });
        server.setUserAuthFactories(List.<UserAuthFactory>of(method));
        server.setCommandFactory(ProcessShellCommandFactory.INSTANCE);
        server.start();
        return server.getPort();
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) server.stop(true);
    }

    private SshConnection login(int port, String password) throws IOException {
        SshSettings settings = new SshSettings(new SshTarget(USER, "127.0.0.1", port), null, password, null, false);
        return SshConnection.open(settings, dir.resolve("known_hosts"), (host, type, fingerprint) -> true,
                Duration.ofSeconds(20));
    }

    @Test
    void logsInWithThePasswordMethodAndRunsCommands() throws IOException {
        int port = start(UserAuthPasswordFactory.INSTANCE);
        try (SshConnection c = login(port, PASSWORD)) {
            Shell.ExecResult r = c.exec("echo logged-in", null, false);
            assertTrue(r.ok(), r.toString());
            assertEquals("logged-in", r.stdout().strip());
        }
    }

    @Test
    void logsInThroughKeyboardInteractiveWhenThatIsHowTheServerAsks() throws IOException {
        int port = start(UserAuthKeyboardInteractiveFactory.INSTANCE);
        try (SshConnection c = login(port, PASSWORD)) {
            assertEquals("ok", c.exec("echo ok", null, false).stdout().strip());
        }
        assertTrue(attempts.get() >= 1, "the server checked the password");
    }

    @Test
    void aWrongPasswordIsALoginFailureThatSaysSo() throws IOException {
        int port = start(UserAuthPasswordFactory.INSTANCE);
        IOException e = assertThrows(IOException.class, () -> login(port, "wrong").close());
        assertTrue(e.getMessage().startsWith("SSH login to " + USER + "@127.0.0.1:" + port + " failed"), e.getMessage());
        assertTrue(!e.getMessage().contains("wrong"), "the password is not echoed: " + e.getMessage());
    }
}
