package tandem.kea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What only the poll's transport has: a bound on requests in flight whose queue does not eat their timeouts, its own
 * named daemon threads that close() stops, and logs without secrets. Against a real socket server that answers late.
 */
class KeaAsyncHttpTest {
    private static final String OK = "[{\"result\":0,\"arguments\":{\"pid\":1}}]";

    private SlowAgent agent;
    private KeaControlAgentClient classifier;
    private KeaAsyncHttp http;

    @BeforeEach
    void start() throws IOException {
        agent = new SlowAgent();
        classifier = new KeaControlAgentClient();
    }

    @AfterEach
    void stop() throws IOException {
        if (http != null) http.close();
        classifier.close();
        agent.close();
    }

    private KeaEndpoint endpoint(Duration timeout) {
        return KeaEndpoint.of("http://127.0.0.1:" + agent.port() + "/").withTimeout(timeout);
    }

    @Test
    void atMostMaxInFlightAreSentAndAQueuedRequestsTimeoutStartsWhenItIsSent() throws Exception {
        agent.delayMillis = 300;
        // eight connections allowed to the one agent: only the in-flight bound can hold them to two
        http = new KeaAsyncHttp(classifier, 1, 8, 2);
        long t0 = System.nanoTime();
        List<CompletableFuture<KeaReply>> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) replies.add(status(endpoint(Duration.ofMillis(1500))));
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;

