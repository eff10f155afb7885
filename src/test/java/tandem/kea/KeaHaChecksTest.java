package tandem.kea;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tandem.core.Backend;
import tandem.core.ConfigCheck;
import tandem.core.ConfigCheck.Severity;
import tandem.core.DaemonState;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.PeerRole;
import tandem.core.Relationship;

/** The HA configuration checks, one row per configuration. */
class KeaHaChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI CA = URI.create("http://10.0.0.1:8000/");

    /**
     * A server1/server2 configuration; {@code ha} is merged into the HA section, {@code dhcp4} into Dhcp4.
     * {@code leaseCmds} false leaves libdhcp_lease_cmds.so out.
     */
    static JsonNode config(String ha, boolean leaseCmds, String dhcp4, String selfUrl) throws Exception {
        String lease = leaseCmds ? "{\"library\":\"/usr/lib/kea/hooks/libdhcp_lease_cmds.so\"}," : "";
        return JSON.readTree("{\"Dhcp4\":{" + (dhcp4.isEmpty() ? "" : dhcp4 + ",") + "\"hooks-libraries\":[" + lease
                + "{\"library\":\"/usr/lib/kea/hooks/libdhcp_ha.so\",\"parameters\":{\"high-availability\":[{"
                + "\"this-server-name\":\"server1\",\"mode\":\"load-balancing\"" + (ha.isEmpty() ? "" : "," + ha)
                + ",\"peers\":[{\"name\":\"server1\",\"url\":\"" + selfUrl + "\",\"role\":\"primary\"},"
                + "{\"name\":\"server2\",\"url\":\"http://10.0.0.2:8000/\",\"role\":\"secondary\"}]}]}}]}}");
    }

    static final String MT_DEDICATED = "\"multi-threading\":{\"enable-multi-threading\":true,\"thread-pool-size\":4}";
    static final String HA_DEDICATED = "\"multi-threading\":{\"enable-multi-threading\":true,\"http-dedicated-listener\":true}";

    static Stream<Arguments> configurations() {
        return Stream.of(
                // HA section, lease_cmds loaded, Dhcp4 extra, own peer URL, expected severities (in order), a word each must contain
                Arguments.of("\"heartbeat-delay\":10000,\"max-response-delay\":60000", true, "", "http://10.0.0.1:8000/", "", ""),
                Arguments.of("", true, "", "http://10.0.0.1:8000/", "", ""),
                Arguments.of("\"heartbeat-delay\":10000,\"max-response-delay\":10000", true, "", "http://10.0.0.1:8000/", "error", "not greater"),
                Arguments.of("\"heartbeat-delay\":10000,\"max-response-delay\":5000", true, "", "http://10.0.0.1:8000/", "error", "not greater"),
                Arguments.of("\"heartbeat-delay\":10000,\"max-response-delay\":20000", true, "", "http://10.0.0.1:8000/", "warning", "3 times"),
                Arguments.of("\"heartbeat-delay\":1000,\"max-response-delay\":3000", true, "", "http://10.0.0.1:8000/", "", ""),
                Arguments.of("\"heartbeat-delay\":25000", true, "", "http://10.0.0.1:8000/", "warning", "60 s"),
                Arguments.of("\"max-unacked-clients\":0", true, "", "http://10.0.0.1:8000/", "warning", "partner-down at once"),
                Arguments.of("\"max-unacked-clients\":10", true, "", "http://10.0.0.1:8000/", "", ""),
                Arguments.of("", false, "", "http://10.0.0.1:8000/", "error", "libdhcp_lease_cmds.so"),
                // a shared lease database: HA neither sends lease updates nor synchronizes, so needs no lease_cmds
                Arguments.of("\"send-lease-updates\":false,\"sync-leases\":false", false, "", "http://10.0.0.1:8000/", "", ""),
                Arguments.of("\"send-lease-updates\":false,\"sync-leases\":false", true, "", "http://10.0.0.1:8000/", "", ""),
                Arguments.of("\"send-lease-updates\":true,\"sync-leases\":true", false, "", "http://10.0.0.1:8000/", "error", "lease updates"),
                Arguments.of("\"send-lease-updates\":false,\"sync-leases\":true", false, "", "http://10.0.0.1:8000/", "error", "sync-leases is true"),
                Arguments.of("\"send-lease-updates\":true,\"sync-leases\":false", false, "", "http://10.0.0.1:8000/", "error", "send-lease-updates is true"),
                Arguments.of("\"send-lease-updates\":false", false, "", "http://10.0.0.1:8000/", "error", "sync-leases is true"),
                Arguments.of(HA_DEDICATED, true, MT_DEDICATED, "http://10.0.0.1:8000/", "error", "port 8000"),
                Arguments.of(HA_DEDICATED, true, MT_DEDICATED, "http://0.0.0.0:8000/", "error", "port 8000"),
                Arguments.of(HA_DEDICATED, true, MT_DEDICATED, "http://10.0.0.1:8001/", "", ""),
                Arguments.of(HA_DEDICATED, true, "", "http://10.0.0.1:8000/", "", ""),
                Arguments.of("\"multi-threading\":{\"enable-multi-threading\":true,\"http-dedicated-listener\":false}",
                        true, MT_DEDICATED, "http://10.0.0.1:8000/", "", ""),
                Arguments.of("\"heartbeat-delay\":10000,\"max-response-delay\":10000,\"max-unacked-clients\":0", false,
                        "", "http://10.0.0.1:8000/", "error,error,warning", ""));
    }

    @ParameterizedTest(name = "[{index}] {0} lease_cmds={1} -> {4}")
    @MethodSource("configurations")
    void configurationChecks(String ha, boolean leaseCmds, String dhcp4, String selfUrl, String severities,
                             String word) throws Exception {
        List<ConfigCheck> checks = KeaHaChecks.configuration(config(ha, leaseCmds, dhcp4, selfUrl), "server1", CA);
        List<String> expected = severities.isEmpty() ? List.of() : List.of(severities.split(","));
        assertEquals(expected, checks.stream().map(c -> c.severity().wire()).toList(), checks.toString());
        for (ConfigCheck c : checks) {
            assertTrue(c.sentence().contains(word), c.sentence());
            assertTrue(c.sentence().length() > 40, "a sentence that explains: " + c.sentence());
        }
    }

    @Test
    void aServerWithoutHaHasNoHaChecks() throws Exception {
        assertTrue(KeaHaChecks.configuration(JSON.readTree("{\"Dhcp4\":{\"hooks-libraries\":[]}}"), "x", CA).isEmpty());
        assertTrue(KeaHaChecks.configuration(JSON.readTree("{}"), "x", CA).isEmpty());
    }

    static Stream<Arguments> skews() {
        return Stream.of(Arguments.of(0L, null), Arguments.of(30L, null), Arguments.of(31L, Severity.WARNING),
                Arguments.of(-45L, Severity.WARNING), Arguments.of(60L, Severity.WARNING),
                Arguments.of(61L, Severity.ERROR), Arguments.of(-300L, Severity.ERROR), Arguments.of(null, null));
    }

    @ParameterizedTest(name = "skew {0} s -> {1}")
    @MethodSource("skews")
    void clockSkew(Long skew, Severity expected) {
        Relationship rel = new Relationship("r", "server1", Backend.KEA, HaMode.LOAD_BALANCING,
                List.of(new PeerDefinition("server1", PeerRole.PRIMARY, CA, true),
                        new PeerDefinition("server2", PeerRole.SECONDARY, URI.create("http://10.0.0.2:8000/"), true)),
                false, HaParameters.NONE);
        Instant now = Instant.now();
        Map<String, PeerObservation> observed = new HashMap<>();
        observed.put("server1", new PeerObservation("server1", true, DaemonState.UP, "load-balancing", "primary",
                List.of(), 0L, true, false, 0L, 0L, null, now));
        observed.put("server2", new PeerObservation("server2", true, DaemonState.UP, "load-balancing", "secondary",
                List.of(), 0L, true, false, 0L, skew, null, now));
        List<ConfigCheck> checks = KeaHaChecks.clockSkew(rel, observed);
        if (expected == null) {
            assertTrue(checks.isEmpty(), checks.toString());
        } else {
            assertEquals(1, checks.size());
            assertEquals(expected, checks.get(0).severity());
            assertTrue(checks.get(0).sentence().startsWith("server2's clock is " + Math.abs(skew) + " s off"));
        }
    }
}
