package tandem.kea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tandem.core.Assessment;
import tandem.core.Backend;
import tandem.core.DaemonState;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.PeerRole;
import tandem.core.Relationship;
import tandem.core.RelationshipStatus;
import tandem.core.StatusRules;

/**
 * A server that reports its DHCP service disabled (status-get's "dhcp-state", Kea 2.7.1 and later) answers but serves
 * no client: shown as disabled, not counted as serving, and not the source of truth.
 */
class DisabledServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Relationship HS = new Relationship("hq", "hq", Backend.KEA, HaMode.HOT_STANDBY, List.of(
            new PeerDefinition("server1", PeerRole.PRIMARY, URI.create("http://127.0.0.1:8001/"), true),
            new PeerDefinition("server2", PeerRole.STANDBY, URI.create("http://127.0.0.1:8002/"), true)),
            false, HaParameters.NONE);

    private static KeaReply statusGet(String name, String role, String dhcpState) throws Exception {
        return new KeaReply.Success(0, null, JSON.readTree("{\"pid\":1,\"uptime\":9,"
                + (dhcpState == null ? "" : "\"dhcp-state\":" + dhcpState + ",")
                + "\"high-availability\":[{\"ha-mode\":\"hot-standby\",\"ha-servers\":{\"local\":{\"role\":\"" + role
                + "\",\"scopes\":[],\"state\":\"hot-standby\",\"server-name\":\"" + name + "\"}}}]}"));
    }

    private static final String DISABLED_BY_USER = "{\"globally-disabled\":true,\"disabled-by-user\":true,"
            + "\"disabled-by-local-command\":[],\"disabled-by-remote-command\":[],\"disabled-by-db-connection\":[]}";
    private static final String ENABLED = "{\"globally-disabled\":false,\"disabled-by-user\":false,"
            + "\"disabled-by-local-command\":[],\"disabled-by-remote-command\":[],\"disabled-by-db-connection\":[]}";

    @Test
    void aPrimaryDisabledByDhcpDisableIsShownSoAndTheStandbyBecomesTheSourceOfTruth() throws Exception {
        PeerObservation s1 = KeaPeerProbe.observe(HS, "server1", statusGet("server1", "primary", DISABLED_BY_USER),
                Optional.empty(), NOW);
        PeerObservation s2 = KeaPeerProbe.observe(HS, "server2", statusGet("server2", "standby", ENABLED),
                Optional.empty(), NOW);
        assertEquals(DaemonState.DISABLED, s1.daemon());
        assertEquals("disabled", s1.daemon().wire(), "as status --json says it");
        assertTrue(s1.reachable());
        assertEquals("hot-standby", s1.haState());
        assertEquals("The DHCP service is disabled by the administrator (dhcp-disable)", s1.problem());
        assertEquals(DaemonState.UP, s2.daemon());

        Assessment a = StatusRules.assess(HS, Map.of("server1", s1, "server2", s2), "server1", KeaStates.VOCABULARY);
        assertEquals(RelationshipStatus.IMPAIRED, a.status());
        assertEquals("server2", a.sourceOfTruth());
        assertTrue(a.reasons().contains("Primary server1 reports its DHCP service disabled: The DHCP service is"
                + " disabled by the administrator (dhcp-disable)"), a.reasons()::toString);
    }

    @Test
    void bothServingServersDisabledIsServiceDown() throws Exception {
        PeerObservation s1 = KeaPeerProbe.observe(HS, "server1", statusGet("server1", "primary", DISABLED_BY_USER),
                Optional.empty(), NOW);
        PeerObservation s2 = KeaPeerProbe.observe(HS, "server2", statusGet("server2", "standby",
                "{\"globally-disabled\":true,\"disabled-by-user\":false,\"disabled-by-remote-command\":[1]}"),
                Optional.empty(), NOW);
        assertEquals("The DHCP service is disabled by its HA partner", s2.problem());
        assertEquals(RelationshipStatus.SERVICE_DOWN,
                StatusRules.assess(HS, Map.of("server1", s1, "server2", s2), "server1", KeaStates.VOCABULARY).status());
    }

    @Test
    void kea22ReportsNoDhcpStateAndThenTheServerCountsAsServing() throws Exception {
        // Kea 2.2's status-get has no "dhcp-state"; its HA state is what tells a disabled service (see KeaSeedLabTest)
        KeaStatus status = KeaStatus.from(((KeaReply.Success) statusGet("server1", "primary", null)).arguments());
        assertNull(status.disabledBy());
        assertNull(KeaStatus.from(((KeaReply.Success) statusGet("server1", "primary", ENABLED)).arguments()).disabledBy());
        assertEquals("its DHCP service is disabled in this state", KeaStates.VOCABULARY.meaning("in-maintenance"));
        assertNull(KeaStates.VOCABULARY.meaning("hot-standby"));
    }

    @Test
    void aBackupTheHaServiceKeepsDisabledIsJudgedByItsHaStateAsOnKea22() throws Exception {
        // Kea 3.0 reports a backup's service disabled by its own HA service: normal for a backup
        Relationship withBackup = new Relationship("hq", "hq", Backend.KEA, HaMode.HOT_STANDBY, List.of(
                HS.peers().get(0), HS.peers().get(1),
                new PeerDefinition("server3", PeerRole.BACKUP, URI.create("http://127.0.0.1:8003/"), true)),
                false, HaParameters.NONE);
        KeaReply backup = new KeaReply.Success(0, null, JSON.readTree("{\"pid\":1,\"dhcp-state\":{\"globally-disabled\":true,"
                + "\"disabled-by-user\":false,\"disabled-by-local-command\":[1000],\"disabled-by-remote-command\":[]},"
                + "\"high-availability\":[{\"ha-mode\":\"hot-standby\",\"ha-servers\":{\"local\":{\"role\":\"backup\","
                + "\"scopes\":[],\"state\":\"backup\",\"server-name\":\"server3\"}}}]}"));
        PeerObservation s3 = KeaPeerProbe.observe(withBackup, "server3", backup, Optional.empty(), NOW);
        assertEquals(DaemonState.UP, s3.daemon());
        assertEquals("backup", s3.haState());
        PeerObservation s1 = KeaPeerProbe.observe(withBackup, "server1", statusGet("server1", "primary", ENABLED),
                Optional.empty(), NOW);
        PeerObservation s2 = KeaPeerProbe.observe(withBackup, "server2", statusGet("server2", "standby", ENABLED),
                Optional.empty(), NOW);
        assertEquals(RelationshipStatus.OK, StatusRules.assess(withBackup, Map.of("server1", s1, "server2", s2,
                "server3", s3), "server1", KeaStates.VOCABULARY).status());
    }
}
