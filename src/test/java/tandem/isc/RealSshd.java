package tandem.isc;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import tandem.ssh.SshSettings;
import tandem.ssh.SshTarget;

/**
 * A real OpenSSH server on 127.0.0.1 with its own host keys, authorized key and configuration in a temporary
 * folder, started by the test and stopped by its PID. It logs in the user running the tests (root in CI).
 */
public final class RealSshd implements AutoCloseable {
    final Path dir;
    final int port;
    final Path clientKey;
    final String user = System.getProperty("user.name");
    private final Process process;

    private RealSshd(Path dir, int port, Path clientKey, Process process) {
        this.dir = dir;
        this.port = port;
        this.clientKey = clientKey;
        this.process = process;
    }

    public static RealSshd start(Path dir) throws Exception {
        Path sshd = Path.of("/usr/sbin/sshd");
        if (!Files.isExecutable(sshd)) fail("sshd is not installed: install Debian's openssh-server (src/test/run-all.sh does)");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_ed25519").toString());
        run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", dir.resolve("host_ecdsa").toString());
        Path clientKey = dir.resolve("client_key");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", clientKey.toString());
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        // sshd needs its privilege separation folder (made by the package's service on a normal install)
        Files.createDirectories(Path.of("/run/sshd"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "HostKey " + dir.resolve("host_ed25519"),
                "HostKey " + dir.resolve("host_ecdsa"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "AllowTcpForwarding yes",
                "LogLevel ERROR", ""));
        Process p = new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", config.toString(), "-p", String.valueOf(port),
                "-o", "ListenAddress=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        RealSshd server = new RealSshd(dir, port, clientKey, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("sshd stopped at once: " + Files.readString(dir.resolve("sshd.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        server.close();
        fail("sshd did not listen on 127.0.0.1:" + port + " within 10 s: " + Files.readString(dir.resolve("sshd.log")));
        return null;
    }

    /** The processes sshd started for the logins open now (each login's own sshd and what runs under it). */
    java.util.List<ProcessHandle> sessions() { return process.descendants().filter(ProcessHandle::isAlive).toList(); }

    /** Ends every open login from the server's side, as an administrator killing them or a server restart would. */
    void killSessions() throws InterruptedException {
        // only processes under the sshd this test started, by their PIDs
        for (ProcessHandle p : process.descendants().toList()) p.destroyForcibly();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!sessions().isEmpty()) {
            if (System.nanoTime() > deadline) fail("sshd's sessions did not end within 10 s");
            Thread.sleep(20);
        }
    }

    SshTarget target() { return new SshTarget(user, "127.0.0.1", port); }

    public SshSettings settings() { return new SshSettings(target(), clientKey, null, null, false); }

    /** SHA256 fingerprints of the server's host keys (the client picks one of them). */
    java.util.List<String> hostFingerprints() throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String k : java.util.List.of("host_ed25519.pub", "host_ecdsa.pub")) {
            out.add(run("ssh-keygen", "-l", "-E", "sha256", "-f", dir.resolve(k).toString()).split(" ")[1]);
        }
        return out;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) fail(String.join(" ", cmd) + " failed: " + out);
        return out;
    }

    @Override
    public void close() throws Exception {
        // only the sshd this test started, by its PID; its session children end with their connections
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
