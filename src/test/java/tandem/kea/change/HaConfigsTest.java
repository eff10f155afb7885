package tandem.kea.change;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configurations that join standalone servers and take them apart, and the rules of a creation request. */
class HaConfigsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode config(String root, String json) throws Exception {
        return (ObjectNode) JSON.readTree("{\"" + root + "\": " + json + "}");
    }

    private static final String PRIMARY = """
            {"interfaces-config": {"interfaces": ["eth0"]}, "lease-database": {"type": "memfile", "name": "/a.csv"},
             "hooks-libraries": [{"library": "/opt/kea/hooks/libdhcp_lease_cmds.so"}],
             "valid-lifetime": 3600,
             "SUBNETS": [{"id": 1, "subnet": "10.0.0.0/24"}, {"id": 2, "subnet": "10.0.1.0/24"}]}""";
    private static final String OTHER = """
            {"interfaces-config": {"interfaces": ["eth1"]}, "lease-database": {"type": "memfile", "name": "/b.csv"},
             "control-sockets": [{"socket-type": "http", "socket-port": 8001}],
             "valid-lifetime": 7200, "SUBNETS": [{"id": 9, "subnet": "10.9.0.0/24"}]}""";

    private static HaRequest request() {
        return HaRequest.withDefaults("hq", "load-balancing", List.of(
                new HaRequest.Member("a", "primary", "a", "http://127.0.0.1:8000/", null),
                new HaRequest.Member("b", "secondary", "b", "http://127.0.0.1:8001/", null)));
    }

    @Test
    void theSecondaryTakesThePrimarysSubnetsKeepsItsOwnKeysAndGetsBothHooksFromItsDirectory() throws Exception {
        for (String root : List.of("Dhcp4", "Dhcp6")) {
            String subnets = HaConfigs.subnetKey(root);
            ObjectNode primary = config(root, PRIMARY.replace("SUBNETS", subnets));
            ObjectNode other = config(root, OTHER.replace("SUBNETS", subnets));
            HaRequest r = request();
            ObjectNode a = HaConfigs.joined(primary, null, root, r, r.members().get(0), "/opt/kea/hooks/");
            ObjectNode b = HaConfigs.joined(other, primary, root, r, r.members().get(1), "/usr/lib/kea/hooks/");
            assertEquals(List.of("10.0.0.0/24", "10.0.1.0/24"), HaConfigs.subnets(b, root), root);
            JsonNode bc = b.path(root);
            assertEquals("eth1", bc.path("interfaces-config").path("interfaces").get(0).asText(), "its own interfaces");
            assertEquals("/b.csv", bc.path("lease-database").path("name").asText(), "its own lease file");
            assertEquals(8001, bc.path("control-sockets").get(0).path("socket-port").asInt(), "its own control socket");
            assertEquals(3600, bc.path("valid-lifetime").asInt(), "the rest comes from the source");
            assertEquals("/usr/lib/kea/hooks/libdhcp_lease_cmds.so", bc.path("hooks-libraries").get(0).path("library").asText());
            JsonNode ha = bc.path("hooks-libraries").get(1);
            assertEquals("/usr/lib/kea/hooks/libdhcp_ha.so", ha.path("library").asText());
            JsonNode section = ha.path("parameters").path("high-availability").get(0);
            assertEquals("b", section.path("this-server-name").asText());
            assertEquals(10000, section.path("heartbeat-delay").asInt());
            assertEquals(60000, section.path("max-response-delay").asInt());
            assertEquals(10000, section.path("max-ack-delay").asInt());
            assertEquals(10, section.path("max-unacked-clients").asInt());
            assertFalse(section.path("multi-threading").path("http-dedicated-listener").asBoolean(true),
                    "peers reach a control socket: no dedicated listener on its port");
            assertEquals("secondary", section.path("peers").get(1).path("role").asText());
            // the primary already loads lease_cmds: only the HA hook is added, and no dedicated-listener setting
            JsonNode ah = a.path(root).path("hooks-libraries");
            assertEquals(2, ah.size());
            assertTrue(ah.get(1).path("parameters").path("high-availability").get(0).path("multi-threading").isMissingNode());
            assertEquals("a", ah.get(1).path("parameters").path("high-availability").get(0).path("this-server-name").asText());
            assertTrue(HaConfigs.hasHa(a, root) && HaConfigs.hasHa(b, root));
        }
    }

    @Test
    void peersLogInWithAPasswordFileAndNoPasswordIsWritten() throws Exception {
        ObjectNode primary = config("Dhcp4", PRIMARY.replace("SUBNETS", "subnet4"));
        HaRequest r = request().withPeerUser("tandem").withMembers(List.of(
                request().members().get(0).withPasswordFile("/etc/kea/pw"), request().members().get(1).withPasswordFile("/srv/pw")));
        ObjectNode a = HaConfigs.joined(primary, null, "Dhcp4", r, r.members().get(0), "");
        JsonNode peers = a.path("Dhcp4").path("hooks-libraries").get(1).path("parameters").path("high-availability").get(0).path("peers");
        for (JsonNode p : peers) {
            assertEquals("tandem", p.path("basic-auth-user").asText());
            assertEquals("/etc/kea/pw", p.path("basic-auth-password-file").asText(), "the file on the server holding this configuration");
            assertFalse(p.has("basic-auth-password"));
        }
        assertEquals("libdhcp_ha.so", a.path("Dhcp4").path("hooks-libraries").get(1).path("library").asText(), "a bare name for Kea 3");
    }

    @Test
    void dissolvingRemovesOnlyTheHaHookAndKeepsTheChosenSubnets() throws Exception {
        ObjectNode primary = config("Dhcp4", PRIMARY.replace("SUBNETS", "subnet4"));
        HaRequest r = request();
        ObjectNode joined = HaConfigs.joined(primary, null, "Dhcp4", r, r.members().get(0), "/opt/kea/hooks/");
        ObjectNode kept = HaConfigs.dissolved(joined, "Dhcp4", List.of("10.0.1.0/24"));
        assertFalse(HaConfigs.hasHa(kept, "Dhcp4"));
        assertEquals(1, kept.path("Dhcp4").path("hooks-libraries").size(), "lease_cmds stays");
        assertEquals(List.of("10.0.1.0/24"), HaConfigs.subnets(kept, "Dhcp4"));
        assertEquals(primary, HaConfigs.dissolved(joined, "Dhcp4", HaConfigs.subnets(primary, "Dhcp4")),
                "keeping every subnet gives back the standalone configuration");
    }

    @Test
    void theHooksDirectoryIsThatOfTheLibrariesAlreadyLoaded() throws Exception {
        assertEquals("/opt/kea/hooks/", HaConfigs.hooksDirOf(config("Dhcp4", PRIMARY), "Dhcp4"));
        assertEquals("", HaConfigs.hooksDirOf(config("Dhcp4", "{\"hooks-libraries\": [{\"library\": \"libdhcp_lease_cmds.so\"}]}"), "Dhcp4"));
        assertNull(HaConfigs.hooksDirOf(config("Dhcp4", "{}"), "Dhcp4"));
    }

    @Test
    void aDhcp6PartnerKeepsItsOwnDuidAndDataDirectory() throws Exception {
        ObjectNode primary = config("Dhcp6", PRIMARY.replace("SUBNETS", "subnet6")
                .replace("\"valid-lifetime\"", "\"server-id\": {\"type\": \"LLT\", \"identifier\": \"aa\"}, \"data-directory\": \"/a\", \"valid-lifetime\""));
        ObjectNode other = config("Dhcp6", OTHER.replace("SUBNETS", "subnet6"));
        HaRequest r = request().withService("dhcp6");
        JsonNode b = HaConfigs.joined(other, primary, r.root(), r, r.members().get(1), "/usr/lib/kea/hooks/").path("Dhcp6");
        assertTrue(b.path("server-id").isMissingNode(), "the primary's DUID is not copied: " + b);
        assertTrue(b.path("data-directory").isMissingNode(), "nor where it keeps it");
        assertEquals(List.of("10.0.0.0/24", "10.0.1.0/24"), HaConfigs.subnets(JSON.createObjectNode().set("Dhcp6", b), "Dhcp6"));
    }

    @Test
    void aRequestThatBreaksARuleNamesTheOption() {
        HaRequest.Member a = new HaRequest.Member("a", "primary", "a", "http://127.0.0.1:8000/", null);
        assertEquals("--standby", first(HaRequest.withDefaults("hq", "load-balancing",
                List.of(a, new HaRequest.Member("b", "standby", "b", "http://h:1/", null)))));
        assertEquals("--secondary", first(HaRequest.withDefaults("hq", "passive-backup",
                List.of(a, new HaRequest.Member("b", "secondary", "b", "http://h:1/", null)))));
        assertEquals("--backup", first(HaRequest.withDefaults("hq", "passive-backup", List.of(a))));
        assertEquals("--secondary", first(HaRequest.withDefaults("hq", "load-balancing",
                List.of(a, new HaRequest.Member("a", "secondary", "b", "http://h:1/", null)))), "the same server twice");
        assertEquals("--secondary", first(HaRequest.withDefaults("hq", "load-balancing",
                List.of(a, new HaRequest.Member("b", "secondary", "A", "http://h:1/", null)))), "the same name twice");
        assertEquals("--secondary", first(HaRequest.withDefaults("hq", "load-balancing",
                List.of(a, new HaRequest.Member("b", "secondary", "b", "ftp://h/", null)))));
        assertEquals("--mode", first(HaRequest.withDefaults("hq", "failover", List.of(a))));
        assertEquals("NAME", first(HaRequest.withDefaults(" ", "load-balancing",
                List.of(a, new HaRequest.Member("b", "secondary", "b", "http://h:1/", null)))));
        HaRequest ok = HaRequest.withDefaults("hq", "load-balancing", List.of(a, new HaRequest.Member("b", "secondary", "b", "http://h:1/", null)));
        assertEquals(List.of(), ok.problems());
        assertEquals("--max-response-delay", new HaRequest("hq", "dhcp4", "load-balancing", ok.members(), 5000, 5000, 10000, 10, true, null)
                .problems().get(0).field());
        HaRequest v6 = new HaRequest("hq", "dhcp6", "load-balancing", ok.members(), 10000, 60000, 10000, 10, true, null);
        assertEquals(List.of(), v6.problems(), "DHCPv6 relationships can be created");
        assertEquals(tandem.core.ServiceType.DHCPV6, v6.serviceType());
        assertEquals("Dhcp6", v6.root());
        assertEquals("--service", new HaRequest("hq", "dhcp5", "load-balancing", ok.members(), 10000, 60000, 10000, 10, true, null)
                .problems().get(0).field());
    }

    @Test
    void aPasswordFileIsFoundByItsUserOrAsTheOnlyOneWhoseUserIsInAFile() throws Exception {
        JsonNode kea2 = JSON.readTree("""
                {"directory": "/etc/kea/auth", "clients": [{"user": "admin", "password-file": "admin.pw"},
                 {"user": "tandem", "password-file": "tandem.pw"}]}""");
        assertEquals("/etc/kea/auth/tandem.pw", HaPasswordFiles.in(kea2, "tandem").orElseThrow());
        assertTrue(HaPasswordFiles.in(kea2, "nobody").isEmpty());
        JsonNode kea3 = JSON.readTree("""
                {"directory": "/etc/kea/auth", "clients": [{"user-file": "user", "password-file": "/abs/password"}]}""");
        assertEquals("/abs/password", HaPasswordFiles.in(kea3, "tandem").orElseThrow());
        JsonNode two = JSON.readTree("""
                {"directory": "/d", "clients": [{"user-file": "u1", "password-file": "p1"}, {"user-file": "u2", "password-file": "p2"}]}""");
        assertTrue(HaPasswordFiles.in(two, "tandem").isEmpty(), "which of two is the console's cannot be known");
    }

    private static String first(HaRequest r) {
        List<HaRequest.Problem> p = r.problems();
        assertFalse(p.isEmpty(), r.toString());
        return p.get(0).field();
    }
}
