package tandem.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ServerRecord;
import tandem.core.access.Role;
import tandem.lab.PostgresLab;
import tandem.store.JdbcInventoryStore;
import tandem.store.TeamIdentity;
import tandem.store.TeamStoreLocation;
import tandem.store.UnreadableSecretException;

/**
 * Server passwords in a team store: sealed with the team's key, which reaches each member's desktop sealed with that
 * desktop's public key, on a real PostgreSQL.
 */
@Tag("team")
class TeamKeysLabTest {
    private static final String ALICE_SECRET = "alice-Kea-Pa55";
    private static final String BOB_SECRET = "bob-Kea-Pa55";

    @TempDir Path tmp;

    @Test
    void everyMembersDesktopOpensThePasswordsAnotherMemberStored() throws Exception {
        try (PostgresLab pg = PostgresLab.start()) {
            String alicePw = PostgresLab.randomSecret(), bobPw = PostgresLab.randomSecret(),
                    carolPw = PostgresLab.randomSecret();
            pg.createRole("alice", alicePw);
            pg.createRole("bob", bobPw);
            pg.createRole("carol", carolPw);
            pg.createDatabase("team", "alice");

            try (Services alice = open(pg, "alice", alicePw)) {
                assertTrue(alice.teamStore().initialise(Instant.now()));
                alice.settleTeamKeys();
                assertTrue(alice.teamKeyWaiting().isEmpty(), "the first administrator makes the team key");
                save(alice, "kea-a", ALICE_SECRET);
                assertTrue(alice.teamStore().addMember("bob", Instant.now()));
                assertTrue(alice.teamStore().setRole("bob", Role.IPAM_ADMINISTRATORS, true));
            }
            String stored = column(pg, alicePw, "SELECT password_enc FROM tandem.server WHERE name = 'kea-a'");
            assertTrue(stored.startsWith("v2:") && !stored.contains(ALICE_SECRET), "sealed in the store");

            try (Services bob = open(pg, "bob", bobPw)) {
                assertTrue(bob.teamKeyWaiting().orElseThrow().contains("not shared with bob"),
                        bob.teamKeyWaiting().toString());
                assertNull(bob.inventory().server("kea-a").orElseThrow().connection().password(),
                        "bob's desktop cannot open it yet");
                assertFalse(bob.pollerLease().poll(), "a desktop without the key does not poll for the team");
                UnreadableSecretException refused = assertThrows(UnreadableSecretException.class,
                        () -> save(bob, "kea-b", BOB_SECRET));
                assertFalse(refused.getMessage().contains(BOB_SECRET), refused.getMessage());
                assertTrue(bob.teamStatus().orElseThrow().contains("Waiting for the team's server passwords"));

                assertEquals(List.of("bob"), bob.waitingForTeamKey());
                try (Services alice = open(pg, "alice", alicePw)) {
                    // an administrator's Tandem shares it at its start and after every poll cycle
                    assertEquals(List.of(), alice.waitingForTeamKey());
                }
                assertTrue(bob.teamKeyWaiting().isEmpty(), "shared while bob's Tandem runs");
                assertEquals(ALICE_SECRET, bob.inventory().server("kea-a").orElseThrow().connection().password());
                save(bob, "kea-b", BOB_SECRET);
                assertTrue(bob.pollerLease().poll(), "with the key it may poll");
                bob.pollerLease().close();

                // a member who is not a DHCP administrator holds the key but does not hand it on
                try (Services alice = open(pg, "alice", alicePw)) {
                    assertTrue(alice.teamStore().addMember("carol", Instant.now()));
                }
                try (Services carol = open(pg, "carol", carolPw)) {
                    assertTrue(carol.teamKeyWaiting().isPresent());
                    bob.settleTeamKeys();
                    assertTrue(carol.teamKeyWaiting().isPresent(), "an IPAM administrator does not share the key");
                }
            }
            try (Services alice = open(pg, "alice", alicePw)) {
                assertEquals(BOB_SECRET, alice.inventory().server("kea-b").orElseThrow().connection().password());
                assertEquals(List.of(), alice.waitingForTeamKey(), "shared with carol at alice's start");
                assertTrue(alice.teamStore().removeMember("carol"));
            }
            assertEquals("0", column(pg, alicePw, "SELECT count(*) FROM tandem.team_key_share WHERE login = 'carol'"),
                    "a removed member's sealed copies go with it");

            // the desktop's private key is in its folder, sealed, and private to its user
            Path identity = tmp.resolve("bob").resolve(TeamIdentity.FILE_NAME);
            String text = Files.readString(identity, StandardCharsets.US_ASCII);
            assertTrue(text.lines().skip(1).findFirst().orElseThrow().startsWith("v2:"), "the private key is sealed");
            assertFalse(text.contains("PRIVATE"));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(identity)));
            String shares = column(pg, alicePw, "SELECT string_agg(coalesce(wrapped_key, ''), ',') FROM"
                    + " tandem.team_key_share");
            assertFalse(shares.contains(ALICE_SECRET) || shares.contains(BOB_SECRET));
        }
    }

    @Test
    void aDesktopWaitingForTheKeyIsRefusedAChangeBeforeAnythingIsSent() throws Exception {
        try (PostgresLab pg = PostgresLab.start()) {
            String alicePw = PostgresLab.randomSecret(), bobPw = PostgresLab.randomSecret();
            pg.createRole("alice", alicePw);
            pg.createRole("bob", bobPw);
            pg.createDatabase("team", "alice");
            try (Services alice = open(pg, "alice", alicePw)) {
                alice.teamStore().initialise(Instant.now());
                alice.settleTeamKeys();
                alice.teamStore().addMember("bob", Instant.now());
                alice.teamStore().setRole("bob", Role.DHCP_ADMINISTRATORS, true);
            }
            try (Services bob = open(pg, "bob", bobPw)) {
                // an administrator too, but this desktop has no key yet: it cannot make one of its own either
                assertTrue(bob.teamKeyWaiting().isPresent());
                UnreadableSecretException e = assertThrows(UnreadableSecretException.class,
                        () -> bob.runner().access().check(List.of(tandem.core.access.Need.administrator("pair"))));
                assertTrue(e.getMessage().contains("DHCP administrator"), e.getMessage());
            }
        }
    }

    private Services open(PostgresLab pg, String login, String password) {
        TeamStoreLocation where = TeamStoreLocation.parse("postgresql://" + login + "@127.0.0.1:" + pg.port() + "/team");
        return Services.openTeam(tmp.resolve(login), where, password, "test");
    }

    private static void save(Services s, String name, String password) {
        new JdbcInventoryStore(s.database(), s.secretCipher()).saveServer(new ServerRecord(name, Backend.KEA,
                new ConnectionSettings(URI.create("http://127.0.0.9:8000/"), null, "admin", password, null, false),
                Instant.now()), List.of());
    }

    private static String column(PostgresLab pg, String alicePw, String sql) throws Exception {
        try (Connection c = pg.connect("team", "alice", alicePw); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return String.valueOf(rs.getString(1));
        }
    }
}
