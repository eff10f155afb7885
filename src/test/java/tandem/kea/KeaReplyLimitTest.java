package tandem.kea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Answers are read up to a limit: a larger one is refused with a sentence, never read whole into memory; over both
 * transports.
 */
@ParameterizedClass
@EnumSource(KeaTransport.class)
class KeaReplyLimitTest {
    private static final long LIMIT = 4096;

    @Parameter
    KeaTransport transport;
    private MockWebServer server;
    private KeaTransport.Sender small;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        small = transport.open(LIMIT);
    }

    @AfterEach
    void stop() throws IOException {
        small.close();
        server.shutdown();
    }

    private KeaEndpoint endpoint() {
        return KeaEndpoint.of("http://127.0.0.1:" + server.getPort() + "/");
    }

    /** A valid config-get answer of exactly {@code size} bytes (padded in a comment-free string value). */
    private static String answerOfSize(int size) {
        String head = "[{\"result\":0,\"arguments\":{\"Dhcp4\":{\"server-tag\":\"";
        String tail = "\"}}}]";
        return head + "x".repeat(size - head.length() - tail.length()) + tail;
    }

    @Test
    void anAnswerAtTheLimitIsRead() {
        server.enqueue(new MockResponse().setBody(answerOfSize((int) LIMIT)));
        assertInstanceOf(KeaReply.Success.class, small.configGet(endpoint()));
    }

    @Test
    void anAnswerAnnouncingMoreThanTheLimitIsRefusedWithTheLimitNamed() {
        server.enqueue(new MockResponse().setBody(answerOfSize((int) LIMIT + 1)));
        KeaReply.Failure f = assertInstanceOf(KeaReply.Failure.class, small.configGet(endpoint()));
        assertEquals(KeaFailure.PROTOCOL, f.kind());
        assertTrue(f.message().contains("larger than 4096 bytes") && f.message().contains("config-get")
                && f.message().contains(KeaReplyLimit.PROPERTY), f.message());
        assertTrue(f.detail().contains("Content-Length 4097"), f.detail());
    }

    @Test
    void aChunkedAnswerThatGrowsPastTheLimitIsCutOffAsyncToo() throws Exception {
        // no Content-Length: the limit must hold while streaming
        Buffer big = new Buffer().writeUtf8(answerOfSize(200_000));
        server.enqueue(new MockResponse().setChunkedBody(big, 1024));
        KeaReply reply = small.sendAsync(endpoint(), "config-get", KeaControlAgentClient.DHCP4, null)
                .get(10, TimeUnit.SECONDS);
        KeaReply.Failure f = assertInstanceOf(KeaReply.Failure.class, reply);
        assertEquals(KeaFailure.PROTOCOL, f.kind());
        assertTrue(f.detail().contains("more than 4096 bytes"), f.detail());
    }

    @Test
    void theDefaultLimitReadsAConfigurationOfTwoThousandSubnets() {
        assertEquals(64L << 20, KeaReplyLimit.DEFAULT_BYTES);
        StringBuilder subnets = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            if (i > 0) subnets.append(',');
            subnets.append("{\"id\":").append(i + 1).append(",\"subnet\":\"10.").append(i / 250).append('.')
                    .append(i % 250).append(".0/24\",\"pools\":[{\"pool\":\"10.").append(i / 250).append('.')
                    .append(i % 250).append(".10 - 10.").append(i / 250).append('.').append(i % 250)
                    .append(".200\"}],\"reservations\":[");
            for (int r = 0; r < 20; r++) {
                if (r > 0) subnets.append(',');
                subnets.append(String.format("{\"hw-address\":\"02:00:%02x:%02x:00:%02x\",\"ip-address\":\"10.%d.%d.%d\"}",
                        i / 256, i % 256, r, i / 250, i % 250, 201 + r));
            }
            subnets.append("]}");
        }
        String body = "[{\"result\":0,\"arguments\":{\"Dhcp4\":{\"subnet4\":[" + subnets + "]}}}]";
        assertTrue(body.length() > 2_000_000, "a realistic size: " + body.length());
        server.enqueue(new MockResponse().setBody(body));
        try (KeaTransport.Sender standard = transport.open()) {
            KeaReply.Success ok = assertInstanceOf(KeaReply.Success.class, standard.configGet(endpoint()));
            assertEquals(2000, ok.arguments().path("Dhcp4").path("subnet4").size());
        }
    }
}
