package tandem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.services.Services;
import tandem.core.change.Redaction;
import tandem.core.port.AuditStore.AuditRecord;

/** {@code tandem audit} over a data folder with records appended the way the change runner appends them. */
class AuditCommandTest {
    private static final Instant KEA_AT = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant ISC_AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant HA_AT = Instant.parse("2026-12-02T08:00:00Z");
    private static final String SECRET = "hunter2-kea-agent";
    private static final String LEGACY_SECRET = "s3cret-from-an-older-writer";

    @TempDir Path data;
    private long keaId;
    private long iscId;
    private long haId;

    @BeforeEach
    void appendRecords() {
        String keaDiff = Redaction.redact("""
                --- server1 (before)
                +++ server1 (after)
                @@ -3,2 +3,3 @@
                   "control-agent": {
                -    "password": "old-password-1"
                +    "password": "%s",
                +    "user": "tandem"
                """.formatted(SECRET));
        try (Services s = Services.open(data)) {
            var audit = s.auditStore();
            keaId = audit.append(new AuditRecord(0, KEA_AT, "alice", "admin-1", "tandem reservation add", "server1",
                    "kea", "Reserve 10.0.0.61 for aa:bb:cc:dd:ee:01", servers("server1", "applied", "server2", "applied"),
                    "applied", keaDiff, 7L));
            iscId = audit.append(new AuditRecord(0, ISC_AT, "bob", "admin-2", "the console", "dhcp1/fo", "isc",
                    "Add address pool 10.1.0.100 - 10.1.0.200", servers("dhcp1", "applied"), "applied",
                    "--- dhcpd.conf\n+++ dhcpd.conf\n+  pool { failover peer \"fo\"; range 10.1.0.100 10.1.0.200; }\n", null));
            haId = audit.append(new AuditRecord(0, HA_AT, "alice", "admin-1", "tandem ha maintenance-start",
                    "dhcp-west", "kea-ha-action", "ha-maintenance-start on west2",
                    servers("west2", "failed: Kea refused: not in a state to start maintenance", "west1", "not changed"),
                    "failed", "", null));
        }
    }

