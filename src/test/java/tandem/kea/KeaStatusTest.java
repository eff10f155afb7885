package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeaStatusTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode read(String s) throws Exception {
        return json.readTree(s);
    }

    @Test
    void loadBalancingPrimaryAsReportedByKea22() throws Exception {
        KeaStatus status = KeaStatus.from(read("""
                { "high-availability": [ { "ha-mode": "load-balancing", "ha-servers": {
                  "local": { "role": "primary", "scopes": [ "server1" ], "state": "load-balancing" },
                  "remote": { "age": 3, "analyzed-packets": 7, "communication-interrupted": true,
                    "connecting-clients": 2, "in-touch": true, "last-scopes": [ "server2" ],
                    "last-state": "load-balancing", "role": "secondary", "unacked-clients": 1,
                    "unacked-clients-left": 9 } } } ],
                  "multi-threading-enabled": false, "pid": 4771, "reload": 6, "sockets": { "status": "ready" },
                  "uptime": 12 }"""));

        assertEquals(4771L, status.pid());
        assertEquals(12L, status.uptime());
        assertEquals(6L, status.reload());
        assertEquals(false, status.multiThreading());
        assertEquals(1, status.highAvailability().size());
        KeaHaStatus ha = status.ha().orElseThrow();
        assertEquals("load-balancing", ha.mode());
        assertEquals(new KeaHaStatus.Local(null, "primary", "load-balancing", List.of("server1")), ha.local());
        assertTrue(ha.hasRemote());
        KeaHaStatus.Remote r = ha.remote();
        assertEquals("secondary", r.role());
        assertEquals("load-balancing", r.lastState());
        assertEquals(List.of("server2"), r.lastScopes());
        assertEquals(3L, r.age());
        assertEquals(true, r.inTouch());
        assertEquals(true, r.communicationInterrupted());
        assertEquals(1, r.unackedClients());
        assertEquals(9, r.unackedClientsLeft());
        assertEquals(2, r.connectingClients());
        assertEquals(7L, r.analyzedPackets());
    }

    @Test
    void backupHasNoRemote() throws Exception {
        KeaStatus status = KeaStatus.from(read("""
                { "pid": 1, "high-availability": [ { "ha-mode": "hot-standby", "ha-servers": {
                  "local": { "role": "backup", "scopes": [ ], "state": "backup" } } } ] }"""));

        KeaHaStatus ha = status.ha().orElseThrow();
        assertEquals("backup", ha.local().state());
        assertEquals(List.of(), ha.local().scopes());
        assertFalse(ha.hasRemote());
        assertNull(ha.remote());
    }

    @Test
    void kea26HubAndSpokeListsSeveralRelationshipsWithServerNames() throws Exception {
        KeaStatus status = KeaStatus.from(read("""
                { "high-availability": [
                  { "ha-mode": "hot-standby", "ha-servers": { "local": { "server-name": "hub", "role": "primary",
                    "state": "hot-standby", "scopes": ["hub"] }, "remote": { "server-name": "spoke1",
                    "role": "standby", "last-state": "hot-standby" } } },
                  { "ha-mode": "hot-standby", "ha-servers": { "local": { "server-name": "hub", "role": "primary",
                    "state": "partner-down", "scopes": ["hub"] }, "remote": { "server-name": "spoke2",
                    "role": "standby", "last-state": "unavailable" } } } ] }"""));

        assertEquals(2, status.highAvailability().size());
        assertEquals("spoke2", status.highAvailability().get(1).remote().serverName());
        assertEquals("partner-down", status.highAvailability().get(1).local().state());
        assertNull(status.highAvailability().get(1).remote().age());
    }

    @Test
    void missingFieldsReadAsNullOrEmpty() throws Exception {
        KeaStatus noHa = KeaStatus.from(read("{ \"pid\": \"not a number\" }"));
        assertNull(noHa.pid());
        assertNull(noHa.uptime());
        assertNull(noHa.multiThreading());
        assertTrue(noHa.highAvailability().isEmpty());
        assertTrue(noHa.ha().isEmpty());

        KeaStatus nothing = KeaStatus.from(null);
        assertTrue(nothing.highAvailability().isEmpty());

        KeaHaStatus bare = KeaStatus.from(read("{ \"high-availability\": [ {} ] }")).ha().orElseThrow();
        assertNull(bare.mode());
        assertNull(bare.local().state());
        assertFalse(bare.hasRemote());
    }
}
