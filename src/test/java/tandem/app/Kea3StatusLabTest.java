package tandem.app;

import static org.junit.jupiter.api.Assertions.*;
import static tandem.app.KeaStatusLabTest.awaitState;
import static tandem.app.KeaStatusLabTest.fastPolling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ImportResult;
import tandem.core.PeerDefinition;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.lab.KeaLab;
import tandem.services.Services;

/**
 * The status scenarios on Kea 3.0 servers without Control Agents, added through their own authenticated control
 * sockets. Without an agent in front, a stopped daemon does not answer at all: a server whose daemon is down is
 * unreachable, where on Kea 2 its agent still answered.
 */
@Tag("kea")
@Tag("kea3")
class Kea3StatusLabTest {
    @TempDir Path data;

    @Test
    void dedicatedListenersThePartnersControlSocketIsAskedForThenEveryFallbackState() {
        try (KeaLab lab = KeaLab.startKea3(KeaLab.Mode.LOAD_BALANCING, 2, 0, KeaLab.HaListener.DEDICATED);
             Services services = Services.open(data)) {
            lab.awaitStable(Duration.ofSeconds(30));
            fastPolling(services);

            // server2's HA URL is its dedicated listener; its control socket is elsewhere, so Tandem asks for it
            var asked = assertInstanceOf(ImportResult.Refused.class,
                    services.inventory().add(Backend.KEA, null, lab.connection(1)));
            assertEquals("peer-url:server2", asked.field());
            assertTrue(asked.message().contains(lab.kea3(2).haUrl() + ") is its dedicated HA listener"), asked.message());
            // a wrong answer is refused: server1's own socket is not server2's
            var wrong = assertInstanceOf(ImportResult.Refused.class, services.inventory().add(Backend.KEA, null,
                    lab.connection(1), Map.of("server2", lab.kea3(1).controlUrl())));
            assertTrue(wrong.message().contains("answers as server1, not as server2"), wrong.message());
            // the secondary's own socket refuses it, naming the primary
            var secondary = assertInstanceOf(ImportResult.Refused.class,
                    services.inventory().add(Backend.KEA, null, lab.connection(2)));
            assertTrue(secondary.message().contains("add the primary server1"), secondary.message());
            assertTrue(secondary.message().contains("dedicated HA listener"), secondary.message());
            assertTrue(services.inventory().servers().isEmpty(), "nothing half-added");

            var accepted = assertInstanceOf(ImportResult.Accepted.class, services.inventory().add(Backend.KEA, null,
                    lab.connection(1), lab.peerControlUrls()));
            assertEquals(List.of(lab.caUrl(1), lab.caUrl(2)),
                    accepted.relationships().get(0).peers().stream().map(PeerDefinition::url).toList());
            assertFalse(accepted.snapshots().get(0).json().contains("\"hash\""), "Kea 3's hash is not kept");

            RelationshipState s = awaitState(services, st -> st.status() == RelationshipStatus.OK);
            assertEquals("server1", s.assessment().sourceOfTruth());
            assertEquals("load-balancing", s.peers().get("server2").haState());
            assertNotNull(s.peers().get("server2").clockSkewSeconds(), "ha-heartbeat through the control socket");

            lab.killDhcp(1);
            s = awaitState(services, st -> st.status() == RelationshipStatus.IMPAIRED
                    && "server2".equals(st.assessment().sourceOfTruth())
                    && "partner-down".equals(st.peers().get("server2").haState()));
            assertFalse(s.peers().get("server1").reachable(), "no agent answers for a stopped Kea 3 daemon");

            lab.killDhcp(2);
            awaitState(services, st -> st.status() == RelationshipStatus.UNREACHABLE);

            lab.startDhcp(1);
            lab.startDhcp(2);
            lab.awaitStable(Duration.ofSeconds(30));
            awaitState(services, st -> st.status() == RelationshipStatus.OK);

            // a hung daemon: its socket accepts, nothing answers; the message does not speak of a Control Agent
            lab.pauseDhcp(2);
            s = awaitState(services, st -> st.status() == RelationshipStatus.IMPAIRED
                    && !st.peers().get("server2").reachable());
            String problem = s.peers().get("server2").problem();
            assertTrue(problem.startsWith("The Kea server at 127.0.0.1:" + lab.kea3(2).controlUrl().getPort()
                    + " accepts connections but sent no answer"), problem);
            assertFalse(problem.contains("Control Agent") || problem.contains("agent"), problem);
            lab.resumeDhcp(2);
            awaitState(services, st -> st.status() == RelationshipStatus.OK);
        }
    }

    @Test
    void controlSocketPeersHotStandbyWithBackupThroughServiceDown() {
        try (KeaLab lab = KeaLab.startKea3(KeaLab.Mode.HOT_STANDBY, 3, 1, KeaLab.HaListener.CONTROL);
             Services services = Services.open(data)) {
            lab.awaitStable(Duration.ofSeconds(30));
            fastPolling(services);
            // the peers' HA URLs are their control sockets: nothing to ask
            var accepted = assertInstanceOf(ImportResult.Accepted.class,
                    services.inventory().add(Backend.KEA, "hs", lab.connection(1)));
            assertEquals(List.of(lab.caUrl(1), lab.caUrl(2), lab.caUrl(3)),
                    accepted.relationships().get(0).peers().stream().map(PeerDefinition::url).toList());

            RelationshipState s = awaitState(services, st -> st.status() == RelationshipStatus.OK);
            assertEquals("backup", s.peers().get("server3").haState());

            lab.killDhcp(1);
            awaitState(services, st -> st.status() == RelationshipStatus.IMPAIRED
                    && "server2".equals(st.assessment().sourceOfTruth()));
            lab.killDhcp(2);
            s = awaitState(services, st -> st.status() == RelationshipStatus.SERVICE_DOWN);
            assertTrue(s.peers().get("server3").up(), "the backup still answers, so the service is down");
            assertNull(s.assessment().sourceOfTruth(), "nothing may be written while the service is down");
            lab.killDhcp(3);
            awaitState(services, st -> st.status() == RelationshipStatus.UNREACHABLE);

            for (int i = 1; i <= 3; i++) lab.startDhcp(i);
            lab.awaitStable(Duration.ofSeconds(30));
            s = awaitState(services, st -> st.status() == RelationshipStatus.OK);
            assertEquals("server1", s.assessment().sourceOfTruth());
        }
    }
}
