package tandem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tandem.lab.PostgresLab;

/** The store tests again, on a team's PostgreSQL store (Debian's real server), each test on a new database. */
@Tag("team")
class TeamStoresTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresLab pg;
    private static String password;

    @BeforeAll static void start() {
        pg = PostgresLab.start();
        password = PostgresLab.randomSecret();
        pg.createRole("tandem_owner", password);
    }

    @AfterAll static void stop() {
        if (pg != null) pg.close();
    }

    static Database fresh(java.nio.file.Path dir) {
        String name = "store" + DATABASES.incrementAndGet();
        pg.createDatabase(name, "tandem_owner");
        return TeamDatabase.open(dir, TeamStoreLocation.parse("postgresql://tandem_owner@127.0.0.1:" + pg.port() + "/"
                + name), password);
    }

    @Nested class Inventory extends JdbcInventoryStoreTest {
        @Override Database openDatabase() { return fresh(dir); }

        /** There is no file to scan: every column of the server row as PostgreSQL hands it out instead. */
        @Override @Test void passwordNeverReachesTheDatabaseFile() throws Exception {
            store.saveServer(Samples.server("kea-a", PASSWORD_FOR_TEAM_TEST), List.of(Samples.hotStandby("hs", "kea-a")));
            StringBuilder everything = new StringBuilder();
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT * FROM server")) {
                while (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) everything.append(rs.getString(i)).append('|');
                }
            }
            assertTrue(everything.toString().contains("admin-kea-a"), "the user name is visible: " + everything);
            assertFalse(everything.toString().contains(PASSWORD_FOR_TEAM_TEST));
            assertEquals(SqlDialect.POSTGRESQL, db.dialect());
        }
    }

    @Nested class States extends JdbcStateStoreTest {
        @Override Database openDatabase() { return fresh(dir); }
    }

    @Nested class Preferences extends JdbcPreferenceStoreTest {
        @Override Database openDatabase() { return fresh(dir); }
    }

    private static final String PASSWORD_FOR_TEAM_TEST = "Zq7-team-store-password-4711";
}
