package tandem.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.flywaydb.core.Flyway;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's database: the embedded H2 database in the data folder ({@code <dir>/tandem.mv.db}), or a team's
 * PostgreSQL database ({@link TeamDatabase}).
 *
 * <p>The console and any number of command-line processes share one folder: H2's automatic mixed mode lets the
 * first process own the file and serve the others over a loopback socket, and when it exits the others reconnect
 * and one of them takes over. Migrations run at open under Flyway and a folder-wide file lock.
 *
 * <p>That server listens on 127.0.0.1 and tells its address in the lock file, so any local user could connect: the
 * database user {@code tandem} has a random password, kept owner-only in {@code db.password} in the data folder.
 * A database an earlier version made with an empty password gets it at the first open.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    static {
        // The server automatic mixed mode starts accepts other hosts unless bound; read once when H2 loads.
        if (System.getProperty("h2.bindAddress") == null) System.setProperty("h2.bindAddress", "127.0.0.1");
    }

    public static final String FILE_STEM = "tandem";
    static final String MIGRATION_LOCK = "tandem.migration.lock";
    static final String USER = "tandem";
    public static final String PASSWORD_FILE = "db.password";

    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_ATTEMPTS = 8;
    private static final long MAX_BACKOFF_MS = 2_000;
    private static final int MAX_CONNECTIONS = 8;
    /** Threads of one JVM serialise here: a file lock only excludes other processes. */
    private static final Object MIGRATION_MONITOR = new Object();

    private final Path directory;
    private final DataSource pool;
    private final Runnable closePool;
    private final SqlDialect dialect;

    Database(Path directory, DataSource pool, Runnable closePool, SqlDialect dialect) {
        this.directory = directory;
        this.pool = pool;
        this.closePool = closePool;
        this.dialect = dialect;
    }

    /** Opens (creating when new) the database in the data folder and brings its schema up to date. */
    public static Database open(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            OwnerOnlyFiles.createDirectory(dir);
            // an existing folder (a fresh mkdir, say) is made private too: it holds the key to every secret
            OwnerOnlyFiles.secure(dir);
        } catch (IOException e) {
            throw new StoreException(e.getMessage().startsWith("The data folder") ? e.getMessage()
                    : "Cannot create the data folder " + dir, e);
        }
        String url = url(dir);
        String password;
        try {
            password = DatabasePassword.readOrCreate(dir.resolve(PASSWORD_FILE));
        } catch (IOException e) {
            throw new StoreException("Cannot read or create " + dir.resolve(PASSWORD_FILE) + ": " + e.getMessage(), e);
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, USER, password);
        pool.setMaxConnections(MAX_CONNECTIONS);
        pool.setLoginTimeout((int) OPEN_TIMEOUT.toSeconds());
        Database db = new Database(dir, pool, pool::dispose, SqlDialect.H2);
        try {
            try {
                db.transaction(c -> null); // opens the file (a new one gets the password), or finds its owner
            } catch (StoreException e) {
                if (!DatabasePassword.isWrongPassword(e)) throw e;
                DatabasePassword.setOnUnprotected(url, USER, password, dir);
                db.transaction(c -> null);
            }
            db.migrateUnderFileLock();
            // H2 creates its files with the process's umask: private before anyone else could open the folder
            OwnerOnlyFiles.secure(dir);
        } catch (IOException e) {
            pool.dispose();
            throw new StoreException(e.getMessage(), e);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
        return db;
    }

    static String url(Path dir) {
        String file = dir.resolve(FILE_STEM).toString();
        if (file.contains(";")) throw new StoreException("The data folder path must not contain ';': " + dir, null);
        // AUTO_RECONNECT keeps the others working when the owning process exits. WRITE_DELAY=0 writes every
        // commit through at once: the owner may be killed, and it holds the other processes' commits too. The
        // trace file stays off because failures reach the caller as exceptions anyway.
        return "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0"
                + ";TRACE_LEVEL_FILE=0;TRACE_LEVEL_SYSTEM_OUT=0;LOCK_TIMEOUT=10000";
    }

    /** The local data folder: it keeps the key to the secrets, also when the store is a team's database. */
    public Path directory() { return directory; }

    public SqlDialect dialect() { return dialect; }

    /** A pooled connection; closing it returns it to the pool. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs the work in one transaction, committed when it returns and rolled back when it throws. Work that fails
     * because another process was taking over the database, or on a lock, is run again a few times: it must
     * therefore only touch the database. (A commit whose acknowledgement was lost with its connection may in
     * rare cases be applied twice.)
     */
    public <T> T transaction(SqlWork<T> work) {
        SQLException last = null;
        long backoff = 50;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try (Connection c = connection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c);
                    throw e;
                } finally {
                    restoreAutoCommit(c);
                }
            } catch (SQLException e) {
                if (!isTransient(dialect, e) || attempt == MAX_ATTEMPTS) throw new StoreException(describe(e), e);
                last = e;
                log.debug("Retrying a store transaction after a transient failure (attempt {}): {}", attempt,
                        e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
        throw new StoreException(describe(last), last);
    }

    /**
     * The newest migration in {@code db/migration}. A store whose history already ends there (and records no failed
     * migration) opens without Flyway: its scan and validation of every migration took a second at each start.
     */
    static final String NEWEST_MIGRATION = "12";

    private boolean schemaCurrent() {
        try {
            return transaction(c -> {
                boolean newest = false;
                try (var st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\"")) {
                    while (rs.next()) {
                        if (!rs.getBoolean(2)) return false;
                        newest |= NEWEST_MIGRATION.equals(rs.getString(1));
                    }
                }
                return newest;
            });
        } catch (StoreException e) {
            return false; // a new store: no history yet
        }
    }

    private void migrateUnderFileLock() {
        if (schemaCurrent()) return;
        Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                .dataSource(pool)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
        synchronized (MIGRATION_MONITOR) {
            // Flyway locks rows of its history table, so two first opens of a folder both race to create that
            // table and rely on Flyway's retries; the file lock simply makes them take turns.
            try (FileChannel channel = FileChannel.open(directory.resolve(MIGRATION_LOCK),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lock(channel)) {
                migrateWithRetries(flyway, SqlDialect.H2);
            } catch (IOException e) {
                throw new StoreException("Cannot lock " + directory.resolve(MIGRATION_LOCK), e);
            }
        }
    }

    static void migrateWithRetries(Flyway flyway, SqlDialect dialect) {
        long backoff = 50;
        for (int attempt = 1; ; attempt++) {
            try {
                flyway.migrate();
                return;
            } catch (RuntimeException e) {
                SQLException sql = sqlCause(e);
                if (sql == null || !isTransient(dialect, sql) || attempt == MAX_ATTEMPTS) {
                    throw new StoreException("Cannot bring the database schema up to date: " + e.getMessage(), e);
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    /** Null when the file system has no locks (some network shares): Flyway's own lock then has to do. */
    private static FileLock lock(FileChannel channel) {
        long deadline = System.nanoTime() + OPEN_TIMEOUT.toNanos();
        while (true) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (IOException e) {
                log.debug("No file lock for migrations here ({}); relying on Flyway's lock", e.toString());
                return null;
            }
            if (lock != null) return lock;
            if (System.nanoTime() > deadline) {
                throw new StoreException("Another process has been updating the database schema for more than "
                        + OPEN_TIMEOUT.toSeconds() + " s", null);
            }
            sleep(25);
        }
    }

    @Override public void close() {
        closePool.run();
    }

    static boolean isTransient(SqlDialect dialect, SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && dialect.isTransient(s)) return true;
        }
        return false;
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof SQLException s) return s;
        return null;
    }

    private static String describe(SQLException e) {
        return e == null ? "Database failure" : "Database failure: " + e.getMessage();
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure matters more
        }
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // a broken connection reconnects on next use
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for the database", e);
        }
    }

    /** Microseconds: the finest a team's PostgreSQL keeps, so both stores give back the same instant. */
    static OffsetDateTime toDb(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
