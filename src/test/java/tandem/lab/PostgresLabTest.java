package tandem.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The PostgreSQL harness against Debian's real server: logins by password over TCP, scripts, stop by PID. */
class PostgresLabTest {
    @Test
    void startsAServerThatTakesPasswordLoginsAndStopsByPid() throws Exception {
        long pid;
        Path dir;
        try (PostgresLab pg = PostgresLab.start()) {
            pid = pg.pid();
            dir = pg.dir();
            assertTrue(pid > 0 && ProcessHandle.of(pid).isPresent(), "postgres runs with a PID of its own");
            String password = PostgresLab.randomSecret();
            pg.createRole("lab_user", password);
            pg.createDatabase("lab_db", "lab_user");
            Path script = Files.createTempFile("lab", ".sql");
            Files.writeString(script, "CREATE TABLE t (n INT); INSERT INTO t VALUES (41), (1);");
            pg.runScript("lab_db", "lab_user", password, script);
            Files.delete(script);
            try (Connection c = pg.connect("lab_db", "lab_user", password);
                 ResultSet r = c.createStatement().executeQuery("SELECT sum(n), current_user FROM t")) {
                assertTrue(r.next());
                assertEquals(42, r.getInt(1));
                assertEquals("lab_user", r.getString(2));
            }
            SQLException wrong = assertThrows(SQLException.class, () -> pg.connect("lab_db", "lab_user", "wrong"));
            assertTrue(wrong.getMessage().contains("password authentication failed"), wrong.getMessage());
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "postgres stopped");
        assertFalse(Files.exists(dir), "its folder is gone");
    }
}
