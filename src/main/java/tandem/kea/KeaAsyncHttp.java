package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;

/**
 * Kea commands over Apache HttpClient 5's non-blocking I/O reactor: a request in flight holds a connection and a
 * selector registration, never a thread. One reactor (one or two I/O threads) serves every agent; the pool keeps
 * at most {@code perRoute} keep-alive connections per agent (Kea's agent answers one request per connection at a
 * time, so two lets status-get and ha-heartbeat travel together). Answers are classified exactly as the OkHttp
 * client does, by {@link KeaControlAgentClient#interpret}.
 * <p>
 * Per-endpoint trust anchors and proxies, which HttpClient configures per client, are chosen per target host here
 * (a TLS strategy and a route planner keyed by host and port), so one reactor serves them all.
 */
public final class KeaAsyncHttp implements AutoCloseable {
    private static final String PROXY_ATTRIBUTE = "tandem.kea.proxy";

    private final KeaControlAgentClient classifier;
    private final CloseableHttpAsyncClient http;
    private final PoolingAsyncClientConnectionManager pool;
    private final ConcurrentMap<String, TlsStrategy> tlsByAuthority = new ConcurrentHashMap<>();
    private final TlsStrategy platformTls = ClientTlsStrategyBuilder.create().useSystemProperties().build();
    private volatile boolean closed;
    private final java.util.concurrent.ScheduledThreadPoolExecutor timers = timers();

