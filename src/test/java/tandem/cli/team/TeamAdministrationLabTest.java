package tandem.cli.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import tandem.lab.PostgresLab;
import tandem.services.Services;

/** The team commands' refusals, shared with the console, on a real team store (Debian's PostgreSQL). */
@Tag("team")
class TeamAdministrationLabTest {
    @TempDir Path tmp;

    record Run(int code, String out, String err) { }

    private List<String> desk(PostgresLab pg, String login, String password) throws Exception {
        Path pw = tmp.resolve(login + ".pw");
        Files.writeString(pw, password + "\n");
        return List.of("--data", tmp.resolve(login).toString(), "--store",
                "postgresql://" + login + "@127.0.0.1:" + pg.port() + "/team", "--store-password-file", pw.toString());
    }

    private static Run tandem(List<String> desk, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(desk);
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), dir -> fail("no console for a command"),
                Services::open, tandem.app.Launcher.backendCommands(), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static void ok(Run run) {
        assertEquals(0, run.code(), run.out() + run.err());
    }

    @Test
    void theTeamAlwaysKeepsADhcpAdministratorAndBadInputIsNamed() throws Exception {
        try (PostgresLab pg = PostgresLab.start()) {
            String alicePw = PostgresLab.randomSecret();
            String bobPw = PostgresLab.randomSecret();
            pg.createRole("alice", alicePw);
            pg.createRole("bob", bobPw);
            pg.createDatabase("team", "alice");
            List<String> alice = desk(pg, "alice", alicePw);
            List<String> bob = desk(pg, "bob", bobPw);
            ok(tandem(alice, "team", "init"));
            ok(tandem(alice, "user", "add", "bob"));

            Run badScope = tandem(alice, "permission", "grant", "bob", "edit-pools", "--server", "pair", "--scope",
                    "10.10.0.5/24");
            assertEquals(TandemCommand.EXIT_USAGE, badScope.code());
            assertTrue(badScope.err().contains("--scope: 10.10.0.5/24 is not an IPv4 network"), badScope.err());
            Run noServer = tandem(alice, "permission", "grant", "bob", "edit-pools", "--server", "pair");
            assertEquals(TandemCommand.EXIT_USAGE, noServer.code());
            assertTrue(noServer.err().contains("--server: no server named 'pair'"), noServer.err());
            Run notAdmin = tandem(bob, "role", "grant", "bob", "dhcp-administrators");
            assertEquals(TandemCommand.EXIT_NO_PERMISSION, notAdmin.code(), notAdmin.err());

            // bob becomes a DHCP administrator through the bit alone, then takes alice's role: he is the last one
            ok(tandem(alice, "permission", "grant", "bob", "dhcp-administrator"));
            ok(tandem(bob, "role", "revoke", "alice", "dhcp-administrators"));
            Run last = tandem(bob, "permission", "revoke", "bob", "dhcp-administrator");
            assertEquals(TandemCommand.EXIT_USAGE, last.code(), last.out());
            assertTrue(last.err().contains("NAME: bob is the team's last DHCP administrator"), last.err());
            Run self = tandem(bob, "user", "remove", "bob");
            assertEquals(TandemCommand.EXIT_USAGE, self.code());
            assertTrue(self.err().contains("you cannot remove your own login"), self.err());
            String members = tandem(bob, "user", "list", "--json").out();
            assertTrue(members.contains("{\"bit\":\"dhcp-administrator\",\"server\":null,\"scope\":null}"), members);

            // with alice back among the DHCP administrators, bob may let go of his bit
            ok(tandem(bob, "role", "grant", "alice", "dhcp-administrators"));
            Run revoked = tandem(bob, "permission", "revoke", "bob", "dhcp-administrator");
            assertEquals(0, revoked.code(), revoked.err());
            assertEquals("bob no longer has dhcp-administrator everywhere.", revoked.out().strip());
            assertEquals(TandemCommand.EXIT_NO_PERMISSION, tandem(bob, "user", "list").code());
        }
    }
}
