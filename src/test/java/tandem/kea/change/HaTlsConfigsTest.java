package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.core.ConfigCheck;
import tandem.kea.KeaHaChecks;

/**
 * TLS between HA peers: each server's HA section names its own TLS files (paths only), a relationship is all https or
 * all http, the files are found in a control channel's configuration, and the checks follow what Kea accepts.
 */
class HaTlsConfigsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HaRequest.Tls A_FILES = new HaRequest.Tls("/etc/kea/ca.pem", "/etc/kea/a.pem", "/etc/kea/a.key");
    private static final HaRequest.Tls B_FILES = new HaRequest.Tls("/srv/ca.pem", "/srv/b.pem", "/srv/b.key");

    private static HaRequest request(String urlA, String urlB) {
        return HaRequest.withDefaults("hq", "hot-standby", List.of(
                new HaRequest.Member("a", "primary", "a", urlA, null),
                new HaRequest.Member("b", "standby", "b", urlB, null)));
    }

    private static JsonNode section(ObjectNode joined) {
        return joined.path("Dhcp4").path("hooks-libraries").get(1).path("parameters").path("high-availability").get(0);
    }

    @Test
    void eachServerTalksTlsWithItsOwnFilesAndNoKeyContent() throws Exception {
        HaRequest r = request("https://10.0.0.1:8000/", "https://10.0.0.2:8000/");
        assertTrue(r.tls());
        r = r.withMembers(List.of(r.members().get(0).withTls(A_FILES), r.members().get(1).withTls(B_FILES)));
        assertEquals(List.of(), r.problems());
        ObjectNode own = (ObjectNode) JSON.readTree("""
                {"Dhcp4": {"control-sockets": [{"socket-type": "https", "socket-port": 8000, "trust-anchor": "/srv/ca.pem",
                 "cert-file": "/srv/b.pem", "key-file": "/srv/b.key", "cert-required": false}],
                 "hooks-libraries": [{"library": "libdhcp_lease_cmds.so"}], "subnet4": []}}""");
        ObjectNode b = HaConfigs.joined(own, null, "Dhcp4", r, r.members().get(1), "");
        JsonNode s = section(b);
        assertEquals("/srv/ca.pem", s.path("trust-anchor").asText());
        assertEquals("/srv/b.pem", s.path("cert-file").asText());
        assertEquals("/srv/b.key", s.path("key-file").asText(), "the path of b's own key, on b");
        for (JsonNode p : s.path("peers")) assertTrue(p.path("url").asText().startsWith("https://"), p.toString());
        assertFalse(b.toString().contains("PRIVATE KEY"));
        List<ConfigCheck> checks = KeaHaChecks.configuration(b, "b", URI.create("https://10.0.0.2:8000/"));
        assertTrue(checks.stream().noneMatch(c -> c.sentence().contains("TLS") || c.sentence().contains("https")), checks.toString());

        ObjectNode plain = HaConfigs.joined(own, null, "Dhcp4", request("http://10.0.0.1:8000/", "http://10.0.0.2:8000/"),
                request("http://10.0.0.1:8000/", "http://10.0.0.2:8000/").members().get(1), "");
        assertTrue(section(plain).path("trust-anchor").isMissingNode(), "plain HTTP peers name no TLS file");
    }

    @Test
    void halfTlsIsRefusedNamingTheServerThatDiffers() {
        HaRequest mixed = request("https://10.0.0.1:8000/", "http://10.0.0.2:8000/");
        assertFalse(mixed.tls());
        HaRequest.Problem p = mixed.problems().get(0);
        assertEquals("--standby", p.field());
        assertTrue(p.message().contains("b is reached over plain http") && p.message().contains("a over https"), p.message());
        HaRequest partial = request("https://10.0.0.1:8000/", "https://10.0.0.2:8000/");
        partial = partial.withMembers(List.of(partial.members().get(0).withTls(new HaRequest.Tls("/ca.pem", "/a.pem", " ")),
                partial.members().get(1)));
        assertEquals("--primary", partial.problems().get(0).field());
    }

    @Test
    void theFilesComeFromAnHttpsControlChannelWithAllThree() throws Exception {
        assertEquals(B_FILES, HaTlsFiles.in(JSON.readTree(
                "{\"trust-anchor\": \"/srv/ca.pem\", \"cert-file\": \"/srv/b.pem\", \"key-file\": \"/srv/b.key\"}")).orElseThrow());
        assertTrue(HaTlsFiles.in(JSON.readTree("{\"trust-anchor\": \"/srv/ca.pem\", \"cert-file\": \"/srv/b.pem\"}")).isEmpty());
        assertTrue(HaTlsFiles.in(JSON.readTree("{\"socket-type\": \"http\"}")).isEmpty());
        String message = HaTlsFiles.missing("--standby", "b");
        assertTrue(message.contains("create on b /etc/kea/tandem-peer-ca.pem") && message.contains("tandem-peer-cert.pem")
                && message.contains("tandem-peer-key.pem") && message.contains("Nothing was changed"), message);
    }

    @Test
    void checksFollowWhatKeaAcceptsForTlsBetweenPeers() throws Exception {
        String peers = "\"peers\": [{\"name\": \"a\", \"url\": \"URL_A\", \"role\": \"primary\"},"
                + " {\"name\": \"b\", \"url\": \"URL_B\", \"role\": \"standby\"}]";
        assertEquals(List.of(), tls(haConfig("\"trust-anchor\": \"/ca\", \"cert-file\": \"/c\", \"key-file\": \"/k\", " + peers,
                "https://1.1.1.1:1/", "https://1.1.1.2:1/")));
        assertEquals(List.of(), tls(haConfig(peers, "http://1.1.1.1:1/", "http://1.1.1.2:1/")));
        List<ConfigCheck> refused = tls(haConfig(peers, "https://1.1.1.1:1/", "https://1.1.1.2:1/"));
        assertEquals(2, refused.size(), refused.toString());
        assertEquals(ConfigCheck.Severity.ERROR, refused.get(0).severity());
        assertTrue(refused.get(0).sentence().contains("Kea refuses"), refused.get(0).sentence());
        List<ConfigCheck> partial = tls(haConfig("\"trust-anchor\": \"/ca\", \"cert-file\": \"/c\", " + peers,
                "https://1.1.1.1:1/", "https://1.1.1.2:1/"));
        assertTrue(partial.get(0).sentence().contains("no key-file"), partial.toString());
        List<ConfigCheck> plainUrl = tls(haConfig("\"trust-anchor\": \"/ca\", \"cert-file\": \"/c\", \"key-file\": \"/k\", " + peers,
                "http://1.1.1.1:1/", "http://1.1.1.2:1/"));
        assertEquals(ConfigCheck.Severity.WARNING, plainUrl.get(0).severity(), plainUrl.toString());
        // an empty string for one peer turns TLS off for it (hooks-ha "HTTPS Support"): an https URL is then refused
        List<ConfigCheck> offForB = tls(haConfig("\"trust-anchor\": \"/ca\", \"cert-file\": \"/c\", \"key-file\": \"/k\", "
                + peers.replace("\"role\": \"standby\"", "\"role\": \"standby\", \"trust-anchor\": \"\", \"cert-file\": \"\", \"key-file\": \"\""),
                "https://1.1.1.1:1/", "https://1.1.1.2:1/"));
        assertEquals(1, offForB.size(), offForB.toString());
        assertTrue(offForB.get(0).sentence().contains("peer b"), offForB.toString());
    }

    private static JsonNode haConfig(String section, String urlA, String urlB) throws Exception {
        return JSON.readTree(("{\"Dhcp4\": {\"hooks-libraries\": [{\"library\": \"libdhcp_lease_cmds.so\"}, {\"library\": "
                + "\"libdhcp_ha.so\", \"parameters\": {\"high-availability\": [{\"this-server-name\": \"a\", \"mode\": "
                + "\"hot-standby\", \"heartbeat-delay\": 1000, \"max-response-delay\": 5000, " + section + "}]}}]}}")
                .replace("URL_A", urlA).replace("URL_B", urlB));
    }

    private static List<ConfigCheck> tls(JsonNode config) {
        return KeaHaChecks.configuration(config, "a", null).stream()
                .filter(c -> c.sentence().contains("TLS") || c.sentence().contains("https")).toList();
    }
}
