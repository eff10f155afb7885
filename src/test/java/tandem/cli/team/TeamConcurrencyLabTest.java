package tandem.cli.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.cli.TandemCommand;
import tandem.lab.KeaLab;
import tandem.lab.PostgresLab;
import tandem.lab.SlowAgentProxy;
import tandem.services.Services;

/**
 * Two administrators, each with their own PostgreSQL login, run changes from two separate processes at the same
 * time: on two relationships they run side by side; on one relationship the shared change lock keeps them apart.
 */
@Tag("team")
class TeamConcurrencyLabTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long alice's config-set answer is held back: her change holds its lock at least this long. */
    private static final Duration SLOW = Duration.ofSeconds(25);
    private static final Duration PROCESS_BOUND = Duration.ofSeconds(150);

    @TempDir Path tmp;

    record Run(int code, String out, String err) { }

    private record Desk(String login, String password, List<String> options) { }

    private Desk desk(PostgresLab pg, String login, String password) throws Exception {
        Path pw = tmp.resolve(login + ".pw");
        Files.writeString(pw, password + "\n");
        return new Desk(login, password, List.of("--data", tmp.resolve(login).toString(), "--store",
                "postgresql://" + login + "@127.0.0.1:" + pg.port() + "/team", "--store-password-file", pw.toString()));
    }

    private static Run tandem(Desk desk, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(desk.options());
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), dir -> fail("no console for a command"),
                Services::open, tandem.app.Launcher.backendCommands(), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** A separate JVM running one tandem command with the desk's login, on that login's desktop folder. */
    private Process spawn(Desk desk, String name, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), tandem.app.Launcher.class.getName()));
        command.addAll(desk.options());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(tmp.resolve(name + ".out").toFile())
                .redirectError(tmp.resolve(name + ".err").toFile()).start();
    }

    private Run finish(Process p, String name) throws Exception {
        if (!p.waitFor(PROCESS_BOUND.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(name + " did not finish within " + PROCESS_BOUND.toSeconds() + " s");
        }
        return new Run(p.exitValue(), Files.readString(tmp.resolve(name + ".out")),
                Files.readString(tmp.resolve(name + ".err")));
    }

    private static String[] reserve(String relationship, String subnet, String mac, String ip) {
        return new String[] {"reservation", "add", relationship, "--subnet", subnet, "--mac", mac, "--ip", ip};
    }

    @Test
    void twoProcessesWithDifferentLoginsWorkConcurrently() throws Exception {
        try (PostgresLab pg = PostgresLab.start();
             KeaLab north = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0);
             KeaLab south = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0);
             SlowAgentProxy slow = new SlowAgentProxy(north.caUrl(1), "config-set", SlowAgentProxy.Mode.ANSWER_LATE,
                     SLOW)) {
            String alicePw = PostgresLab.randomSecret();
            String bobPw = PostgresLab.randomSecret();
            pg.createRole("alice", alicePw);
            pg.createRole("bob", bobPw);
            pg.createDatabase("team", "alice");
            Desk alice = desk(pg, "alice", alicePw);
            Desk bob = desk(pg, "bob", bobPw);
            north.awaitStable(Duration.ofSeconds(30));
            south.awaitStable(Duration.ofSeconds(30));

            assertEquals(0, tandem(alice, "team", "init").code());
            assertEquals(0, tandem(alice, "user", "add", "bob").code());
            assertEquals(0, tandem(alice, "role", "grant", "bob", "dhcp-administrators").code());
            // bob's desktop connects once, publishing its key; alice's Tandem then shares the team key with it
            assertEquals(0, tandem(bob, "team", "status").code());
            Run shared = tandem(alice, "team", "status", "--json");
            assertTrue(shared.out().contains("\"waitingForKey\":[]"), shared.out());
            // alice reaches north through a relay that holds config-set answers back: her changes take a while
            Run addNorth = tandem(alice, "server", "add", "kea", "--url", slow.url().toString(), "--name", "north");
            assertEquals(0, addNorth.code(), addNorth.err());
            Run addSouth = tandem(bob, "server", "add", "kea", "--url", south.caUrl(1).toString(), "--name", "south");
            assertEquals(0, addSouth.code(), addSouth.err());
            // one inventory: each sees the server the other added
            assertTrue(tandem(bob, "server", "list").out().contains("north"));
            assertTrue(tandem(alice, "server", "list").out().contains("south"));

            // (a) two relationships: bob's change runs and ends while alice's is still under way
            Process a1 = spawn(alice, "a1", reserve("north", "10.10.0.0/24", "02:c0:00:00:00:01", "10.10.0.201"));
            awaitLock(pg, alice, "north", Duration.ofSeconds(90));
            Run b1 = finish(spawn(bob, "b1", reserve("south", "10.10.1.0/24", "02:c0:00:00:00:02", "10.10.1.201")),
                    "b1");
            assertEquals(0, b1.code(), b1.out() + b1.err());
            assertTrue(a1.isAlive() && lockHolder(pg, alice, "north") != null,
                    "bob's change on south finished while alice's on north still held its lock");
            Run a1Done = finish(a1, "a1");
            assertEquals(0, a1Done.code(), a1Done.out() + a1Done.err());
            for (int i = 1; i <= 2; i++) {
                assertTrue(KeaLab.hasReservation(north.dhcp4(i), "10.10.0.201", "02:c0:00:00:00:01"), "north" + i);
                assertTrue(KeaLab.hasReservation(south.dhcp4(i), "10.10.1.201", "02:c0:00:00:00:02"), "south" + i);
            }
            List<Entry> both = journal(pg, alice);
            Entry onNorth = only(both, "north", "alice");
            Entry onSouth = only(both, "south", "bob");
            assertTrue(onSouth.created().isBefore(onNorth.settled()) && onNorth.created().isBefore(onSouth.settled()),
                    "the two changes overlapped in time: " + both);

            // (b) one relationship: bob, not willing to wait, is refused; bob, willing to wait, goes after alice
            Process a2 = spawn(alice, "a2", reserve("north", "10.10.1.0/24", "02:c0:00:00:00:03", "10.10.1.202"));
            awaitLock(pg, alice, "north", Duration.ofSeconds(90));
            Process b3 = spawn(bob, "b3", concat(List.of("--lock-wait", "120"),
                    reserve("north", "10.10.0.0/24", "02:c0:00:00:00:05", "10.10.0.205")));
            Run b2 = finish(spawn(bob, "b2", concat(List.of("--lock-wait", "0"),
                    reserve("north", "10.10.0.0/24", "02:c0:00:00:00:04", "10.10.0.204"))), "b2");
            assertEquals(TandemCommand.EXIT_REFUSED, b2.code(), b2.out() + b2.err());
            assertTrue(b2.err().contains("north is being changed by tandem reservation add (pid " + a2.pid()
                    + ", alice on "), b2.err());
            assertTrue(b2.err().contains("Nothing was changed"), b2.err());
            assertTrue(a2.isAlive(), "alice's change was still under way when bob was refused");
            Run a2Done = finish(a2, "a2");
            assertEquals(0, a2Done.code(), a2Done.out() + a2Done.err());
            Run b3Done = finish(b3, "b3");
            assertEquals(0, b3Done.code(), b3Done.out() + b3Done.err());

            for (int i = 1; i <= 2; i++) {
                JsonNode config = north.dhcp4(i);
                assertTrue(KeaLab.hasReservation(config, "10.10.1.202", "02:c0:00:00:00:03"), "alice's on north" + i);
                assertTrue(KeaLab.hasReservation(config, "10.10.0.205", "02:c0:00:00:00:05"), "bob's on north" + i);
                assertFalse(config.toString().contains("02:c0:00:00:00:04"), "the refused one reached north" + i);
                assertTrue(KeaLab.hasReservation(config, "10.10.0.201", "02:c0:00:00:00:01"), "the first kept" + i);
            }
            // the journal of north: three applied changes one after another, none of the refused one
            List<Entry> onNorthAll = journal(pg, alice).stream().filter(e -> e.relationship().equals("north")).toList();
            assertEquals(List.of("alice", "alice", "bob"), onNorthAll.stream().map(Entry::user).toList(),
                    onNorthAll.toString());
            for (int i = 0; i < onNorthAll.size(); i++) {
                assertEquals("APPLIED", onNorthAll.get(i).status(), onNorthAll.toString());
                if (i > 0) {
                    assertFalse(onNorthAll.get(i).created().isBefore(onNorthAll.get(i - 1).settled()),
                            "never two writers on north at once: " + onNorthAll);
                }
            }
            assertFalse(onNorthAll.stream().anyMatch(e -> e.description().contains("02:c0:00:00:00:04")));

            // each reads the other's changes in the shared audit trail, with the login that made them
            JsonNode seenByAlice = JSON.readTree(tandem(alice, "audit", "--json").out());
            JsonNode seenByBob = JSON.readTree(tandem(bob, "audit", "--json").out());
            assertEquals(seenByAlice, seenByBob, "one audit trail");
            assertEquals(4, seenByBob.size(), seenByBob.toString());
            List<String> who = new ArrayList<>();
            for (JsonNode r : seenByBob) {
                who.add(r.path("user").asText() + "@" + r.path("relationship").asText());
                assertTrue(r.path("outcome").asText().startsWith("applied"), r.toString());
            }
            // newest first
            assertEquals(List.of("bob@north", "alice@north", "alice@north", "bob@south"), who);
        }
    }

    private static String[] concat(List<String> first, String[] rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    record Entry(long id, String relationship, String user, String status, String description, Instant created,
                 Instant settled) { }

    private static List<Entry> journal(PostgresLab pg, Desk desk) throws Exception {
        List<Entry> out = new ArrayList<>();
        try (Connection c = pg.connect("team", desk.login(), desk.password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, relationship, user_name, status, description, created_at,"
                     + " settled_at FROM tandem.change_journal ORDER BY created_at, id")) {
            while (rs.next()) {
                out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, java.time.OffsetDateTime.class).toInstant(),
                        rs.getObject(7, java.time.OffsetDateTime.class) == null ? null
                                : rs.getObject(7, java.time.OffsetDateTime.class).toInstant()));
            }
        }
        return out;
    }

    private static Entry only(List<Entry> entries, String relationship, String user) {
        List<Entry> found = entries.stream().filter(e -> e.relationship().equals(relationship)).toList();
        assertEquals(1, found.size(), found.toString());
        assertEquals(user, found.get(0).user());
        assertEquals("APPLIED", found.get(0).status());
        return found.get(0);
    }

    /** Who holds the change lock of the relationship, read from the shared store; null when nobody. */
    private static String lockHolder(PostgresLab pg, Desk desk, String relationship) throws Exception {
        try (Connection c = pg.connect("team", desk.login(), desk.password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT user_name FROM tandem.change_lock WHERE resource = 'relationship:"
                     + relationship + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void awaitLock(PostgresLab pg, Desk desk, String relationship, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (desk.login().equals(lockHolder(pg, desk, relationship))) return;
            Thread.sleep(100);
        }
        fail(desk.login() + " never held the lock on " + relationship + " within " + within.toSeconds() + " s");
    }
}
