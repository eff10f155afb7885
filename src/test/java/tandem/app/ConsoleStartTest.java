package tandem.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.cli.TandemCommand;
import tandem.core.port.TeamStoreSettings.Connection;
import tandem.lab.PostgresLab;
import tandem.services.Services;
import tandem.store.TeamStoreSettingsFile;

/** {@code tandem} without a command opens the console on the store Preferences name; {@code --store} still wins. */
@Tag("team")
class ConsoleStartTest {
    @TempDir Path tmp;

    /** What {@code tandem ARGS} would open the console on, without opening a window. */
    private static List<String> consoleOf(String... args) {
        List<String> opened = new ArrayList<>();
        StringWriter err = new StringWriter();
        int code = TandemCommand.run(args, dir -> {
            ConsoleStart start = ConsoleStart.of(dir);
            opened.add(start.onTeamStore() ? "team " + start.location() : "embedded " + dir);
        }, (opener, what) -> opened.add("--store " + what), Services::open, Launcher.backendCommands());
        assertEquals(0, code, err.toString());
        return opened;
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void theConsoleOpensOnTheTeamStoreThePreferencesName() throws Exception {
        Path data = tmp.resolve("desk");
        assertEquals(List.of("embedded " + data), consoleOf("--data", data.toString()), "the default");

        try (PostgresLab pg = PostgresLab.start()) {
            String pw = PostgresLab.randomSecret();
            pg.createRole("alice", pw);
            pg.createDatabase("team", "alice");
            Connection alice = new Connection("127.0.0.1", pg.port(), "team", "alice", "disable");
            Path pwFile = tmp.resolve("alice.pw");
            Files.writeString(pwFile, pw + "\n");
            StringWriter err = new StringWriter();
            assertEquals(0, TandemCommand.run(new String[] {"--data", data.toString(), "--store", alice.url(),
                    "--store-password-file", pwFile.toString(), "team", "init"}, dir -> fail("no console"),
                    Services::open, Launcher.backendCommands(), new PrintWriter(new StringWriter(), true),
                    new PrintWriter(err, true)), err.toString());

            // chosen without a remembered password: the console asks for it
            TeamStoreSettingsFile.of(data).save(true, alice, null, false);
            assertEquals(List.of("team " + alice.url()), consoleOf("--data", data.toString()));
            ConsoleStart asks = ConsoleStart.of(data);
            assertNull(asks.rememberedPassword());
            assertEquals("", asks.problem());
            String wrong = "Wrong-" + PostgresLab.randomSecret();
            RuntimeException refused = assertThrows(RuntimeException.class, () -> asks.openTeam(wrong).close());
            assertEquals("PostgreSQL at 127.0.0.1:" + pg.port() + " refused the password of alice (or there is no"
                    + " such login): check the password", refused.getMessage());
            assertFalse(refused.getMessage().contains(wrong));

            // signing in with "remember" keeps it for the next start, which then opens directly
            try (Services s = asks.openTeam(pw)) {
                asks.rememberPassword(pw);
                assertTrue(s.isTeamStore());
            }
            ConsoleStart direct = ConsoleStart.of(data);
            assertEquals(pw, direct.rememberedPassword());
            try (Services s = direct.openTeam(direct.rememberedPassword())) {
                assertTrue(s.isTeamStore());
                assertTrue(s.teamStatus().orElseThrow().startsWith("Team store 127.0.0.1/team as alice"),
                        s.teamStatus().toString());
            }

            // a login that is not a member is told who adds it
            pg.createRole("bob", pw);
            ConsoleStart outsider = new ConsoleStart(data, new Connection("127.0.0.1", pg.port(), "team", "bob",
                    "disable"), null, "");
            RuntimeException notMember = assertThrows(RuntimeException.class, () -> outsider.openTeam(pw).close());
            assertTrue(notMember.getMessage().contains("tandem user add bob"), notMember.getMessage());
            Connection down = new Connection("127.0.0.1", freePort(), "team", "alice", "disable");
            RuntimeException unreachable = assertThrows(RuntimeException.class,
                    () -> new ConsoleStart(data, down, null, "").openTeam(pw).close());
            assertTrue(unreachable.getMessage().startsWith("Nothing answers at 127.0.0.1:" + down.port()),
                    unreachable.getMessage());

            // --store on the command line wins over the preferences
            String bob = "postgresql://bob@127.0.0.1:" + pg.port() + "/team";
            assertEquals(List.of("--store the team store " + bob), consoleOf("--data", data.toString(), "--store", bob));

            // a remembered password this desktop cannot open (another desktop's key) is asked for again
            Files.delete(data.resolve("secret.key"));
            ConsoleStart otherKey = ConsoleStart.of(data);
            assertTrue(otherKey.onTeamStore());
            assertNull(otherKey.rememberedPassword());
            assertEquals("The remembered password cannot be opened with this desktop's key; type it again",
                    otherKey.problem());

            // back to this desktop's own store
            TeamStoreSettingsFile.of(data).save(false, alice, null, false);
            assertEquals(List.of("embedded " + data), consoleOf("--data", data.toString()));
        }
    }
}
