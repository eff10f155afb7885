package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Kea commands over Apache HttpClient 5's non-blocking I/O reactor, for the status poll: a request in flight holds a
 * connection and a selector registration, never a thread. One reactor serves every agent, with a keep-alive pool
 * per agent. Answers are read up to the reply limit and classified exactly as the OkHttp client does, by
 * {@link KeaControlAgentClient#interpret} and {@link KeaTransportFailures#classify}.
 * <p>
 * Per-endpoint trust anchors and proxies, which HttpClient configures per client, are chosen per target here (a TLS
 * strategy keyed by host and port, a route planner reading the request's context), so one reactor serves them all.
 * The future of {@link #sendAsync} completes on an I/O or timer thread: dependent stages must not block.
 */
public final class KeaAsyncHttp implements AutoCloseable {

    /** I/O threads: one selector keeps up with thousands of agents; a second uses the other core for TLS. */
    public static final int DEFAULT_IO_THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    /**
     * Keep-alive connections per agent. A Kea agent answers one request per connection at a time, so a poll's two
     * requests (status-get, ha-heartbeat) follow each other on one; two each would let them travel together but need
     * 20,000 sockets for 10,000 agents, past many desktops' open-file limit, and a console that hit it completed no
     * poll cycle at all.
     */
    public static final int DEFAULT_CONNECTIONS_PER_AGENT = 1;
    /**
     * Requests in flight at once. Thousands started together would open thousands of connections at once and share
     * the reactor while their timeouts run; 256 keeps a cycle of 10,000 agents busy without that, and the rest wait
     * in a queue whose time does not count against their timeout.
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 256;

    private static final String PROXY_ATTRIBUTE = "tandem.kea.proxy";
    /** As the OkHttp client sends it: without a charset parameter (JSON is UTF-8). */
    private static final ContentType JSON = ContentType.create("application/json", (java.nio.charset.Charset) null);

    /**
     * HttpClient's header and wire logs print every request header, Authorization and Proxy-Authorization (base64
     * of the password) included: they stay off whatever the logging configuration says.
     */
    static final List<String> SECRET_BEARING_LOGGERS = List.of("org.apache.hc.client5.http.headers",
            "org.apache.hc.client5.http.wire");

    static {
        for (String name : SECRET_BEARING_LOGGERS) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logback) {
                logback.setLevel(ch.qos.logback.classic.Level.OFF);
            }
        }
    }

    private final KeaControlAgentClient classifier;
    private final CloseableHttpAsyncClient http;
    private final PoolingAsyncClientConnectionManager pool;
    private final ConcurrentMap<String, TlsStrategy> tlsByAuthority = new ConcurrentHashMap<>();
    private final TlsStrategy platformTls = tls(ClientTlsStrategyBuilder.create().useSystemProperties());
    private final ScheduledThreadPoolExecutor timers;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger draining = new AtomicInteger();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    /** How to abort each request out: cancelling its exchange. */
    private final java.util.Set<Runnable> outstanding = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** With the defaults above. */
    public KeaAsyncHttp(KeaControlAgentClient classifier) {
        this(classifier, DEFAULT_IO_THREADS, DEFAULT_CONNECTIONS_PER_AGENT, DEFAULT_MAX_IN_FLIGHT);
    }

    /**
     * @param classifier  turns HTTP answers into Kea replies, writes request bodies and sets the reply limit; its
     *                    own connections are not used
     * @param ioThreads   I/O reactor threads
     * @param perAgent    keep-alive connections per agent
     * @param maxInFlight requests sent at once; more wait, their timeout not yet running
     */
    public KeaAsyncHttp(KeaControlAgentClient classifier, int ioThreads, int perAgent, int maxInFlight) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        if (ioThreads < 1 || perAgent < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("ioThreads, perAgent and maxInFlight must be positive: "
                    + ioThreads + ", " + perAgent + ", " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.timers = new ScheduledThreadPoolExecutor(1, daemon("kea-poll-timeouts"));
        // or every answered request would leave its cancelled timer in the queue until it was due
        timers.setRemoveOnCancelPolicy(true);
        TlsStrategy byAuthority = new TlsStrategy() {
            @Override
            public void upgrade(TransportSecurityLayer session, NamedEndpoint endpoint, Object attachment,
                                Timeout handshakeTimeout, FutureCallback<TransportSecurityLayer> callback) {
                strategyFor(endpoint).upgrade(session, endpoint, attachment, handshakeTimeout, callback);
            }

            @Deprecated
            @Override
            public boolean upgrade(TransportSecurityLayer session, HttpHost host, SocketAddress local,
                                   SocketAddress remote, Object attachment, Timeout handshakeTimeout) {
                return strategyFor(host).upgrade(session, host, local, remote, attachment, handshakeTimeout);
            }
        };
        pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(perAgent)
                // the strict pool keeps one list of idle connections for all agents and searches it on every lease;
                // the lax one keeps them per agent (and has no overall cap, which maxInFlight provides)
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                // an agent closes idle connections: check one that sat for a while before sending on it
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1)).build())
                .setTlsStrategy(byAuthority)
                .build();
        http = HttpAsyncClients.custom()
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(ioThreads).build())
                // Kea speaks HTTP/1.1 only; small session buffers, as thousands of idle connections each have one
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .setHttp1Config(Http1Config.custom().setBufferSize(4096).build())
                .setConnectionManager(pool)
                .setRoutePlanner((target, context) -> {
                    HttpHost proxy = context == null ? null : (HttpHost) context.getAttribute(PROXY_ATTRIBUTE);
                    boolean secure = "https".equalsIgnoreCase(target.getSchemeName());
                    return proxy == null ? new HttpRoute(target, null, secure)
                            : new HttpRoute(target, null, proxy, secure);
                })
                .setThreadFactory(daemon("kea-poll-io"))
                .disableRedirectHandling()
                // Kea answers uncompressed; asking for gzip only cost a header per request
                .disableContentCompression()
                // a command is not repeated behind the caller's back: it may have been carried out
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                .build();
        http.start();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            // daemon: a transport someone forgot to close must not keep the console's JVM alive
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static TlsStrategy tls(ClientTlsStrategyBuilder b) {
        // the client's own host name check: a mismatch is then an SSLPeerUnverifiedException, worded as OkHttp's is
        return b.setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                .setHostnameVerifier(new DefaultHostnameVerifier()).buildAsync();
    }

    private TlsStrategy strategyFor(NamedEndpoint endpoint) {
        return tlsByAuthority.getOrDefault(authority(endpoint.getHostName(), endpoint.getPort()), platformTls);
    }

    private static String authority(String host, int port) {
        return host + ":" + (port >= 0 ? port : 443);
    }

    /**
     * Sends one command; as {@link KeaControlAgentClient#sendAsync} the future always completes normally, with a
     * failure when nothing usable came back, at the latest the endpoint's timeout after the request was sent.
     */
    public CompletableFuture<KeaReply> sendAsync(KeaEndpoint ep, String command, String service, JsonNode arguments) {
        Objects.requireNonNull(ep, "endpoint");
        Objects.requireNonNull(command, "command");
        if (closed) throw new IllegalStateException("KeaAsyncHttp is closed");
        if (ep.trustAnchorPem() != null) {
            try {
                registerTrustAnchor(ep);
            } catch (GeneralSecurityException | RuntimeException e) {
                return CompletableFuture.completedFuture(new KeaReply.Failure(KeaFailure.TLS,
                        "The trust anchor configured for " + ep.url() + " is not usable: " + e.getMessage(),
                        KeaTransportFailures.describe(e.getCause() == null ? e : e.getCause())));
            }
        }
        byte[] body = classifier.requestBody(command, service, arguments);
        CompletableFuture<KeaReply> result = new CompletableFuture<>();
        waiting.add(() -> start(ep, command, service, body, result));
        drain();
        return result;
    }

    /** Starts waiting requests while fewer than maxInFlight are out; one thread at a time, without recursion. */
    private void drain() {
        if (draining.getAndIncrement() != 0) return;
        do {
            while (inFlight.get() < maxInFlight) {
                Runnable next = waiting.poll();
                if (next == null) break;
                inFlight.incrementAndGet();
                next.run();
            }
        } while (draining.decrementAndGet() != 0);
    }

    private void start(KeaEndpoint ep, String command, String service, byte[] body, CompletableFuture<KeaReply> result) {
        result.whenComplete((r, e) -> {
            inFlight.decrementAndGet();
            drain();
        });
        if (closed) {
            result.complete(KeaTransportFailures.classify(ep, new InterruptedIOException("closed"), true));
            return;
        }
        Timeout timeout = Timeout.ofMilliseconds(Math.max(1, ep.timeout().toMillis()));
        SimpleRequestBuilder b = SimpleRequestBuilder.post(ep.url()).setBody(body, JSON);
        if (ep.username() != null) {
            String pair = ep.username() + ":" + (ep.password() == null ? "" : ep.password());
            b.setHeader("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        b.setRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(timeout).setResponseTimeout(timeout)
                .setRedirectsEnabled(false).build());
        HttpClientContext context = HttpClientContext.create();
        if (ep.proxy() != null) proxy(ep.proxy(), context);
        Sent producer = new Sent(SimpleRequestProducer.create(b.build()));
        Future<KeaBoundedAnswer.Answer> call = http.execute(producer, new KeaBoundedAnswer(classifier.maxReplyBytes()),
                null, context, new FutureCallback<>() {
                    @Override
                    public void completed(KeaBoundedAnswer.Answer a) {
                        try {
                            result.complete(classifier.interpret(ep, command, service, a.code(), a.statusLine(),
                                    new String(a.body(), StandardCharsets.UTF_8)));
                        } catch (RuntimeException e) {
                            result.complete(new KeaReply.Failure(KeaFailure.PROTOCOL, "The answer from " + ep.url()
                                    + " could not be read", KeaTransportFailures.describe(e)));
                        }
                    }

                    @Override
                    public void failed(Exception e) {
                        if (e instanceof KeaBoundedAnswer.TooLarge t) {
                            result.complete(classifier.tooLarge(ep, command, t.statusLine, t.getMessage()));
                        } else {
                            result.complete(KeaTransportFailures.classify(ep, asOkHttpWouldSay(e), closed,
                                    producer.sent));
                        }
                    }

                    @Override
                    public void cancelled() {
                        result.complete(KeaTransportFailures.classify(ep,
                                new SocketTimeoutException("call timeout " + ep.timeout()), closed, producer.sent));
                    }
                });
        // the whole exchange within the endpoint's timeout from now, as OkHttp's call timeout; the timer goes when the
        // answer comes, or thousands of pending timers would keep every finished exchange reachable
        ScheduledFuture<?> timer = timers.schedule(() -> call.cancel(true), timeout.toMilliseconds(),
                TimeUnit.MILLISECONDS);
        // close() fails what is out: a reactor shutting down drops its exchanges without a word
        Runnable abort = () -> call.cancel(true);
        outstanding.add(abort);
        result.whenComplete((r, e) -> {
            timer.cancel(false);
            outstanding.remove(abort);
        });
        if (closed) abort.run();
    }

    /**
     * Routes through the proxy; its credentials answer its 407 challenge, as OkHttp's proxy authenticator does
     * (once: refused again, the 407 is the answer).
     */
    private static void proxy(URI p, HttpClientContext context) {
        HttpHost proxy = new HttpHost(p.getScheme(), p.getHost(), p.getPort());
        context.setAttribute(PROXY_ATTRIBUTE, proxy);
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        if (p.getRawUserInfo() != null) {
            String[] up = p.getRawUserInfo().split(":", 2);
            credentials.setCredentials(new AuthScope(proxy), new UsernamePasswordCredentials(
                    URLDecoder.decode(up[0], StandardCharsets.UTF_8),
                    (up.length > 1 ? URLDecoder.decode(up[1], StandardCharsets.UTF_8) : "").toCharArray()));
        }
        // set even when empty: the agent's own 401 must not be answered from anywhere else
        context.setCredentialsProvider(credentials);
    }

    /** HttpClient's words for a connection closed before the answer, in the form the classifier knows. */
    private static IOException asOkHttpWouldSay(Exception e) {
        if (e instanceof ConnectionClosedException) {
            EOFException eof = new EOFException("unexpected end of stream: " + e.getMessage());
            eof.initCause(e);
            return eof;
        }
        return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }

    private void registerTrustAnchor(KeaEndpoint ep) throws GeneralSecurityException {
        String authority = authority(ep.url().getHost(), ep.url().getPort());
        if (tlsByAuthority.containsKey(authority)) return;
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{KeaControlAgentClient.trustManager(ep.trustAnchorPem())}, null);
        tlsByAuthority.putIfAbsent(authority, tls(ClientTlsStrategyBuilder.create().setSslContext(context)));
    }

    /** Requests sent and not yet answered. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Connections open or leased, for the benchmark. */
    public int connections() {
        var s = pool.getTotalStats();
        return s.getAvailable() + s.getLeased();
    }

    /** Fails what is in flight or waiting (as cancelled), stops the reactor's and the timer's threads. */
    @Override
    public void close() {
        closed = true;
        outstanding.forEach(Runnable::run);
        // graceful: the reactor closes its sessions on its own threads (an immediate close from here races the
        // selector loop and logs errors); their exchanges fail, completing as cancelled
        http.close(CloseMode.GRACEFUL);
        timers.shutdownNow();
        drain();
    }

    /** A request producer that notes when the request's body goes out: a connection was then established. */
    private static final class Sent implements AsyncRequestProducer {
        private final AsyncRequestProducer delegate;
        volatile boolean sent;

        Sent(AsyncRequestProducer delegate) {
            this.delegate = delegate;
        }

        /** Called first of all, to hand the request to the execution chain: before any connection. */
        @Override
        public void sendRequest(RequestChannel channel, HttpContext context)
                throws org.apache.hc.core5.http.HttpException, IOException {
            delegate.sendRequest(channel, context);
        }

        @Override public boolean isRepeatable() { return delegate.isRepeatable(); }

        @Override public void failed(Exception cause) { delegate.failed(cause); }

        @Override public int available() { return delegate.available(); }

        /** Writes the body onto the established connection (after the TLS handshake, after a proxy's tunnel). */
        @Override
        public void produce(DataStreamChannel channel) throws IOException {
            sent = true;
            delegate.produce(channel);
        }

        @Override public void releaseResources() { delegate.releaseResources(); }
    }
}
