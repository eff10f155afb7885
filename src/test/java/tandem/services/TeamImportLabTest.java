package tandem.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.cli.TandemCommand;
import tandem.core.Assessment;
import tandem.core.Backend;
import tandem.core.ConfigSnapshot;
import tandem.core.ConnectionSettings;
import tandem.core.DaemonState;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.ImportResult;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.PeerRole;
import tandem.core.Preferences;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.core.ServerRecord;
import tandem.core.StatusEvent;
import tandem.core.port.AuditStore.AuditRecord;
import tandem.core.port.AuditStore.Query;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.core.port.ReplicationStore.TargetOutcome;
import tandem.isc.ConfigChange;
import tandem.isc.IscJournal;
import tandem.isc.IscLocation;
import tandem.lab.PostgresLab;
import tandem.store.Database;
import tandem.store.SecretCipher;
import tandem.store.TeamImport;
import tandem.store.TeamStoreLocation;

/** A local data folder, made through the product, moved into a team store on a real PostgreSQL. */
@Tag("team")
class TeamImportLabTest {
    private static final String CONF = "/etc/dhcp/dhcpd.conf";
    private static final List<String> SECRETS = List.of("kea-Pa55-word", "proxy-Pa55", "OLD-omapi-Secret",
            "NEW-omapi-Secret", "lease-db-Pa55");
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00.123456Z");

    @TempDir Path tmp;

    record Run(int code, String out, String err) { }

    private List<String> options;

