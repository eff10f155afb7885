package tandem.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which peers get the credentials of the server a relationship was added through. */
class ConnectionSettingsPeerTest {
    @ParameterizedTest(name = "{0} -> {1}, allowed={2}: sent={3}")
    @CsvSource({
            "https://10.0.0.1:8000/, http://10.0.0.2:8000/,  false, false",
            "HTTPS://10.0.0.1:8000/, HTTP://10.0.0.2:8000/,  false, false",
            "https://10.0.0.1:8000/, http://10.0.0.2:8000/,  true,  true",
            "https://10.0.0.1:8000/, https://10.0.0.2:8000/, false, true",
            "http://10.0.0.1:8000/,  http://10.0.0.2:8000/,  false, true",
            "http://10.0.0.1:8000/,  https://10.0.0.2:8000/, false, true"})
    void credentialsGoToAPeerUnlessItIsPlainHttpBehindAnHttpsServer(String server, String peer, boolean allowed,
                                                                      boolean sent) {
        ConnectionSettings c = new ConnectionSettings(URI.create(server), URI.create("http://proxy:3128"), "admin",
                "s3cret", "PEM", allowed);
        ConnectionSettings p = c.forPeer(URI.create(peer));
        assertEquals(URI.create(peer), p.url());
        assertEquals(c.proxy(), p.proxy());
        assertEquals("PEM", p.trustAnchorPem());
        assertEquals(sent ? "admin" : null, p.username());
        assertEquals(sent ? "s3cret" : null, p.password());
        assertEquals(!sent, c.withholdsCredentialsFrom(URI.create(peer)));
    }

    @ParameterizedTest
    @CsvSource({"https://10.0.0.1:8000/, http://10.0.0.2:8000/"})
    void withoutCredentialsNothingIsWithheldAndTheReasonNamesTheOption(String server, String peer) {
        ConnectionSettings none = ConnectionSettings.of(URI.create(server));
        assertFalse(none.withholdsCredentialsFrom(URI.create(peer)));
        assertNull(none.forPeer(URI.create(peer)).username());
        String reason = none.withheldReason("server2", URI.create(peer));
        assertTrue(reason.contains("server2") && reason.contains("--allow-plain-http-peers"), reason);
        assertFalse(new ConnectionSettings(URI.create(server), null, "a", "b", null).allowPlainHttpPeers(),
                "off unless asked for");
    }
}