    private static Map<String, String> servers(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) out.put(pairs[i], pairs[i + 1]);
        return out;
    }

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--data", data.toString(), "audit"));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TandemCommand.run(all.toArray(String[]::new), d -> fail("no console for a command"), Services::open, tandem.app.Launcher.backendCommands(),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static JsonNode json(Run run) throws Exception {
        assertEquals(0, run.code(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertTrue(root.isArray(), run.out());
        return root;
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("id").asLong()));
        return out;
    }

    @Test
    void jsonListsEveryRecordNewestFirstWithItsFields() throws Exception {
        Run run = run("--json");
        JsonNode all = json(run);
        assertEquals(List.of(haId, iscId, keaId), ids(all));

        JsonNode kea = all.get(2);
        assertEquals("2026-12-01T09:00:00Z", kea.get("time").asText());
        assertEquals("alice", kea.get("user").asText());
        assertEquals("admin-1", kea.get("host").asText());
        assertEquals("tandem reservation add", kea.get("process").asText());
        assertEquals("server1", kea.get("relationship").asText());
        assertEquals("kea", kea.get("kind").asText());
        assertEquals("Reserve 10.0.0.61 for aa:bb:cc:dd:ee:01", kea.get("description").asText());
        assertEquals("applied", kea.get("outcome").asText());
        assertEquals(7, kea.get("journalId").asLong());
        assertEquals(2, kea.get("servers").size());
        assertEquals("server1", kea.get("servers").get(0).get("name").asText());
        assertEquals("applied", kea.get("servers").get(0).get("outcome").asText());
        assertEquals("server2", kea.get("servers").get(1).get("name").asText());
        assertTrue(kea.get("diff").asText().contains("\"password\": \"" + Redaction.MASK + "\""), kea.get("diff").asText());
        assertTrue(kea.get("diff").asText().contains("\"user\": \"tandem\""), "the rest of the diff is kept");

        JsonNode ha = all.get(0);
        assertEquals("kea-ha-action", ha.get("kind").asText());
        assertEquals("failed", ha.get("outcome").asText());
        assertTrue(ha.get("journalId").isNull());
        assertEquals("west2", ha.get("servers").get(0).get("name").asText());
        assertEquals("failed: Kea refused: not in a state to start maintenance", ha.get("servers").get(0).get("outcome").asText());
        assertEquals("not changed", ha.get("servers").get(1).get("outcome").asText());

        assertFalse(run.out().contains(SECRET), "the secret never reaches the output");
        assertFalse(run.out().contains("old-password-1"));
    }

    @Test
    void filtersByRelationshipUserSinceAndLimit() throws Exception {
        assertEquals(List.of(iscId), ids(json(run("--relationship", "dhcp1/fo", "--json"))));
        assertEquals(List.of(), ids(json(run("--relationship", "no-such-relationship", "--json"))));
        assertEquals(List.of(haId, keaId), ids(json(run("--user", "alice", "--json"))));
        // the boundary is included
        assertEquals(List.of(haId, iscId), ids(json(run("--since", "2026-12-01T10:00:00Z", "--json"))));
        assertEquals(List.of(haId), ids(json(run("--since", "2026-12-01T10:00:00.001Z", "--json"))));
        assertEquals(List.of(haId), ids(json(run("--since", "2026-12-01T11:00:00+01:00", "--relationship", "dhcp-west", "--json"))));
        assertEquals(List.of(keaId), ids(json(run("--since", "2026-12-01T09:00:00Z", "--relationship", "server1", "--json"))));
        // a plain date is the start of that day in this computer's zone, which is never later than 12:00Z that day
        assertEquals(List.of(haId, iscId, keaId), ids(json(run("--since", "2026-11-30", "--json"))));
        assertEquals(List.of(), ids(json(run("--since", "2026-12-03", "--json"))));
        assertEquals(List.of(haId, iscId), ids(json(run("--limit", "2", "--json"))));
    }

    @Test
    void sinceAcceptsAnInstantALocalTimeAndADate() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), AuditCommand.parseSince("2026-12-01T10:00:00Z", berlin));
        assertEquals(Instant.parse("2026-12-01T09:00:00Z"), AuditCommand.parseSince("2026-12-01T10:00", berlin));
        assertEquals(Instant.parse("2026-11-30T23:00:00Z"), AuditCommand.parseSince("2026-12-01", berlin));
        assertEquals(Instant.parse("2026-12-01T08:30:00Z"), AuditCommand.parseSince("2026-12-01T10:30:00+02:00", berlin));
        assertThrows(IllegalArgumentException.class, () -> AuditCommand.parseSince("yesterday", berlin));
    }

    @Test
    void aBadSinceOrLimitIsAUsageError() {
        for (String bad : List.of("yesterday", "2026-13-01", "2026-12-01 10:00")) {
            Run run = run("--since", bad);
            assertEquals(TandemCommand.EXIT_USAGE, run.code(), bad + ": " + run.out());
            assertTrue(run.err().contains("--since"), run.err());
            assertEquals("", run.out());
        }
        Run zero = run("--limit", "0");
        assertEquals(TandemCommand.EXIT_USAGE, zero.code());
        assertTrue(zero.err().contains("--limit"), zero.err());
    }

    @Test
    void textShowsOneBlockPerRecordWithEachServer() {
        Run run = run();
        assertEquals(0, run.code(), run.err());
        String[] blocks = run.out().strip().split("\n\n");
        assertEquals(3, blocks.length, run.out());
        String ha = blocks[0];
        assertTrue(ha.startsWith("#" + haId + "  "), ha);
        assertTrue(ha.contains("alice@admin-1  tandem ha maintenance-start"), ha);
        assertTrue(ha.contains("relationship: dhcp-west"), ha);
        assertTrue(ha.contains("change:       ha-maintenance-start on west2"), ha);
        assertTrue(ha.contains("outcome:      failed"), ha);
        assertTrue(ha.lines().anyMatch(l -> l.matches("\\s+west2\\s+failed: Kea refused: not in a state to start maintenance")), ha);
        assertTrue(ha.lines().anyMatch(l -> l.matches("\\s+west1\\s+not changed")), ha);
        assertTrue(blocks[1].contains("bob@admin-2  the console"), blocks[1]);
        assertFalse(run.out().contains(SECRET));

        Run none = run("--user", "nobody");
        assertEquals(0, none.code());
        assertEquals("No audit records.", none.out().strip());
    }

    /** A record stored with its secret in the clear (an older or other writer) still prints masked. */
    @Test
    void aDiffStoredUnredactedIsMaskedOnOutput() throws Exception {
        long legacy;
        try (Services s = Services.open(data)) {
            legacy = s.auditStore().append(new AuditRecord(0, HA_AT.plusSeconds(60), "carol", "admin-3", "the console",
                    "server1", "kea", "Set option", Map.of("server1", "applied"), "applied",
                    "+    \"password\": \"" + LEGACY_SECRET + "\"\n", null));
        }
        Run run = run("--json", "--relationship", "server1");
        JsonNode records = json(run);
        assertEquals(List.of(legacy, keaId), ids(records));
        assertTrue(records.get(0).get("diff").asText().contains(Redaction.MASK));
        assertFalse(run.out().contains(LEGACY_SECRET), run.out());
    }
}
