package tandem.kea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.core.PeerObservation;
import tandem.core.RelationshipState;
import tandem.services.Services;

/**
 * A server added through https whose HA configuration names its partner with a plain http URL: the partner is asked
 * without the credentials (which would cross the network readable), and says why when it then refuses; unless the
 * administrator allowed it. Two Control Agents stand in: the primary over TLS, the partner over plain HTTP; both
 * require basic auth, as a Control Agent with "authentication" does.
 */
class PeerCredentialsTest {
    private static final String AUTH = okhttp3.Credentials.basic("admin", "s3cret");
    private static KeaControlAgentClientTest.Tls cert;

    @TempDir Path data;
    private MockWebServer primary;
    private MockWebServer partner;
    private final List<String> partnerAuthorizations = new CopyOnWriteArrayList<>();
    private Services services;

    @BeforeAll
    static void certificate(@TempDir Path dir) throws Exception {
        cert = KeaControlAgentClientTest.Tls.generate(dir, "primary", "SAN=ip:127.0.0.1");
    }

    @BeforeEach
    void start() throws IOException {
        primary = new MockWebServer();
        partner = new MockWebServer();
        primary.useHttps(cert.serverContext().getSocketFactory(), false);
        primary.start(InetAddress.getByName("127.0.0.1"), 0);
        partner.start(InetAddress.getByName("127.0.0.1"), 0);
        primary.setDispatcher(agent("server1", "primary", null));
        partner.setDispatcher(agent("server2", "standby", partnerAuthorizations));
    }

    @AfterEach
    void stop() throws IOException {
        if (services != null) services.close();
        primary.shutdown();
        partner.shutdown();
    }

    private URI primaryUrl() { return URI.create("https://127.0.0.1:" + primary.getPort() + "/"); }

    private URI partnerUrl() { return URI.create("http://127.0.0.1:" + partner.getPort() + "/"); }

    private String config() {
        return "{\"Dhcp4\":{\"hooks-libraries\":[{\"library\":\"/usr/lib/kea/hooks/libdhcp_lease_cmds.so\"},"
                + "{\"library\":\"/usr/lib/kea/hooks/libdhcp_ha.so\",\"parameters\":{\"high-availability\":[{"
                + "\"this-server-name\":\"server1\",\"mode\":\"hot-standby\",\"peers\":["
                + "{\"name\":\"server1\",\"url\":\"http://10.0.0.1:8000/\",\"role\":\"primary\"},"
                + "{\"name\":\"server2\",\"url\":\"" + partnerUrl() + "\",\"role\":\"standby\"}]}]}}],"
                + "\"subnet4\":[]}}";
    }

    /** A Control Agent requiring admin/s3cret; records the Authorization header of each request when asked. */
    private Dispatcher agent(String name, String role, List<String> authorizations) {
        return new Dispatcher() {
            @Override public MockResponse dispatch(RecordedRequest request) {
                String auth = request.getHeader("Authorization");
                if (authorizations != null) authorizations.add(auth == null ? "none" : auth);
                if (!AUTH.equals(auth)) {
                    return new MockResponse().setResponseCode(401)
                            .setBody("{ \"result\": 401, \"text\": \"Unauthorized\" }");
                }
                String body = request.getBody().readUtf8();
                if (body.contains("\"config-get\"")) {
                    return new MockResponse().setBody("[{\"result\":0,\"arguments\":" + config() + "}]");
                }
                if (body.contains("\"ha-heartbeat\"")) {
                    return new MockResponse().setBody("[{\"result\":0,\"arguments\":{\"state\":\"hot-standby\"}}]");
                }
                return new MockResponse().setBody("[{\"result\":0,\"arguments\":{\"pid\":1,\"uptime\":5,"
                        + "\"high-availability\":[{\"ha-mode\":\"hot-standby\",\"ha-servers\":{\"local\":{\"role\":\""
                        + role + "\",\"scopes\":[],\"state\":\"hot-standby\",\"server-name\":\"" + name + "\"}}}]}}]");
            }
        };
    }

    private ImportResult.Accepted add(boolean allowPlainHttpPeers) {
        services = Services.open(data);
        ImportResult result = services.inventory().add(Backend.KEA, "hq", new ConnectionSettings(primaryUrl(), null,
                "admin", "s3cret", cert.pem(), allowPlainHttpPeers));
        return assertInstanceOf(ImportResult.Accepted.class, result, result::toString);
    }

    private PeerObservation pollPartner() {
        RelationshipState state = services.poller().refresh().get("hq");
        assertNotNull(state, "polled");
        return state.peers().get("server2");
    }

    @Test
    void aPlainHttpPartnerOfAnHttpsServerIsAskedWithoutTheCredentialsAndSaysWhy() throws Exception {
        var accepted = add(false);
        assertTrue(accepted.notes().stream().anyMatch(n -> n.contains("not sent to server2")
                && n.contains(ConnectionSettings.ALLOW_PLAIN_HTTP_PEERS_OPTION)), accepted.notes()::toString);

        PeerObservation server2 = pollPartner();
        assertTrue(partnerAuthorizations.size() >= 1, "the partner was polled");
        assertTrue(partnerAuthorizations.stream().allMatch("none"::equals), "no credentials: " + partnerAuthorizations);
        assertTrue(server2.problem().contains("refused") || server2.problem().contains("requires credentials"),
                server2.problem());
        assertTrue(server2.problem().contains("plain http") && server2.problem().contains("--allow-plain-http-peers"),
                server2.problem());
        // the primary itself, over https, got them
        RecordedRequest first = primary.takeRequest();
        assertEquals(AUTH, first.getHeader("Authorization"));
        assertTrue(services.poller().refresh().get("hq").peers().get("server1").up());

        // HA actions and configuration writes reach peers through the same rule
        var rel = services.inventory().relationships().get(0);
        var peer = rel.peer("server2").orElseThrow();
        assertNull(services.inventory().connectionFor(rel, peer).orElseThrow().username());
    }

    @Test
    void whenAllowedThePartnerGetsThemAndTheChoiceIsStored() {
        var accepted = add(true);
        assertTrue(accepted.notes().stream().noneMatch(n -> n.contains("not sent to")), accepted.notes()::toString);
        PeerObservation server2 = pollPartner();
        assertTrue(server2.up(), String.valueOf(server2.problem()));
        assertTrue(partnerAuthorizations.stream().allMatch(AUTH::equals), partnerAuthorizations::toString);
        services.close();
        services = Services.open(data);
        assertTrue(services.inventory().server("hq").orElseThrow().connection().allowPlainHttpPeers(),
                "kept in the database");
    }
}
