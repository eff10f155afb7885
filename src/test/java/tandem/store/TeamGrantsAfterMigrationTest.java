package tandem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.access.Role;
import tandem.lab.PostgresLab;

/**
 * A member added before a later migration can use the table that migration creates: the schema's owner, who runs
 * the migrations, gives every member what they lack when it opens the store. On a real PostgreSQL.
 */
@Tag("team")
class TeamGrantsAfterMigrationTest {
    private static final List<String> WITH_LATER = List.of("classpath:db/postgresql", "classpath:db/postgresql-later");

    @TempDir Path tmp;

    private static TeamStoreLocation at(PostgresLab pg, String login) {
        return TeamStoreLocation.parse("postgresql://" + login + "@127.0.0.1:" + pg.port() + "/team");
    }

    @Test
    void aMemberAddedBeforeALaterMigrationCanUseTheTableItCreates() throws Exception {
        try (PostgresLab pg = PostgresLab.start()) {
            String alicePw = PostgresLab.randomSecret();
            String bobPw = PostgresLab.randomSecret();
            String carolPw = PostgresLab.randomSecret();
            pg.createRole("alice", alicePw);
            pg.createRole("bob", bobPw);
            pg.createRole("carol", carolPw);
            pg.createDatabase("team", "alice");
            Instant now = Instant.now();
            try (Database db = TeamDatabase.open(tmp.resolve("alice"), at(pg, "alice"), alicePw)) {
                JdbcTeamStore team = new JdbcTeamStore(db);
                assertTrue(team.initialise(now));
                assertTrue(team.addMember("bob", now));
                assertTrue(team.addMember("carol", now));
                assertTrue(team.setRole("carol", Role.DHCP_ADMINISTRATORS, true));
                assertEquals(List.of(), team.grantMissingPrivileges(), "members have every table there is");
            }

            // the gap: a table created after bob was added is not his
            sql(pg, "alice", alicePw, "CREATE TABLE tandem.made_later (id INT)");
            SQLException denied = assertThrows(SQLException.class,
                    () -> sql(pg, "bob", bobPw, "SELECT COUNT(*) FROM tandem.made_later"));
            assertEquals("42501", denied.getSQLState(), denied.getMessage());
            try (Database bobs = TeamDatabase.open(tmp.resolve("bob"), at(pg, "bob"), bobPw)) {
                assertEquals(List.of(), new JdbcTeamStore(bobs).grantMissingPrivileges(),
                        "only the schema's owner gives privileges");
            }
            assertThrows(SQLException.class, () -> sql(pg, "bob", bobPw, "SELECT COUNT(*) FROM tandem.made_later"));

            // the owner opens a newer Tandem: its migration runs, and every member is given what they lack
            try (Database db = TeamDatabase.open(tmp.resolve("alice"), at(pg, "alice"), alicePw, WITH_LATER)) {
                assertEquals(List.of(), new JdbcTeamStore(db).grantMissingPrivileges(), "done while opening");
            }
            try (Database bobs = TeamDatabase.open(tmp.resolve("bob"), at(pg, "bob"), bobPw, WITH_LATER)) {
                long rows = bobs.transaction(c -> {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("INSERT INTO later_feature (note) VALUES ('written by bob')");
                        s.executeUpdate("UPDATE later_feature SET note = 'changed by bob'");
                        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM later_feature WHERE note = 'changed by bob'")) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    }
                });
                assertEquals(1, rows);
            }
            sql(pg, "bob", bobPw, "INSERT INTO tandem.made_later VALUES (1)");
            // an administrator may pass the new table on to the members it adds; a plain member may not
            assertTrue(privilege(pg, alicePw, "carol", "tandem.later_feature", "INSERT WITH GRANT OPTION"));
            assertTrue(privilege(pg, alicePw, "bob", "tandem.later_feature", "DELETE"));
            assertFalse(privilege(pg, alicePw, "bob", "tandem.later_feature", "SELECT WITH GRANT OPTION"));
        }
    }

    private static void sql(PostgresLab pg, String login, String password, String sql) throws SQLException {
        try (Connection c = pg.connect("team", login, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static boolean privilege(PostgresLab pg, String ownerPw, String login, String table, String privilege)
            throws SQLException {
        try (Connection c = pg.connect("team", "alice", ownerPw);
             var ps = c.prepareStatement("SELECT has_table_privilege(?, ?, ?)")) {
            ps.setString(1, login);
            ps.setString(2, table);
            ps.setString(3, privilege);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
