package tandem.cli.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import tandem.windows.sim.WindowsLab;

/**
 * On a team store, a member holding only the scope bits of one scope replicates that scope to the partner (the
 * simulator through real SSH), and is refused every failover change with exit 77, nothing sent.
 */
@Tag("team")
class WindowsTeamPermissionTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {
        @Override public String toString() { return "exit " + code + "\n" + out + err; }
    }

    private Run tandem(PostgresLab pg, String login, String password, String... args) throws Exception {
        Path pw = dir.resolve(login + ".pw");
        Files.writeString(pw, password + "\n");
        List<String> all = new ArrayList<>(List.of("--data", dir.resolve(login).toString(), "--store",
                "postgresql://" + login + "@127.0.0.1:" + pg.port() + "/team", "--store-password-file", pw.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TandemCommand.run(all.toArray(String[]::new), d -> fail("no console for a command"), Services::open,
                tandem.app.Launcher.backendCommands(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static void ok(WindowsLab lab, String server, String line) {
        var r = lab.ps(server, line);
        assertEquals(0, r.exitCode(), line + ": " + r.stderr());
    }

    @Test
    void aMemberWithTheScopeBitsReplicatesItsScopeAndIsRefusedFailoverChanges() throws Exception {
        try (PostgresLab pg = PostgresLab.start(); WindowsLab lab = WindowsLab.start(dir.resolve("lab"), "dhcp1", "dhcp2")) {
            ok(lab, "dhcp1", "Add-DhcpServerv4Scope -Name s1 -StartRange 10.1.0.10 -EndRange 10.1.0.200 -SubnetMask 255.255.255.0");
            ok(lab, "dhcp1", "Add-DhcpServerv4Scope -Name s2 -StartRange 10.2.0.10 -EndRange 10.2.0.200 -SubnetMask 255.255.255.0");
            ok(lab, "dhcp1", "Add-DhcpServerv4Failover -Name fo1 -PartnerServer dhcp2 -ScopeId 10.1.0.0");
            String alicePw = PostgresLab.randomSecret();
            String bobPw = PostgresLab.randomSecret();
            pg.createRole("alice", alicePw);
            pg.createRole("bob", bobPw);
            pg.createDatabase("team", "alice");
            assertEquals(0, tandem(pg, "alice", alicePw, "team", "init").code());
            assertEquals(0, tandem(pg, "alice", alicePw, "user", "add", "bob").code());
            // bob adds the servers while an administrator
            assertEquals(0, tandem(pg, "alice", alicePw, "role", "grant", "bob", "dhcp-administrators").code());
            // bob's desktop connects once, publishing its key; alice's Tandem then shares the team key with it
            assertEquals(0, tandem(pg, "bob", bobPw, "team", "status").code());
            assertEquals(0, tandem(pg, "alice", alicePw, "team", "status").code());
            for (String name : List.of("dhcp1", "dhcp2")) {
                WindowsLab.Server s = lab.server(name);
                Run added = tandem(pg, "bob", bobPw, "server", "add", "windows", "--ssh", s.login(), "--password-file",
                        s.passwordFile().toString(), "--accept-host-key", s.hostKeyFingerprint(), "--name", name);
                assertEquals(0, added.code(), added.toString());
            }
            assertEquals(0, tandem(pg, "alice", alicePw, "role", "revoke", "bob", "dhcp-administrators").code());
            // the scope bits on 10.1.0.0/24 of either partner (the relationship is filed under one of them)
            for (String server : List.of("dhcp1", "dhcp2")) {
                for (String bit : List.of("edit-pools", "scope-options", "edit-reservations", "edit-exclusions")) {
                    assertEquals(0, tandem(pg, "alice", alicePw, "permission", "grant", "bob", bit, "--server", server,
                            "--scope", "10.1.0.0/24").code());
                }
            }

            // the scope change: dhcp1's new reservation replicated to dhcp2
            ok(lab, "dhcp1", "Add-DhcpServerv4Reservation -ScopeId 10.1.0.0 -IPAddress 10.1.0.60 -ClientId 00-11-22-33-44-60");
            Run replicate = tandem(pg, "bob", bobPw, "windows", "replicate", "--scope", "10.1.0.0", "--yes");
            assertEquals(0, replicate.code(), replicate.toString());
            assertEquals(0, lab.ps("dhcp2", "Get-DhcpServerv4Reservation -IPAddress 10.1.0.60").exitCode(),
                    "the reservation reached dhcp2");

            // failover changes: refused, nothing sent
            Run join = tandem(pg, "bob", bobPw, "windows", "scope", "add", "--relationship", "fo1", "10.2.0.0", "--yes");
            assertEquals(TandemCommand.EXIT_NO_PERMISSION, join.code(), join.toString());
            assertTrue(join.err().contains("bob lacks the dhcp-administrator permission"), join.err());
            assertNotEquals(0, lab.ps("dhcp2", "Get-DhcpServerv4Scope -ScopeId 10.2.0.0").exitCode(),
                    "the scope did not reach dhcp2");
            assertEquals("fo1 10.1.0.0 50", failover(lab, "dhcp1"));
            assertEquals("fo1 10.1.0.0 50", failover(lab, "dhcp2"));

            Run settings = tandem(pg, "bob", bobPw, "windows", "relationship", "set", "fo1", "--load-balance-percent",
                    "80", "--yes");
            assertEquals(TandemCommand.EXIT_NO_PERMISSION, settings.code(), settings.toString());
            assertEquals("fo1 10.1.0.0 50", failover(lab, "dhcp1"), "the load balance stayed as it was");

            // replicating another scope: not his
            Run other = tandem(pg, "bob", bobPw, "windows", "replicate", "--server", "dhcp1", "--yes");
            assertEquals(TandemCommand.EXIT_NO_PERMISSION, other.code(), other.toString());
            assertTrue(other.err().contains("administer-dhcp-servers"), other.err());

            JsonNode audit = new ObjectMapper().readTree(tandem(pg, "alice", alicePw, "audit", "--json").out());
            assertEquals(1, audit.size(), "only the replication was audited: " + audit);
            assertEquals("bob", audit.get(0).path("user").asText());
        }
    }

    /** "fo1 10.1.0.0 50": each relationship's name, scopes and load balance percent, as the server has them. */
    private static String failover(WindowsLab lab, String server) {
        var r = lab.ps(server, "function Ips($a) { @($a | ForEach-Object { \"$_\" }) -join ',' }; "
                + "Get-DhcpServerv4Failover | ForEach-Object { @($_.Name, (Ips $_.ScopeId), $_.LoadBalancePercent) -join ' ' }");
        assertEquals("", r.stderr(), r.stderr());
        return r.stdout().strip();
    }
}
