package tandem.kea;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.core.HaMode;
import tandem.core.PeerRole;
import tandem.kea.KeaHaDetector.Detection;
import tandem.kea.KeaHaDetector.HighAvailability;
import tandem.kea.KeaHaDetector.Refused;
import tandem.kea.KeaHaDetector.Standalone;

class KeaHaDetectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HA_LIB = "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_ha.so";

    private static JsonNode config(String extraDhcp4, String... haSections) throws Exception {
        String hooks = haSections.length == 0 ? ""
                : ", \"hooks-libraries\": [{\"library\": \"/usr/lib/kea/hooks/libdhcp_lease_cmds.so\"},"
                + " {\"library\": \"" + HA_LIB + "\", \"parameters\": {\"high-availability\": ["
                + String.join(",", haSections) + "]}}]";
        return JSON.readTree("{\"Dhcp4\": {\"subnet4\": []" + extraDhcp4 + hooks + "}}");
    }

    private static String section(String self, String mode, String... peers) {
        return "{\"this-server-name\": \"" + self + "\", \"mode\": \"" + mode + "\", \"heartbeat-delay\": 1000,"
                + " \"max-response-delay\": 3000, \"max-unacked-clients\": 0, \"peers\": [" + String.join(",", peers) + "]}";
    }

    private static String peer(String name, String role, int port) {
        return "{\"name\": \"" + name + "\", \"role\": \"" + role + "\", \"url\": \"http://10.0.0." + port % 250
                + ":" + port + "/\"}";
    }

    @Test
    void loadBalancingPair() throws Exception {
        Detection d = KeaHaDetector.detect(config("", section("server1", "load-balancing",
                peer("server1", "primary", 8001), peer("server2", "secondary", 8002))));
        HighAvailability ha = assertInstanceOf(HighAvailability.class, d);
        assertEquals(1, ha.relationships().size());
        var rel = ha.relationships().get(0);
        assertEquals(HaMode.LOAD_BALANCING, rel.mode());
        assertEquals(List.of(PeerRole.PRIMARY, PeerRole.SECONDARY), rel.peers().stream().map(p -> p.role()).toList());
        assertEquals(URI.create("http://10.0.0.2:8002/"), rel.peers().get(1).url());
        assertEquals(3000L, rel.parameters().maxResponseDelayMs());
        assertEquals(0L, rel.parameters().maxUnackedClients());
        assertNull(rel.parameters().maxAckDelayMs(), "unset timers stay unset");
        assertFalse(ha.sharedConfig());
        assertTrue(ha.notes().isEmpty());
    }

    @Test
    void hotStandbyWithBackup() throws Exception {
        Detection d = KeaHaDetector.detect(config("", section("server1", "hot-standby",
                peer("server1", "primary", 8011), peer("server2", "standby", 8012), peer("server3", "backup", 8013))));
        var rel = assertInstanceOf(HighAvailability.class, d).relationships().get(0);
        assertEquals(HaMode.HOT_STANDBY, rel.mode());
        assertEquals(List.of("server1", "server2", "server3"), rel.peers().stream().map(p -> p.name()).toList());
        assertEquals(PeerRole.BACKUP, rel.peers().get(2).role());
    }

    @Test
    void hubAndSpokeImportsEachRelationshipThisServerIsPrimaryOf() throws Exception {
        Detection d = KeaHaDetector.detect(config("",
                section("hub", "hot-standby", peer("hub", "primary", 8001), peer("branch1", "standby", 8002)),
                section("hub", "hot-standby", peer("hub", "primary", 8001), peer("branch2", "standby", 8003))));
        HighAvailability ha = assertInstanceOf(HighAvailability.class, d);
        assertEquals(2, ha.relationships().size());
        assertEquals("branch2", ha.relationships().get(1).peers().get(1).name());
    }

    @Test
    void hubThatIsPrimaryOfOnlySomeRelationshipsKeepsThoseAndNamesTheOtherPrimaries() throws Exception {
        Detection d = KeaHaDetector.detect(config("",
                section("hub", "hot-standby", peer("hub", "primary", 8001), peer("branch1", "standby", 8002)),
                section("hub", "hot-standby", peer("branch2", "primary", 8003), peer("hub", "standby", 8001))));
        HighAvailability ha = assertInstanceOf(HighAvailability.class, d);
        assertEquals(1, ha.relationships().size());
        assertEquals(1, ha.notes().size());
        assertTrue(ha.notes().get(0).contains("branch2"), ha.notes().get(0));
        assertTrue(ha.notes().get(0).contains("http://10.0.0.3:8003/"), ha.notes().get(0));
    }

    @Test
    void configBackendMarksTheRelationshipAsShared() throws Exception {
        Detection d = KeaHaDetector.detect(config(", \"config-control\": {\"config-databases\": [{\"type\": \"mysql\", \"name\": \"kea\"}]}",
                section("server1", "load-balancing", peer("server1", "primary", 8001), peer("server2", "secondary", 8002))));
        assertTrue(assertInstanceOf(HighAvailability.class, d).sharedConfig());
    }

    @Test
    void thisServerNotPrimaryIsRefusedNamingThePrimaryAndItsUrl() throws Exception {
        Detection d = KeaHaDetector.detect(config("", section("server2", "load-balancing",
                peer("server1", "primary", 8001), peer("server2", "secondary", 8002))));
        Refused r = assertInstanceOf(Refused.class, d);
        assertEquals("server1", r.primaryName());
        assertEquals(URI.create("http://10.0.0.1:8001/"), r.primaryUrl());
        assertTrue(r.message().contains("server1") && r.message().contains("http://10.0.0.1:8001/"), r.message());
        assertTrue(r.message().contains("secondary"), r.message());
    }

    @Test
    void backupIsRefusedToo() throws Exception {
        Detection d = KeaHaDetector.detect(config("", section("server3", "hot-standby",
                peer("server1", "primary", 8011), peer("server2", "standby", 8012), peer("server3", "backup", 8013))));
        assertEquals("server1", assertInstanceOf(Refused.class, d).primaryName());
    }

    @Test
    void noHaHookIsStandalone() throws Exception {
        assertInstanceOf(Standalone.class, KeaHaDetector.detect(config("")));
        // lease_cmds alone is not HA
        JsonNode leaseCmdsOnly = JSON.readTree("{\"Dhcp4\": {\"hooks-libraries\": [{\"library\": \"/x/libdhcp_lease_cmds.so\"}]}}");
        assertInstanceOf(Standalone.class, KeaHaDetector.detect(leaseCmdsOnly));
    }

    @Test
    void standaloneWithConfigBackendIsShared() throws Exception {
        var s = assertInstanceOf(Standalone.class, KeaHaDetector.detect(config(", \"config-control\": {}")));
        assertTrue(s.sharedConfig());
    }

    @Test
    void passiveBackupMode() throws Exception {
        Detection d = KeaHaDetector.detect(config("", section("server1", "passive-backup",
                peer("server1", "primary", 8001), peer("server2", "backup", 8002))));
        assertEquals(HaMode.PASSIVE_BACKUP, assertInstanceOf(HighAvailability.class, d).relationships().get(0).mode());
    }

    @Test
    void brokenSectionsAreExplained() throws Exception {
        var noPrimary = config("", section("server1", "load-balancing",
                peer("server1", "secondary", 8001), peer("server2", "secondary", 8002)));
        var e = assertThrows(KeaHaDetector.InvalidHaConfiguration.class, () -> KeaHaDetector.detect(noPrimary));
        assertTrue(e.getMessage().contains("primary"), e.getMessage());
        var selfMissing = config("", section("server9", "load-balancing",
                peer("server1", "primary", 8001), peer("server2", "secondary", 8002)));
        e = assertThrows(KeaHaDetector.InvalidHaConfiguration.class, () -> KeaHaDetector.detect(selfMissing));
        assertTrue(e.getMessage().contains("server9"), e.getMessage());
        var badMode = config("", section("server1", "round-robin", peer("server1", "primary", 8001)));
        assertThrows(KeaHaDetector.InvalidHaConfiguration.class, () -> KeaHaDetector.detect(badMode));
        assertThrows(KeaHaDetector.InvalidHaConfiguration.class, () -> KeaHaDetector.detect(JSON.readTree("{}")));
    }
}
