package tandem.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A TLS-terminating proxy on 127.0.0.1 in front of a plain-HTTP control endpoint, as an administrator puts one in
 * front of a Kea Control Agent: the console reaches the server over https, yet the server's own configuration names
 * no TLS file. Its certificate is self-signed for 127.0.0.1 (made with the JDK's keytool); {@link #certificatePem()}
 * is what the console trusts.
 */
public final class TlsProxy implements AutoCloseable {
    private final ServerSocket server;
    private final Path pem;
    private final List<Socket> open = new ArrayList<>();
    private final Thread acceptor;

    private TlsProxy(ServerSocket server, Path pem, int targetPort) {
        this.server = server;
        this.pem = pem;
        this.acceptor = new Thread(() -> accept(targetPort), "tls-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy from a free port to {@code target} (http://127.0.0.1:PORT/); its files go to {@code dir}. */
    public static TlsProxy start(URI target, Path dir) {
        try {
            Files.createDirectories(dir);
            Path store = dir.resolve("proxy.p12");
            // a throwaway store for a throwaway key: the password only guards this test's own file
            char[] pass = HexFormat.of().formatHex(new SecureRandom().generateSeed(12)).toCharArray();
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            run(keytool.toString(), "-genkeypair", "-alias", "proxy", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=Tandem test TLS proxy", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(pass));
            Path pem = dir.resolve("proxy.pem");
            run(keytool.toString(), "-exportcert", "-rfc", "-alias", "proxy", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", new String(pass), "-file", pem.toString());
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, pass);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pass);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            ServerSocket socket = tls.getServerSocketFactory().createServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new TlsProxy(socket, pem, target.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the TLS proxy", e);
        }
    }

    /** The proxy's own URL: https://127.0.0.1:PORT/. */
    public URI url() {
        return URI.create("https://127.0.0.1:" + server.getLocalPort() + "/");
    }

    /** The file holding the proxy's certificate (PEM), for {@code --trust-anchor}. */
    public Path certificateFile() {
        return pem;
    }

    public String certificatePem() {
        try {
            return Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(int targetPort) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                synchronized (open) {
                    open.add(client);
                    open.add(upstream);
                }
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // closed, or one connection failed: the next accept decides
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the other side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tls-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        closeQuietly(server);
        synchronized (open) {
            open.forEach(TlsProxy::closeQuietly);
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command[0] + " did not finish within 60 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) throw new IOException(String.join(" ", command[0], command[1]) + " failed: " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }
}
