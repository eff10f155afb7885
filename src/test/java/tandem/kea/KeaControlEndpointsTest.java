package tandem.kea;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class KeaControlEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void kea3sHashIsRemovedFromConfigGetAndTheEndpointIsThenNamedAKeaServer() throws Exception {
        KeaEndpoint ep = KeaEndpoint.of("http://192.0.2.77:8123/");
        assertEquals("The Control Agent at 192.0.2.77:8123", KeaControlEndpoints.describe(ep));
        JsonNode args = JSON.readTree("{\"Dhcp4\": {\"subnet4\": []}, \"hash\": \"ABC\"}");

        JsonNode seen = KeaControlEndpoints.arguments(ep, "config-get", args);
        assertEquals(JSON.readTree("{\"Dhcp4\": {\"subnet4\": []}}"), seen);
        assertTrue(args.has("hash"), "the answer itself is not modified");
        assertEquals("The Kea server at 192.0.2.77:8123", KeaControlEndpoints.describe(ep));
    }

    @Test
    void otherCommandsAndKea2AnswersPassUnchanged() throws Exception {
        KeaEndpoint ep = KeaEndpoint.of("http://192.0.2.78:8000/");
        JsonNode kea2 = JSON.readTree("{\"Dhcp4\": {}}");
        assertSame(kea2, KeaControlEndpoints.arguments(ep, "config-get", kea2));
        JsonNode other = JSON.readTree("{\"hash\": \"x\"}");
        assertSame(other, KeaControlEndpoints.arguments(ep, "config-hash-get", other));
        assertFalse(KeaControlEndpoints.isKea3(ep));
        assertEquals(JSON.readTree("{\"Dhcp4\": {}}"),
                KeaControlEndpoints.withoutHash(JSON.readTree("{\"Dhcp4\": {}, \"hash\": \"x\"}")));
    }
}
