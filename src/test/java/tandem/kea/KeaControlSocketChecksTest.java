package tandem.kea;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.core.ConfigCheck;

class KeaControlSocketChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode config(String sockets, String listenerUrl, boolean dedicated) throws Exception {
        return JSON.readTree("""
            {"Dhcp4": {"multi-threading": {"enable-multi-threading": true},
              "control-sockets": %s,
              "hooks-libraries": [{"library": "libdhcp_ha.so", "parameters": {"high-availability": [{
                "this-server-name": "server1", "mode": "load-balancing",
                "multi-threading": {"enable-multi-threading": true, "http-dedicated-listener": %s},
                "peers": [{"name": "server1", "url": "%s", "role": "primary"},
                          {"name": "server2", "url": "http://10.0.0.2:8001/", "role": "secondary"}]}]}}]}}
            """.formatted(sockets, dedicated, listenerUrl));
    }

    private static List<String> sentences(JsonNode config) {
        return KeaControlSocketChecks.configuration(config, "server1").stream().map(ConfigCheck::sentence).toList();
    }

    private static final String AUTH = "\"authentication\": {\"type\": \"basic\", \"directory\": \"/etc/kea\","
            + " \"clients\": [{\"user-file\": \"u\", \"password-file\": \"p\"}]}";

    @Test
    void aSocketOnTheNetworkWithoutAuthenticationIsAnErrorAndWithoutTlsAWarning() throws Exception {
        List<ConfigCheck> checks = KeaControlSocketChecks.configuration(config(
                "[{\"socket-type\": \"http\", \"socket-address\": \"10.0.0.1\", \"socket-port\": 8000}]",
                "http://10.0.0.1:8001/", true), "server1");
        assertEquals(2, checks.size(), checks::toString);
        assertEquals(ConfigCheck.Severity.ERROR, checks.get(0).severity());
        assertTrue(checks.get(0).sentence().startsWith("server1's control socket on 10.0.0.1:8000 has no authentication"));
        assertEquals(ConfigCheck.Severity.WARNING, checks.get(1).severity());
        assertTrue(checks.get(1).sentence().contains("serves plain HTTP"), checks.get(1).sentence());
    }

    @Test
    void anAuthenticatedTlsSocketOrOneOnLoopbackRaisesNothing() throws Exception {
        assertEquals(List.of(), sentences(config("[{\"socket-type\": \"https\", \"socket-address\": \"10.0.0.1\","
                + " \"socket-port\": 8000, \"cert-file\": \"/etc/kea/c.pem\", \"key-file\": \"/etc/kea/k.pem\", " + AUTH
                + "}]", "http://10.0.0.1:8001/", true)));
        assertEquals(List.of(), sentences(config("[{\"socket-type\": \"http\", \"socket-address\": \"127.0.0.1\","
                + " \"socket-port\": 8000}]", "http://127.0.0.1:8001/", true)));
        assertEquals(List.of(), sentences(config("[{\"socket-type\": \"unix\", \"socket-name\": \"kea4.sock\"}]",
                "http://10.0.0.1:8001/", true)), "a unix socket is not on the network");
    }

    @Test
    void aDedicatedListenerOnTheControlSocketsPortIsAnErrorUnlessHaUsesTheControlSocket() throws Exception {
        String socket = "[{\"socket-type\": \"http\", \"socket-address\": \"0.0.0.0\", \"socket-port\": 8000, " + AUTH
                + ", \"cert-file\": \"c\"}]";
        List<String> clash = sentences(config(socket, "http://10.0.0.1:8000/", true));
        assertEquals(1, clash.size(), clash::toString);
        assertTrue(clash.get(0).startsWith("The dedicated HA listener of server1 (http://10.0.0.1:8000/) uses port 8000,"
                + " the port of its own control socket"), clash.get(0));
        assertEquals(List.of(), sentences(config(socket, "http://10.0.0.1:8000/", false)),
                "without a dedicated listener the peers are meant to use the control socket");
        assertEquals(List.of(), sentences(config(socket, "http://10.0.0.1:8001/", true)));
    }

    @Test
    void twoRelationshipsOfAHubCannotShareADedicatedListener() throws Exception {
        JsonNode hub = JSON.readTree("""
            {"Dhcp4": {"multi-threading": {"enable-multi-threading": true},
              "hooks-libraries": [{"library": "libdhcp_ha.so", "parameters": {"high-availability": [
                {"this-server-name": "hub", "mode": "hot-standby", "multi-threading": {"enable-multi-threading": true},
                 "peers": [{"name": "hub", "url": "http://10.0.0.1:8001/", "role": "standby"},
                           {"name": "a", "url": "http://10.0.0.2:8001/", "role": "primary"}]},
                {"this-server-name": "hub", "mode": "hot-standby", "multi-threading": {"enable-multi-threading": true},
                 "peers": [{"name": "hub", "url": "http://10.0.0.1:8001/", "role": "standby"},
                           {"name": "b", "url": "http://10.0.0.3:8001/", "role": "primary"}]}]}}]}}
            """);
        List<String> found = KeaControlSocketChecks.configuration(hub, "hub").stream().map(ConfigCheck::sentence).toList();
        assertEquals(List.of("Two HA relationships of hub open their dedicated listener on 10.0.0.1:8001: each"
                + " relationship needs its own port"), found);
    }

    @Test
    void configWriteOnlyBesideTheConfigurationFile() {
        assertTrue(KeaControlSocketChecks.configWrite("/etc/kea/kea-dhcp4.conf", "kea-dhcp4.conf.new").isEmpty());
        assertTrue(KeaControlSocketChecks.configWrite("/etc/kea/kea-dhcp4.conf", "/etc/kea/backup.json").isEmpty());
        var outside = KeaControlSocketChecks.configWrite("/etc/kea/kea-dhcp4.conf", "/tmp/kea.json").orElseThrow();
        assertEquals(ConfigCheck.Severity.ERROR, outside.severity());
        assertTrue(outside.sentence().contains("writes only into /etc/kea"), outside.sentence());
        assertTrue(KeaControlSocketChecks.configWrite("/etc/kea/kea-dhcp4.conf", "../x.json").isPresent(),
                "a relative path leaving the directory");
    }
}