    private static java.util.concurrent.ScheduledThreadPoolExecutor timers() {
        var t = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "kea-call-timeouts");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
    /**
     * Requests in flight at once. Started all together, thousands of requests would start their timeouts together
     * while a cold reactor is still connecting the first ones; queued ones start their clock when they go out, as
     * OkHttp's call timeout does.
     */
    private final int maxInFlight;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.Queue<Runnable> waiting = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * @param classifier turns HTTP answers into Kea replies (and writes request bodies); not used for I/O
     * @param ioThreads  I/O reactor threads (1 or 2 suffice for thousands of agents)
     * @param perRoute   keep-alive connections per agent
     */
    public KeaAsyncHttp(KeaControlAgentClient classifier, int ioThreads, int perRoute, int maxInFlight) {
        this.classifier = Objects.requireNonNull(classifier);
        if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be positive: " + maxInFlight);
        this.maxInFlight = maxInFlight;
        TlsStrategy byHost = new TlsStrategy() {
            @Override
            public boolean upgrade(TransportSecurityLayer session, HttpHost host, SocketAddress local,
                                   SocketAddress remote, Object attachment, Timeout handshakeTimeout) {
                return tlsByAuthority.getOrDefault(host.toHostString(), platformTls)
                        .upgrade(session, host, local, remote, attachment, handshakeTimeout);
            }
        };
        pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(perRoute)
                // the strict pool keeps one global list of idle connections and removes from it by a linear search
                // on every lease (O(agents) per request); the lax pool keeps them per route and has no global cap
                .setPoolConcurrencyPolicy(org.apache.hc.core5.pool.PoolConcurrencyPolicy.LAX)
                .setTlsStrategy(byHost)
                .build();
        http = HttpAsyncClients.custom()
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(ioThreads).build())
                // Kea's agent speaks HTTP/1.1 only; small session buffers: thousands of idle keep-alive connections
                .setVersionPolicy(org.apache.hc.core5.http2.HttpVersionPolicy.FORCE_HTTP_1)
                .setHttp1Config(org.apache.hc.core5.http.config.Http1Config.custom().setBufferSize(4096).build())
                .setConnectionManager(pool)
                .setRoutePlanner((target, context) -> {
                    HttpHost proxy = context == null ? null : (HttpHost) context.getAttribute(PROXY_ATTRIBUTE);
                    boolean secure = "https".equalsIgnoreCase(target.getSchemeName());
                    return proxy == null ? new HttpRoute(target, null, secure)
                            : new HttpRoute(target, null, proxy, secure);
                })
                .setThreadFactory(r -> {
                    Thread t = new Thread(r, "kea-io");
                    t.setDaemon(true);
                    return t;
                })
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        http.start();
    }

    /** As {@link KeaControlAgentClient#sendAsync}: always completes normally; it completes on an I/O thread. */
    public CompletableFuture<KeaReply> sendAsync(KeaEndpoint ep, String command, String service, JsonNode arguments) {
        if (closed) throw new IllegalStateException("KeaAsyncHttp is closed");
        if (ep.trustAnchorPem() != null) {
            try {
                registerTrustAnchor(ep);
            } catch (GeneralSecurityException | RuntimeException e) {
                return CompletableFuture.completedFuture(new KeaReply.Failure(KeaFailure.TLS,
                        "The trust anchor configured for " + ep.url() + " is not usable: " + e.getMessage(),
                        KeaTransportFailures.describe(e)));
            }
        }
        Timeout timeout = Timeout.of(ep.timeout().toMillis(), TimeUnit.MILLISECONDS);
        SimpleRequestBuilder b = SimpleRequestBuilder.post(ep.url())
                .setBody(classifier.requestBody(command, service, arguments), ContentType.APPLICATION_JSON);
        if (ep.username() != null) {
            String pair = ep.username() + ":" + (ep.password() == null ? "" : ep.password());
            b.setHeader("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        SimpleHttpRequest request = b.build();
        request.setConfig(RequestConfig.custom().setConnectTimeout(timeout).setResponseTimeout(timeout)
                .setConnectionRequestTimeout(timeout).setRedirectsEnabled(false).build());
        HttpClientContext context = HttpClientContext.create();
        if (ep.proxy() != null) {
            context.setAttribute(PROXY_ATTRIBUTE, new HttpHost(ep.proxy().getScheme(), ep.proxy().getHost(),
                    ep.proxy().getPort()));
            if (ep.proxy().getRawUserInfo() != null) {
                // sent pre-emptively: the proxy is ours, and a 407 round trip would cost a second request
                String[] up = ep.proxy().getRawUserInfo().split(":", 2);
                String pair = URLDecoder.decode(up[0], StandardCharsets.UTF_8) + ":"
                        + (up.length > 1 ? URLDecoder.decode(up[1], StandardCharsets.UTF_8) : "");
                request.setHeader("Proxy-Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
        }
        CompletableFuture<KeaReply> result = new CompletableFuture<>();
        waiting.add(() -> start(ep, command, service, request, context, result));
        drain();
        return result;
    }

    private void drain() {
        for (;;) {
            int n = inFlight.get();
            if (n >= maxInFlight || waiting.isEmpty()) return;
            if (!inFlight.compareAndSet(n, n + 1)) continue;
            Runnable next = waiting.poll();
            if (next == null) {
                inFlight.decrementAndGet();
                continue;
            }
            next.run();
        }
    }

    private void start(KeaEndpoint ep, String command, String service, SimpleHttpRequest request,
                       HttpClientContext context, CompletableFuture<KeaReply> result) {
        result.whenComplete((r, e) -> {
            inFlight.decrementAndGet();
            drain();
        });
        if (closed) {
            result.complete(KeaTransportFailures.classify(ep, new java.io.InterruptedIOException("closed"), true));
            return;
        }
        Future<SimpleHttpResponse> call = http.execute(SimpleRequestProducer.create(request),
                SimpleResponseConsumer.create(), null, context, new FutureCallback<>() {
                    @Override
                    public void completed(SimpleHttpResponse r) {
                        String status = "HTTP " + r.getCode()
                                + (r.getReasonPhrase() == null || r.getReasonPhrase().isEmpty() ? "" : " " + r.getReasonPhrase());
                        byte[] body = r.getBodyBytes();
                        // TODO(production): a bounded consumer that stops reading at the limit, as the OkHttp path does
                        if (body != null && body.length > classifier.maxReplyBytes()) {
                            result.complete(classifier.tooLarge(ep, command, status, body.length + " bytes"));
                            return;
                        }
                        try {
                            result.complete(classifier.interpret(ep, command, service, r.getCode(), status,
                                    body == null ? "" : new String(body, StandardCharsets.UTF_8)));
                        } catch (RuntimeException e) {
                            result.complete(new KeaReply.Failure(KeaFailure.PROTOCOL, "The answer from " + ep.url()
                                    + " could not be read", KeaTransportFailures.describe(e)));
                        }
                    }

                    @Override
                    public void failed(Exception e) {
                        IOException io = e instanceof IOException x ? x : new IOException(e.getMessage(), e);
                        result.complete(KeaTransportFailures.classify(ep, io, closed));
                    }

                    @Override
                    public void cancelled() {
                        result.complete(KeaTransportFailures.classify(ep, new java.net.SocketTimeoutException(
                                "call timeout " + ep.timeout()), closed));
                    }
                });
        // the whole call within the endpoint's timeout from when it goes out, like OkHttp's call timeout; the timer
        // is removed when the answer comes, or thousands of pending timers would keep every exchange reachable
        java.util.concurrent.ScheduledFuture<?> timer = timers.schedule(() -> call.cancel(true),
                ep.timeout().toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((r, e) -> timer.cancel(false));
    }

    private void registerTrustAnchor(KeaEndpoint ep) throws GeneralSecurityException {
        String authority = ep.url().getHost() + ":" + (ep.url().getPort() >= 0 ? ep.url().getPort() : 443);
        if (tlsByAuthority.containsKey(authority)) return;
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{KeaControlAgentClient.trustManager(ep.trustAnchorPem())}, null);
        tlsByAuthority.putIfAbsent(authority, ClientTlsStrategyBuilder.create().setSslContext(context).build());
    }

    /** Connections open or leased, for the benchmark. */
    public int connections() {
        var s = pool.getTotalStats();
        return s.getAvailable() + s.getLeased();
    }

    @Override
    public void close() {
        closed = true;
        http.close(CloseMode.IMMEDIATE);
        timers.shutdownNow();
    }
}
