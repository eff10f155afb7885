package tandem.lab;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaEndpoint;
import tandem.kea.KeaFailure;
import tandem.kea.KeaHaStatus;
import tandem.kea.KeaReply;
import tandem.kea.KeaStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kea 3 lab: daemons under chroot reach their normal HA state through their own authenticated sockets. */
@Tag("kea")
@Tag("kea3")
class Kea3LabTest {

    @Test
    void loadBalancingPairWithDedicatedListenersReachesItsNormalStateThroughAuthenticatedSockets() {
        List<Long> pids = new ArrayList<>();
        Path dir;
        try (KeaLab lab = KeaLab.startKea3(KeaLab.Mode.LOAD_BALANCING, 2, 0, KeaLab.HaListener.DEDICATED);
             KeaControlAgentClient client = new KeaControlAgentClient()) {
            dir = lab.dir();
            assertTrue(dir.startsWith(KeaLab.kea3Root()), dir.toString());
            lab.awaitStable(Duration.ofSeconds(30));
            assertTrue(lab.isKea3());
            assertEquals(KeaLab.HaListener.DEDICATED, lab.haListener());
            for (int i = 1; i <= 2; i++) {
                KeaLab.Kea3Access access = lab.kea3(i);
                assertEquals(lab.caUrl(i), access.controlUrl());
                assertNotEquals(access.controlUrl(), access.haUrl());
                KeaHaStatus ha = ha(client, lab.endpoint(i));
                assertEquals("load-balancing", ha.local().state());
                assertEquals("load-balancing", ha.remote().lastState());
                assertEquals("3.0", client.versionGet(lab.endpoint(i)) instanceof KeaReply.Success ok
                        ? ok.text().substring(0, 3) : "not answered");
                assertNull(lab.server(i).caPid(), "a Kea 3 lab runs no Control Agent");
                pids.add(lab.server(i).dhcp4Pid());
            }
            // the socket refuses anyone without the login
            KeaReply anonymous = client.statusGet(KeaEndpoint.of(lab.caUrl(1).toString()));
            assertEquals(KeaFailure.AUTH_FAILED, assertInstanceOf(KeaReply.Failure.class, anonymous).kind());
            // the dedicated HA listener answers HA commands only (restrict-commands)
            KeaReply viaListener = client.configGet(KeaEndpoint.of(lab.kea3(2).haUrl().toString())
                    .withCredentials(lab.kea3(2).user(), lab.kea3(2).password()));
            assertInstanceOf(KeaReply.Failure.class, viaListener);
            assertTrue(client.haHeartbeat(KeaEndpoint.of(lab.kea3(2).haUrl().toString())).isSuccess());

            IllegalStateException noAgent = assertThrows(IllegalStateException.class, () -> lab.stopAgent(1));
            assertTrue(noAgent.getMessage().contains("no Control Agent"), noAgent.getMessage());
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " alive");
        }
        assertFalse(Files.exists(dir), "lab directory left behind: " + dir);
    }

    @Test
    void hotStandbyPairWithoutDedicatedListenersFailsOverAndComesBack() {
        try (KeaLab lab = KeaLab.startKea3(KeaLab.Mode.HOT_STANDBY, 2, 0, KeaLab.HaListener.CONTROL);
             KeaControlAgentClient client = new KeaControlAgentClient()) {
            lab.awaitStable(Duration.ofSeconds(30));
            assertEquals(lab.kea3(1).controlUrl(), lab.kea3(1).haUrl(), "peers use the control sockets");
            assertEquals("hot-standby", ha(client, lab.endpoint(2)).local().state());

            lab.killDhcp(2);
            assertEquals("partner-down", awaitState(client, lab.endpoint(1), "partner-down", Duration.ofSeconds(20)));
            lab.startDhcp(2);
            lab.awaitStable(Duration.ofSeconds(30));
            assertEquals("hot-standby", awaitState(client, lab.endpoint(1), "hot-standby", Duration.ofSeconds(20)));
        }
    }

    private static KeaHaStatus ha(KeaControlAgentClient client, KeaEndpoint endpoint) {
        KeaReply reply = client.statusGet(endpoint);
        return reply.parse(KeaStatus::from).orElseThrow(() -> new AssertionError(reply)).ha().orElseThrow();
    }

    /** The local HA state once it equals {@code wanted}, or the last one seen when the time is up. */
    private static String awaitState(KeaControlAgentClient client, KeaEndpoint endpoint, String wanted,
                                     Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        String state = "none";
        for (int tries = 0; tries < 500 && System.nanoTime() < end; tries++) {
            KeaReply reply = client.statusGet(endpoint);
            state = reply.parse(KeaStatus::from).flatMap(KeaStatus::ha).map(h -> h.local().state()).orElse("none");
            if (state.equals(wanted)) return state;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return state;
    }
}
