package tandem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.services.Services;
import tandem.core.change.ProcessId;
import tandem.core.port.AuditStore;
import tandem.core.port.AuditStore.AuditRecord;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.isc.ConfigChange;
import tandem.isc.DhcpdConfig;
import tandem.isc.DhcpdSyntaxCheck;
import tandem.isc.IscChangeService;
import tandem.isc.IscJournal;
import tandem.isc.IscLocation;

/** dhcpd.conf writes from the command line are changes: journaled, audited without secrets, undone, settled. */
class IscJournalTest {
    private static final String SECRET = "c2VjcmV0LXRoYXQtbXVzdC1ub3QtbGVhaw==";
    /** The OMAPI key sits right before the first subnet, where a new peer goes: the diff's context shows it. */
    private static final String KEYED = """
            # ISC dhcpd failover primary, with an OMAPI key
            authoritative;
            ddns-update-style none;
            omapi-port 7911;

            key omapi_key {
              algorithm hmac-md5;
              secret "%s";
            }
            omapi-key omapi_key;
            subnet 10.10.0.0 netmask 255.255.255.0 {
              option routers 10.10.0.1;
              pool {
                range 10.10.0.100 10.10.0.200;
              }
            }
            """.formatted(SECRET);

    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    private Run tandem(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), d -> fail("no console for a command"), Services::open, tandem.app.Launcher.backendCommands(),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aWriteIsJournaledAndAuditedWithoutItsSecretAndUndoneFromTheCommandLine() throws Exception {
        if (DhcpdSyntaxCheck.findDhcpd() == null) fail("dhcpd is not installed: install Debian's isc-dhcp-server");
        Path conf = dir.resolve("dhcpd.conf");
        Files.writeString(conf, KEYED);
        Run applied = tandem("isc", "peer", "add", "--file", conf.toString(), "--name", "fo", "--address", "10.10.0.2",
                "--peer-address", "10.10.0.3", "--for-pool", "1", "--apply", "--yes");
        assertEquals(0, applied.code(), applied.err());
        assertFalse(applied.out().contains(SECRET), "the preview hides the key's secret: " + applied.out());
        String written = Files.readString(conf);
        assertTrue(written.contains("failover peer \"fo\" {"), written);
        // the key statement is context of the edit's diff: the diff itself is made without the secret
        String diff = ConfigChange.between(DhcpdConfig.parse(conf.toString(), KEYED),
                DhcpdConfig.parse(conf.toString(), written), List.of()).unifiedDiff();
        assertFalse(diff.contains(SECRET), diff);
        assertTrue(diff.contains(" secret ****;"), diff);

        long id;
        try (Services services = Services.open(dir.resolve("data"))) {
            List<JournalEntry> entries = services.replicationStore().recent(10);
            assertEquals(1, entries.size());
            JournalEntry e = entries.get(0);
            id = e.id();
            assertEquals(IscChangeService.KIND, e.kind());
            assertEquals(Status.APPLIED, e.status());
            assertEquals("this machine:" + conf, e.relationship());
            assertTrue(e.description().startsWith("dhcpd.conf change on this machine:" + conf), e.description());
            assertFalse(e.change().contains(SECRET), "the journal seals the secret: " + e.change());
            assertFalse(e.inverse().contains(SECRET), "and in the inverse too");

            AuditRecord audit = services.auditStore().find(AuditStore.Query.all(10)).get(0);
            assertEquals(IscChangeService.KIND, audit.kind());
            assertEquals("applied", audit.outcome());
            assertEquals(Long.valueOf(id), audit.journalId());
            assertTrue(audit.servers().get("this machine:" + conf).startsWith("applied: Applied: 1 file(s) replaced"), audit.servers().toString());
            assertTrue(audit.diff().contains("+failover peer \"fo\" {"), audit.diff());
            assertTrue(audit.diff().contains("secret ****"), audit.diff());
            assertFalse(audit.diff().contains(SECRET), audit.diff());
        }
        assertSecretNotOnDisk(dir.resolve("data"));

        Run journal = tandem("journal", "--all");
        assertTrue(journal.out().contains("#" + id + " "), journal.out());
        assertTrue(journal.out().contains("APPLIED"), journal.out());

        Run preview = tandem("undo", String.valueOf(id), "--dry-run");
        assertEquals(0, preview.code(), preview.err());
        assertTrue(preview.out().contains("-failover peer \"fo\" {"), preview.out());
        assertFalse(preview.out().contains(SECRET), preview.out());
        assertEquals(written, Files.readString(conf), "a dry run writes nothing");

        Run undone = tandem("undo", String.valueOf(id));
        assertEquals(0, undone.code(), undone.err() + undone.out());
        assertEquals(KEYED, Files.readString(conf), "the file says again what it said before the change");

        // the file no longer says what change #id wrote: undoing it again is refused, nothing is written
        Run again = tandem("undo", String.valueOf(id));
        assertEquals(TandemCommand.EXIT_REFUSED, again.code());
        assertTrue(again.err().contains("no longer says what change #" + id + " wrote"), again.err());
        assertEquals(KEYED, Files.readString(conf));

        try (Services services = Services.open(dir.resolve("data"))) {
            List<JournalEntry> entries = services.replicationStore().recent(10);
            assertEquals(List.of(Status.FAILED, Status.APPLIED, Status.APPLIED), entries.stream().map(JournalEntry::status).toList());
            assertEquals("Undo change #" + id + ": " + entries.get(2).description(), entries.get(1).description());
        }
        assertSecretNotOnDisk(dir.resolve("data"));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches(".*\\.tandem-(new|check|restore|lock).*")).toList());
        }
    }

    @Test
    void aKindThatCannotBeUndoneIsRefusedByName() throws Exception {
        try (Services services = Services.open(dir.resolve("data"))) {
            services.replicationStore().begin("dhcp1", IscChangeService.PARTNER_DOWN_KIND,
                    IscJournal.partnerDown("dhcp1", "fo"), "partner-down for fo on dhcp1", "dhcp1", "root",
                    "the console", "here", 1, Instant.now());
        }
        Run r = tandem("undo", "1");
        assertEquals(TandemCommand.EXIT_REFUSED, r.code());
        assertEquals("Refused: change #1 (isc-partner-down: partner-down for fo on dhcp1) cannot be undone\n", r.err());
        Run missing = tandem("undo", "42");
        assertEquals(TandemCommand.EXIT_REFUSED, missing.code());
        assertTrue(missing.err().contains("there is no change #42"), missing.err());
    }

    /** Entries a killed process left in progress are settled by what the files say now. */
    @Test
    void writesLeftInProgressByADeadProcessAreSettledByTheirFiles() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        String before = "authoritative;\n";
        String after = "authoritative;\nomapi-port 7911;\n";
        IscJournal plain = new IscJournal(IscJournal.Sealer.NONE);
        Map<String, String> files = Map.of("written", after, "untouched", before, "edited", "authoritative;\n# by hand\n");
        try (Services services = Services.open(dir.resolve("data"))) {
            for (var f : files.entrySet()) {
                Path conf = dir.resolve(f.getKey() + ".conf");
                Files.writeString(conf, f.getValue());
                ConfigChange change = new ConfigChange(conf.toString(), Map.of(conf.toString(), before),
                        Map.of(conf.toString(), after), List.of());
                IscLocation where = IscLocation.local(conf.toString(), "dhcpd -t -4 -cf FILE", "true");
                services.replicationStore().begin(where.name(), IscChangeService.KIND, plain.write(where, change),
                        f.getKey(), null, "root", "tandem isc peer add", ProcessId.current().host(), ended.pid(), Instant.now());
            }
            List<String> settled = services.runner().settleAbandoned();
            assertEquals(3, settled.size(), settled.toString());
            Map<String, Status> status = new java.util.HashMap<>();
            services.replicationStore().recent(10).forEach(e -> status.put(e.description(), e.status()));
            assertEquals(Map.of("written", Status.APPLIED, "untouched", Status.FAILED, "edited", Status.CONFLICT), status);
            List<AuditRecord> audit = services.auditStore().find(AuditStore.Query.all(10));
            assertTrue(audit.stream().anyMatch(a -> a.outcome().equals("settled: the files hold the change")), audit.toString());
            assertTrue(audit.stream().anyMatch(a -> a.outcome().equals("settled: nothing was written: the files are as before")));
            assertTrue(audit.stream().anyMatch(a -> a.outcome().startsWith("settled: the files hold neither")
                    && a.outcome().contains("edited.conf")), audit.toString());
            assertEquals(List.of(), services.runner().settleAbandoned(), "each entry is settled once");
        }
    }

    private static void assertSecretNotOnDisk(Path data) throws Exception {
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> s = Files.walk(data)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(p);
                assertFalse(indexOf(bytes, secret) >= 0, "the secret is in clear in " + p);
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
