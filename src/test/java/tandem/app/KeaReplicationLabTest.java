package tandem.app;

import tandem.services.Services;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ImportResult;
import tandem.core.Preferences;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.core.port.ReplicationStore;
import tandem.kea.change.ChangeRefused;
import tandem.kea.change.KeaChange;
import tandem.kea.change.KeaChangeService;
import tandem.lab.KeaLab;

import static tandem.lab.KeaLab.hasReservation;

/** Changes to a real hot-standby + backup cluster on loopback, through the services the console uses. */
@Tag("kea")
class KeaReplicationLabTest {
    @TempDir Path data;

    private KeaLab lab;
    private Services services;

    /** The cluster under test: Kea 2 with Control Agents here, Kea 3 through its own sockets in a subclass. */
    KeaLab startLab(KeaLab.Mode mode, int servers, int backups) {
        return KeaLab.start(mode, servers, backups);
    }

    private void start(KeaLab.Mode mode, int servers, int backups) {
        lab = startLab(mode, servers, backups);
        lab.awaitStable(Duration.ofSeconds(30));
        services = Services.open(data);
        Preferences d = Preferences.defaults();
        services.updatePreferences(tandem.kea.KeaSettings.preferences(Duration.ofSeconds(1), Duration.ofSeconds(1), null,
                tandem.kea.KeaSettings.of(d).controlAgentPort(), true));
        var added = services.inventory().add(Backend.KEA, "hq", lab.connection(1), lab.peerControlUrls());
        assertInstanceOf(ImportResult.Accepted.class, added, added::toString);
        awaitState(s -> s.status() == RelationshipStatus.OK);
    }

    @AfterEach
    void stop() {
        if (services != null) services.close();
        if (lab != null) lab.close();
    }

    private static String ha(JsonNode dhcp4, String field) {
        for (JsonNode h : dhcp4.path("hooks-libraries")) {
            JsonNode rel = h.path("parameters").path("high-availability").path(0);
            if (!rel.isMissingNode()) return rel.path(field).asText();
        }
        return null;
    }

    private RelationshipState awaitState(Predicate<RelationshipState> condition) {
        Instant deadline = Instant.now().plusSeconds(25);
        RelationshipState last = null;
        while (Instant.now().isBefore(deadline)) {
            last = services.poller().refresh().get("hq");
            if (last != null && condition.test(last)) return last;
            sleep(300);
        }
        fail("not reached: " + last);
        return null;
    }

    private KeaChangeService.Applied reserve(String ip, String mac) {
        KeaChangeService changes = services.changes();
        var preview = changes.prepare("hq", new KeaChange.AddReservation("10.10.0.0/24", mac, ip, null));
        assertTrue(preview.diff().contains(ip), preview.diff());
        return changes.apply(preview);
    }

    @Test
    void aReservationReachesEveryPeerAndEachKeepsItsOwnIdentity() {
        start(KeaLab.Mode.HOT_STANDBY, 3, 1);
        JsonNode before2 = lab.dhcp4(2);
        JsonNode before3 = lab.dhcp4(3);

        var applied = reserve("10.10.0.50", "02:aa:00:00:00:50");
        assertEquals("server1", applied.sourceOfTruth());
        assertEquals(Map.of("server2", "verified", "server3", "verified"), applied.peers());
        for (int i = 1; i <= 3; i++) assertTrue(hasReservation(lab.dhcp4(i), "10.10.0.50"), "server" + i);

        for (var pair : List.of(Map.entry(2, before2), Map.entry(3, before3))) {
            JsonNode now = lab.dhcp4(pair.getKey());
            assertEquals("server" + pair.getKey(), ha(now, "this-server-name"));
            assertEquals(pair.getValue().path("control-socket"), now.path("control-socket"));
            assertEquals(pair.getValue().path("control-sockets"), now.path("control-sockets"));
            assertEquals(pair.getValue().path("lease-database"), now.path("lease-database"));
            assertEquals(pair.getValue().path("loggers"), now.path("loggers"));
        }
        assertTrue(services.replicationStore().outOfSync("hq").isEmpty());
        assertEquals(ReplicationStore.Status.APPLIED, services.replicationStore().recent(1).get(0).status());
        awaitState(s -> s.status() == RelationshipStatus.OK);

        // undo is a new change that puts things back everywhere
        var undo = services.changes().prepareUndo(applied.journalId());
        services.changes().apply(undo);
        for (int i = 1; i <= 3; i++) assertFalse(hasReservation(lab.dhcp4(i), "10.10.0.50"), "server" + i);
    }

    @Test
    void withThePrimaryAwayTheChangeLandsOnTheStandbyAndReachesThePrimaryWhenItReturns() {
        start(KeaLab.Mode.HOT_STANDBY, 3, 1);
        lab.killDhcp(1);
        awaitState(s -> "server2".equals(s.assessment().sourceOfTruth()));

        var applied = reserve("10.10.0.60", "02:aa:00:00:00:60");
        assertEquals("server2", applied.sourceOfTruth());
        assertTrue(applied.pendingPrimary());
        assertEquals(1, services.replicationStore().pending("hq").size());
        assertTrue(hasReservation(lab.dhcp4(2), "10.10.0.60"));
        assertTrue(hasReservation(lab.dhcp4(3), "10.10.0.60"));

        lab.startDhcp(1);
        lab.awaitStable(Duration.ofSeconds(30));
        awaitState(s -> "server1".equals(s.assessment().sourceOfTruth()));
        assertFalse(hasReservation(lab.dhcp4(1), "10.10.0.60"), "the primary came back with its old file");
        assertEquals(1, services.changes().replayJournal("hq"));
        assertTrue(hasReservation(lab.dhcp4(1), "10.10.0.60"), "the journaled change reached the primary");
        assertTrue(hasReservation(lab.dhcp4(2), "10.10.0.60"), "and the standby kept it");
        assertTrue(services.replicationStore().pending("hq").isEmpty());
    }

