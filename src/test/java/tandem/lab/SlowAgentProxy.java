package tandem.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 in front of a real Control Agent that makes one command slow, the way an overloaded
 * agent or a lossy network is: with {@link Mode#ANSWER_LATE} the command reaches Kea (which carries it out) and its
 * answer is held back; with {@link Mode#NEVER_DELIVER} the command never reaches Kea. Every other request passes
 * untouched.
 */
public final class SlowAgentProxy implements AutoCloseable {
    public enum Mode { ANSWER_LATE, NEVER_DELIVER }

    private final ServerSocket listener;
    private final InetSocketAddress agent;
    private final String command;
    private final Mode mode;
    private final Duration delay;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger slowed = new AtomicInteger();
    private final Thread acceptor;

    public SlowAgentProxy(URI agentUrl, String command, Mode mode, Duration delay) throws IOException {
        this.agent = new InetSocketAddress(agentUrl.getHost(), agentUrl.getPort());
        this.command = "\"" + command + "\"";
        this.mode = mode;
        this.delay = delay;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "slow-agent-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
    }

    /** How many requests carrying the command were slowed so far. */
    public int slowed() {
        return slowed.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket();
                upstream.connect(agent, 2_000);
                sockets.add(client);
                sockets.add(upstream);
                Connection c = new Connection(client, upstream);
                start(() -> c.pump(client, upstream, true));
                start(() -> c.pump(upstream, client, false));
            } catch (IOException e) {
                if (listener.isClosed()) return;
            }
        }
    }

    private final class Connection {
        final Socket client;
        final Socket upstream;
        volatile boolean holdAnswer;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(Socket from, Socket to, boolean request) {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (request && new String(buf, 0, n, StandardCharsets.ISO_8859_1).contains(command)) {
                        slowed.incrementAndGet();
                        if (mode == Mode.NEVER_DELIVER) {
                            Thread.sleep(delay.toMillis());
                            closeQuietly(client);
                            closeQuietly(upstream);
                            return;
                        }
                        holdAnswer = true;
                    }
                    if (!request && holdAnswer) {
                        Thread.sleep(delay.toMillis());
                        holdAnswer = false;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the client gave up (its timeout) or the relay closes
            } finally {
                closeQuietly(client);
                closeQuietly(upstream);
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "slow-agent-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) closeQuietly(s);
    }
}
