package tandem.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tandem.services.Services;
import tandem.core.backend.ActionPlan;
import tandem.core.backend.ActionRequest;
import tandem.core.HaActionOutcome;
import tandem.core.Relationship;
import tandem.lab.KeaLab;

/**
 * {@code tandem ha ...} and {@code status --json}'s checks against one real Kea load-balancing pair. Every test
 * leaves the pair in load-balancing.
 */
@Tag("kea")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HaCommandLabTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private Path data;
    private KeaLab lab;

    record Run(int code, String out, String err) {}

    /** The pair under test: Kea 2 with Control Agents here, Kea 3 through its own sockets in a subclass. */
    KeaLab startPair() {
        return KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0);
    }

    /** Further options of {@code server add kea} for the lab's server1 (none on Kea 2). */
    List<String> loginOptions(KeaLab lab) {
        return List.of();
    }

    @BeforeAll
    void startLab(@TempDir Path dataDir) {
        data = dataDir;
        lab = startPair();
        lab.awaitStable(Duration.ofSeconds(30));
        List<String> add = new ArrayList<>(List.of("server", "add", "kea", "--url", lab.caUrl(1).toString()));
        add.addAll(loginOptions(lab));
        Run added = tandem(null, false, add.toArray(String[]::new));
        assertEquals(0, added.code(), added.err());
    }

    @AfterAll
    void stopLab() {
        if (lab != null) lab.close();
    }

    private Run tandem(String input, boolean terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data", data.toString()));
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), dir -> fail("no console"), Services::open, tandem.app.Launcher.backendCommands(),
                new PrintWriter(out, true), new PrintWriter(err, true),
                new BufferedReader(new StringReader(input == null ? "" : input)), terminal);
        return new Run(code, out.toString(), err.toString());
    }

    private Run tandem(String... args) { return tandem(null, false, args); }

    private JsonNode status() {
        try {
            return JSON.readTree(tandem("status", "--json").out()).path("relationships").get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String haState(JsonNode rel, int peer) {
        return rel.path("peers").get(peer).path("haState").asText();
    }

    private JsonNode awaitStatus(Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plus(SETTLE);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = status();
            if (condition.test(last)) return last;
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        fail("Not reached within " + SETTLE.toSeconds() + " s; last: " + last + "\n" + lab.status());
        return last;
    }

    private static boolean normal(JsonNode rel) {
        return rel.path("status").asText().equals("OK") && haState(rel, 0).equals("load-balancing")
                && haState(rel, 1).equals("load-balancing");
    }

    @Test
    void maintenanceStartThenCancelReturnsThePairToNormal() {
        awaitStatus(HaCommandLabTest::normal);
        Run start = tandem("ha", "maintenance-start", "server1", "--yes");
        assertEquals(0, start.code(), start.err());
        assertTrue(start.out().contains("Start maintenance of server2"), start.out());
        assertTrue(start.out().contains("ha-maintenance-start is sent to server1, which stays in service"), start.out());
        assertTrue(start.out().contains("server2 is in maintenance"), start.out());
        assertTrue(start.out().contains("server1 is now Impaired"), start.out());
        JsonNode rel = awaitStatus(r -> haState(r, 0).equals("partner-in-maintenance")
                && haState(r, 1).equals("in-maintenance"));
        assertEquals("IMPAIRED", rel.path("status").asText());

        Run again = tandem("ha", "maintenance-start", "server1", "--yes");
        assertEquals(TandemCommand.EXIT_REFUSED, again.code());
        assertTrue(again.err().contains("already in maintenance"), again.err());

        Run cancel = tandem("ha", "maintenance-cancel", "server1", "--yes");
        assertEquals(0, cancel.code(), cancel.err());
        assertTrue(cancel.out().contains("ha-maintenance-cancel is sent to server1"), cancel.out());
        assertTrue(cancel.out().contains("Maintenance cancelled"), cancel.out());
        awaitStatus(HaCommandLabTest::normal);
    }

    @Test
    void withoutYesTheCommandAsksAndANonTerminalIsRefused() {
        awaitStatus(HaCommandLabTest::normal);
        Run refused = tandem("ha", "maintenance-start", "server1");
        assertEquals(TandemCommand.EXIT_REFUSED, refused.code());
        assertTrue(refused.out().contains("server2 moves to in-maintenance"), "says what would happen: " + refused.out());
        assertTrue(refused.err().contains("pass --yes"), refused.err());
        Run declined = tandem("n\n", true, "ha", "maintenance-start", "server1");
        assertEquals(TandemCommand.EXIT_REFUSED, declined.code());
        assertTrue(declined.out().contains("Send ha-maintenance-start to server1? [y/N]"), declined.out());
        assertTrue(declined.err().contains("nothing was sent"), declined.err());
        assertTrue(normal(status()), "nothing was sent");

        Run sync = tandem("y\n", true, "ha", "sync", "server1", "--max-period", "30");
        assertEquals(0, sync.code(), sync.err());
        assertTrue(sync.out().contains("ha-sync is sent to server2: it fetches every lease from server1"), sync.out());
        assertTrue(sync.out().contains("server2 has synchronized its leases from server1"), sync.out());
        assertTrue(sync.out().contains("Lease database synchronization complete"), sync.out());
    }

    @Test
    void continueResetAndScopes() {
        awaitStatus(HaCommandLabTest::normal);
        Run cont = tandem("ha", "continue", "server1", "--yes");
        assertEquals(0, cont.code(), cont.err());
        assertTrue(cont.out().contains("server1: HA state machine is not paused"), cont.out());
        assertTrue(cont.out().contains("server2: HA state machine is not paused"), cont.out());

        Run scopes = tandem("ha", "scopes", "server1", "--peer", "server1", "server1", "server2", "--yes");
        assertEquals(0, scopes.code(), scopes.err());
        assertTrue(scopes.out().contains("server1 now serves the scopes server1, server2 (Kea: New HA scopes configured.)"),
                scopes.out());
        Run unknown = tandem("ha", "scopes", "server1", "--peer", "server1", "nope", "--yes");
        assertEquals(TandemCommand.EXIT_REFUSED, unknown.code());
        assertTrue(unknown.err().contains("Unknown scope nope"), unknown.err());
        assertEquals(TandemCommand.EXIT_USAGE, tandem("ha", "scopes", "server1", "server1", "--yes").code(),
                "--peer is required for scopes");

        // ha-reset puts server1 back to waiting: it resynchronizes and returns to load-balancing with its own scope
        Run reset = tandem("ha", "reset", "server1", "--peer", "server1", "--yes");
        assertEquals(0, reset.code(), reset.err());
        assertTrue(reset.out().contains("server1: HA state machine reset"), reset.out());
        awaitStatus(r -> normal(r) && r.path("peers").get(0).path("haState").asText().equals("load-balancing"));
    }

    @Test
    void keaRefusalsComeBackWithKeasReasonAndUnknownNamesAreRefused() {
        awaitStatus(HaCommandLabTest::normal);
        try (Services services = Services.open(data)) {
            Relationship rel = services.inventory().relationships().get(0);
            // without a poll the planner cannot know server1 is not in maintenance: Kea says so
            var ready = (ActionPlan.Ready) services.haActions().plan(rel, null, ActionRequest.of("maintenance-cancel", "server1"));
            HaActionOutcome outcome = services.haActions().run(ready.action());
            assertEquals(HaActionOutcome.Result.REFUSED, outcome.result());
            assertTrue(outcome.message().contains("not in the partner-in-maintenance state"), outcome.message());
        }
        Run cancel = tandem("ha", "maintenance-cancel", "server1", "--peer", "server1", "--yes");
        assertEquals(TandemCommand.EXIT_REFUSED, cancel.code());
        assertTrue(cancel.err().contains("server1 is not in partner-in-maintenance (it is load-balancing)"), cancel.err());
        Run noRel = tandem("ha", "reset", "nope", "--yes");
        assertEquals(TandemCommand.EXIT_REFUSED, noRel.code());
        assertTrue(noRel.err().contains("No relationship named nope"), noRel.err());
        Run noPeer = tandem("ha", "sync", "server1", "--peer", "server9", "--yes");
        assertEquals(TandemCommand.EXIT_REFUSED, noPeer.code());
        assertTrue(noPeer.err().contains("No server named server9"), noPeer.err());
    }

    @Test
    void statusJsonCarriesTheConfigurationChecks() throws Exception {
        JsonNode rel = awaitStatus(HaCommandLabTest::normal);
        JsonNode checks = rel.path("checks");
        assertTrue(checks.isArray(), rel.toString());
        // the lab runs with max-unacked-clients 0 and max-response-delay exactly 3 heartbeats
        assertEquals(1, checks.size(), checks.toString());
        assertEquals("warning", checks.get(0).path("severity").asText());
        assertTrue(checks.get(0).path("message").asText().startsWith("max-unacked-clients is 0"), checks.toString());
        Run text = tandem("status");
        assertTrue(text.out().contains("warning: max-unacked-clients is 0"), text.out());
    }
}
