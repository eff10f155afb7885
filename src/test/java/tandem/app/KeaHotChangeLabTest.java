package tandem.app;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.core.Preferences;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaServerImporter;
import tandem.kea.change.KeaChange;
import tandem.lab.KeaLab;
import tandem.services.Services;

/**
 * Changes through host_cmds and subnet_cmds on a real Kea 3.0 load-balancing pair (the lab's, with both hooks;
 * peers reach each other through their control sockets, so the console reaches each peer at the URL HA names):
 * no config-set, so neither server reloads nor leaves load-balancing; both hold the change in memory and in their
 * files; the stored snapshot is what config-get returns; undo goes the same way. A change beyond subnets, or a peer
 * without the hook, goes through config-set and says why.
 */
@Tag("kea")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeaHotChangeLabTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeaControlAgentClient CLIENT = new KeaControlAgentClient();

    @TempDir static Path data;
    private static KeaLab pair;
    private static Services services;

    @BeforeAll
    static void start() {
        pair = KeaLab.startKea3(KeaLab.Mode.LOAD_BALANCING, 2, 0, KeaLab.HaListener.CONTROL, 2, 2,
                java.util.List.of("libdhcp_host_cmds.so", "libdhcp_subnet_cmds.so"));
        pair.awaitStable(Duration.ofSeconds(60));
        services = Services.open(data, "the console");
        services.updatePreferences(tandem.kea.KeaSettings.preferences(Duration.ofSeconds(1), Duration.ofSeconds(1), null,
                tandem.kea.KeaSettings.of(Preferences.defaults()).controlAgentPort(), true));
        var added = services.inventory().add(Backend.KEA, "pair",
                new ConnectionSettings(pair.caUrl(1), null, pair.kea3(1).user(), pair.kea3(1).password(), null));
        assertInstanceOf(ImportResult.Accepted.class, added, added::toString);
    }

    @AfterAll
    static void stop() {
        if (services != null) services.close();
        if (pair != null) pair.close();
    }

    @Test
    @org.junit.jupiter.api.Order(0)
    void aPeerWithoutHostCommandsSendsTheChangeThroughConfigSetAndSaysWhich() {
        awaitOk();
        dropHostCommands(2);
        var applied = services.changes().apply(services.changes().prepare("pair",
                new KeaChange.AddReservation("10.10.1.0/24", "02:ee:00:00:01:01", "10.10.1.150", null)));
        assertEquals("config-set (server2 does not load libdhcp_host_cmds.so (no reservation-add))", applied.method());
        assertEquals(Map.of("server2", "verified"), applied.peers());
        // server2 got server1's configuration, hooks included
        assertTrue(config(2).toString().contains("libdhcp_host_cmds.so"));
        assertTrue(holdsReservation(config(2), "02:ee:00:00:01:01"));
        pair.awaitStable(Duration.ofSeconds(60));
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void aReservationGoesThroughHostCommandsOnBothServersWithoutAReload() throws Exception {
        awaitOk();
        long reload1 = reload(1);
        long reload2 = reload(2);
        var preview = services.changes().prepare("pair", new KeaChange.AddReservation("10.10.0.0/24",
                "02:ee:00:00:00:01", "10.10.0.150", "printer"));
        var applied = services.changes().apply(preview);

        assertEquals("reservation-add", applied.method());
        assertEquals(Map.of("server2", "verified"), applied.peers());
        for (int i = 1; i <= 2; i++) {
            assertTrue(holdsReservation(config(i), "02:ee:00:00:00:01"), "server" + i + " in memory");
            assertTrue(Files.readString(pair.servers().get(i - 1).dhcp4Config()).contains("02:ee:00:00:00:01"), "server" + i + " file");
            assertEquals("load-balancing", haState(i));
        }
        // no config-set: the seconds since the last reload kept counting on both
        assertTrue(reload(1) >= reload1, "server1 reloaded");
        assertTrue(reload(2) >= reload2, "server2 reloaded");
        var snapshot = services.stateStore().latestSnapshot("pair", "server1").orElseThrow();
        assertEquals(KeaServerImporter.hash(config(1)), snapshot.hash(), "the snapshot is what config-get returns");
        // a peer's stored configuration, where there is one, is kept in step too
        services.stateStore().latestSnapshot("pair", "server2").ifPresent(s ->
                assertEquals(KeaServerImporter.hash(config(2)), s.hash(), "the peer's snapshot"));

        // undo: the inverse goes the same way
        var undo = services.changes().apply(services.changes().prepareUndo(applied.journalId()));
        assertEquals("reservation-del", undo.method());
        for (int i = 1; i <= 2; i++) {
            assertFalse(holdsReservation(config(i), "02:ee:00:00:00:01"), "server" + i + " after undo");
            assertFalse(Files.readString(pair.servers().get(i - 1).dhcp4Config()).contains("02:ee:00:00:00:01"), "server" + i + " file after undo");
        }
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void poolsAndSubnetsGoThroughSubnetCommands() throws Exception {
        awaitOk();
        var pool = services.changes().apply(services.changes().prepare("pair",
                new KeaChange.AddPool("10.10.1.0/24", "10.10.1.20 - 10.10.1.30")));
        assertEquals("subnet4-delta-add", pool.method());
        var subnet = services.changes().apply(services.changes().prepare("pair",
                new KeaChange.AddSubnet("192.168.50.0/24", null, java.util.List.of("192.168.50.10 - 192.168.50.20"))));
        assertEquals("subnet4-add", subnet.method());
        assertEquals(Map.of("server2", "verified"), subnet.peers());
        for (int i = 1; i <= 2; i++) {
            String subnets = config(i).path("Dhcp4").path("subnet4").toString();
            assertTrue(subnets.contains("10.10.1.20-10.10.1.30"), subnets);
            assertTrue(subnets.contains("192.168.50.0/24"), subnets);
        }
        var snapshot = services.stateStore().latestSnapshot("pair", "server1").orElseThrow();
        assertEquals(KeaServerImporter.hash(config(1)), snapshot.hash());
        var removed = services.changes().apply(services.changes().prepareUndo(subnet.journalId()));
        assertEquals("subnet4-del", removed.method());
        for (int i = 1; i <= 2; i++) {
            assertFalse(config(i).path("Dhcp4").path("subnet4").toString().contains("192.168.50.0/24"));
        }
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void aGlobalOptionFallsBackToConfigSetAndSaysWhy() {
        awaitOk();
        var applied = services.changes().apply(services.changes().prepare("pair",
                new KeaChange.SetOption(null, "domain-name", "example.org")));
        assertTrue(applied.method().startsWith("config-set (the change reaches beyond subnets"), applied.method());
        assertEquals(Map.of("server2", "verified"), applied.peers());
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void aPeerThatLostHostCommandsSinceTheyWereListedIsSynchronizedThroughConfigSet() {
        awaitOk();
        var listed = services.changes().apply(services.changes().prepare("pair",
                new KeaChange.AddReservation("10.10.1.0/24", "02:ee:00:00:01:03", "10.10.1.152", null)));
        assertEquals("reservation-add", listed.method());
        dropHostCommands(2);  // within a minute of that change: its commands are still taken as listed then
        var applied = services.changes().apply(services.changes().prepare("pair",
                new KeaChange.AddReservation("10.10.1.0/24", "02:ee:00:00:01:02", "10.10.1.151", null)));
        assertEquals("reservation-add", applied.method());
        assertEquals(Map.of("server2", "verified"), applied.peers());
        assertTrue(holdsReservation(config(2), "02:ee:00:00:01:02"));
        assertTrue(config(2).toString().contains("libdhcp_host_cmds.so"));
    }

    @Test
    @org.junit.jupiter.api.Order(5)
    void aChangeCutShortAfterTheSourceOfTruthsCommandIsSettledIntoEveryServerAndFile() throws Exception {
        awaitOk();
        var change = new KeaChange.AddReservation("10.10.1.0/24", "02:ee:00:00:01:09", "10.10.1.160", null);
        // what a console killed right after server1's reservation-add leaves: server1 holds it in memory only
        assertTrue(CLIENT.send(pair.endpoint(1), "reservation-add", "dhcp4", tandem.kea.change.KeaConfigJson.parse("""
                {"reservation": {"subnet-id": 2, "hw-address": "02:ee:00:00:01:09", "ip-address": "10.10.1.160"},
                 "operation-target": "memory"}""")).isSuccess());
        var journal = services.replicationStore();
        var last = journal.recent(1).get(0);
        java.time.Instant now = java.time.Instant.now();
        long id = journal.begin("pair", "kea", tandem.kea.change.KeaChangeService.toJson(change), change.describe(),
                "server1", last.user(), "a console that was killed", last.host(), 999_999_999L, now);
        journal.recordTarget(id, "server1", tandem.core.port.ReplicationStore.TargetOutcome.UNKNOWN,
                "commands: sending reservation-add", now);
        assertFalse(holdsReservation(config(2), "02:ee:00:00:01:09"));

        var settled = services.changes().settleAbandoned();
        assertEquals(1, settled.size(), settled.toString());
        assertEquals(tandem.core.port.ReplicationStore.Status.APPLIED, journal.entry(id).orElseThrow().status(), settled.get(0));
        for (int i = 1; i <= 2; i++) {
            assertTrue(holdsReservation(config(i), "02:ee:00:00:01:09"), "server" + i);
            assertTrue(Files.readString(pair.servers().get(i - 1).dhcp4Config()).contains("02:ee:00:00:01:09"),
                    "server" + i + " file");
        }
    }

    /** Reconfigures server i, from outside the console, without libdhcp_host_cmds.so; waits for load-balancing. */
    private static void dropHostCommands(int i) {
        ObjectNode c = config(i);
        var hooks = (com.fasterxml.jackson.databind.node.ArrayNode) c.path("Dhcp4").path("hooks-libraries");
        for (int h = hooks.size() - 1; h >= 0; h--) {
            if (hooks.get(h).path("library").asText().endsWith("libdhcp_host_cmds.so")) hooks.remove(h);
        }
        assertTrue(CLIENT.send(pair.endpoint(i), "config-set", "dhcp4", c).isSuccess());
        assertFalse(config(i).toString().contains("libdhcp_host_cmds.so"));
        pair.awaitStable(Duration.ofSeconds(60));
    }

    private static boolean holdsReservation(JsonNode config, String mac) {
        for (JsonNode s : config.path("Dhcp4").path("subnet4")) {
            for (JsonNode r : s.path("reservations")) if (mac.equals(r.path("hw-address").asText())) return true;
        }
        return false;
    }

    private static ObjectNode config(int i) { return KeaPairReads.config(pair, i, "dhcp4"); }

    private static String haState(int i) { return KeaPairReads.haState(pair, i, "dhcp4"); }

    private static long reload(int i) { return KeaPairReads.reload(pair, i, "dhcp4"); }

    private static void awaitOk() { KeaPairReads.awaitOk(services, "pair"); }
}
