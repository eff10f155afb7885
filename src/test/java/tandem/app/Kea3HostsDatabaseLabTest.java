package tandem.app;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaReply;
import tandem.kea.change.ChangeRefused;
import tandem.kea.change.KeaChange;
import tandem.lab.KeaLab;
import tandem.lab.PostgresLab;
import tandem.services.Services;

/**
 * Reservations of a real Kea 3.0 load-balancing pair whose servers share one PostgreSQL hosts database (Debian's
 * PostgreSQL, Kea's own schema): a reservation is written once, as one row of the database's hosts table, both
 * servers read it back, neither configuration file nor running configuration changes, and undo deletes it.
 */
@Tag("kea")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Kea3HostsDatabaseLabTest {
    private static final KeaControlAgentClient CLIENT = new KeaControlAgentClient();
    private static final String DB = "kea_hosts";
    private static final String ROLE = "kea";

    @TempDir static Path data;
    private static PostgresLab postgres;
    private static String dbPassword;
    private static KeaLab pair;
    private static Services services;

    @BeforeAll
    static void start() {
        postgres = PostgresLab.start();
        dbPassword = PostgresLab.randomSecret();
        postgres.createRole(ROLE, dbPassword);
        postgres.createDatabase(DB, ROLE);
        postgres.runScript(DB, ROLE, dbPassword, KeaLab.kea3Root().resolve("usr/share/kea/scripts/pgsql/dhcpdb_create.pgsql"));
        pair = KeaLab.startKea3(KeaLab.Mode.LOAD_BALANCING, 2, 0, KeaLab.HaListener.CONTROL, 2, 2,
                List.of("libdhcp_host_cmds.so", "libdhcp_subnet_cmds.so"),
                new KeaLab.HostsDatabase("127.0.0.1", postgres.port(), DB, ROLE, dbPassword));
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
        if (postgres != null) postgres.close();
    }

    @Test
    @Order(1)
    void theDatabasePasswordIsInNoConfiguration() throws Exception {
        for (int i = 1; i <= 2; i++) {
            assertFalse(Files.readString(pair.servers().get(i - 1).dhcp4Config()).contains(dbPassword), "server" + i + " file");
            assertFalse(config(i).toString().contains(dbPassword), "server" + i + " config-get");
            assertEquals(DB, config(i).path("Dhcp4").path("hosts-databases").path(0).path("name").asText(), "server" + i);
        }
    }

    @Test
    @Order(2)
    void aReservationIsWrittenOnceToTheSharedDatabaseAndUndoDeletesIt() throws Exception {
        awaitOk();
        String file1 = Files.readString(pair.servers().get(0).dhcp4Config());
        String file2 = Files.readString(pair.servers().get(1).dhcp4Config());
        String mac = "02:db:00:00:00:01";
        var preview = services.changes().prepare("pair", new KeaChange.AddReservation("10.10.0.0/24", mac, "10.10.0.201", "scanner"));
        assertTrue(preview.diff().contains("hosts database postgresql " + DB + " on 127.0.0.1:" + postgres.port()), preview.diff());
        assertTrue(preview.diff().contains("+") && preview.diff().contains("10.10.0.201"), preview.diff());
        assertTrue(preview.notes().stream().anyMatch(n -> n.contains("not the configuration files")), preview.notes().toString());

        var applied = services.changes().apply(preview);
        assertEquals("reservation-add, written once to the shared hosts database postgresql " + DB + " on 127.0.0.1:"
                + postgres.port(), applied.method());
        assertEquals(Map.of("server2", "verified"), applied.peers());
        assertEquals(1, rows(mac), "one row in the hosts table");
        for (int i = 1; i <= 2; i++) {
            assertEquals("10.10.0.201", reservationGet(i, 1, mac).path("ip-address").asText(), "server" + i + " reads it");
            assertFalse(config(i).toString().contains(mac), "server" + i + " configuration");
        }
        assertEquals(file1, Files.readString(pair.servers().get(0).dhcp4Config()), "server1's file unchanged");
        assertEquals(file2, Files.readString(pair.servers().get(1).dhcp4Config()), "server2's file unchanged");
        var entry = services.replicationStore().entry(applied.journalId()).orElseThrow();
        assertEquals(tandem.core.port.ReplicationStore.Status.APPLIED, entry.status());

        var undo = services.changes().apply(services.changes().prepareUndo(applied.journalId()));
        assertTrue(undo.method().startsWith("reservation-del, written once to the shared hosts database"), undo.method());
        assertEquals(0, rows(mac), "undo deleted the row");
        for (int i = 1; i <= 2; i++) assertTrue(reservationGet(i, 1, mac).isMissingNode(), "server" + i + " after undo");
        assertEquals(file1, Files.readString(pair.servers().get(0).dhcp4Config()));
        assertEquals(file2, Files.readString(pair.servers().get(1).dhcp4Config()));
    }

    @Test
    @Order(3)
    void aReservationAlreadyInTheDatabaseIsRefusedAtPreview() throws Exception {
        awaitOk();
        String mac = "02:db:00:00:00:02";
        assertTrue(CLIENT.send(pair.endpoint(2), "reservation-add", "dhcp4", tandem.kea.change.KeaConfigJson.parse("""
                {"reservation": {"subnet-id": 2, "hw-address": "%s", "ip-address": "10.10.1.202"},
                 "operation-target": "database"}""".formatted(mac))).isSuccess());
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> services.changes().prepare("pair",
                new KeaChange.AddReservation("10.10.1.0/24", mac, "10.10.1.203", null)));
        assertEquals("mac", refused.field());
        assertTrue(refused.getMessage().contains("hosts database"), refused.getMessage());
        ChangeRefused address = assertThrows(ChangeRefused.class, () -> services.changes().prepare("pair",
                new KeaChange.AddReservation("10.10.1.0/24", "02:db:00:00:00:03", "10.10.1.202", null)));
        assertEquals("ip", address.field());
        assertEquals(1, rows(mac));
    }

    @Test
    @Order(4)
    void removalDeletesAReservationFromTheDatabaseAndUndoPutsItBack() throws Exception {
        awaitOk();
        String mac = "02:db:00:00:00:02";  // added to the database from outside in the test before
        String file1 = Files.readString(pair.servers().get(0).dhcp4Config());
        var removed = services.changes().apply(services.changes().prepare("pair", new KeaChange.RemoveReservation("10.10.1.0/24", mac)));
        assertTrue(removed.method().startsWith("reservation-del, written once to the shared hosts database"), removed.method());
        assertEquals(Map.of("server2", "verified"), removed.peers());
        assertEquals(0, rows(mac));
        for (int i = 1; i <= 2; i++) assertTrue(reservationGet(i, 2, mac).isMissingNode(), "server" + i);

        var undo = services.changes().apply(services.changes().prepareUndo(removed.journalId()));
        assertTrue(undo.method().startsWith("reservation-add, written once"), undo.method());
        assertEquals(1, rows(mac));
        for (int i = 1; i <= 2; i++) assertEquals("10.10.1.202", reservationGet(i, 2, mac).path("ip-address").asText());
        assertEquals(file1, Files.readString(pair.servers().get(0).dhcp4Config()));
    }

    @Test
    @Order(5)
    void aReservationKeptInTheConfigurationIsRemovedFromTheConfiguration() throws Exception {
        awaitOk();
        // the lab's own reservations are in the servers' configurations, not in the database
        JsonNode first = config(1).path("Dhcp4").path("subnet4").path(0).path("reservations").path(0);
        String mac = first.path("hw-address").asText();
        assertFalse(mac.isEmpty());
        var removed = services.changes().apply(services.changes().prepare("pair", new KeaChange.RemoveReservation("10.10.0.0/24", mac)));
        assertEquals("reservation-del", removed.method());
        for (int i = 1; i <= 2; i++) {
            assertFalse(config(i).toString().contains(mac), "server" + i);
            assertFalse(Files.readString(pair.servers().get(i - 1).dhcp4Config()).contains(mac), "server" + i + " file");
        }
    }

    @Test
    @Order(6)
    void aChangeCutShortAfterItsCommandIsSettledByAskingTheDatabase() throws Exception {
        awaitOk();
        var change = new KeaChange.AddReservation("10.10.1.0/24", "02:db:00:00:00:09", "10.10.1.209", null);
        // what a console killed right after server1's reservation-add leaves: the row is in the database
        assertTrue(CLIENT.send(pair.endpoint(1), "reservation-add", "dhcp4", tandem.kea.change.KeaConfigJson.parse("""
                {"reservation": {"subnet-id": 2, "hw-address": "02:db:00:00:00:09", "ip-address": "10.10.1.209"},
                 "operation-target": "database"}""")).isSuccess());
        var journal = services.replicationStore();
        var last = journal.recent(1).get(0);
        java.time.Instant now = java.time.Instant.now();
        long id = journal.begin("pair", "kea", tandem.kea.change.KeaChangeService.toJson(change), change.describe(),
                "server1", last.user(), "a console that was killed", last.host(), 999_999_999L, now);
        journal.recordTarget(id, "server1", tandem.core.port.ReplicationStore.TargetOutcome.UNKNOWN,
                "hosts database: sending reservation-add to the database", now);
        var settled = services.changes().settleAbandoned();
        assertEquals(1, settled.size(), settled.toString());
        assertEquals(tandem.core.port.ReplicationStore.Status.APPLIED, journal.entry(id).orElseThrow().status(), settled.get(0));
        assertFalse(config(1).toString().contains("02:db:00:00:00:09"), "settling copies nothing into the configuration");

        // and one whose command never reached the database is settled as not applied
        var lost = new KeaChange.AddReservation("10.10.1.0/24", "02:db:00:00:00:0a", "10.10.1.210", null);
        long lostId = journal.begin("pair", "kea", tandem.kea.change.KeaChangeService.toJson(lost), lost.describe(),
                "server1", last.user(), "a console that was killed", last.host(), 999_999_998L, now);
        journal.recordTarget(lostId, "server1", tandem.core.port.ReplicationStore.TargetOutcome.UNKNOWN,
                "hosts database: sending reservation-add to the database", now);
        services.changes().settleAbandoned();
        assertEquals(tandem.core.port.ReplicationStore.Status.FAILED, journal.entry(lostId).orElseThrow().status());
        assertEquals(0, rows("02:db:00:00:00:0a"));
    }

    @Test
    @Order(7)
    void theCommandLineSaysTheReservationWasWrittenOnceToTheSharedDatabase() throws Exception {
        awaitOk();
        services.close();  // the command line opens the same data folder
        services = null;
        String mac = "02:db:00:00:00:06";
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = tandem.cli.TandemCommand.run(new String[] {"--data", data.toString(), "reservation", "add", "pair",
                        "--subnet", "10.10.1.0/24", "--mac", mac, "--ip", "10.10.1.206"},
                dir -> fail("the console must not open for a command"), Services::open, Launcher.backendCommands(),
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("  Through: reservation-add, written once to the shared hosts database postgresql "
                + DB + " on 127.0.0.1:" + postgres.port()), out.toString());
        assertTrue(out.toString().contains("  server2: verified"), out.toString());
        assertEquals(1, rows(mac));
    }

    private static int rows(String mac) throws Exception {
        try (Connection c = postgres.connect(DB, ROLE, dbPassword);
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM hosts WHERE dhcp_identifier = decode(?, 'hex')")) {
            s.setString(1, mac.replace(":", ""));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** The server's reservation for the MAC, read through the database; a missing node when it has none. */
    private static JsonNode reservationGet(int i, long subnetId, String mac) {
        KeaReply r = CLIENT.send(pair.endpoint(i), "reservation-get", "dhcp4", tandem.kea.change.KeaConfigJson.parse("""
                {"subnet-id": %d, "identifier-type": "hw-address", "identifier": "%s", "operation-target": "database"}"""
                .formatted(subnetId, mac)));
        if (r instanceof KeaReply.Success s) return s.arguments();
        assertTrue(r instanceof KeaReply.Failure f && f.kind() == tandem.kea.KeaFailure.EMPTY, r.toString());
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static ObjectNode config(int i) { return KeaPairReads.config(pair, i, "dhcp4"); }

    private static void awaitOk() {
        if (services != null) KeaPairReads.awaitOk(services, "pair");
    }
}