        for (CompletableFuture<KeaReply> r : replies) assertInstanceOf(KeaReply.Success.class, r.get(), r.get()::toString);
        assertEquals(12, agent.answered.get());
        assertEquals(2, agent.maxConcurrent.get(), "requests the agent held at once");
        // six rounds of 300 ms: the last requests waited longer than their 1.5 s timeout, which ran only once sent
        assertTrue(elapsedMs >= 1700, "took " + elapsedMs + " ms");
        assertEquals(0, http.inFlight());
    }

    @Test
    void aSentRequestStillTimesOutAndTheOneQueuedBehindItIsAnswered() throws Exception {
        agent.delayMillis = 5_000;
        http = new KeaAsyncHttp(classifier, 1, 2, 1);
        KeaEndpoint ep = endpoint(Duration.ofMillis(400));
        long t0 = System.nanoTime();
        CompletableFuture<KeaReply> silent = status(ep);
        CompletableFuture<KeaReply> queued = status(ep);
        Thread.sleep(100);
        agent.delayMillis = 0;

        KeaReply.Failure f = assertInstanceOf(KeaReply.Failure.class, silent.get(5, TimeUnit.SECONDS));
        assertEquals(KeaFailure.UNREACHABLE, f.kind());
        assertEquals("The Control Agent at " + ep.authority() + " accepts connections but sent no answer within "
                + "400 ms; an agent stays silent while the DHCPv4 server it forwards to is hung or busy", f.message());
        assertInstanceOf(KeaReply.Success.class, queued.get(5, TimeUnit.SECONDS));
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(elapsedMs < 3000, "took " + elapsedMs + " ms");
    }

    @Test
    void itsThreadsAreNamedDaemonsAndCloseStopsThemAndAnswersWhatWasWaiting() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        agent.delayMillis = 10_000;
        http = new KeaAsyncHttp(classifier, 2, 2, 1);
        CompletableFuture<KeaReply> sent = status(endpoint(Duration.ofSeconds(20)));
        CompletableFuture<KeaReply> waiting = status(endpoint(Duration.ofSeconds(20)));
        agent.awaitRequests(1);

        List<Thread> added = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                .filter(t -> !t.getName().startsWith("slow-agent")).toList();
        assertFalse(added.isEmpty());
        for (Thread t : added) {
            assertTrue(t.getName().startsWith("kea-poll-io-") || t.getName().startsWith("kea-poll-timeouts-"),
                    t.getName());
            assertTrue(t.isDaemon(), t.getName() + " is not a daemon");
        }

        long t0 = System.nanoTime();
        http.close();
        for (CompletableFuture<KeaReply> r : List.of(sent, waiting)) {
            KeaReply.Failure f = assertInstanceOf(KeaReply.Failure.class, r.get(5, TimeUnit.SECONDS));
            assertEquals("The request to " + endpoint(Duration.ofSeconds(20)).url() + " was cancelled", f.message());
        }
        for (Thread t : added) {
            t.join(5_000);
            assertFalse(t.isAlive(), t.getName() + " still runs after close()");
        }
        assertTrue(agent.awaitConnectionsClosed(5_000), "the agent's connection was not closed");
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 8_000);
        assertThrows(IllegalStateException.class, () -> status(endpoint(Duration.ofSeconds(1))));
    }

    @Test
    void neitherTheAgentsNorTheProxysPasswordReachesTheLog() throws Exception {
        agent.status = "407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"";
        http = new KeaAsyncHttp(classifier);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Logger> loud = List.of((Logger) LoggerFactory.getLogger("org.apache.hc"),
                (Logger) LoggerFactory.getLogger("tandem.kea"));
        List<Level> levels = loud.stream().map(Logger::getLevel).collect(Collectors.toList());
        root.addAppender(log);
        loud.forEach(l -> l.setLevel(Level.TRACE));
        KeaReply reply;
        try {
            KeaEndpoint ep = KeaEndpoint.of("http://kea.example.test:8000/").withCredentials("admin", "agent-s3cret")
                    .withProxy(URI.create("http://squid:proxy-s3cret@127.0.0.1:" + agent.port()))
                    .withTimeout(Duration.ofSeconds(5));
            reply = status(ep).get(10, TimeUnit.SECONDS);
        } finally {
            root.detachAppender(log);
            for (int i = 0; i < loud.size(); i++) loud.get(i).setLevel(levels.get(i));
        }

        assertEquals(KeaFailure.UNREACHABLE, assertInstanceOf(KeaReply.Failure.class, reply).kind());
        assertTrue(agent.requests.stream().anyMatch(r -> r.contains("Proxy-Authorization: Basic "
                + base64("squid:proxy-s3cret"))), "the proxy got the credentials: " + agent.requests);
        List<String> lines = log.list.stream().map(e -> e.getLoggerName() + " " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("org.apache.hc")), "HttpClient logged nothing: " + lines);
        for (String secret : List.of("agent-s3cret", "proxy-s3cret", base64("admin:agent-s3cret"),
                base64("squid:proxy-s3cret"))) {
            for (String line : lines) assertFalse(line.contains(secret), line);
            assertFalse(reply.toString().contains(secret), reply::toString);
        }
    }

    private CompletableFuture<KeaReply> status(KeaEndpoint ep) {
        return http.sendAsync(ep, "status-get", KeaControlAgentClient.DHCP4, null);
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An HTTP/1.1 agent on a real socket, one thread per connection, that answers each request after a delay and
     * counts how many it holds at once.
     */
    private static final class SlowAgent implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        final AtomicInteger holding = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger received = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();
        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<Socket> connections = new CopyOnWriteArrayList<>();
        volatile long delayMillis;
        volatile String status = "200 OK";

        SlowAgent() throws IOException {
            Thread acceptor = new Thread(this::accept, "slow-agent-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.add(s);
                    open.incrementAndGet();
                    Thread t = new Thread(() -> serve(s), "slow-agent-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                while (true) {
                    String head = readHead(in);
                    if (head == null) return;
                    int length = 0;
                    for (String line : head.split("\r\n")) {
                        if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
                    }
                    in.readNBytes(length);
                    requests.add(head);
                    received.incrementAndGet();
                    int now = holding.incrementAndGet();
                    maxConcurrent.accumulateAndGet(now, Math::max);
                    long until = System.nanoTime() + delayMillis * 1_000_000;
                    // meanwhile, notice the client closing the connection
                    s.setSoTimeout(10);
                    boolean gone = false;
                    while (!gone && System.nanoTime() < until) {
                        try {
                            gone = in.read() == -1;
                        } catch (java.net.SocketTimeoutException stillThere) {
                            // waits on
                        }
                    }
                    s.setSoTimeout(0);
                    holding.decrementAndGet();
                    if (gone) return;
                    byte[] body = OK.getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
                            + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    answered.incrementAndGet();
                }
            } catch (IOException | RuntimeException e) {
                // the client went away
            } finally {
                open.decrementAndGet();
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                head.write(b);
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    return head.toString(StandardCharsets.US_ASCII);
                }
            }
            return null;
        }

        void awaitRequests(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.get() < n && System.nanoTime() < deadline) Thread.sleep(10);
            assertTrue(received.get() >= n, "the agent got " + received.get() + " requests");
        }

        boolean awaitConnectionsClosed(long millis) throws InterruptedException {
            long deadline = System.nanoTime() + millis * 1_000_000;
            while (open.get() > 0 && System.nanoTime() < deadline) Thread.sleep(10);
            return open.get() == 0;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : connections) s.close();
        }
    }
}
