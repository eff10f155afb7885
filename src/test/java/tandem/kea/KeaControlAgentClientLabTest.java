package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tandem.lab.KeaLab;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The client against real Kea: one load-balancing pair for the whole class (the destructive steps run last),
 * plus a short-lived hot-standby + backup cluster. What the status poll sends (status-get, ha-heartbeat) and how its
 * failures read is checked over both transports.
 */
@Tag("kea")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeaControlAgentClientLabTest {

    private static KeaLab lab;
    private static KeaControlAgentClient client;
    /** OkHttp (whose client is {@link #client}) and the poll's transport. */
    private static List<KeaTransport.Sender> transports;

    @BeforeAll
    static void startPair() {
        lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0);
        lab.awaitStable(Duration.ofSeconds(30));
        transports = List.of(KeaTransport.OKHTTP.open(), KeaTransport.HC5.open());
        client = transports.get(0).client;
    }

    @AfterAll
    static void stopPair() {
        if (transports != null) {
            transports.forEach(KeaTransport.Sender::close);
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static KeaReply.Success success(KeaReply reply) {
        return assertInstanceOf(KeaReply.Success.class, reply, reply::toString);
    }

    private static KeaReply.Failure failure(KeaReply reply, KeaFailure kind) {
        KeaReply.Failure f = assertInstanceOf(KeaReply.Failure.class, reply, reply::toString);
        assertEquals(kind, f.kind(), f::toString);
        return f;
    }

    /** Polls status-get of server i until the predicate holds (bounded), returning the last status. */
    private static KeaStatus awaitStatus(int i, Predicate<KeaStatus> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        KeaReply last = null;
        for (int attempt = 0; attempt < 200 && System.nanoTime() < deadline; attempt++) {
            last = client.statusGet(lab.endpoint(i));
            if (last instanceof KeaReply.Success s && condition.test(KeaStatus.from(s.arguments()))) {
                return KeaStatus.from(s.arguments());
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return fail("server" + i + " did not reach the expected status within " + timeout + "; last: " + last);
    }

    @Test
    @Order(1)
    void statusGetReportsLoadBalancingOnBothServers() {
        for (int i = 1; i <= 2; i++) for (KeaTransport.Sender t : transports) {
            KeaStatus status = KeaStatus.from(success(t.statusGet(lab.endpoint(i))).arguments());
            assertNotNull(status.pid());
            assertEquals(lab.server(i).dhcp4Pid(), status.pid());
            assertEquals(false, status.multiThreading());
            KeaHaStatus ha = status.ha().orElseThrow();
            assertEquals("load-balancing", ha.mode());
            assertEquals("load-balancing", ha.local().state());
            assertEquals(i == 1 ? "primary" : "secondary", ha.local().role());
            assertEquals(List.of(lab.serverName(i)), ha.local().scopes());
            assertTrue(ha.hasRemote());
            assertEquals(i == 1 ? "secondary" : "primary", ha.remote().role());
            assertEquals(true, ha.remote().inTouch());
            assertEquals(false, ha.remote().communicationInterrupted());
        }
    }

    @Test
    @Order(2)
    void heartbeatClockIsNow() throws Exception {
        for (KeaTransport.Sender t : transports) heartbeatClockIsNow(t);
    }

    private static void heartbeatClockIsNow(KeaTransport.Sender t) throws Exception {
        KeaReply reply = t.haHeartbeatAsync(lab.endpoint(2)).get(5, TimeUnit.SECONDS);

        KeaHeartbeat hb = reply.parse(KeaHeartbeat::from).orElseThrow(() -> new AssertionError(reply));
        assertNotNull(hb.dateTime(), "date-time");
        // second precision on Kea's side, so allow a little more than the truncation
        Duration skew = hb.skewFrom(Instant.now()).abs();
        assertTrue(skew.compareTo(Duration.ofSeconds(5)) < 0, "clock skew " + skew);
        assertEquals("load-balancing", hb.state());
        assertEquals(List.of("server2"), hb.scopes());
        assertEquals(0L, hb.unsentUpdateCount());
    }

    @Test
    @Order(3)
    void configGetReturnsDhcp4WithTheHaHook() {
        JsonNode dhcp4 = success(client.configGet(lab.endpoint(1))).arguments().path("Dhcp4");
        assertTrue(dhcp4.isObject(), "Dhcp4 missing");

        JsonNode haHook = null;
        for (JsonNode hook : dhcp4.path("hooks-libraries")) {
            if (hook.path("library").asText().endsWith("libdhcp_ha.so")) {
                haHook = hook;
            }
        }
        assertNotNull(haHook, "no libdhcp_ha.so in " + dhcp4.path("hooks-libraries"));
        JsonNode relationship = haHook.path("parameters").path("high-availability").path(0);
        assertEquals("server1", relationship.path("this-server-name").asText());
        assertEquals("load-balancing", relationship.path("mode").asText());
        assertEquals(2, relationship.path("peers").size());
        assertEquals(lab.caUrl(2).toString(), relationship.path("peers").path(1).path("url").asText());
    }

    @Test
    @Order(4)
    void listCommandsAndVersion() {
        KeaCommandList commands = client.listCommands(lab.endpoint(1)).parse(KeaCommandList::from).orElseThrow();
        assertTrue(commands.supports("ha-heartbeat"), commands.toString());
        assertTrue(commands.hasHaHook());
        assertTrue(commands.supports("lease4-get-all"), "lease_cmds hook loaded");

        KeaVersion version = KeaVersion.from(success(client.versionGet(lab.endpoint(1))));
        assertTrue(version.atLeast(2, 0), version.toString());
    }

    @Test
    @Order(5)
    void agentAnswersForItselfWithoutAService() {
        KeaReply reply = client.send(lab.endpoint(1), "status-get", null, null);

        KeaStatus agent = reply.parse(KeaStatus::from).orElseThrow(() -> new AssertionError(reply));
        assertEquals(lab.server(1).caPid(), agent.pid());
        assertTrue(agent.highAvailability().isEmpty());
    }

    @Test
    @Order(6)
    void unknownCommandEmptyAnswerAndBadArguments() {
        failure(client.send(lab.endpoint(1), "no-such-command", "dhcp4", null), KeaFailure.UNSUPPORTED);

        KeaReply empty = client.send(lab.endpoint(1), "lease4-get-all", "dhcp4", null);
        failure(empty, KeaFailure.EMPTY);
        assertTrue(empty.endpointAnswered());

        KeaReply.Failure noDhcp6 = failure(client.send(lab.endpoint(1), "status-get", "dhcp6", null),
                KeaFailure.COMMAND_ERROR);
        assertTrue(noDhcp6.message().contains("dhcp6"), noDhcp6.message());
    }

    @Test
    @Order(9)
    void hungDhcpServerSilencesItsAgentAndTheMessageSaysSo() throws Exception {
        lab.pauseDhcp(1);
        try {
            KeaEndpoint ep = lab.endpoint(1).withTimeout(Duration.ofSeconds(2));
            for (KeaTransport.Sender t : transports) {
                KeaReply.Failure f = failure(t.statusGetAsync(ep).get(10, TimeUnit.SECONDS), KeaFailure.UNREACHABLE);
                assertEquals("The Control Agent at 127.0.0.1:" + lab.server(1).caPort() + " accepts connections but "
                        + "sent no answer within 2 s; an agent stays silent while the DHCPv4 server it forwards to is "
                        + "hung or busy", f.message());
            }
            // the agent waits for the daemon before it serves anything else, even a command meant for itself
            failure(client.send(ep, "version-get", null, null), KeaFailure.UNREACHABLE);
        } finally {
            lab.resumeDhcp(1);
        }
        // once the daemon runs again it answers what was queued and the agent serves again
        KeaStatus again = awaitStatus(1, s -> s.ha().isPresent(), Duration.ofSeconds(15));
        assertNotNull(again.ha().orElseThrow().local().state());
    }

    @Test
    @Order(10)
    void killedDhcpServerIsDaemonOfflineAndThePartnerTakesOver() throws Exception {
        lab.killDhcp(1);
        assertNull(lab.server(1).dhcp4Pid());

        for (KeaTransport.Sender t : transports) {
            KeaReply.Failure f = failure(t.statusGetAsync(lab.endpoint(1)).get(5, TimeUnit.SECONDS),
                    KeaFailure.DAEMON_OFFLINE);
            assertEquals("The Control Agent at 127.0.0.1:" + lab.server(1).caPort()
                    + " answers, but the dhcp4 server behind it is offline", f.message());
            assertTrue(f.endpointAnswered());
            failure(t.haHeartbeat(lab.endpoint(1)), KeaFailure.DAEMON_OFFLINE);
        }

        // max-response-delay is 3 s in the lab
        KeaStatus partner = awaitStatus(2,
                s -> s.ha().map(h -> "partner-down".equals(h.local().state())).orElse(false), Duration.ofSeconds(15));
        assertEquals(true, partner.ha().orElseThrow().remote().communicationInterrupted());
    }

    @Test
    @Order(11)
    void stoppedAgentIsUnreachable() {
        lab.stopAgent(1);

        for (KeaTransport.Sender t : transports) {
            KeaReply reply = t.statusGet(lab.endpoint(1));
            KeaReply.Failure f = failure(reply, KeaFailure.UNREACHABLE);
            assertEquals("Connection refused by 127.0.0.1:" + lab.server(1).caPort(), f.message());
            assertFalse(reply.endpointAnswered());
        }
    }

    @Test
    @Order(12)
    void restartedServerReturnsToLoadBalancing() {
        lab.startDhcp(1);
        lab.startAgent(1);
        lab.awaitStable(Duration.ofSeconds(30));

        for (int i = 1; i <= 2; i++) {
            KeaHaStatus ha = client.statusGet(lab.endpoint(i)).parse(KeaStatus::from).orElseThrow()
                    .ha().orElseThrow();
            assertEquals("load-balancing", ha.local().state());
        }
    }

    @Test
    @Order(20)
    void hotStandbyWithABackupReachesStableStates() {
        try (KeaLab hs = KeaLab.start(KeaLab.Mode.HOT_STANDBY, 3, 1)) {
            hs.awaitStable(Duration.ofSeconds(30));
            assertEquals(List.of("primary", "standby", "backup"), List.of(hs.role(1), hs.role(2), hs.role(3)));

            KeaHaStatus primary = status(hs, 1);
            assertEquals("hot-standby", primary.mode());
            assertEquals("hot-standby", primary.local().state());
            assertEquals(List.of("server1"), primary.local().scopes());
            assertEquals("standby", primary.remote().role());

            KeaHaStatus standby = status(hs, 2);
            assertEquals("hot-standby", standby.local().state());
            assertEquals(List.of(), standby.local().scopes());

            KeaHaStatus backup = status(hs, 3);
            assertEquals("backup", backup.local().role());
            assertEquals("backup", backup.local().state());
            assertFalse(backup.hasRemote());
        }
    }

    private static KeaHaStatus status(KeaLab cluster, int i) {
        KeaReply reply = client.statusGet(cluster.endpoint(i));
        return reply.parse(KeaStatus::from).orElseThrow(() -> new AssertionError(reply)).ha().orElseThrow();
    }
}
