package tandem.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 server of a data folder refuses the empty password; Tandem's own processes use the folder's password. */
class DatabasePasswordTest {
    @TempDir Path tmp;
    private final List<Process> started = new ArrayList<>();

    @AfterEach void stopLeftovers() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void assertRefusedWithEmptyPassword(Path dir) {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(Database.url(dir), Database.USER, "").close());
        assertEquals(DatabasePassword.WRONG_PASSWORD, e.getErrorCode(), e.toString());
    }

    @Test void aNewFolderRefusesTheEmptyPasswordAlsoThroughTheServerAndAnotherTandemProcessConnects() throws Exception {
        Path dir = tmp.resolve("data");
        try (Database db = Database.open(dir)) {
            new JdbcPreferenceStore(db).load();
            Path file = dir.resolve(Database.PASSWORD_FILE);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(Files.readString(file).strip().length() >= 40);
            assertRefusedWithEmptyPassword(dir);

            // another local process reaches this one's server on 127.0.0.1, as the lock file tells it
            Process stranger = start("empty-password", dir.toString());
            assertExitsCleanly(stranger);
            assertTrue(Files.readString(log(stranger)).contains("refused"), Files.readString(log(stranger)));
            Path go = tmp.resolve("go");
            Files.createFile(go);
            Process tandem = start("open", dir.toString(), go.toString());
            assertExitsCleanly(tandem);
        }
    }

    @Test void aDatabaseMadeWithAnEmptyPasswordGetsOneAtTheFirstOpenAndKeepsItsData() throws Exception {
        Path dir = tmp.resolve("old");
        // as an earlier version left it: the schema, some data, the user tandem with an empty password
        try (Database db = Database.open(dir)) {
            db.transaction(c -> {
                try (var st = c.createStatement()) {
                    st.execute("CREATE TABLE kept (v VARCHAR(20))");
                    st.execute("INSERT INTO kept VALUES ('still here')");
                    st.execute("ALTER USER tandem SET PASSWORD ''");
                }
                return null;
            });
        }
        Files.delete(dir.resolve(Database.PASSWORD_FILE));
        DriverManager.getConnection(Database.url(dir), Database.USER, "").close();

        try (Database db = Database.open(dir)) {
            String v = db.transaction(c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT v FROM kept")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertEquals("still here", v);
            assertTrue(Files.exists(dir.resolve(Database.PASSWORD_FILE)));
            assertRefusedWithEmptyPassword(dir);
        }
        try (Database again = Database.open(dir)) {
            assertRefusedWithEmptyPassword(dir);
        }
    }

    @Test void aDatabaseWithAnotherPasswordIsRefusedWithTheReason() throws Exception {
        Path dir = tmp.resolve("other");
        Files.createDirectories(dir);
        DriverManager.getConnection(Database.url(dir), Database.USER, "someone-elses-password").close();
        StoreException e = assertThrows(StoreException.class, () -> Database.open(dir).close());
        assertTrue(e.getMessage().contains("refuses the password in db.password"), e.getMessage());
    }

    private Process start(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), StoreClientProcess.class.getName()));
        command.addAll(List.of(args));
        Path log = tmp.resolve("child-" + started.size() + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        return p;
    }

    private Path log(Process p) { return tmp.resolve("child-" + started.indexOf(p) + ".log"); }

    private void assertExitsCleanly(Process child) throws Exception {
        if (!child.waitFor(90, TimeUnit.SECONDS)) fail("child still running:\n" + Files.readString(log(child)));
        assertEquals(0, child.exitValue(), () -> {
            try {
                return "child failed:\n" + Files.readString(log(child));
            } catch (java.io.IOException e) {
                return "child failed";
            }
        });
    }
}
