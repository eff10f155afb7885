package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.services.Services;
import tandem.cli.TandemCommand;

/**
 * The console and a real dhcpd failover pair: the primary is added over SSH (a real sshd on loopback) and its
 * failover state is read through OMAPI with omshell next to dhcpd (here: inside the pair's network namespace).
 */
class IscConsoleLabTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path data;
    @TempDir Path sshdDir;
    @TempDir Path pairDir;

    record Run(int code, String out, String err) {}

    private Run tandem(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data", data.toString()));
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), d -> fail("no console for a command"), Services::open, tandem.app.Launcher.backendCommands(),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private JsonNode awaitRelationship(Predicate<JsonNode> until, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Run r = tandem("status", "--json");
            last = JSON.readTree(r.out()).path("relationships").get(0);
            if (last != null && until.test(last)) return last;
            Thread.sleep(500);
        }
        fail("not reached within " + seconds + " s; last " + last);
        return null;
    }

    /**
     * The administrator rotates the primary's OMAPI key and restarts dhcpd. A console that signed with the old key
     * is refused once, reads the new key from dhcpd.conf and is back to normal without being restarted.
     */
    private void keyRotationIsPickedUpByARunningConsole(DhcpdPair pair) throws Exception {
        try (Services console = Services.open(data, "the console")) {
            String rel = "dhcp-a/fo-pair";
            assertEquals(tandem.core.RelationshipStatus.OK, console.poller().refresh().get(rel).status(),
                    "the console signs with the key it read");
            OmapiKey rotated = new OmapiKey(DhcpdPair.PRIMARY_OMAPI_KEY.name(), "HMAC-SHA512",
                    java.util.Base64.getEncoder().encodeToString("the key after it was rotated....".getBytes()));
            java.nio.file.Files.writeString(pair.configFile(0), DhcpdPair.config(true, rotated));
            pair.stopServer(0);
            pair.startServer(0);

            List<String> problems = new ArrayList<>();
            long deadline = System.nanoTime() + 90_000_000_000L;
            tandem.core.RelationshipState state = null;
            for (int i = 0; i < 300 && System.nanoTime() < deadline; i++) {
                state = console.poller().refresh().get(rel);
                String problem = state.peers().get("dhcp-a").problem();
                if (problem != null && !problems.contains(problem)) problems.add(problem);
                if (problem != null && problem.contains("refused the OMAPI key")) {
                    assertEquals(tandem.core.RelationshipStatus.IMPAIRED, state.status(),
                            "a dhcpd that refuses the key answers, so the service is not called down");
                }
                if (state.status() == tandem.core.RelationshipStatus.OK) break;
                Thread.sleep(300);
            }
            assertEquals(tandem.core.RelationshipStatus.OK, state.status(), "after " + problems);
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("dhcpd refused the OMAPI key \"tandem-omapi\"")),
                    "the old key was refused once before the new one was read: " + problems);
        }
    }

    @Test
    void addedOverSshNormalThenPartnerLostThenPartnerDown() throws Exception {
        try (RealSshd sshd = RealSshd.start(sshdDir); DhcpdPair pair = DhcpdPair.start(pairDir)) {
            String[] add = {"server", "add", "isc", "--ssh", sshd.user + "@127.0.0.1:" + sshd.port, "--key", sshd.clientKey.toString(),
                    "--config", pair.configFile(0).toString(), "--omshell", "nsenter -t " + pair.holder(0) + " -n omshell",
                    "--name", "dhcp-a"};
            Run refused = tandem(add);
            assertEquals(1, refused.code());
            String fingerprint = sshd.hostFingerprints().stream().filter(refused.err()::contains).findFirst()
                    .orElseThrow(() -> new AssertionError("the fingerprint is shown: " + refused.err()));

            List<String> accepted = new ArrayList<>(List.of(add));
            accepted.addAll(List.of("--accept-host-key", fingerprint));
            Run added = tandem(accepted.toArray(String[]::new));
            assertEquals(0, added.code(), added.err());
            assertTrue(added.out().contains("dhcp-a/fo-pair: load-balancing, peers dhcp-a (primary), 10.10.0.3 (secondary)"), added.out());

            JsonNode rel = awaitRelationship(r -> r.path("status").asText().equals("OK"), 90);
            assertEquals("dhcp-a/fo-pair", rel.path("name").asText());
            assertEquals("normal", rel.path("peers").get(0).path("haState").asText());
            assertEquals("normal", rel.path("peers").get(1).path("haState").asText());
            assertEquals("dhcp-a", rel.path("sourceOfTruth").asText());

            keyRotationIsPickedUpByARunningConsole(pair);

            pair.stopServer(1);
            // right after the key rotation one of the two OMAPI reads may still be refused for a poll: wait for both
            rel = awaitRelationship(r -> r.path("status").asText().equals("IMPAIRED")
                    && r.path("peers").get(1).path("daemon").asText().equals("down"), 60);
            assertEquals("communications-interrupted", rel.path("peers").get(0).path("haState").asText());
            assertEquals("down", rel.path("peers").get(1).path("daemon").asText());

            Run unconfirmed = tandem("isc", "partner-down", "dhcp-a", "fo-pair");
            assertEquals(1, unconfirmed.code());
            assertTrue(unconfirmed.err().contains("both may hand out the same address"), unconfirmed.err());
            Run down = tandem("isc", "partner-down", "dhcp-a", "fo-pair", "--yes");
            assertEquals(0, down.code(), down.err());
            rel = awaitRelationship(r -> r.path("peers").get(0).path("haState").asText().equals("partner-down"), 30);
            assertEquals("IMPAIRED", rel.path("status").asText());
            try (Services services = Services.open(data)) {
                var entry = services.replicationStore().recent(10).get(0);
                assertEquals("isc-partner-down dhcp-a APPLIED", entry.kind() + " " + entry.relationship() + " " + entry.status(),
                        "partner-down is journaled as a change of the server");
            }
        }
    }
}
