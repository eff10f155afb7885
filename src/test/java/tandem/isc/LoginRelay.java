package tandem.isc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Relays loopback TCP connections to an SSH server and counts them: each SSH login is one connection. Its target
 * can change (another server, with other host keys, at the same address), and the connections open now can be made
 * to hang (nothing passes any more, nobody closes: a dead network path that TCP has not noticed yet).
 */
final class LoginRelay implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<AtomicBoolean> flowing = new CopyOnWriteArrayList<>();
    private volatile int target;
    private final java.time.Duration delay;

    LoginRelay(int target) throws IOException { this(target, java.time.Duration.ZERO); }

    /** Each connection reaches the server only after {@code delay}: a slow network or a slow sshd. */
    LoginRelay(int target, java.time.Duration delay) throws IOException {
        this.target = target;
        this.delay = delay;
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    connections.incrementAndGet();
                    open.add(client);
                    Thread.sleep(delay.toMillis());
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), this.target);
                    open.add(server);
                    AtomicBoolean flows = new AtomicBoolean(true);
                    flowing.add(flows);
                    pipe(client.getInputStream(), server.getOutputStream(), flows);
                    pipe(server.getInputStream(), client.getOutputStream(), flows);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }, "login-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() { return socket.getLocalPort(); }

    /** How many connections (logins) came through. */
    int connections() { return connections.get(); }

    /** New connections go to {@code port} from now on. */
    void retarget(int port) { this.target = port; }

    /** The connections open now stop passing anything, in both directions, and stay open. */
    void hangOpenConnections() { for (AtomicBoolean f : flowing) f.set(false); }

    private static void pipe(InputStream in, OutputStream out, AtomicBoolean flows) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (in; out) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (!flows.get()) continue; // swallowed: the path is dead
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            }
        }, "login-relay-pipe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) s.close();
    }
}
