package tandem.kea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What does not depend on the transport (the endpoint's own rules) and what only the OkHttp client has (its
 * per-endpoint client cache); the rest of the client is tested over both transports in {@link KeaControlAgentClientTest}.
 */
class KeaControlAgentClientOkHttpTest {
    private MockWebServer server;
    private KeaControlAgentClient client;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        client = new KeaControlAgentClient();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.shutdown();
    }

    private KeaEndpoint endpoint() {
        return KeaEndpoint.of("http://127.0.0.1:" + server.getPort() + "/");
    }

    @Test
    void derivedClientsAreSharedPerProxyTrustAnchorAndTimeout() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setBody("[{\"result\":0}]"));
        }
        client.statusGet(endpoint());
        client.statusGet(endpoint().withCredentials("a", "b"));
        assertEquals(1, client.derivedClientCount());
        client.statusGet(endpoint().withTimeout(Duration.ofSeconds(5)));
        assertEquals(2, client.derivedClientCount());
    }

    @Test
    void endpointToStringMasksThePassword(@TempDir Path dir) throws Exception {
        KeaControlAgentClientTest.Tls cert = KeaControlAgentClientTest.Tls.generate(dir, "ip", "SAN=ip:127.0.0.1");
        KeaEndpoint ep = KeaEndpoint.of("https://kea1.example.net:8000/").withCredentials("admin", "s3cret")
                .withTrustAnchor(cert.pem());

        String s = ep.toString();
        assertFalse(s.contains("s3cret"), s);
        assertTrue(s.contains("password=****"), s);
        assertTrue(s.contains("username=admin"), s);
        assertFalse(s.contains("BEGIN CERTIFICATE"), s);
        assertEquals(Duration.ofSeconds(2), KeaEndpoint.of("http://127.0.0.1:8000/").timeout());
    }

    @Test
    void endpointRejectsOtherSchemes() {
        assertThrows(IllegalArgumentException.class, () -> KeaEndpoint.of("ftp://127.0.0.1/"));
        assertThrows(IllegalArgumentException.class, () -> KeaEndpoint.of("127.0.0.1:8000"));
    }
}