    private Run tandem(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), dir -> fail("no console for a command"),
                Services::open, tandem.app.Launcher.backendCommands(), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aDataFolderMovesInWholeOnceAndADryRunOrAClashWritesNothing() throws Exception {
        try (PostgresLab pg = PostgresLab.start()) {
            String pw = PostgresLab.randomSecret();
            pg.createRole("alice", pw);
            pg.createDatabase("team", "alice");
            Path pwFile = tmp.resolve("alice.pw");
            Files.writeString(pwFile, pw + "\n");
            Path desk = tmp.resolve("alice");
            String store = "postgresql://alice@127.0.0.1:" + pg.port() + "/team";
            options = List.of("--data", desk.toString(), "--store", store, "--store-password-file", pwFile.toString());
            assertEquals(0, tandem("team", "init").code());

            Path old = tmp.resolve("old");
            fill(old, "kea1", "rel1", "isc1", "iscrel", true);

            Run missing = tandem("team", "import", "--from", tmp.resolve("nothing").toString());
            assertEquals(TandemCommand.EXIT_USAGE, missing.code());
            assertTrue(missing.err().contains("--from"), missing.err());
            assertFalse(Files.exists(tmp.resolve("nothing")), "no database is made where there was none");

            TeamStoreLocation where = TeamStoreLocation.parse(store);
            Map<String, Integer> empty;
            try (Services team = Services.openTeam(desk, where, pw, "test")) {
                empty = counts(team.database());
            }
            Run dry = tandem("team", "import", "--from", old.toString(), "--dry-run");
            assertEquals(0, dry.code(), dry.out() + dry.err());
            assertTrue(dry.out().contains("dry run") && dry.out().matches("(?s).*change_journal\\s+2\\b.*"), dry.out());
            noSecretIn(dry);
            try (Services team = Services.openTeam(desk, where, pw, "test")) {
                assertEquals(empty, counts(team.database()), "a dry run writes nothing");
            }

            // a member who is no DHCP administrator may not import
            String bobPw = PostgresLab.randomSecret();
            pg.createRole("bob", bobPw);
            assertEquals(0, tandem("user", "add", "bob").code());
            Path bobPwFile = tmp.resolve("bob.pw");
            Files.writeString(bobPwFile, bobPw + "\n");
            List<String> alice = options;
            options = List.of("--data", tmp.resolve("bob").toString(), "--store", "postgresql://bob@127.0.0.1:"
                    + pg.port() + "/team", "--store-password-file", bobPwFile.toString());
            Run notAdmin = tandem("team", "import", "--from", old.toString());
            assertEquals(TandemCommand.EXIT_NO_PERMISSION, notAdmin.code(), notAdmin.out() + notAdmin.err());
            options = alice;

            // a failure halfway (a row the team store cannot take, written after many others) writes nothing
            pg.superuserSql("team", "INSERT INTO tandem.change_target (journal_id, server, outcome, at)"
                    + " VALUES (2, 'isc1', 'APPLIED', now())");
            Run halfway = tandem("team", "import", "--from", old.toString());
            assertEquals(TandemCommand.EXIT_REFUSED, halfway.code(), halfway.out() + halfway.err());
            noSecretIn(halfway);
            pg.superuserSql("team", "DELETE FROM tandem.change_target");
            try (Services team = Services.openTeam(desk, where, pw, "test")) {
                assertEquals(empty, counts(team.database()), "a failed import writes nothing");
            }

            Run imported = tandem("team", "import", "--from", old.toString());
            assertEquals(0, imported.code(), imported.out() + imported.err());
            noSecretIn(imported);
            assertTrue(imported.out().contains("server broken: its password cannot be opened"), imported.out());
            assertTrue(imported.out().contains("numbers are kept"), imported.out());

            try (Services team = Services.openTeam(desk, where, pw, "test");
                 Services before = Services.open(old)) {
                SecretCipher oldKey = SecretCipher.forDataFolder(old), teamKey = team.secretCipher();
                assertTablesEqual(before.database(), oldKey, team.database(), teamKey, Map.of());
                assertReadsBackEqual(before, team);
                Map<String, Integer> afterFirst = counts(team.database());

                Run again = tandem("team", "import", "--from", old.toString());
                assertEquals(TandemCommand.EXIT_REFUSED, again.code(), again.out() + again.err());
                for (String clash : List.of("server kea1", "server isc1", "server broken", "relationship rel1",
                        "relationship iscrel")) {
                    assertTrue(again.err().contains(clash), again.err());
                }
                assertEquals(afterFirst, counts(team.database()), "a refused import writes nothing");
            }

            // a second desktop's folder: its numbers are taken, so they move up, links and all
            Path other = tmp.resolve("other");
            fill(other, "kea2", "rel2", "isc2", "iscrel2", false);
            Run second = tandem("team", "import", "--from", other.toString());
            assertEquals(0, second.code(), second.out() + second.err());
            assertTrue(second.out().contains("Numbers of change_journal moved up by 2"), second.out());
            try (Services team = Services.openTeam(desk, where, pw, "test");
                 Services before = Services.open(other)) {
                assertTablesEqual(before.database(), SecretCipher.forDataFolder(other), team.database(),
                        team.secretCipher(), Map.of("change_journal", 2L, "audit_log", 3L,
                                "status_event", 2L, "config_snapshot", 2L));
                assertEquals(2, team.replicationStore().targets(3).size(), "change #1 of that folder is #3 now");
                long next = team.replicationStore().begin("rel2", "kea", "{}", "after the import", null, "alice", "t",
                        "h", 1, Instant.now());
                assertEquals(5, next, "new entries are numbered after the imported ones");
            }
        }
    }

