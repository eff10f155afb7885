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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.cli.TandemCommand;
import tandem.core.Preferences;
import tandem.lab.KeaLab;
import tandem.lab.PostgresLab;
import tandem.services.Services;

/** Two administrators, each with their own PostgreSQL login and desktop folder, on one team store. */
@Tag("team")
class TeamModeLabTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    record Run(int code, String out, String err) { }

    /** The team store of one administrator: their login, password file and own data folder. */
    private record Desk(String login, List<String> options) { }

    private Desk desk(PostgresLab pg, String database, String login, String password) throws Exception {
        Path pw = tmp.resolve(login + ".pw");
        Files.writeString(pw, password + "\n");
        return new Desk(login, List.of("--data", tmp.resolve(login).toString(), "--store",
                "postgresql://" + login + "@127.0.0.1:" + pg.port() + "/" + database, "--store-password-file",
                pw.toString()));
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

    @Test
    void aMemberWithoutTheBitIsRefusedAndNothingIsSent() throws Exception {
        try (PostgresLab pg = PostgresLab.start();
             KeaLab lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0)) {
            String alicePw = PostgresLab.randomSecret();
            String bobPw = PostgresLab.randomSecret();
            pg.createRole("alice", alicePw);
            pg.createRole("bob", bobPw);
            pg.createDatabase("team", "alice");
            Desk alice = desk(pg, "team", "alice", alicePw);
            Desk bob = desk(pg, "team", "bob", bobPw);
            lab.awaitStable(Duration.ofSeconds(30));

            Run init = tandem(alice, "team", "init");
            assertEquals(0, init.code(), init.err());
            assertEquals(1, tandem(alice, "team", "init").code(), "a second init changes nothing");
            Run outsider = tandem(bob, "status");
            assertEquals(1, outsider.code());
            assertTrue(outsider.err().contains("tandem user add bob"), outsider.err());

            assertEquals(0, tandem(alice, "server", "add", "kea", "--url", lab.caUrl(1).toString(), "--name", "pair")
                    .code());
            Run noLogin = tandem(alice, "user", "add", "carol");
            assertEquals(TandemCommand.EXIT_USAGE, noLogin.code());
            assertTrue(noLogin.err().contains("no login 'carol'"), noLogin.err());
            assertEquals(0, tandem(alice, "user", "add", "bob").code());
            assertEquals(0, tandem(alice, "permission", "grant", "bob", "edit-pools", "--server", "pair", "--scope",
                    "10.10.0.0/24").code());

            Run notAdmin = tandem(bob, "user", "add", "alice");
            assertEquals(TandemCommand.EXIT_NO_PERMISSION, notAdmin.code());
            assertTrue(notAdmin.err().contains("dhcp-administrator"), notAdmin.err());
            Run removeRefused = tandem(bob, "server", "remove", "pair");
            assertEquals(TandemCommand.EXIT_NO_PERMISSION, removeRefused.code(), removeRefused.err());
            assertTrue(removeRefused.err().contains("bob lacks the administer-dhcp-servers permission on pair"),
                    removeRefused.err());
            assertTrue(tandem(alice, "server", "list").out().contains("pair"), "the server stays in the inventory");

            String[] reserve = {"reservation", "add", "pair", "--subnet", "10.10.0.0/24", "--mac", "02:7e:00:00:00:01",
                    "--ip", "10.10.0.201"};
            Run refused = tandem(bob, reserve);
            assertEquals(TandemCommand.EXIT_NO_PERMISSION, refused.code(), refused.out() + refused.err());
            assertTrue(refused.err().contains("bob lacks the edit-reservations permission on 10.10.0.0/24 of pair"),
                    refused.err());
            for (int i = 1; i <= 2; i++) {
                assertFalse(lab.dhcp4(i).toString().contains("02:7e:00:00:00:01"), "nothing reached server" + i);
            }
            JsonNode audited = JSON.readTree(tandem(alice, "audit", "--json").out());
            assertEquals(0, audited.size(), "nothing was journaled or audited: " + audited);

            // a grant counts at once, and the audit trail names the login
            assertEquals(0, tandem(alice, "permission", "grant", "bob", "edit-reservations", "--server", "pair",
                    "--scope", "10.10.0.0/24").code());
            Run allowed = tandem(bob, reserve);
            assertEquals(0, allowed.code(), allowed.out() + allowed.err());
            for (int i = 1; i <= 2; i++) {
                assertTrue(lab.dhcp4(i).toString().contains("02:7e:00:00:00:01"), "on server" + i);
            }
            JsonNode audit = JSON.readTree(tandem(alice, "audit", "--json").out());
            assertEquals("bob", audit.get(0).path("user").asText(), audit.toString());

            // another subnet of the same server is still out of reach
            Run otherScope = tandem(bob, "reservation", "add", "pair", "--subnet", "10.10.1.0/24", "--mac",
                    "02:7e:00:00:00:02", "--ip", "10.10.1.201");
            assertEquals(TandemCommand.EXIT_NO_PERMISSION, otherScope.code(), otherScope.err());
        }
    }

    @Test
    void anotherProcessTakesOverPollingWhenThePollerIsKilled() throws Exception {
        try (PostgresLab pg = PostgresLab.start()) {
            String pw = PostgresLab.randomSecret();
            pg.createRole("alice", pw);
            pg.createDatabase("team", "alice");
            Desk alice = desk(pg, "team", "alice", pw);
            assertEquals(0, tandem(alice, "team", "init").code());
            JsonNode before = status(alice);
            assertTrue(before.path("poller").isNull(), "nobody polls yet: " + before);

            Process first = watch(alice, "first");
            Process second = null;
            try {
                awaitPoller(alice, first.pid(), Duration.ofSeconds(60));
                second = watch(alice, "second");
                // the second one starts and follows: the first still polls. Only a desktop holding the team key may
                // take over, so wait until alice's Tandem has shared it with the second's desktop too.
                awaitKeyShares(pg, pw, 3, Duration.ofSeconds(60));
                assertEquals(first.pid(), status(alice).path("poller").path("pid").asLong());

                first.destroyForcibly(); // SIGKILL: no chance to give the lock up
                long killed = System.nanoTime();
                first.waitFor();
                Preferences prefs = Preferences.defaults();
                Duration bound = prefs.pollInterval().plus(prefs.timeout());
                awaitPoller(alice, second.pid(), bound.plusSeconds(10));
                Duration took = Duration.ofNanos(System.nanoTime() - killed);
                assertTrue(took.compareTo(bound) <= 0, "taken over in " + took.toMillis() + " ms, bound "
                        + bound.toMillis() + " ms (one poll interval plus the timeout)");
            } finally {
                first.destroyForcibly();
                if (second != null) {
                    second.destroy();
                    second.waitFor();
                }
            }
            assertTrue(status(alice).path("poller").isNull(), "a watch stopped gives the lock up");
        }
    }

    @Test
    void aFollowerShowsThePollersWriteAtOnceNotAtItsNextCycle() throws Exception {
        try (PostgresLab pg = PostgresLab.start();
             KeaLab lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0)) {
            String pw = PostgresLab.randomSecret();
            pg.createRole("alice", pw);
            pg.createDatabase("team", "alice");
            Desk alice = desk(pg, "team", "alice", pw);
            lab.awaitStable(Duration.ofSeconds(30));
            assertEquals(0, tandem(alice, "team", "init").code());
            assertEquals(0, tandem(alice, "server", "add", "kea", "--url", lab.caUrl(1).toString(), "--name", "pair")
                    .code());
            Process poller = watch(alice, "poller");
            tandem.store.TeamStoreLocation where = tandem.store.TeamStoreLocation.parse(
                    "postgresql://alice@127.0.0.1:" + pg.port() + "/team");
            try (Services follower = Services.openTeam(tmp.resolve("follower"), where, pw, "the console")) {
                awaitPoller(alice, poller.pid(), Duration.ofSeconds(60));
                follower.startBackground();
                awaitStatus(follower, "pair", tandem.core.RelationshipStatus.OK, Duration.ofSeconds(60));
                assertFalse(follower.pollerLease().held(), "the watch polls, the follower follows");

                lab.killDhcp(2);
                // when the poller has written it, the follower shows it long before its own 10 s cycle
                long written = awaitStored(follower, "pair", tandem.core.RelationshipStatus.IMPAIRED, Duration.ofSeconds(60));
                long shown = awaitStatus(follower, "pair", tandem.core.RelationshipStatus.IMPAIRED, Duration.ofSeconds(10));
                long lagMs = (shown - written) / 1_000_000;
                assertTrue(lagMs <= 1_000, "shown " + lagMs + " ms after the poller wrote it");
            } finally {
                poller.destroy();
                poller.waitFor();
            }
        }
    }

    /** Runs alice's Tandem (which shares the team key) until that many desktops hold the key. */
    private void awaitKeyShares(PostgresLab pg, String alicePw, int desktops, Duration within) throws Exception {
        Desk alice = desk(pg, "team", "alice", alicePw);
        long deadline = System.nanoTime() + within.toNanos();
        int shared = 0;
        while (System.nanoTime() < deadline) {
            status(alice);
            try (var c = pg.connect("team", "alice", alicePw); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT count(*) FROM tandem.team_key_share WHERE wrapped_key IS NOT NULL")) {
                rs.next();
                shared = rs.getInt(1);
            }
            if (shared >= desktops) return;
            Thread.sleep(200);
        }
        fail("the team key reached " + shared + " of " + desktops + " desktops within " + within.toSeconds() + " s");
    }

    /** When the store holds the status (nanoTime), reading it directly. */
    private static long awaitStored(Services s, String rel, tandem.core.RelationshipStatus want, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            var st = s.stateStore().lastKnown().get(rel);
            if (st != null && st.status() == want) return System.nanoTime();
            Thread.sleep(20);
        }
        throw new AssertionError(rel + " never stored as " + want);
    }

    /** When the follower's poller shows the status (nanoTime). */
    private static long awaitStatus(Services s, String rel, tandem.core.RelationshipStatus want, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            var st = s.poller().current().get(rel);
            if (st != null && st.status() == want && !st.stale()) return System.nanoTime();
            Thread.sleep(20);
        }
        throw new AssertionError(rel + " never shown as " + want + ": " + s.poller().current().get(rel));
    }

    private JsonNode status(Desk desk) throws Exception {
        Run r = tandem(desk, "team", "status", "--json");
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.out());
    }

    private void awaitPoller(Desk desk, long pid, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = status(desk);
            if (last.path("poller").path("pid").asLong() == pid) {
                assertEquals(desk.login(), last.path("poller").path("user").asText());
                return;
            }
            Thread.sleep(200);
        }
        fail("process " + pid + " did not become the poller within " + within.toSeconds() + " s: " + last);
    }

    private Process watch(Desk desk, String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), tandem.app.Launcher.class.getName()));
        List<String> options = new ArrayList<>(desk.options());
        // each process its own desktop folder, as two consoles on two desktops
        options.set(1, tmp.resolve(desk.login() + "-" + name).toString());
        command.addAll(options);
        command.add("watch");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile()).start();
    }
}
