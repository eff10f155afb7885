package tandem.app;

import tandem.services.Services;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ImportResult;
import tandem.core.Preferences;
import tandem.core.RelationshipStatus;
import tandem.kea.KeaReply;
import tandem.kea.change.KeaChange;
import tandem.kea.change.KeaChangeService;
import tandem.lab.KeaLab;

import static tandem.lab.KeaLab.hasReservation;

/**
 * Applying changes to a real Kea load-balancing pair. A configuration already read is not read again while the
 * server says it has not been reconfigured since, and every reconfiguration from outside in the meantime is still
 * seen, on the source of truth and on a peer. The status seen while a change is applied names the change.
 */
@Tag("kea")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeaApplyLabTest {
    /** Longer than Kea's one-second resolution of "seconds since reload", so only that value can tell. */
    private static final long PAST_A_SECOND_MS = 2300;

    private Path data;
    private KeaLab lab;
    private Services services;

    /** The pair under test: Kea 2 with Control Agents here, Kea 3 through its own sockets in a subclass. */
    KeaLab startPair() {
        return KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0);
    }

    @BeforeAll
    void start(@TempDir Path dataDir) {
        data = dataDir;
        lab = startPair();
        lab.awaitStable(Duration.ofSeconds(30));
        services = Services.open(data, "the console");
        Preferences d = Preferences.defaults();
        services.updatePreferences(tandem.kea.KeaSettings.preferences(Duration.ofSeconds(1), Duration.ofSeconds(1), null,
                tandem.kea.KeaSettings.of(d).controlAgentPort(), true));
        var added = services.inventory().add(Backend.KEA, "pair", lab.connection(1), lab.peerControlUrls());
        assertInstanceOf(ImportResult.Accepted.class, added, added::toString);
    }

    @AfterAll
    void stop() {
        if (services != null) services.close();
        if (lab != null) lab.close();
    }

    @Test
    void aSecondChangeReadsNeitherServerBeforeWritingIt() throws Exception {
        awaitOk();
        apply(reservation("10.10.0.101", "02:cc:00:00:00:01"));
        awaitOk();
        Thread.sleep(PAST_A_SECOND_MS);
        // reads both servers, or finds them unchanged since their last read: either way both are now known
        assertTrue(services.changes().planSync("pair").peers().get(0).inSync());
        long gets1 = lab.commandsReceived(1, "config-get");
        long gets2 = lab.commandsReceived(2, "config-get");

        var preview = services.changes().prepare("pair", reservation("10.10.0.102", "02:cc:00:00:00:02"));
        var applied = services.changes().apply(preview);
        assertEquals(Map.of("server2", "verified"), applied.peers());
        // Kea 2.2 has no host_cmds: the change says why it went through config-set
        assertEquals("config-set (server1 does not load libdhcp_host_cmds.so (no reservation-add))", applied.method());
        // server1: one read after its config-set (what server2 is verified against); server2: one to verify it
        assertEquals(1, lab.commandsReceived(1, "config-get") - gets1, "reads of the source of truth");
        assertEquals(1, lab.commandsReceived(2, "config-get") - gets2, "reads of the peer");
        for (int i = 1; i <= 2; i++) assertTrue(hasReservation(lab.dhcp4(i), "10.10.0.102"));
    }

    @Test
    void anOutsideEditOfTheSourceOfTruthBetweenPreviewAndApplyIsSeenAndKept() throws Exception {
        awaitOk();
        var preview = services.changes().prepare("pair", reservation("10.10.0.111", "02:cc:00:00:00:11"));
        Thread.sleep(PAST_A_SECOND_MS);
        ObjectNode outside = (ObjectNode) lab.dhcp4(1).deepCopy();
        new KeaChange.AddReservation("10.10.0.0/24", "02:cc:00:00:00:12", "10.10.0.112", "by-hand").applyTo(wrap(outside));
        setFromOutside(1, wrap(outside));
        Thread.sleep(PAST_A_SECOND_MS);

        var applied = services.changes().apply(preview);
        assertTrue(applied.rebased(), "the outside edit was noticed");
        assertTrue(hasReservation(lab.dhcp4(1), "10.10.0.112"), "and kept");
        assertTrue(hasReservation(lab.dhcp4(1), "10.10.0.111"));
        assertTrue(hasReservation(lab.dhcp4(2), "10.10.0.112"), "and replicated with the change");
    }

    @Test
    void anOutsideEditOfAPeersOwnSettingsIsKeptByTheNextChange() throws Exception {
        awaitOk();
        apply(reservation("10.10.0.121", "02:cc:00:00:00:21"));
        awaitOk();
        Thread.sleep(PAST_A_SECOND_MS);
        // an administrator changes how server2 cleans up its own lease file, on that server (its logging is left
        // alone: another test counts the commands server2 logs)
        ObjectNode own = (ObjectNode) lab.dhcp4(2).deepCopy();
        ((ObjectNode) own.path("lease-database")).put("lfc-interval", 1800);
        setFromOutside(2, wrap(own));
        awaitOk();
        Thread.sleep(PAST_A_SECOND_MS);

        apply(reservation("10.10.0.122", "02:cc:00:00:00:22"));
        JsonNode leases = lab.dhcp4(2).path("lease-database");
        assertEquals(1800, leases.path("lfc-interval").asInt(), leases.toString());
        assertEquals(0, lab.dhcp4(1).path("lease-database").path("lfc-interval").asInt(), "server1 keeps its own");
        assertTrue(hasReservation(lab.dhcp4(2), "10.10.0.122"));
    }

    @Test
    void theStatusSeenWhileAChangeIsAppliedNamesTheChangeAndReturnsToOk() throws Exception {
        awaitOk();
        var preview = services.changes().prepare("pair", reservation("10.10.0.131", "02:cc:00:00:00:31"));
        var applying = java.util.concurrent.CompletableFuture.supplyAsync(() -> services.changes().apply(preview));
        String explained = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!applying.isDone() && explained == null && System.nanoTime() < deadline) {
            var s = services.poller().refresh().get("pair");
            if (s.status() != RelationshipStatus.OK) explained = s.assessment().summary();
        }
        assertEquals(Map.of("server2", "verified"), applying.get(60, java.util.concurrent.TimeUnit.SECONDS).peers());
        assertNotNull(explained, "a server restarting its HA service was seen while the change was applied");
        assertTrue(explained.contains("while this console applies 'Reserve 10.10.0.131"), explained);
        awaitOk();
        assertFalse(services.poller().current().get("pair").assessment().summary().contains("this console"));
    }

    private static KeaChange reservation(String ip, String mac) {
        return new KeaChange.AddReservation("10.10.0.0/24", mac, ip, null);
    }

    private void apply(KeaChange change) {
        KeaChangeService changes = services.changes();
        var applied = changes.apply(changes.prepare("pair", change));
        assertEquals(Map.of("server2", "verified"), applied.peers());
    }

    private void awaitOk() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var s = services.poller().refresh().get("pair");
            if (s != null && s.status() == RelationshipStatus.OK && "server1".equals(s.assessment().sourceOfTruth())) return;
            Thread.sleep(200);
        }
        fail("the pair did not return to OK with server1 in charge: " + services.poller().current().get("pair"));
    }

    private ObjectNode wrap(ObjectNode dhcp4) {
        ObjectNode doc = dhcp4.objectNode();
        doc.set("Dhcp4", dhcp4);
        return doc;
    }

    private void setFromOutside(int server, ObjectNode doc) {
        ((ObjectNode) doc.get("Dhcp4")).remove("hash");
        KeaReply set = services.kea().send(lab.endpoint(server).withTimeout(Duration.ofSeconds(30)), "config-set", "dhcp4", doc);
        assertInstanceOf(KeaReply.Success.class, set, set::toString);
    }

}
