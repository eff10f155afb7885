package tandem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir Path dir;

    @Test void openCreatesTheSchema() throws Exception {
        try (Database db = Database.open(dir)) {
            assertEquals(dir.toAbsolutePath(), db.directory());
            assertEquals(shippedMigrations(), appliedMigrations(db));
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME IN"
                         + " ('SERVER','RELATIONSHIP','PEER','RELATIONSHIP_STATE','STATUS_EVENT','CONFIG_SNAPSHOT',"
                         + "'PREFERENCE')")) {
                rs.next();
                assertEquals(7, rs.getInt(1));
            }
        }
        assertTrue(Files.exists(dir.resolve("tandem.mv.db")));
        assertFalse(Files.exists(dir.resolve("tandem.trace.db")), "no trace file");
    }

    @Test void reopeningAppliesNothingTwice() throws Exception {
        Database.open(dir).close();
        try (Database db = Database.open(dir)) {
            assertEquals(shippedMigrations(), appliedMigrations(db));
        }
    }

    @Test void theNewestMigrationIsTheOneOpenLooksFor() {
        List<String> shipped = shippedMigrations();
        assertEquals(shipped.get(shipped.size() - 1), Database.NEWEST_MIGRATION);
    }

    @Test void aStoreAMigrationBehindIsBroughtUpToDate() throws Exception {
        Database.open(dir).close();
        try (Database db = Database.open(dir)) {
            // as a store last opened by the previous version: the newest migration undone and not in the history
            db.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("ALTER TABLE relationship_state ALTER COLUMN peers SET DATA TYPE CHARACTER LARGE OBJECT");
                    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '" + Database.NEWEST_MIGRATION + "'");
                }
                return null;
            });
        }
        try (Database db = Database.open(dir)) {
            assertEquals(shippedMigrations(), appliedMigrations(db));
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME ="
                         + " 'RELATIONSHIP_STATE' AND COLUMN_NAME = 'PEERS'")) {
                rs.next();
                assertEquals("CHARACTER VARYING", rs.getString(1));
            }
        }
    }

    @Test void ownerServesOthersOnLoopbackOnly() throws Exception {
        try (Database db = Database.open(dir)) {
            Properties lock = new Properties();
            try (InputStream in = Files.newInputStream(dir.resolve("tandem.lock.db"))) {
                lock.load(in);
            }
            String server = lock.getProperty("server");
            // H2 writes 127.0.0.1 as "localhost"; any other host name would mean it listens elsewhere too
            assertTrue(server != null && server.startsWith("localhost:"), "server address " + server);
            assertEquals("127.0.0.1", org.h2.engine.SysProperties.BIND_ADDRESS);
            int port = Integer.parseInt(server.substring(server.indexOf(':') + 1));
            assertListensOnLoopbackOnly(port);
        }
    }

    @Test void urlSharesTheFileBetweenProcesses() {
        String url = Database.url(dir);
        assertTrue(url.startsWith("jdbc:h2:file:"), url);
        assertTrue(url.contains(";AUTO_SERVER=TRUE"), url);
        assertTrue(url.contains(";AUTO_RECONNECT=TRUE"), url);
        assertTrue(url.contains(";TRACE_LEVEL_FILE=0"), url);
    }

    @Test void concurrentFirstOpensInOneProcess() throws Exception {
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Database> opened = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Database>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return Database.open(dir);
                }));
            }
            start.countDown();
            for (Future<Database> f : futures) opened.add(f.get(60, TimeUnit.SECONDS));
            assertEquals(shippedMigrations(), appliedMigrations(opened.get(0)));
        } finally {
            opened.forEach(Database::close);
            pool.shutdownNow();
        }
    }

    @Test void transactionRollsBackOnFailure() throws Exception {
        try (Database db = Database.open(dir)) {
            try {
                db.transaction(c -> {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("INSERT INTO preference (name, value_text) VALUES ('x', '1')");
                        s.executeUpdate("INSERT INTO preference (name, value_text) VALUES ('x', '2')");
                    }
                    return null;
                });
            } catch (StoreException expected) {
                // duplicate key
            }
            int count = db.transaction(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT COUNT(*) FROM preference")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(0, count);
        }
    }

    /** Reads the kernel's socket table where there is one (Linux). */
    private static void assertListensOnLoopbackOnly(int port) throws Exception {
        String hexPort = String.format(":%04X ", port);
        boolean seen = false;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) continue;
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 4 || !f[3].equals("0A") || !(f[1] + " ").endsWith(hexPort)) continue;
                seen = true;
                String address = f[1].substring(0, f[1].indexOf(':'));
                // 127.0.0.1, ::1 or ::ffff:127.0.0.1
                assertTrue(address.equals("0100007F") || address.equals("00000000000000000000000001000000")
                                || address.equals("0000000000000000FFFF00000100007F"),
                        "listening on " + f[1] + " in " + table);
            }
        }
        if (Files.isReadable(Path.of("/proc/net/tcp"))) assertTrue(seen, "a listening socket on port " + port);
    }

    /** The versions of the migrations in src/main/resources/db/migration, in order: each applied exactly once. */
    static List<String> shippedMigrations() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+(_\\d+)?__.*\\.sql"))
                    // Flyway reads V7_1 as version 7.1
                    .map(n -> n.substring(1, n.indexOf("__")).replace('_', '.'))
                    .sorted(java.util.Comparator.comparing(java.math.BigDecimal::new))
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> appliedMigrations(Database db) {
        return db.transaction(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"type\" = 'SQL'"
                            + " ORDER BY \"installed_rank\"")) {
                while (rs.next()) {
                    assertTrue(rs.getBoolean(2), "migration " + rs.getString(1) + " succeeded");
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /**
     * When the process that serves the database exits, H2 closes it from that JVM's shutdown hook and a session of
     * another process gets 90121 ("Database is already closed"): the transaction is run again on a new connection.
     */
    @Test void aDatabaseClosedByItsExitingOwnerIsRetriedAndOtherFailuresAreNot() throws Exception {
        try (Database db = Database.open(dir)) {
            int[] runs = {0};
            String answer = db.transaction(c -> {
                if (runs[0]++ == 0) throw new java.sql.SQLException("Database is already closed", "90121", 90121);
                return "done";
            });
            assertEquals("done", answer);
            assertEquals(2, runs[0], "run again after the owner's exit");

            int[] failing = {0};
            StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
                    () -> db.transaction(c -> {
                        failing[0]++;
                        throw new java.sql.SQLException("Syntax error", "42000", 42000);
                    }));
            assertEquals(1, failing[0], "a syntax error is not run again: " + e.getMessage());
        }
    }
}
