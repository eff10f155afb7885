package tandem.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Many Kea Control Agent look-alikes on 127.0.0.1, one port each, served by a single NIO thread so the simulator
 * costs the benchmark as little as possible. Each answers status-get as a load-balancing primary or secondary
 * and ha-heartbeat with the current time, over keep-alive HTTP/1.1 like Kea's agent.
 */
final class SimulatedControlAgents implements AutoCloseable {
    private final Selector selector;
    private final List<ServerSocketChannel> servers = new ArrayList<>();
    /** With -Dtandem.bench.shared-port=true: one listener on 0.0.0.0, agent i at 127.1.x.y (saves a descriptor each). */
    private static final boolean SHARED = Boolean.getBoolean("tandem.bench.shared-port");
    private final int count;
    private final Thread loop;
    private volatile boolean running = true;

    SimulatedControlAgents(int count) throws IOException {
        selector = Selector.open();
        this.count = count;
        for (int i = 0; i < (SHARED ? 1 : count); i++) {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(SHARED ? "0.0.0.0" : "127.0.0.1", 0), SHARED ? 4096 : 128);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT, i % 2 == 0 ? "primary" : "secondary");
            servers.add(server);
        }
        loop = new Thread(this::serve, "simulated-agents");
        loop.setDaemon(true);
        loop.start();
    }

    int port(int i) {
        return ((InetSocketAddress) servers.get(SHARED ? 0 : i).socket().getLocalSocketAddress()).getPort();
    }

    String host(int i) { return SHARED ? "127.1." + (i >> 8) + "." + (i & 255) : "127.0.0.1"; }

    private static String roleOf(SocketChannel ch) throws IOException {
        byte[] a = ((InetSocketAddress) ch.getLocalAddress()).getAddress().getAddress();
        return (a[3] & 1) == 0 ? "primary" : "secondary";
    }

    private static final class Connection {
        final String role;
        // Kea requests here are ~200 bytes; a small buffer keeps the simulator out of the client's heap figures
        final ByteBuffer in = ByteBuffer.allocate(2 * 1024);
        ByteBuffer out;

        Connection(String role) { this.role = role; }
    }

    private void serve() {
        while (running) {
            try {
                selector.select(200);
                var it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    try {
                        if (!key.isValid()) continue;
                        if (key.isAcceptable()) accept(key);
                        else if (key.isReadable()) read(key);
                        else if (key.isWritable()) write(key);
                    } catch (IOException e) {
                        key.channel().close();
                    }
                }
            } catch (IOException e) {
                if (running) throw new IllegalStateException(e);
            }
        }
    }

    private void accept(SelectionKey key) throws IOException {
        SocketChannel ch = ((ServerSocketChannel) key.channel()).accept();
        if (ch == null) return;
        // a shared listener may have many connections waiting: take them all
        for (SocketChannel more; SHARED && (more = ((ServerSocketChannel) key.channel()).accept()) != null; ) {
            more.configureBlocking(false);
            more.register(selector, SelectionKey.OP_READ, new Connection(roleOf(more)));
        }
        ch.configureBlocking(false);
        ch.register(selector, SelectionKey.OP_READ, new Connection(SHARED ? roleOf(ch) : (String) key.attachment()));
    }

    private void read(SelectionKey key) throws IOException {
        SocketChannel ch = (SocketChannel) key.channel();
        Connection c = (Connection) key.attachment();
        if (ch.read(c.in) < 0) {
            ch.close();
            return;
        }
        String text = new String(c.in.array(), 0, c.in.position(), StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0) return;
        int length = 0;
        for (String line : text.substring(0, headerEnd).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        if (text.length() < headerEnd + 4 + length) return;
        String body = text.substring(headerEnd + 4, headerEnd + 4 + length);
        c.in.clear();
        String reply = body.contains("ha-heartbeat") ? heartbeat() : status(c.role);
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        c.out = ByteBuffer.allocate(head.length() + bytes.length);
        c.out.put(head.getBytes(StandardCharsets.ISO_8859_1)).put(bytes).flip();
        write(key);
    }

    private void write(SelectionKey key) throws IOException {
        Connection c = (Connection) key.attachment();
        ((SocketChannel) key.channel()).write(c.out);
        key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private static String status(String role) {
        String partner = role.equals("primary") ? "secondary" : "primary";
        return "[{\"result\":0,\"arguments\":{\"pid\":1,\"uptime\":100,\"reload\":100,\"multi-threading-enabled\":false,"
                + "\"high-availability\":[{\"ha-mode\":\"load-balancing\",\"ha-servers\":{\"local\":{\"role\":\"" + role
                + "\",\"scopes\":[\"a\"],\"state\":\"load-balancing\"},\"remote\":{\"role\":\"" + partner
                + "\",\"last-state\":\"load-balancing\",\"last-scopes\":[\"b\"],\"age\":0,\"in-touch\":true,"
                + "\"communication-interrupted\":false,\"connecting-clients\":0,\"unacked-clients\":0,"
                + "\"unacked-clients-left\":0,\"analyzed-packets\":0}}}]}}]";
    }

    private static String heartbeat() {
        String now = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
        return "[{\"result\":0,\"text\":\"HA peer status returned.\",\"arguments\":{\"date-time\":\"" + now
                + "\",\"scopes\":[\"a\"],\"state\":\"load-balancing\",\"unsent-update-count\":0}}]";
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey k : selector.keys()) k.channel().close();
        selector.close();
    }
}
