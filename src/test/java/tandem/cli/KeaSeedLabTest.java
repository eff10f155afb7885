package tandem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Preferences;
import tandem.kea.KeaControlAgentClient;
import tandem.kea.KeaSettings;
import tandem.lab.KeaLab;
import tandem.services.Services;

/**
 * Behaviour a real Kea 2.2 pair shows through the command line: a primary that reports its DHCP service disabled,
 * and what keaReplicateConfig off and on does to a change.
 */
@Tag("kea")
class KeaSeedLabTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE = Duration.ofSeconds(25);

    @TempDir Path data;

    private CliRun tandem(String... args) {
        return CliRun.in(data, args);
    }

    private JsonNode statusJson() {
        CliRun r = tandem("status", "--json");
        assertTrue(r.code() == 0 || r.code() == 2, r.err());
        try {
            return JSON.readTree(r.out()).path("relationships").get(0);
        } catch (Exception e) {
            throw new AssertionError(r.out(), e);
        }
    }

    private JsonNode awaitStatus(Predicate<JsonNode> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLE);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = statusJson();
            if (last != null && condition.test(last)) return last;
            Thread.sleep(300);
        }
        fail("Not reached within " + SETTLE.toSeconds() + " s; last: " + last);
        return last;
    }

    private static boolean anyReason(JsonNode rel, String text) {
        for (JsonNode r : rel.path("reasons")) if (r.asText().contains(text)) return true;
        return false;
    }

    @Test
    void aPrimaryWhoseHaStateDisablesItsDhcpServiceIsShownDisabledAndTheStandbyTakesOver() throws Exception {
        try (KeaLab lab = KeaLab.start(KeaLab.Mode.HOT_STANDBY, 2, 0);
             KeaControlAgentClient kea = new KeaControlAgentClient()) {
            lab.awaitStable(Duration.ofSeconds(30));
            assertEquals(0, tandem("server", "add", "kea", "--url", lab.caUrl(1).toString(), "--name", "hq").code());
            awaitStatus(r -> r.path("status").asText().equals("OK"));

            // the standby asks the primary into maintenance: Kea 2.2's HA hook disables the primary's DHCP service
            assertTrue(kea.send(lab.endpoint(2), "ha-maintenance-start", "dhcp4", null).isSuccess());
            JsonNode rel = awaitStatus(r -> r.path("status").asText().equals("IMPAIRED")
                    && r.path("sourceOfTruth").asText().equals("server2"));
            assertTrue(anyReason(rel, "Primary server1 is in state in-maintenance (its DHCP service is disabled"),
                    rel.toString());
            assertEquals("in-maintenance", rel.path("peers").get(0).path("haState").asText());
            CliRun text = tandem("status");
            assertEquals(TandemCommand.EXIT_NOT_OK, text.code());
            assertTrue(text.out().contains("its DHCP service is disabled in this state"), text.out());

            assertTrue(kea.send(lab.endpoint(2), "ha-maintenance-cancel", "dhcp4", null).isSuccess());
            awaitStatus(r -> r.path("status").asText().equals("OK") && r.path("sourceOfTruth").asText().equals("server1"));
        }
    }

    @Test
    void keaReplicateConfigOffChangesOnlyTheSourceOfTruthAndOnReplicates() throws Exception {
        try (KeaLab lab = KeaLab.start(KeaLab.Mode.HOT_STANDBY, 2, 0)) {
            lab.awaitStable(Duration.ofSeconds(30));
            try (Services s = Services.open(data)) {
                Preferences p = s.preferences();
                s.updatePreferences(KeaSettings.preferences(p.pollInterval(), p.timeout(), null,
                        KeaSettings.DEFAULT_PORT, false));
            }
            assertEquals(0, tandem("server", "add", "kea", "--url", lab.caUrl(1).toString(), "--name", "hq").code());
            JsonNode rel = awaitStatus(r -> r.path("status").asText().equals("OK"));
            assertFalse(rel.path("replicated").asBoolean(), rel.toString());
            assertTrue(tandem("status").out().contains("(not replicated)"));

            CliRun off = tandem("reservation", "add", "hq", "--subnet", "10.10.0.0/24", "--mac", "02:dd:00:00:00:01",
                    "--ip", "10.10.0.91");
            assertEquals(0, off.code(), off.err());
            assertTrue(off.out().contains("Replication is off (keaReplicateConfig): only server1 is changed"), off.out());
            assertFalse(off.out().contains("server2:"), "no peer outcome: " + off.out());
            assertTrue(KeaLab.hasReservation(lab.dhcp4(1), "10.10.0.91"), "the source of truth has it");
            assertFalse(KeaLab.hasReservation(lab.dhcp4(2), "10.10.0.91"), "the standby was left alone");
            assertEquals(0, lab.commandsReceived(2, "config-set"), "nothing was written to server2");

            try (Services s = Services.open(data)) {
                Preferences p = s.preferences();
                s.updatePreferences(KeaSettings.preferences(p.pollInterval(), p.timeout(), null,
                        KeaSettings.DEFAULT_PORT, true));
            }
            assertTrue(statusJson().path("replicated").asBoolean());
            CliRun on = tandem("reservation", "add", "hq", "--subnet", "10.10.0.0/24", "--mac", "02:dd:00:00:00:02",
                    "--ip", "10.10.0.92");
            assertEquals(0, on.code(), on.err());
            assertFalse(on.out().contains("Replication is off"), on.out());
            assertTrue(on.out().contains("server2: verified"), on.out());
            assertTrue(KeaLab.hasReservation(lab.dhcp4(1), "10.10.0.92"));
            assertTrue(KeaLab.hasReservation(lab.dhcp4(2), "10.10.0.92"), "replicated to the standby");
        }
    }
}
