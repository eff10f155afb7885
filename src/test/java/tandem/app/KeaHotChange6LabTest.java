package tandem.app;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.core.Preferences;
import tandem.core.ServiceType;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaServerImporter;
import tandem.kea.change.KeaChange;
import tandem.kea.change.KeaChangeService;
import tandem.lab.KeaLab;
import tandem.services.Services;

/**
 * DHCPv6 changes through host_cmds and subnet_cmds on a real Kea 3.0 kea-dhcp6 load-balancing pair (the lab's, with
 * both hooks; peers reach each other through their control sockets): reservations by DUID or MAC with addresses and
 * delegated prefixes, pools, prefix-delegation pools, subnet options and subnets. No config-set, so neither server
 * reloads nor leaves load-balancing; both hold the change in memory and in their files; undo goes the same way. A
 * global option goes through config-set and says why.
 */
@Tag("kea")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeaHotChange6LabTest {
    private static final KeaControlAgentClient CLIENT = new KeaControlAgentClient();
    private static final String SUBNET1 = "2001:db8:1::/64";
    private static final String SUBNET2 = "2001:db8:2::/64";

    @TempDir static Path data;
    private static KeaLab pair;
    private static Services services;

    @BeforeAll
    static void start() {
        pair = KeaLab.startKea3(KeaLab.Service.DHCP6, KeaLab.Mode.LOAD_BALANCING, 2, 0, KeaLab.HaListener.CONTROL, 2, 2,
                List.of("libdhcp_host_cmds.so", "libdhcp_subnet_cmds.so"));
        pair.awaitStable(Duration.ofSeconds(60));
        services = Services.open(data, "the console");
        services.updatePreferences(tandem.kea.KeaSettings.preferences(Duration.ofSeconds(1), Duration.ofSeconds(1), null,
                tandem.kea.KeaSettings.of(Preferences.defaults()).controlAgentPort(), true));
        var added = services.inventory().add(Backend.KEA, "pair",
                new ConnectionSettings(pair.caUrl(1), null, pair.kea3(1).user(), pair.kea3(1).password(), null));
        assertInstanceOf(ImportResult.Accepted.class, added, added::toString);
        assertEquals(ServiceType.DHCPV6, services.inventory().relationships().get(0).service());
    }

    @AfterAll
    static void stop() {
        if (services != null) services.close();
        if (pair != null) pair.close();
    }

    @Test
    @Order(0)
    void aReservationByDuidWithAPrefixGoesThroughHostCommandsOnBothServersWithoutAReload() throws Exception {
        awaitOk();
        long reload1 = settledReload(1);
        long reload2 = settledReload(2);
        long sets1 = configSets(1);
        long sets2 = configSets(2);
        String duid = "00:01:00:01:aa:bb:cc:dd";
        var applied = apply(new KeaChange.AddReservation(SUBNET1, null, "2001:db8:1::99", "camera", duid,
                "2001:db9:1:ff00::/64"));

        assertEquals("reservation-add", applied.method());
        assertEquals(Map.of("server2", "verified"), applied.peers());
        for (int i = 1; i <= 2; i++) {
            JsonNode r = reservation(config(i), duid);
            assertNotNull(r, "server" + i + " in memory");
            assertEquals("[\"2001:db8:1::99\"]", r.path("ip-addresses").toString());
            assertEquals("[\"2001:db9:1:ff00::/64\"]", r.path("prefixes").toString());
            String file = Files.readString(pair.dhcp6Config(i));
            assertTrue(file.contains(duid) && file.contains("2001:db9:1:ff00::/64"), "server" + i + " file");
            assertEquals("load-balancing", haState(i));
        }
        // no config-set: the seconds since the last reload kept counting on both
        assertTrue(reload(1) >= reload1, "server1 reloaded");
        assertTrue(reload(2) >= reload2, "server2 reloaded");
        var snapshot = services.stateStore().latestSnapshot("pair", "server1").orElseThrow();
        assertEquals(KeaServerImporter.hash(config(1)), snapshot.hash(), "the snapshot is what config-get returns");

        var undo = services.changes().apply(services.changes().prepareUndo(applied.journalId()));
        assertEquals("reservation-del", undo.method());
        assertEquals(Map.of("server2", "verified"), undo.peers());
        for (int i = 1; i <= 2; i++) {
            assertNull(reservation(config(i), duid), "server" + i + " after undo");
            assertFalse(Files.readString(pair.dhcp6Config(i)).contains(duid), "server" + i + " file after undo");
        }
        assertTrue(reload(1) >= reload1 && reload(2) >= reload2, "undo reloaded a server");
        assertEquals(sets1, configSets(1), "config-set on server1");
        assertEquals(sets2, configSets(2), "config-set on server2");
    }

    @Test
    @Order(1)
    void aReservationByMacGoesThroughHostCommandsToo() throws Exception {
        awaitOk();
        var applied = apply(new KeaChange.AddReservation(SUBNET2, "02:ee:00:00:06:01", "2001:db8:2::98", null, null, null));
        assertEquals("reservation-add", applied.method());
        assertEquals(Map.of("server2", "verified"), applied.peers());
        for (int i = 1; i <= 2; i++) {
            assertTrue(config(i).path("Dhcp6").path("subnet6").toString().contains("02:ee:00:00:06:01"), "server" + i);
            assertTrue(Files.readString(pair.dhcp6Config(i)).contains("02:ee:00:00:06:01"), "server" + i + " file");
        }
    }

    @Test
    @Order(2)
    void aPoolAPrefixDelegationPoolAndASubnetOptionGoThroughSubnetCommandsAndUndoRemovesThem() throws Exception {
        awaitOk();
        long reload1 = settledReload(1);
        long reload2 = settledReload(2);
        long sets1 = configSets(1);
        long sets2 = configSets(2);
        var pool = apply(new KeaChange.AddPool(SUBNET2, "2001:db8:2::20 - 2001:db8:2::2f"));
        assertEquals("subnet6-delta-add", pool.method());
        var pd = apply(new KeaChange.AddPdPool(SUBNET2, "2001:db9:22::/56", 64));
        assertEquals("subnet6-delta-add", pd.method());
        var option = apply(new KeaChange.SetOption(SUBNET2, "sntp-servers", "2001:db8:2::123"));
        assertEquals("subnet6-delta-add", option.method());
        for (var a : List.of(pool, pd, option)) assertEquals(Map.of("server2", "verified"), a.peers());
        Predicate<String> all = s -> s.contains("2001:db8:2::20") && s.contains("2001:db9:22::") && s.contains("2001:db8:2::123");
        for (int i = 1; i <= 2; i++) {
            String subnet = subnet(config(i), SUBNET2).toString();
            assertTrue(all.test(subnet), "server" + i + ": " + subnet);
            assertTrue(all.test(Files.readString(pair.dhcp6Config(i))), "server" + i + " file");
            assertEquals("load-balancing", haState(i));
        }
        assertTrue(reload(1) >= reload1, "server1 reloaded");
        assertTrue(reload(2) >= reload2, "server2 reloaded");

        for (var a : List.of(option, pd, pool)) {
            var undo = services.changes().apply(services.changes().prepareUndo(a.journalId()));
            assertEquals("subnet6-delta-del", undo.method(), undo.toString());
            assertEquals(Map.of("server2", "verified"), undo.peers());
        }
        Predicate<String> none = s -> !s.contains("2001:db8:2::20") && !s.contains("2001:db9:22::") && !s.contains("2001:db8:2::123");
        for (int i = 1; i <= 2; i++) {
            String subnet = subnet(config(i), SUBNET2).toString();
            assertTrue(none.test(subnet), "server" + i + " after undo: " + subnet);
            assertTrue(none.test(Files.readString(pair.dhcp6Config(i))), "server" + i + " file after undo");
        }
        assertTrue(reload(1) >= reload1 && reload(2) >= reload2, "undo reloaded a server");
        assertEquals(sets1, configSets(1), "config-set on server1");
        assertEquals(sets2, configSets(2), "config-set on server2");
        var snapshot = services.stateStore().latestSnapshot("pair", "server1").orElseThrow();
        assertEquals(KeaServerImporter.hash(config(1)), snapshot.hash());
    }

    @Test
    @Order(3)
    void aSubnetIsAddedAndRemovedThroughSubnetCommands() {
        awaitOk();
        var added = apply(new KeaChange.AddSubnet("2001:db8:99::/64", null, List.of("2001:db8:99::10 - 2001:db8:99::20")));
        assertEquals("subnet6-add", added.method());
        assertEquals(Map.of("server2", "verified"), added.peers());
        for (int i = 1; i <= 2; i++) assertNotNull(subnet(config(i), "2001:db8:99::/64"), "server" + i);
        var removed = services.changes().apply(services.changes().prepareUndo(added.journalId()));
        assertEquals("subnet6-del", removed.method());
        for (int i = 1; i <= 2; i++) assertNull(subnet(config(i), "2001:db8:99::/64"), "server" + i + " after undo");
    }

    @Test
    @Order(4)
    void aGlobalOptionFallsBackToConfigSetAndSaysWhy() {
        awaitOk();
        long sets1 = configSets(1);
        long sets2 = configSets(2);
        var applied = apply(new KeaChange.SetOption(null, "domain-search", "example.org"));
        assertTrue(applied.method().startsWith("config-set (the change reaches beyond subnets"), applied.method());
        assertEquals(Map.of("server2", "verified"), applied.peers());
        for (int i = 1; i <= 2; i++) {
            assertTrue(config(i).path("Dhcp6").path("option-data").toString().contains("example.org"), "server" + i);
        }
        // what the other changes are checked against does show a config-set
        assertEquals(sets1 + 1, configSets(1), "config-set on server1");
        assertEquals(sets2 + 1, configSets(2), "config-set on server2");
        pair.awaitStable(Duration.ofSeconds(60));
    }

    @Test
    @Order(5)
    void aPeerWithoutHostCommandsSendsTheChangeThroughConfigSetAndSaysWhich() {
        awaitOk();
        // server2 reconfigured from outside the console without libdhcp_host_cmds.so
        ObjectNode c = config(2);
        var hooks = (com.fasterxml.jackson.databind.node.ArrayNode) c.path("Dhcp6").path("hooks-libraries");
        for (int h = hooks.size() - 1; h >= 0; h--) {
            if (hooks.get(h).path("library").asText().endsWith("libdhcp_host_cmds.so")) hooks.remove(h);
        }
        assertTrue(CLIENT.send(pair.endpoint(2), "config-set", "dhcp6", c).isSuccess());
        assertFalse(config(2).toString().contains("libdhcp_host_cmds.so"));
        pair.awaitStable(Duration.ofSeconds(60));
        awaitOk();

        String duid = "00:01:00:01:aa:bb:cc:ee";
        var applied = apply(new KeaChange.AddReservation(SUBNET2, null, "2001:db8:2::97", null, duid, null));
        assertEquals("config-set (server2 does not load libdhcp_host_cmds.so (no reservation-add))", applied.method());
        assertEquals(Map.of("server2", "verified"), applied.peers());
        // server2 got server1's configuration, hooks included
        assertTrue(config(2).toString().contains("libdhcp_host_cmds.so"));
        assertNotNull(reservation(config(2), duid));
        pair.awaitStable(Duration.ofSeconds(60));
    }

    private static KeaChangeService.Applied apply(KeaChange change) {
        return services.changes().apply(services.changes().prepare("pair", change));
    }

    private static JsonNode subnet(JsonNode config, String prefix) {
        for (JsonNode s : config.path("Dhcp6").path("subnet6")) if (prefix.equals(s.path("subnet").asText())) return s;
        return null;
    }

    private static JsonNode reservation(JsonNode config, String duid) {
        for (JsonNode s : config.path("Dhcp6").path("subnet6")) {
            for (JsonNode r : s.path("reservations")) if (duid.equals(r.path("duid").asText())) return r;
        }
        return null;
    }

    /** config-set commands server i logged so far. */
    private static long configSets(int i) {
        return pair.commandsReceived(i, "dhcp6", "config-set");
    }

    /**
     * Seconds since server i's last reload, once at least 3: a config-set would then show as a smaller number (the
     * changes take well under a second).
     */
    private static long settledReload(int i) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (int n = 0; n < 100; n++) {
            long r = reload(i);
            if (r >= 3) return r;
            if (System.nanoTime() > deadline) break;
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("server" + i + " kept reloading");
    }

    private static ObjectNode config(int i) { return KeaPairReads.config(pair, i, "dhcp6"); }

    private static String haState(int i) { return KeaPairReads.haState(pair, i, "dhcp6"); }

    private static long reload(int i) { return KeaPairReads.reload(pair, i, "dhcp6"); }

    private static void awaitOk() { KeaPairReads.awaitOk(services, "pair"); }
}