    @Test
    void aJournaledChangeTheReturningPrimaryRefusesIsKeptAsAConflictNeverMarkedDone() throws Exception {
        start(KeaLab.Mode.HOT_STANDBY, 2, 0);
        lab.killDhcp(1);
        awaitState(s -> "server2".equals(s.assessment().sourceOfTruth()));
        var applied = reserve("10.10.0.61", "02:aa:00:00:00:61");
        assertTrue(applied.pendingPrimary());

        // meanwhile someone gave the same address to another client in the primary's own file
        Path file = lab.server(1).dhcp4Config();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var config = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
        for (JsonNode subnet : config.path("Dhcp4").path("subnet4")) {
            if (subnet.path("subnet").asText().equals("10.10.0.0/24")) {
                var reservations = subnet.has("reservations")
                        ? (com.fasterxml.jackson.databind.node.ArrayNode) subnet.get("reservations")
                        : ((com.fasterxml.jackson.databind.node.ObjectNode) subnet).putArray("reservations");
                reservations.addObject().put("hw-address", "02:bb:00:00:00:61").put("ip-address", "10.10.0.61");
            }
        }
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), config);

        lab.startDhcp(1);
        lab.awaitStable(Duration.ofSeconds(30));
        awaitState(s -> "server1".equals(s.assessment().sourceOfTruth()));
        assertEquals(0, services.changes().replayJournal("hq"), "nothing could be replayed");
        var entry = services.replicationStore().entry(applied.journalId()).orElseThrow();
        assertEquals(ReplicationStore.Status.CONFLICT, entry.status(), "kept, not marked replayed");
        assertTrue(services.replicationStore().pending("hq").isEmpty(), "not retried on every pass");
        assertTrue(hasReservation(lab.dhcp4(1), "10.10.0.61", "02:bb:00:00:00:61"), "the primary's own edit stands");
        assertTrue(services.stateStore().events(50).stream().anyMatch(e -> e.reason().contains("Change #"
                + applied.journalId()) && e.reason().contains("Kept as a conflict")), "the event history says so");
    }

    @Test
    void withPrimaryAndStandbyDownTheChangeIsRefusedAndAppliedNowhere() {
        start(KeaLab.Mode.HOT_STANDBY, 3, 1);
        lab.killDhcp(1);
        lab.killDhcp(2);
        awaitState(s -> s.status() == RelationshipStatus.SERVICE_DOWN);
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> services.changes()
                .prepare("hq", new KeaChange.AddReservation("10.10.0.0/24", "02:aa:00:00:00:70", "10.10.0.70", null)));
        assertTrue(refused.getMessage().contains("is down"), refused.getMessage());
        lab.startDhcp(1);
        lab.startDhcp(2);
        lab.awaitStable(Duration.ofSeconds(30));
        for (int i = 1; i <= 3; i++) assertFalse(hasReservation(lab.dhcp4(i), "10.10.0.70"), "server" + i);
        assertTrue(services.replicationStore().recent(10).isEmpty(), "nothing journaled");
    }

    @Test
    void aSecondChangePreparedOnTheSameBaseIsRebasedOrRefusedNeverLost() {
        start(KeaLab.Mode.LOAD_BALANCING, 2, 0);
        var changes = services.changes();
        var first = changes.prepare("hq", new KeaChange.AddReservation("10.10.0.0/24", "02:aa:00:00:00:80", "10.10.0.80", null));
        var independent = changes.prepare("hq", new KeaChange.AddReservation("10.10.0.0/24", "02:aa:00:00:00:81", "10.10.0.81", null));
        var conflicting = changes.prepare("hq", new KeaChange.AddReservation("10.10.0.0/24", "02:aa:00:00:00:99", "10.10.0.80", null));
        assertFalse(changes.apply(first).rebased());
        var second = changes.apply(independent);
        assertTrue(second.rebased(), "prepared before the first was applied");
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> changes.apply(conflicting));
        assertEquals("ip", refused.field());
        assertTrue(refused.getMessage().contains("changed since"), refused.getMessage());
        for (int i = 1; i <= 2; i++) {
            assertTrue(hasReservation(lab.dhcp4(i), "10.10.0.80"));
            assertTrue(hasReservation(lab.dhcp4(i), "10.10.0.81"), "the rebased change kept the first one");
        }
    }

    @Test
    void synchronizeShowsAndOverwritesASecondarysOwnEdits() {
        start(KeaLab.Mode.LOAD_BALANCING, 2, 0);
        // an outside edit on the secondary
        var cfg = (com.fasterxml.jackson.databind.node.ObjectNode) services.kea().configGet(lab.endpoint(2))
                .parse(n -> n).orElseThrow();
        new KeaChange.SetOption(null, "domain-name", "rogue.example").applyTo(cfg);
        assertTrue(services.kea().send(lab.endpoint(2).withTimeout(Duration.ofSeconds(30)), "config-set", "dhcp4", cfg).isSuccess());

        var plan = services.changes().planSync("hq");
        var peer = plan.peers().get(0);
        assertEquals("server2", peer.peer());
        assertTrue(peer.diff().contains("rogue.example"), peer.diff());
        assertEquals(Map.of("server2", "verified"), services.changes().synchronize("hq", Set.of()));
        assertFalse(lab.dhcp4(2).toString().contains("rogue.example"));
        assertTrue(services.changes().planSync("hq").peers().get(0).inSync());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
