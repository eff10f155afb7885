package tandem.kea;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends commands to Kea Control Agents (Kea 2) or kea-dhcp4's own control socket (Kea 3) over HTTP(S) and
 * classifies every outcome as a {@link KeaReply}. Both take the same requests; see {@link KeaControlEndpoints}.
 * <p>
 * One instance serves the whole console: a single connection pool and dispatcher (sized to poll about a thousand
 * agents concurrently) are shared by lightweight per-endpoint clients, which are cached per distinct
 * (proxy, trust anchor, timeout) so SSL contexts are not rebuilt on every call. Calls never throw for network or
 * Kea errors; they return a {@link KeaReply.Failure}.
 */
public final class KeaControlAgentClient implements AutoCloseable {

    public static final String DHCP4 = "dhcp4";

    private static final Logger LOG = LoggerFactory.getLogger(KeaControlAgentClient.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Pattern PEM_CERTIFICATE =
            Pattern.compile("-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);

    /**
     * OkHttp looks for a pooled connection by scanning its whole pool on every call, which costs O(agents) per call
     * when a thousand agents are polled. Agents are spread over several pools (by host and port) to keep the scans
     * short; together they keep one idle keep-alive connection per polled agent.
     */
    private static final int POOL_SHARDS = 64;

    private final ConnectionPool[] pools = new ConnectionPool[POOL_SHARDS];
    private final long maxReplyBytes;
    private final OkHttpClient shared;
    private final ObjectMapper mapper;
    private final ConcurrentMap<ClientKey, OkHttpClient> derived = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** What makes two endpoints need different OkHttp clients; credentials are per request instead. */
    private record ClientKey(URI proxy, String trustAnchorPem, Duration timeout, int poolShard) {
    }

    /** The trust anchor text could not be turned into an SSL context. */
    private static final class TrustAnchorException extends RuntimeException {
        TrustAnchorException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public KeaControlAgentClient() {
        this(new ObjectMapper());
    }

    public KeaControlAgentClient(ObjectMapper mapper) {
        this(mapper, KeaReplyLimit.configured());
    }

    /** @param maxReplyBytes answers larger than this are refused with a {@link KeaFailure#PROTOCOL} failure */
    public KeaControlAgentClient(ObjectMapper mapper, long maxReplyBytes) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        if (maxReplyBytes <= 0) throw new IllegalArgumentException("maxReplyBytes must be positive: " + maxReplyBytes);
        this.maxReplyBytes = maxReplyBytes;
        // daemon threads: a client someone forgot to close must not keep the JVM alive
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "kea-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < POOL_SHARDS; i++) pools[i] = new ConnectionPool(64, 5, TimeUnit.MINUTES);
        Dispatcher dispatcher = new Dispatcher(executor);
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(256);
        this.shared = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    // ---- typed commands (all addressed to the dhcp4 daemon behind the agent) ----

    public KeaReply statusGet(KeaEndpoint ep) {
        return send(ep, "status-get", DHCP4, null);
    }

    public CompletableFuture<KeaReply> statusGetAsync(KeaEndpoint ep) {
        return sendAsync(ep, "status-get", DHCP4, null);
    }

    public KeaReply configGet(KeaEndpoint ep) {
        return send(ep, "config-get", DHCP4, null);
    }

    public KeaReply versionGet(KeaEndpoint ep) {
        return send(ep, "version-get", DHCP4, null);
    }

    public KeaReply listCommands(KeaEndpoint ep) {
        return send(ep, "list-commands", DHCP4, null);
    }

    public KeaReply haHeartbeat(KeaEndpoint ep) {
        return send(ep, "ha-heartbeat", DHCP4, null);
    }

    public CompletableFuture<KeaReply> haHeartbeatAsync(KeaEndpoint ep) {
        return sendAsync(ep, "ha-heartbeat", DHCP4, null);
    }

    // ---- generic commands ----

    /**
     * Sends one command and waits for the outcome (at most the endpoint's timeout).
     *
     * @param service   the daemon to forward to (e.g. "dhcp4"), or null for the Control Agent itself
     * @param arguments the command arguments, or null for none
     */
    public KeaReply send(KeaEndpoint ep, String command, String service, JsonNode arguments) {
        Prepared p = prepare(ep, command, service, arguments);
        if (p.failure != null) {
            return p.failure;
        }
        Call call = p.client.newCall(p.request);
        try (Response response = call.execute()) {
            return interpret(ep, command, service, response);
        } catch (IOException e) {
            return KeaTransportFailures.classify(ep, e, closed);
        }
    }

    /**
     * Sends one command without blocking the caller. The future always completes normally with a reply
     * (failures included); cancelling it cancels the HTTP call. It completes on an HTTP thread: dependent
     * stages that block should use an executor of their own ({@code thenApplyAsync(f, executor)}).
     */
    public CompletableFuture<KeaReply> sendAsync(KeaEndpoint ep, String command, String service, JsonNode arguments) {
        Prepared p = prepare(ep, command, service, arguments);
        if (p.failure != null) {
            return CompletableFuture.completedFuture(p.failure);
        }
        CompletableFuture<KeaReply> future = new CompletableFuture<>();
        Call call = p.client.newCall(p.request);
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                future.complete(KeaTransportFailures.classify(ep, e, closed));
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    future.complete(interpret(ep, command, service, response));
                } catch (IOException e) {
                    future.complete(KeaTransportFailures.classify(ep, e, closed));
                } catch (RuntimeException e) {
                    future.complete(new KeaReply.Failure(KeaFailure.PROTOCOL,
                            "The answer from " + ep.url() + " could not be read", KeaTransportFailures.describe(e)));
                }
            }
        });
        future.whenComplete((reply, error) -> {
            if (future.isCancelled()) {
                call.cancel();
            }
        });
        return future;
    }

    /** Cancels calls in flight, stops the dispatcher threads and closes pooled connections. */
    @Override
    public void close() {
        closed = true;
        shared.dispatcher().cancelAll();
        shared.dispatcher().executorService().shutdown();
        for (ConnectionPool pool : pools) pool.evictAll();
        derived.clear();
    }

    /** How many per-endpoint clients exist (one per distinct proxy, trust anchor, timeout and pool). */
    int derivedClientCount() {
        return derived.size();
    }

    // ---- request preparation ----

    private record Prepared(OkHttpClient client, Request request, KeaReply.Failure failure) {
    }

    private Prepared prepare(KeaEndpoint ep, String command, String service, JsonNode arguments) {
        Objects.requireNonNull(ep, "endpoint");
        Objects.requireNonNull(command, "command");
        if (closed) {
            throw new IllegalStateException("KeaControlAgentClient is closed");
        }
        OkHttpClient client;
        try {
            client = derived.computeIfAbsent(new ClientKey(ep.proxy(), ep.trustAnchorPem(), ep.timeout(),
                    Math.floorMod(ep.authority().hashCode(), POOL_SHARDS)), this::buildClient);
        } catch (TrustAnchorException e) {
            return new Prepared(null, null, new KeaReply.Failure(KeaFailure.TLS,
                    "The trust anchor configured for " + ep.url() + " is not usable: " + e.getMessage(),
                    KeaTransportFailures.describe(e.getCause())));
        }
        byte[] bytes = requestBody(command, service, arguments);
        Request.Builder request = new Request.Builder()
                .url(HttpUrl.get(ep.url().toString()))
                .post(RequestBody.create(bytes, JSON));
        if (ep.username() != null) {
            String password = ep.password() == null ? "" : ep.password();
            request.header("Authorization", Credentials.basic(ep.username(), password, StandardCharsets.UTF_8));
        }
        return new Prepared(client, request.build(), null);
    }

    private OkHttpClient buildClient(ClientKey key) {
        OkHttpClient.Builder b = shared.newBuilder()
                .connectionPool(pools[key.poolShard()])
                .callTimeout(key.timeout())
                // the call timeout bounds everything; the others must not cut in earlier with a vaguer error
                .connectTimeout(key.timeout())
                .readTimeout(key.timeout())
                .writeTimeout(key.timeout());
        if (key.proxy() == null) {
            // null means direct: never pick up a JVM-wide proxy setting by accident
            b.proxy(Proxy.NO_PROXY);
        } else {
            URI p = key.proxy();
            b.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(), p.getPort())));
            if (p.getRawUserInfo() != null) {
                String[] userPass = p.getRawUserInfo().split(":", 2);
                String user = URLDecoder.decode(userPass[0], StandardCharsets.UTF_8);
                String pass = userPass.length > 1 ? URLDecoder.decode(userPass[1], StandardCharsets.UTF_8) : "";
                String credential = Credentials.basic(user, pass, StandardCharsets.UTF_8);
                b.proxyAuthenticator((route, response) ->
                        response.request().header("Proxy-Authorization") != null ? null // refused once: stop
                                : response.request().newBuilder().header("Proxy-Authorization", credential).build());
            }
        }
        if (key.trustAnchorPem() != null) {
            X509TrustManager trust = trustManager(key.trustAnchorPem());
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[]{trust}, null);
                b.sslSocketFactory(context.getSocketFactory(), trust);
            } catch (GeneralSecurityException e) {
                throw new TrustAnchorException("cannot create a TLS context", e);
            }
        }
        return b.build();
    }

    /** A trust manager that trusts exactly the certificates in the PEM text. */
    static X509TrustManager trustManager(String pem) {
        Matcher m = PEM_CERTIFICATE.matcher(pem);
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
            if (certificates.isEmpty()) {
                throw new TrustAnchorException("no \"BEGIN CERTIFICATE\" block in the PEM text", null);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("anchor-" + i, certificates.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new TrustAnchorException("no X.509 trust manager available", null);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new TrustAnchorException("the PEM text is not a valid certificate", e);
        }
    }

    // ---- answer interpretation ----

    private KeaReply interpret(KeaEndpoint ep, String command, String service, Response response) throws IOException {
        int code = response.code();
        ResponseBody responseBody = response.body();
        String http = "HTTP " + code + (response.message().isEmpty() ? "" : " " + response.message());
        String body;
        try {
            body = responseBody == null ? "" : KeaReplyLimit.read(responseBody, maxReplyBytes);
        } catch (KeaReplyLimit.TooLarge e) {
            return tooLarge(ep, command, http, e.getMessage());
        }
        return interpret(ep, command, service, code, http, body);
    }

    long maxReplyBytes() { return maxReplyBytes; }

    /** The JSON request body every transport sends. */
    byte[] requestBody(String command, String service, JsonNode arguments) {
        ObjectNode body = mapper.createObjectNode();
        body.put("command", command);
        if (service != null) {
            body.putArray("service").add(service);
        }
        if (arguments != null && !arguments.isNull() && !arguments.isMissingNode()) {
            body.set("arguments", arguments);
        }
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("arguments cannot be written as JSON", e);
        }
    }

    KeaReply.Failure tooLarge(KeaEndpoint ep, String command, String http, String detail) {
        return new KeaReply.Failure(KeaFailure.PROTOCOL, "The answer from " + ep.url() + " to '" + command
                + "' is larger than " + KeaReplyLimit.describe(maxReplyBytes) + ", the limit for one Kea"
                + " answer; it was not read (raise the limit with -D" + KeaReplyLimit.PROPERTY + "=MiB)",
                http + ": " + detail);
    }

    /** Classifies an HTTP answer whatever transport fetched it; {@code http} is the status line for messages. */
    KeaReply interpret(KeaEndpoint ep, String command, String service, int code, String http, String body) {
        String agent = KeaControlEndpoints.describe(ep);

        if (code == 407) {
            return new KeaReply.Failure(KeaFailure.UNREACHABLE,
                    "The proxy " + ep.proxyAuthority() + " requires credentials that were not accepted", http);
        }
        if (ep.proxy() != null && (code == 502 || code == 503 || code == 504)) {
            return new KeaReply.Failure(KeaFailure.UNREACHABLE,
                    "The proxy " + ep.proxyAuthority() + " could not reach " + ep.authority() + " (" + http + ")",
                    http + ": " + KeaTransportFailures.abbreviate(body));
        }
        if (code == 401 || code == 403) {
            return authFailure(ep, http + ": " + KeaTransportFailures.abbreviate(body));
        }
        if (code == 400) {
            return badRequest(ep, command, http + ": " + KeaTransportFailures.abbreviate(body));
        }
        if (code < 200 || code > 299) {
            return new KeaReply.Failure(KeaFailure.PROTOCOL,
                    ep.authority() + " answered " + http + " instead of a Kea answer; check the Control Agent URL",
                    http + ": " + KeaTransportFailures.abbreviate(body));
        }

        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || root.isMissingNode()) {
            return new KeaReply.Failure(KeaFailure.PROTOCOL,
                    "The answer from " + ep.url() + " is not JSON; is this the URL of a Kea Control Agent or control socket?",
                    http + ": " + KeaTransportFailures.abbreviate(body));
        }
        // one element per service asked for; the agent answers with a bare object for auth and parse errors
        JsonNode answer = root.isArray() ? (root.size() > 0 ? root.get(0) : null) : root;
        JsonNode result = answer == null || !answer.isObject() ? null : answer.get("result");
        if (result == null || !result.canConvertToInt() || !result.isIntegralNumber()) {
            return new KeaReply.Failure(KeaFailure.PROTOCOL,
                    "The answer from " + ep.url() + " is JSON but not a Kea answer (no result code)",
                    KeaTransportFailures.abbreviate(body));
        }
        int rc = result.asInt();
        String text = KeaJson.text(answer, "text");
        String detail = "result " + rc + (text == null ? "" : ": " + text);
        String target = service == null ? agent : "The " + service + " server at " + ep.authority();
        return switch (rc) {
            case 0 -> new KeaReply.Success(0, text, KeaControlEndpoints.arguments(ep, command, answer.get("arguments")));
            case 1 -> text != null && text.toLowerCase(Locale.ROOT).contains("unable to forward command")
                    ? new KeaReply.Failure(KeaFailure.DAEMON_OFFLINE, agent + " answers, but the "
                    + (service == null ? "daemon" : service + " server") + " behind it is offline", detail)
                    : new KeaReply.Failure(KeaFailure.COMMAND_ERROR,
                    text == null ? "Kea reported an error for '" + command + "' without a reason" : text, detail);
            case 2 -> new KeaReply.Failure(KeaFailure.UNSUPPORTED, target + " does not support the command '"
                    + command + "'" + hookHint(command), detail);
            case 3 -> new KeaReply.Failure(KeaFailure.EMPTY,
                    text == null ? "Nothing found for '" + command + "'" : text, detail);
            case 4 -> new KeaReply.Failure(KeaFailure.CONFLICT,
                    text == null ? "'" + command + "' conflicts with existing data" : text, detail);
            // 5: partial failure (Kea 2.6+)
            case 5 -> new KeaReply.Failure(KeaFailure.COMMAND_ERROR,
                    text == null ? "'" + command + "' only partly succeeded" : text, detail);
            case 401, 403 -> authFailure(ep, detail);
            case 400 -> badRequest(ep, command, detail);
            default -> new KeaReply.Failure(KeaFailure.PROTOCOL,
                    "Kea at " + ep.authority() + " answered with the unknown result code " + rc, detail);
        };
    }

    private static String hookHint(String command) {
        if (command.startsWith("ha-")) {
            return " (the high-availability hook library is not loaded)";
        }
        if (command.startsWith("lease")) {
            return " (the lease_cmds hook library is not loaded)";
        }
        return "";
    }

    private static KeaReply.Failure authFailure(KeaEndpoint ep, String detail) {
        String who = KeaControlEndpoints.describe(ep);
        String message = ep.username() == null
                ? who + " requires credentials, and none are configured"
                : who + " refused the credentials for user '" + ep.username() + "'";
        return new KeaReply.Failure(KeaFailure.AUTH_FAILED, message, detail);
    }

    private static KeaReply.Failure badRequest(KeaEndpoint ep, String command, String detail) {
        return new KeaReply.Failure(KeaFailure.BAD_REQUEST, KeaControlEndpoints.describe(ep)
                + " rejected the '" + command + "' request as malformed", detail);
    }
}