    /** A data folder with a bit of everything, written through the product's stores. */
    private static void fill(Path dir, String kea, String rel, String isc, String iscRel, boolean withBroken)
            throws Exception {
        try (Services s = Services.open(dir)) {
            ServerRecord keaServer = new ServerRecord(kea, Backend.KEA, new ConnectionSettings(
                    URI.create("https://127.0.0.1:8443/"), URI.create("http://proxyuser:proxy-Pa55@127.0.0.1:3128"),
                    "admin", "kea-Pa55-word", null, true), T0);
            Relationship keaRel = new Relationship(rel, kea, Backend.KEA, HaMode.HOT_STANDBY, List.of(
                    new PeerDefinition(kea + "-a", PeerRole.PRIMARY, URI.create("https://127.0.0.1:8443/"), true),
                    new PeerDefinition(kea + "-b", PeerRole.STANDBY, URI.create("https://127.0.0.2:8443/"), false)),
                    false, new HaParameters(10000L, 60000L, null, 10L));
            ConfigSnapshot snap = new ConfigSnapshot(rel, kea + "-a", "h1",
                    "{\"Dhcp4\":{\"lease-database\":{\"password\":\"lease-db-Pa55\"}}}", T0);
            s.inventory().replace(List.of(), List.of(new ImportResult.Accepted(keaServer, List.of(keaRel),
                    List.of(snap, new ConfigSnapshot(rel, kea + "-b", "h2", "{\"Dhcp4\":{}}", T0.plusSeconds(1))),
                    List.of())));
            ServerRecord iscServer = new ServerRecord(isc, Backend.ISC, new ConnectionSettings(
                    URI.create("ssh://root@127.0.0.3/etc/dhcp/dhcpd.conf"), null, "root", null, null), T0);
            s.inventory().replace(List.of(), List.of(new ImportResult.Accepted(iscServer, List.of(new Relationship(
                    iscRel, isc, Backend.ISC, HaMode.HOT_STANDBY, List.of(new PeerDefinition("p", PeerRole.PRIMARY,
                    URI.create("ssh://127.0.0.3"), true)), false, new HaParameters(null, null, null, null))),
                    List.of(), List.of())));
            if (withBroken) {
                s.inventory().replace(List.of(), List.of(new ImportResult.Accepted(new ServerRecord("broken",
                        Backend.KEA, new ConnectionSettings(URI.create("http://127.0.0.9:8000/"), null, "u", "x", null),
                        T0), List.of(), List.of(), List.of())));
                // a password sealed with another key: the folder's key cannot open it
                String foreign = SecretCipher.inDirectory(dir.resolveSibling(dir.getFileName() + "-elsewhere")).encrypt(
                        "x", SecretCipher.binding("server", "password_enc", "broken", "http://127.0.0.9:8000/"));
                s.database().transaction(c -> {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE server SET password_enc = ? WHERE name = 'broken'")) {
                        ps.setString(1, foreign);
                        return ps.executeUpdate();
                    }
                });
            }
            PeerObservation seen = new PeerObservation(kea + "-a", true, DaemonState.UP, "hot-standby", "primary",
                    List.of(kea + "-a"), 3L, true, false, 0L, 1L, null, T0);
            s.stateStore().saveStates(List.of(new RelationshipState(keaRel, new Assessment(RelationshipStatus.IMPAIRED,
                    kea + "-a", List.of("the standby is down")), Map.of(kea + "-a", seen), T0, false)));
            s.stateStore().appendEvents(List.of(
                    new StatusEvent(T0, rel, null, RelationshipStatus.OK, "first seen"),
                    new StatusEvent(T0.plusSeconds(60), rel, RelationshipStatus.OK, RelationshipStatus.IMPAIRED, "down")));
            s.updatePreferences(new Preferences(Duration.ofSeconds(7), Duration.ofSeconds(3),
                    Map.of("kea.lease-page", "250")));

            long keaChange = s.replicationStore().begin(rel, "kea", "{\"op\":\"reservation-add\"}", "Add reservation",
                    kea + "-a", "bob", "a tandem command", "desk1", 4242, T0);
            s.replicationStore().recordTarget(keaChange, kea + "-a", TargetOutcome.APPLIED, null, T0);
            s.replicationStore().recordTarget(keaChange, kea + "-b", TargetOutcome.FAILED, "refused", T0);
            s.replicationStore().settle(keaChange, Status.APPLIED, kea + "-a", "{\"op\":\"reservation-del\"}", T0);
            IscJournal journal = new IscJournal(Services.sealer(SecretCipher.forDataFolder(dir)));
            IscLocation where = new IscLocation(isc, null, CONF, null, null, null);
            String before = "key omapi { algorithm hmac-md5; secret \"OLD-omapi-Secret\"; }\n";
            String after = "key omapi { algorithm hmac-md5; secret \"NEW-omapi-Secret\"; }\n";
            String change = journal.write(where, new ConfigChange(CONF, Map.of(CONF, before), Map.of(CONF, after), List.of()));
            String inverse = journal.write(where, new ConfigChange(CONF, Map.of(CONF, after), Map.of(CONF, before), List.of()));
            assertFalse(change.contains("OLD-omapi-Secret"), "the journal seals it");
            long iscChange = s.replicationStore().begin(iscRel, "isc", change, "Rotate the OMAPI key", isc, "bob",
                    "the console", "desk1", 4243, T0.plusSeconds(5));
            s.replicationStore().settle(iscChange, Status.APPLIED, isc, inverse, T0.plusSeconds(6));
            s.replicationStore().recordTarget(iscChange, isc, TargetOutcome.APPLIED, null, T0.plusSeconds(6));

            Map<String, String> servers = new LinkedHashMap<>();
            servers.put(kea + "-b", "failed: refused");
            servers.put(kea + "-a", "applied");
            s.auditStore().append(new AuditRecord(0, T0, "bob", "desk1", "a tandem command", rel, "kea",
                    "Add reservation", servers, "applied on " + kea + "-a", "+ reservation", keaChange));
            s.auditStore().append(new AuditRecord(0, T0.plusSeconds(6), "bob", "desk1", "the console", iscRel, "isc",
                    "Rotate the OMAPI key", Map.of(isc, "applied"), "applied", "- secret ****", iscChange));
            s.auditStore().append(new AuditRecord(0, T0.plusSeconds(9), "bob", "desk1", "the console", rel, "ha",
                    "Maintenance", Map.of(), "refused", null, null));
            s.replicationStore().markOutOfSync(rel, kea + "-b", "offline during change #1", T0);
        }
    }

    private static void noSecretIn(Run run) {
        for (String secret : SECRETS) {
            assertFalse(run.out().contains(secret) || run.err().contains(secret), "no secret in the output");
        }
    }

    private static Map<String, Integer> counts(Database db) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String t : TeamImport.TABLES) out.put(t, rows(db, t, "").size());
        return out;
    }

    /** Every column of every row, keyed as the table keys it; instants as Instant. */
    private static List<Map<String, Object>> rows(Database db, String table, String where) {
        return db.transaction(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " " + where);
                 ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        String name = md.getColumnName(i).toLowerCase(java.util.Locale.ROOT);
                        int type = md.getColumnType(i);
                        Object v = type == java.sql.Types.TIMESTAMP_WITH_TIMEZONE || type == java.sql.Types.TIMESTAMP
                                ? rs.getObject(i, OffsetDateTime.class) : type == java.sql.Types.CLOB
                                || type == java.sql.Types.VARCHAR ? rs.getString(i) : rs.getObject(i);
                        if (v instanceof OffsetDateTime t) v = t.toInstant().truncatedTo(ChronoUnit.MICROS);
                        if (v instanceof Number n && !(v instanceof Double)) v = n.longValue();
                        row.put(name, v);
                    }
                    out.add(row);
                }
            }
            return out;
        });
    }

    /**
     * Table by table: as many rows, every column equal; secrets equal once opened, each with its own key; numbers
     * moved up by the given amounts ({@code ids} of the team rows taken after the first import's).
     */
    private static void assertTablesEqual(Database from, SecretCipher fromKey, Database team, SecretCipher teamKey,
                                          Map<String, Long> shifts) {
        long journalShift = shifts.getOrDefault("change_journal", 0L), auditShift = shifts.getOrDefault("audit_log", 0L);
        long eventShift = shifts.getOrDefault("status_event", 0L), snapshotShift = shifts.getOrDefault("config_snapshot", 0L);
        IscJournal fromJournal = new IscJournal(Services.sealer(fromKey)), teamJournal = new IscJournal(Services.sealer(teamKey));
        Map<String, String> keys = Map.ofEntries(Map.entry("server", "name"), Map.entry("relationship", "name"),
                Map.entry("peer", "relationship_name, ord"), Map.entry("relationship_state", "relationship_name"),
                Map.entry("status_event", "id"), Map.entry("config_snapshot", "id"), Map.entry("preference", "name"),
                Map.entry("change_journal", "id"), Map.entry("peer_sync", "relationship, peer"),
                Map.entry("change_target", "journal_id, server"), Map.entry("audit_log", "id"),
                Map.entry("audit_server", "audit_id, position"));
        List<Map<String, Object>> fromServers = rows(from, "server", "");
        List<String> names = fromServers.stream().map(r -> (String) r.get("name")).toList();
        List<String> rels = rows(from, "relationship", "").stream().map(r -> (String) r.get("name")).toList();
        for (String table : TeamImport.TABLES) {
            List<Map<String, Object>> expected = rows(from, table, "ORDER BY " + keys.get(table));
            List<Map<String, Object>> actual = new ArrayList<>(rows(team, table, "ORDER BY " + keys.get(table)));
            // only this folder's rows of the team store
            actual.removeIf(r -> !mine(table, r, names, rels, expected, journalShift, auditShift));
            assertEquals(expected.size(), actual.size(), table + ": as many rows");
            for (int i = 0; i < expected.size(); i++) {
                Map<String, Object> e = new LinkedHashMap<>(expected.get(i)), a = new LinkedHashMap<>(actual.get(i));
                assertEquals(e.keySet(), a.keySet(), table + ": the same columns");
                switch (table) {
                    case "server" -> {
                        String n = (String) e.get("name"), url = (String) e.get("url"), proxy = (String) e.get("proxy");
                        String pb = SecretCipher.binding("server", "password_enc", n, url);
                        String xb = SecretCipher.binding("server", "proxy_auth_enc", n, proxy);
                        if (n.equals("broken")) {
                            assertNull(a.remove("password_enc"), "what the folder's key cannot open stays out");
                            e.remove("password_enc");
                        }
                        if (e.get("password_enc") != null) {
                            assertNotEquals(e.get("password_enc"), a.get("password_enc"), "sealed again");
                        }
                        if (e.containsKey("password_enc")) {
                            assertEquals(open(fromKey, e.remove("password_enc"), pb),
                                    open(teamKey, a.remove("password_enc"), pb), n + "'s password");
                        }
                        assertEquals(open(fromKey, e.remove("proxy_auth_enc"), xb), open(teamKey, a.remove("proxy_auth_enc"), xb));
                    }
                    case "config_snapshot" -> {
                        long id = (Long) e.get("id");
                        String rel = (String) e.get("relationship"), peer = (String) e.get("peer");
                        String b = SecretCipher.binding("config_snapshot", "json", Long.toString(id), rel, peer);
                        String bt = SecretCipher.binding("config_snapshot", "json", Long.toString(id + snapshotShift), rel, peer);
                        assertEquals(fromKey.decrypt((String) e.remove("json"), b), teamKey.decrypt((String) a.remove("json"), bt));
                        a.put("id", (Long) a.get("id") - snapshotShift);
                    }
                    case "change_journal" -> {
                        a.put("id", (Long) a.get("id") - journalShift);
                        if ("isc".equals(e.get("kind"))) {
                            for (String col : List.of("change_json", "inverse_json")) {
                                assertNotEquals(e.get(col), a.get(col), "sealed again");
                                assertEquals(fromJournal.read((String) e.remove(col)), teamJournal.read((String) a.remove(col)));
                            }
                        }
                    }
                    case "change_target" -> a.put("journal_id", (Long) a.get("journal_id") - journalShift);
                    case "audit_log" -> {
                        a.put("id", (Long) a.get("id") - auditShift);
                        if (a.get("journal_id") != null) a.put("journal_id", (Long) a.get("journal_id") - journalShift);
                    }
                    case "audit_server" -> a.put("audit_id", (Long) a.get("audit_id") - auditShift);
                    case "status_event" -> a.put("id", (Long) a.get("id") - eventShift);
                    default -> { }
                }
                assertEquals(e, a, table + " row " + i);
            }
        }
    }

    /** Whether a team row came from the folder being compared (the team store may hold another folder's too). */
    private static boolean mine(String table, Map<String, Object> r, List<String> servers, List<String> rels,
                                List<Map<String, Object>> expected, long journalShift, long auditShift) {
        return switch (table) {
            case "server" -> servers.contains(r.get("name"));
            case "relationship" -> rels.contains(r.get("name"));
            case "peer", "relationship_state" -> rels.contains(r.get("relationship_name"));
            case "status_event", "config_snapshot", "change_journal", "peer_sync", "audit_log" ->
                    rels.contains(r.get("relationship"));
            case "change_target" -> (Long) r.get("journal_id") > journalShift;
            case "audit_server" -> (Long) r.get("audit_id") > auditShift;
            default -> true; // preferences: the team's, set by the first import, the same in both folders
        };
    }

    private static String open(SecretCipher key, Object stored, String binding) {
        return stored == null ? null : key.decrypt((String) stored, binding);
    }

    /** What the team store's services read equals what the folder's read. */
    private static void assertReadsBackEqual(Services before, Services team) {
        assertEquals(before.inventory().servers(), team.inventory().servers());
        ServerRecord kea = team.inventory().server("kea1").orElseThrow();
        assertEquals("kea-Pa55-word", kea.connection().password());
        assertEquals("proxyuser:proxy-Pa55", kea.connection().proxy().getRawUserInfo());
        assertNull(team.inventory().server("broken").orElseThrow().connection().password(), "imported without it");
        assertEquals("u", team.inventory().server("broken").orElseThrow().connection().username());
        assertEquals(before.inventory().relationships(), team.inventory().relationships());
        assertEquals(before.stateStore().lastKnown(), team.stateStore().lastKnown());
        assertEquals(before.stateStore().events(100), team.stateStore().events(100));
        for (String peer : List.of("kea1-a", "kea1-b")) {
            assertEquals(before.stateStore().latestSnapshot("rel1", peer), team.stateStore().latestSnapshot("rel1", peer));
        }
        assertTrue(team.stateStore().latestSnapshot("rel1", "kea1-a").orElseThrow().json().contains("lease-db-Pa55"));
        assertEquals(before.preferences(), team.preferences());
        List<JournalEntry> journal = before.replicationStore().recent(100);
        List<JournalEntry> teamJournal = team.replicationStore().recent(100);
        assertEquals(journal.size(), teamJournal.size());
        for (int i = 0; i < journal.size(); i++) {
            JournalEntry e = journal.get(i), a = teamJournal.get(i);
            assertEquals(e.id(), a.id(), "numbers kept");
            if (!"isc".equals(e.kind())) assertEquals(e, a);
            assertEquals(before.replicationStore().targets(e.id()), team.replicationStore().targets(a.id()));
        }
        assertEquals(2, team.replicationStore().targets(1).size());
        assertEquals(before.replicationStore().outOfSync("rel1"), team.replicationStore().outOfSync("rel1"));
        List<AuditRecord> audit = team.auditStore().find(Query.all(100));
        assertEquals(before.auditStore().find(Query.all(100)), audit);
        AuditRecord first = audit.get(audit.size() - 1);
        assertEquals(List.of("kea1-b", "kea1-a"), List.copyOf(first.servers().keySet()), "servers in order");
        assertEquals("Add reservation", team.replicationStore().entry(Objects.requireNonNull(first.journalId()))
                .orElseThrow().description(), "the audit record still points at its journal entry");
    }
}
