package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PeerOwnedKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode server(String name, String run, String tls) throws Exception {
        return JSON.readTree("""
            {"Dhcp4": {
              "interfaces-config": {"interfaces": ["eth-%1$s"]},
              "control-socket": {"socket-type": "unix", "socket-name": "/run/%2$s/kea4.sock"},
              "lease-database": {"type": "memfile", "name": "/var/lib/%2$s/leases.csv"},
              "hosts-database": {"type": "mysql", "host": "db-%1$s"},
              "loggers": [{"name": "kea-dhcp4", "output_options": [{"output": "/var/log/%2$s.log"}]}],
              "dhcp-ddns": {"server-ip": "127.0.0.%3$s"},
              "subnet4": [{"id": 1, "subnet": "10.0.0.0/24", "reservations": [{"hw-address": "02:00:00:00:00:%3$s", "ip-address": "10.0.0.%3$s"}]}],
              "hooks-libraries": [{"library": "/usr/lib/kea/hooks/libdhcp_ha.so", "parameters": {"high-availability": [{
                "this-server-name": "%1$s", "mode": "hot-standby", %4$s
                "peers": [{"name": "server1", "url": "http://10.0.0.1:8000/", "role": "primary"},
                          {"name": "server2", "url": "http://10.0.0.2:8000/", "role": "standby"}]}]}}]}}
            """.formatted(name, run, name.substring(6), tls));
    }

    @Test
    void thePeerGetsTheSourceOfTruthsDataButKeepsEverythingOfItsOwn() throws Exception {
        JsonNode primary = server("server1", "s1", "\"cert-file\": \"/etc/kea/s1.pem\",");
        JsonNode standby = server("server2", "s2", "\"cert-file\": \"/etc/kea/s2.pem\",");
        JsonNode built = PeerOwnedKeys.forPeer(primary, standby);
        JsonNode d = built.path("Dhcp4");

        assertEquals(primary.path("Dhcp4").path("subnet4"), d.path("subnet4"), "the shared data comes from the source of truth");
        for (String own : PeerOwnedKeys.DHCP4_KEYS) {
            assertEquals(standby.path("Dhcp4").path(own), d.path(own), own + " stays the peer's own");
        }
        JsonNode ha = PeerOwnedKeys.haSections(d).get(0);
        assertEquals("server2", ha.path("this-server-name").asText());
        assertEquals("/etc/kea/s2.pem", ha.path("cert-file").asText());
        assertEquals(primary.path("Dhcp4").path("hooks-libraries").get(0).path("parameters").path("high-availability")
                .get(0).path("peers"), ha.path("peers"), "the peer list is the relationship's, not the server's");
        assertTrue(PeerOwnedKeys.inSync(primary, built));
        assertFalse(PeerOwnedKeys.inSync(primary, standby));
    }

    @Test
    void ownKeysThePeerDoesNotHaveAreNotInherited() throws Exception {
        JsonNode primary = server("server1", "s1", "\"cert-file\": \"/etc/kea/s1.pem\",");
        JsonNode standby = server("server2", "s2", "");
        ((com.fasterxml.jackson.databind.node.ObjectNode) standby.path("Dhcp4")).remove("hosts-database");
        JsonNode d = PeerOwnedKeys.forPeer(primary, standby).path("Dhcp4");
        assertFalse(d.has("hosts-database"));
        assertFalse(PeerOwnedKeys.haSections(d).get(0).has("cert-file"));
    }

    @Test
    void aKea3PeerKeepsItsControlSocketsAndItsOwnPasswordFilesForEachPartner() throws Exception {
        String template = """
            {"Dhcp4": {
              "control-sockets": [{"socket-type": "http", "socket-port": %2$s,
                "authentication": {"type": "basic", "directory": "/etc/kea/%1$s", "clients": [{"password-file": "pw"}]}}],
              "subnet4": [{"id": 1, "subnet": "10.0.0.0/24"}],
              "hooks-libraries": [{"library": "libdhcp_ha.so", "parameters": {"high-availability": [{
                "this-server-name": "%1$s", "mode": "load-balancing",
                "peers": [{"name": "server1", "url": "http://10.0.0.1:8001/", "role": "primary",
                           "basic-auth-user": "ha", "basic-auth-password-file": "/etc/kea/%1$s/to-server1"},
                          {"name": "server2", "url": "http://10.0.0.2:8001/", "role": "secondary",
                           "basic-auth-user": "ha", "basic-auth-password-file": "/etc/kea/%1$s/to-server2"}]}]}}]}}
            """;
        JsonNode primary = JSON.readTree(template.formatted("server1", 8000));
        JsonNode secondary = JSON.readTree(template.formatted("server2", 8100));
        ((com.fasterxml.jackson.databind.node.ArrayNode) primary.path("Dhcp4").path("subnet4"))
                .addObject().put("id", 2).put("subnet", "10.0.1.0/24");

        JsonNode d = PeerOwnedKeys.forPeer(primary, secondary).path("Dhcp4");
        assertEquals(2, d.path("subnet4").size(), "the new subnet arrives");
        assertEquals(secondary.path("Dhcp4").path("control-sockets"), d.path("control-sockets"));
        JsonNode peers = PeerOwnedKeys.haSections(d).get(0).path("peers");
        assertEquals("/etc/kea/server2/to-server1", peers.get(0).path("basic-auth-password-file").asText());
        assertEquals("/etc/kea/server2/to-server2", peers.get(1).path("basic-auth-password-file").asText());
        assertEquals("http://10.0.0.1:8001/", peers.get(0).path("url").asText());
    }
}
