package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every test runs over both transports: the same answers, the same failure kinds and sentences. */
@ParameterizedClass
@EnumSource(KeaTransport.class)
class KeaControlAgentClientTest {

    private static final String STATUS_LB = """
            [ { "arguments": { "high-availability": [ { "ha-mode": "load-balancing", "ha-servers": {
              "local": { "role": "primary", "scopes": [ "server1" ], "state": "load-balancing" },
              "remote": { "age": 0, "analyzed-packets": 0, "communication-interrupted": false, "connecting-clients": 0,
                "in-touch": true, "last-scopes": [ "server2" ], "last-state": "load-balancing", "role": "secondary",
                "unacked-clients": 0, "unacked-clients-left": 0 } } } ],
              "multi-threading-enabled": false, "pid": 4771, "reload": 6, "sockets": { "status": "ready" },
              "uptime": 6 }, "result": 0 } ]""";

    /** Self-signed certificates made with keytool once per run: one for 127.0.0.1, one for another name only. */
    private static Tls ipCert;
    private static Tls otherNameCert;

    private final ObjectMapper json = new ObjectMapper();
    @Parameter
    KeaTransport transport;
    private MockWebServer server;
    private KeaTransport.Sender client;

    @BeforeAll
    static void makeCertificates(@TempDir Path dir) throws Exception {
        ipCert = Tls.generate(dir, "ip", "SAN=ip:127.0.0.1");
        otherNameCert = Tls.generate(dir, "other", "SAN=dns:kea.example.test");
    }

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        client = transport.open();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.shutdown();
    }

    /** The mock server by address: MockWebServer's own URLs say "localhost". */
    private KeaEndpoint endpoint() {
        return KeaEndpoint.of("http://127.0.0.1:" + server.getPort() + "/");
    }

    private KeaEndpoint httpsEndpoint() {
        return KeaEndpoint.of("https://127.0.0.1:" + server.getPort() + "/");
    }

    private KeaReply answer(MockResponse response) {
        server.enqueue(response);
        return client.statusGet(endpoint());
    }

    private static MockResponse ok(String body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static KeaReply.Failure failure(KeaReply reply, KeaFailure kind) {
        KeaReply.Failure f = assertInstanceOf(KeaReply.Failure.class, reply, () -> "expected " + kind + ": " + reply);
        assertEquals(kind, f.kind(), f::toString);
        return f;
    }

    // ---- request shape ----

    @Test
    void statusGetPostsJsonCommandForDhcp4AndParsesTheAnswer() throws Exception {
        KeaReply reply = answer(ok(STATUS_LB));

        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST", request.getMethod());
        assertEquals("/", request.getPath());
        assertEquals("application/json", request.getHeader("Content-Type"));
        assertNull(request.getHeader("Authorization"));
        JsonNode body = json.readTree(request.getBody().readUtf8());
        assertEquals("status-get", body.get("command").asText());
        assertEquals("[\"dhcp4\"]", body.get("service").toString());
        assertFalse(body.has("arguments"));

        KeaReply.Success s = assertInstanceOf(KeaReply.Success.class, reply);
        assertEquals(0, s.result());
        assertTrue(s.endpointAnswered());
        KeaStatus status = reply.parse(KeaStatus::from).orElseThrow();
        assertEquals(4771L, status.pid());
        assertEquals("load-balancing", status.ha().orElseThrow().local().state());
        assertEquals("load-balancing", status.ha().orElseThrow().remote().lastState());
    }

    @Test
    void agentCommandOmitsServiceAndSendsArguments() throws Exception {
        server.enqueue(ok("[{\"result\":0,\"text\":\"ok\"}]"));
        JsonNode args = json.readTree("{\"server-name\":\"server1\",\"max-period\":60}");
        KeaReply reply = client.send(endpoint(), "ha-sync", null, args);

        JsonNode body = json.readTree(server.takeRequest(1, TimeUnit.SECONDS).getBody().readUtf8());
        assertEquals("ha-sync", body.get("command").asText());
        assertFalse(body.has("service"));
        assertEquals(args, body.get("arguments"));
        KeaReply.Success s = assertInstanceOf(KeaReply.Success.class, reply);
        assertEquals("ok", s.text());
        assertTrue(s.arguments().isMissingNode());
    }

    @Test
    void basicAuthHeaderIsSent() throws Exception {
        server.enqueue(ok("[{\"result\":0,\"text\":\"2.2.0\"}]"));
        client.versionGet(endpoint().withCredentials("admin", "s3cret"));

        String expected = "Basic " + Base64.getEncoder()
                .encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, server.takeRequest(1, TimeUnit.SECONDS).getHeader("Authorization"));
    }

    // ---- failures: nothing answers ----

    @Test
    void connectionRefusedOnAClosedPort() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        KeaReply reply = client.statusGet(KeaEndpoint.of("http://127.0.0.1:" + port + "/"));

        KeaReply.Failure f = failure(reply, KeaFailure.UNREACHABLE);
        assertEquals("Connection refused by 127.0.0.1:" + port, f.message());
        assertFalse(reply.endpointAnswered());
    }

    @Test
    void timeoutWhenTheAgentDoesNotAnswer() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        KeaEndpoint ep = endpoint().withTimeout(Duration.ofMillis(300));

        long t0 = System.nanoTime();
        KeaReply reply = client.statusGet(ep);
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;

        KeaReply.Failure f = failure(reply, KeaFailure.UNREACHABLE);
        assertEquals("The Control Agent at " + ep.authority() + " accepts connections but sent no answer within "
                + "300 ms; an agent stays silent while the DHCPv4 server it forwards to is hung or busy", f.message());
        assertFalse(reply.endpointAnswered());
        assertTrue(elapsedMs < 2000, "took " + elapsedMs + " ms");
    }

    @Test
    void timeoutWhenNothingAcceptsTheConnection() throws IOException {
        // a listening socket that never accepts, with its queue full: the kernel drops further SYNs, as a
        // firewall that silently drops packets would
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<java.net.Socket> queued = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    java.net.Socket s = new java.net.Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                        queued.add(s);
                    } catch (IOException dropped) {
                        s.close();
                        break;
                    }
                }
                KeaEndpoint ep = KeaEndpoint.of("http://127.0.0.1:" + full.getLocalPort() + "/")
                        .withTimeout(Duration.ofMillis(300));
                KeaReply.Failure f = failure(client.statusGet(ep), KeaFailure.UNREACHABLE);
                assertEquals("No answer from " + ep.url() + " within 300 ms", f.message(), f::toString);
            } finally {
                for (java.net.Socket s : queued) s.close();
            }
        }
    }

    @Test
    void connectionClosedWithoutAnAnswerIsProtocolAndTheAnswerCountsAsLost() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        KeaEndpoint ep = endpoint().withCredentials("admin", "s3cret");

        KeaReply.Failure f = failure(client.statusGet(ep), KeaFailure.PROTOCOL);
        assertEquals(ep.authority() + " closed the connection without answering; if it serves HTTPS, use an "
                + "https:// URL", f.message());
        assertTrue(KeaTransportFailures.answerLost(f));
        assertFalse(f.toString().contains("s3cret") || f.toString().contains(base64("admin:s3cret")), f::toString);
    }

    @Test
    void unknownHost() {
        KeaReply reply = client.statusGet(KeaEndpoint.of("http://nonexistent.invalid:8000/")
                .withTimeout(Duration.ofSeconds(5)));

        KeaReply.Failure f = failure(reply, KeaFailure.UNREACHABLE);
        assertTrue(f.message().startsWith("Unknown host nonexistent.invalid"), f.message());
    }

    // ---- failures: the agent answers ----

    @Test
    void http401IsAuthFailure() {
        KeaReply reply = answer(new MockResponse().setResponseCode(401)
                .setHeader("WWW-Authenticate", "Basic realm=\"kea\"")
                .setBody("{ \"result\": 401, \"text\": \"Unauthorized\" }"));

        KeaReply.Failure f = failure(reply, KeaFailure.AUTH_FAILED);
        assertTrue(f.message().contains("requires credentials, and none are configured"), f.message());
        assertTrue(reply.endpointAnswered());
    }

    @Test
    void result403BodyIsAuthFailureNamingTheUserButNotThePassword() {
        server.enqueue(ok("{\"result\":403}"));
        KeaReply reply = client.statusGet(endpoint().withCredentials("admin", "wrong-pass"));

        KeaReply.Failure f = failure(reply, KeaFailure.AUTH_FAILED);
        assertEquals("The Control Agent at 127.0.0.1:" + server.getPort() + " refused the credentials for user 'admin'",
                f.message());
        assertFalse(f.toString().contains("wrong-pass"));
    }

    @Test
    void http403IsAuthFailure() {
        failure(answer(new MockResponse().setResponseCode(403).setBody("{\"result\":403,\"text\":\"Forbidden\"}")),
                KeaFailure.AUTH_FAILED);
    }

    @Test
    void http400IsBadRequest() {
        KeaReply reply = answer(new MockResponse().setResponseCode(400)
                .setBody("{ \"result\": 400, \"text\": \"Bad Request\" }"));

        KeaReply.Failure f = failure(reply, KeaFailure.BAD_REQUEST);
        assertTrue(f.message().contains("rejected the 'status-get' request as malformed"), f.message());
        assertTrue(f.detail().contains("Bad Request"), f.detail());
    }

    @Test
    void unableToForwardIsDaemonOffline() {
        KeaReply reply = answer(ok("[ { \"result\": 1, \"text\": \"unable to forward command to the dhcp4 service: "
                + "Connection refused. The server is likely to be offline\" } ]"));

        KeaReply.Failure f = failure(reply, KeaFailure.DAEMON_OFFLINE);
        assertEquals("The Control Agent at 127.0.0.1:" + server.getPort()
                + " answers, but the dhcp4 server behind it is offline", f.message());
        assertTrue(f.detail().contains("Connection refused"));
        assertTrue(reply.endpointAnswered());
    }

    @Test
    void otherResult1IsCommandErrorWithKeasText() {
        String text = "specified reservation '10.99.0.50' is not within the IPv4 subnet '10.10.0.0/24'";
        KeaReply.Failure f = failure(answer(ok("[{\"result\":1,\"text\":\"" + text + "\"}]")),
                KeaFailure.COMMAND_ERROR);
        assertEquals(text, f.message());
    }

    @Test
    void result2IsUnsupported() {
        server.enqueue(ok("[ { \"result\": 2, \"text\": \"'ha-heartbeat' command not supported.\" } ]"));
        KeaReply reply = client.haHeartbeat(endpoint());

        KeaReply.Failure f = failure(reply, KeaFailure.UNSUPPORTED);
        assertTrue(f.message().contains("does not support the command 'ha-heartbeat'"), f.message());
        assertTrue(f.message().contains("high-availability hook"), f.message());
    }

    @Test
    void result3IsEmptyAndTheDaemonIsUp() {
        KeaReply reply = answer(ok("[ { \"arguments\": { \"leases\": [ ] }, \"result\": 3, "
                + "\"text\": \"0 IPv4 lease(s) found.\" } ]"));

        KeaReply.Failure f = failure(reply, KeaFailure.EMPTY);
        assertEquals("0 IPv4 lease(s) found.", f.message());
        assertTrue(reply.endpointAnswered());
    }

    @Test
    void result4IsConflict() {
        failure(answer(ok("[{\"result\":4,\"text\":\"lease already exists\"}]")), KeaFailure.CONFLICT);
    }

    @Test
    void nonJsonIsProtocol() {
        KeaReply reply = answer(new MockResponse().setHeader("Content-Type", "text/html")
                .setBody("<html><body>It works!</body></html>"));

        KeaReply.Failure f = failure(reply, KeaFailure.PROTOCOL);
        assertTrue(f.message().contains("is not JSON"), f.message());
        assertTrue(reply.endpointAnswered());
    }

    @Test
    void unexpectedShapesAndStatusesAreProtocol() {
        failure(answer(ok("[]")), KeaFailure.PROTOCOL);
        failure(answer(ok("{\"hello\":\"world\"}")), KeaFailure.PROTOCOL);
        failure(answer(ok("[{\"result\":\"zero\"}]")), KeaFailure.PROTOCOL);
        failure(answer(ok("[{\"result\":42}]")), KeaFailure.PROTOCOL);
        KeaReply.Failure f = failure(answer(new MockResponse().setResponseCode(404).setBody("not here")),
                KeaFailure.PROTOCOL);
        assertTrue(f.message().contains("HTTP 404"), f.message());
        failure(answer(new MockResponse().setResponseCode(500)), KeaFailure.PROTOCOL);
    }

    // ---- proxy ----

    @Test
    void proxyCarriesTheAbsoluteTargetUrl() throws Exception {
        server.enqueue(ok(STATUS_LB));
        KeaEndpoint ep = KeaEndpoint.of("http://kea.example.test:8000/")
                .withProxy(URI.create("http://127.0.0.1:" + server.getPort()));

        KeaReply reply = client.statusGet(ep);

        assertInstanceOf(KeaReply.Success.class, reply);
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST http://kea.example.test:8000/ HTTP/1.1", request.getRequestLine());
        assertEquals("kea.example.test:8000", request.getHeader("Host"));
    }

    @Test
    void proxyCredentialsAreSentWhenTheProxyAsks() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(407).setHeader("Proxy-Authenticate", "Basic realm=\"p\""));
        server.enqueue(ok(STATUS_LB));
        KeaEndpoint ep = KeaEndpoint.of("http://kea.example.test:8000/")
                .withProxy(URI.create("http://squid:pa%3Ass@127.0.0.1:" + server.getPort()));

        assertInstanceOf(KeaReply.Success.class, client.statusGet(ep));
        assertNull(server.takeRequest(1, TimeUnit.SECONDS).getHeader("Proxy-Authorization"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString("squid:pa:ss".getBytes(StandardCharsets.UTF_8)),
                server.takeRequest(1, TimeUnit.SECONDS).getHeader("Proxy-Authorization"));
        assertFalse(ep.toString().contains("pa%3Ass"), ep.toString());
    }

    @Test
    void proxyRefusingTheCredentialsIsUnreachableAndTheMessageHoldsNoSecret() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(407).setHeader("Proxy-Authenticate", "Basic realm=\"p\""));
        server.enqueue(new MockResponse().setResponseCode(407).setHeader("Proxy-Authenticate", "Basic realm=\"p\"")
                .setBody("denied"));
        KeaEndpoint ep = KeaEndpoint.of("http://kea.example.test:8000/").withCredentials("admin", "agent-s3cret")
                .withProxy(URI.create("http://squid:proxy-s3cret@127.0.0.1:" + server.getPort()));

        KeaReply.Failure f = failure(client.statusGet(ep), KeaFailure.UNREACHABLE);
        assertEquals("The proxy 127.0.0.1:" + server.getPort() + " requires credentials that were not accepted",
                f.message());
        assertEquals(2, server.getRequestCount(), "asked once without, once with the credentials");
        assertNull(server.takeRequest(1, TimeUnit.SECONDS).getHeader("Proxy-Authorization"));
        assertNotNull(server.takeRequest(1, TimeUnit.SECONDS).getHeader("Proxy-Authorization"));
        for (String secret : List.of("agent-s3cret", "proxy-s3cret", base64("admin:agent-s3cret"),
                base64("squid:proxy-s3cret"))) {
            assertFalse(f.toString().contains(secret), f::toString);
        }
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void proxyGatewayErrorMeansTheAgentIsUnreachable() {
        server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>Bad Gateway</html>"));
        KeaEndpoint ep = KeaEndpoint.of("http://kea.example.test:8000/")
                .withProxy(URI.create("http://127.0.0.1:" + server.getPort()));

        KeaReply.Failure f = failure(client.statusGet(ep), KeaFailure.UNREACHABLE);
        assertEquals("The proxy 127.0.0.1:" + server.getPort() + " could not reach kea.example.test:8000 "
                + "(HTTP 502 Server Error)", f.message());
    }

    @Test
    void unreachableProxyIsNamedInTheMessage() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        KeaEndpoint ep = KeaEndpoint.of("http://kea.example.test:8000/")
                .withProxy(URI.create("http://127.0.0.1:" + port));

        KeaReply.Failure f = failure(client.statusGet(ep), KeaFailure.UNREACHABLE);
        assertEquals("Connection refused by the proxy 127.0.0.1:" + port, f.message());
    }

    // ---- TLS ----

    @Test
    void httpsWithTheTrustAnchor() throws Exception {
        server.useHttps(ipCert.serverContext().getSocketFactory(), false);
        server.enqueue(ok(STATUS_LB));
        KeaEndpoint ep = httpsEndpoint().withTrustAnchor(ipCert.pem());
        assertTrue(ep.url().getScheme().equals("https"));

        KeaReply reply = client.statusGet(ep);

        assertInstanceOf(KeaReply.Success.class, reply, reply::toString);
        assertNotNull(server.takeRequest(1, TimeUnit.SECONDS).getHandshake());
    }

    @Test
    void httpsWithoutTheTrustAnchorIsATlsFailure() {
        server.useHttps(ipCert.serverContext().getSocketFactory(), false);
        server.enqueue(ok(STATUS_LB));

        KeaReply reply = client.statusGet(httpsEndpoint());

        KeaReply.Failure f = failure(reply, KeaFailure.TLS);
        assertTrue(f.message().contains("is not trusted"), f.message());
        assertFalse(reply.endpointAnswered());
    }

    @Test
    void httpsWithAnotherTrustAnchorIsATlsFailure() {
        server.useHttps(ipCert.serverContext().getSocketFactory(), false);
        server.enqueue(ok(STATUS_LB));

        KeaReply reply = client.statusGet(httpsEndpoint()
                .withTrustAnchor(otherNameCert.pem()));

        KeaReply.Failure f = failure(reply, KeaFailure.TLS);
        assertTrue(f.message().endsWith("is not trusted by the configured trust anchor"), f.message());
    }

    @Test
    void certificateForAnotherHostNameIsATlsFailure() {
        server.useHttps(otherNameCert.serverContext().getSocketFactory(), false);
        server.enqueue(ok(STATUS_LB));

        KeaReply reply = client.statusGet(httpsEndpoint()
                .withTrustAnchor(otherNameCert.pem()));

        KeaReply.Failure f = failure(reply, KeaFailure.TLS);
        assertTrue(f.message().contains("is not issued for the host name 127.0.0.1"), f.message());
    }

    @Test
    void invalidTrustAnchorIsReportedWithoutCallingTheAgent() {
        KeaReply reply = client.statusGet(endpoint().withTrustAnchor("not a certificate"));

        KeaReply.Failure f = failure(reply, KeaFailure.TLS);
        assertTrue(f.message().contains("trust anchor"), f.message());
        assertEquals(0, server.getRequestCount());
    }

    // ---- async, sharing, endpoint ----

    @Test
    void asyncCallsDoNotBlockAndCompleteWithReplies() throws Exception {
        server.enqueue(ok(STATUS_LB).setBodyDelay(300, TimeUnit.MILLISECONDS));
        long t0 = System.nanoTime();
        CompletableFuture<KeaReply> future = client.statusGetAsync(endpoint());
        long callMs = (System.nanoTime() - t0) / 1_000_000;

        assertTrue(callMs < 200, "sendAsync blocked for " + callMs + " ms");
        assertInstanceOf(KeaReply.Success.class, future.get(5, TimeUnit.SECONDS));

        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        KeaReply refused = client.haHeartbeatAsync(KeaEndpoint.of("http://127.0.0.1:" + port + "/"))
                .get(5, TimeUnit.SECONDS);
        failure(refused, KeaFailure.UNREACHABLE);
    }

    @Test
    void manyConcurrentAsyncCallsComplete() throws Exception {
        int n = 40;
        for (int i = 0; i < n; i++) {
            server.enqueue(ok(STATUS_LB).setBodyDelay(100, TimeUnit.MILLISECONDS));
        }
        List<CompletableFuture<KeaReply>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(client.statusGetAsync(endpoint().withTimeout(Duration.ofSeconds(10))));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        for (CompletableFuture<KeaReply> f : futures) {
            assertInstanceOf(KeaReply.Success.class, f.get());
        }
    }

    @Test
    void closedClientRefusesNewCalls() {
        client.close();
        assertThrows(IllegalStateException.class, () -> client.statusGet(endpoint()));
    }

    /** A key pair and self-signed certificate made with the JDK's keytool. */
    record Tls(KeyStore keyStore, String pem) {
        private static final char[] PASS = "changeit".toCharArray();

        static Tls generate(Path dir, String name, String san) throws Exception {
            Path store = dir.resolve(name + ".p12");
            Path pem = dir.resolve(name + ".pem");
            keytool("-genkeypair", "-alias", "kea", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=tandem test " + name, "-ext", san, "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", "changeit", "-keypass", "changeit");
            keytool("-exportcert", "-rfc", "-alias", "kea", "-keystore", store.toString(),
                    "-storepass", "changeit", "-file", pem.toString());
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, PASS);
            }
            return new Tls(ks, Files.readString(pem));
        }

        SSLContext serverContext() {
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, PASS);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), null, null);
                return ctx;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static void keytool(String... args) throws Exception {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("keytool failed: " + out);
            }
        }
    }
}
