package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.cli.TandemCommand;
import tandem.core.access.PermissionDenied;
import tandem.lab.PostgresLab;
import tandem.services.Services;
import tandem.store.TeamStoreLocation;

/**
 * On a team store, a member with only edit-pools on one subnet of an ISC server (over real SSH, checked by the real
 * dhcpd -t) changes that subnet's pool ranges, and is refused a pool's failover peer and another subnet's pool.
 */
@Tag("team")
class IscTeamPermissionLabTest {
    @TempDir static Path sshdDir;
    static RealSshd sshd;
    @TempDir Path tmp;

    @BeforeAll
    static void startSshd() throws Exception {
        RealDhcpd.dhcpd();
        sshd = RealSshd.start(sshdDir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
    }

    record Run(int code, String out, String err) { }

    private Run tandem(String login, PostgresLab pg, String password, String... args) throws Exception {
        Path pw = tmp.resolve(login + ".pw");
        Files.writeString(pw, password + "\n");
        List<String> all = new ArrayList<>(List.of("--data", tmp.resolve(login).toString(), "--store",
                location(pg, login).toString(), "--store-password-file", pw.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TandemCommand.run(all.toArray(String[]::new), d -> fail("no console for a command"), Services::open,
                tandem.app.Launcher.backendCommands(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static TeamStoreLocation location(PostgresLab pg, String login) {
        return TeamStoreLocation.parse("postgresql://" + login + "@127.0.0.1:" + pg.port() + "/team");
    }

    private void trustSshd(String login) throws Exception {
        Files.createDirectories(tmp.resolve(login));
        try (SshConnection c = SshConnection.open(sshd.settings(), tmp.resolve(login).resolve("known_hosts"),
                (h, t, f) -> true, Duration.ofSeconds(20))) {
            assertEquals(0, c.exec("true").exitCode());
        }
    }

    @Test
    void aMemberWithOnlyEditPoolsOnASubnetEditsItsPoolsAndIsRefusedAFailoverChange() throws Exception {
        try (PostgresLab pg = PostgresLab.start()) {
            String alicePw = PostgresLab.randomSecret();
            String bobPw = PostgresLab.randomSecret();
            pg.createRole("alice", alicePw);
            pg.createRole("bob", bobPw);
            pg.createDatabase("team", "alice");
            Path conf = tmp.resolve("etc/dhcpd.conf");
            Files.createDirectories(conf.getParent());
            Files.copy(Corpus.file("two-peers.conf"), conf);
            String original = Files.readString(conf);
            Path restarts = tmp.resolve("restarts");
            trustSshd("alice");
            trustSshd("bob");

            assertEquals(0, tandem("alice", pg, alicePw, "team", "init").code());
            Run added = tandem("alice", pg, alicePw, "server", "add", "isc", "--ssh", sshd.target().toString(), "--key",
                    sshd.clientKey.toString(), "--config", conf.toString(), "--restart",
                    "echo restarted >> " + Shell.quote(restarts.toString()), "--name", "dhcp1");
            assertEquals(0, added.code(), added.err());
            assertEquals(0, tandem("alice", pg, alicePw, "user", "add", "bob").code());
            // bob's desktop connects once, publishing its key; alice's Tandem then shares the team key with it
            assertEquals(0, tandem("bob", pg, bobPw, "team", "status").code());
            assertEquals(0, tandem("alice", pg, alicePw, "team", "status").code());
            assertEquals(0, tandem("alice", pg, alicePw, "permission", "grant", "bob", "edit-pools", "--server", "dhcp1",
                    "--scope", "10.20.0.0/24").code());

            // a pool's failover peer is a failover change: refused before anything is sent
            Run setPeer = tandem("bob", pg, bobPw, "isc", "pool", "set-peer", "--server", "dhcp1", "2", "south", "--apply");
            assertEquals(TandemCommand.EXIT_NO_PERMISSION, setPeer.code(), setPeer.out() + setPeer.err());
            assertTrue(setPeer.err().contains("bob lacks the dhcp-administrator permission"), setPeer.err());
            assertEquals(original, Files.readString(conf));
            assertFalse(Files.exists(restarts), "dhcpd was not restarted");

            try (Services bob = Services.openTeam(tmp.resolve("bob"), location(pg, "bob"), bobPw, "the console")) {
                IscConfigTarget dhcp1 = bob.iscConfig("dhcp1").orElseThrow();
                DhcpdConfig before = dhcp1.load();
                // the console's pool dialog: the ranges of pool 2, in 10.20.0.0/24
                FailoverEdits.Edit narrower = FailoverEdits.setPoolRanges(before, 2,
                        List.of(AddressRange.of("10.20.0.200", "10.20.0.239")));
                assertInstanceOf(SafeWrite.Applied.class, dhcp1.apply(before, narrower.change()));
                assertTrue(Files.readString(conf).contains("range 10.20.0.200 10.20.0.239;"), Files.readString(conf));
                assertEquals("restarted\n", Files.readString(restarts));

                // pool 4 is in 10.40.0.0/24, where bob has no bit
                DhcpdConfig now = dhcp1.load();
                String written = Files.readString(conf);
                FailoverEdits.Edit elsewhere = FailoverEdits.setPoolRanges(now, 4,
                        List.of(AddressRange.of("10.40.0.100", "10.40.0.150")));
                PermissionDenied denied = assertThrows(PermissionDenied.class, () -> dhcp1.apply(now, elsewhere.change()));
                assertTrue(denied.getMessage().contains("bob lacks the edit-pools permission on 10.40.0.0/24 of dhcp1"),
                        denied.getMessage());
                assertEquals(written, Files.readString(conf));
                assertEquals("restarted\n", Files.readString(restarts));
            }
            Run audit = tandem("alice", pg, alicePw, "audit", "--json");
            assertEquals(0, audit.code(), audit.err());
            var records = new com.fasterxml.jackson.databind.ObjectMapper().readTree(audit.out());
            assertEquals(1, records.size(), "only the allowed write is audited: " + records);
            assertEquals("bob", records.get(0).path("user").asText());
        }
    }
}
