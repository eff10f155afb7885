package tandem.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.port.PollerLease;

/**
 * One poller per team: PostgreSQL's session-level advisory lock, held on a connection of its own. When the holder
 * dies its connection closes and the server releases the lock, so the next process to ask takes over; the holder
 * also notices a lost connection and stops polling.
 */
public final class TeamPollerLease implements PollerLease {
    private static final Logger log = LoggerFactory.getLogger(TeamPollerLease.class);
    /** The advisory lock's key: "TANDEMPL" read as a number, so that other applications' keys do not clash. */
    static final long LOCK_KEY = 0x54414E44454D504CL;

    private final Database db;
    private final Clock clock;
    private final java.util.function.BooleanSupplier eligible;
    private Connection connection;
    private boolean held;

    public TeamPollerLease(Database db, Clock clock) {
        this(db, clock, () -> true);
    }

    /**
     * @param eligible whether this process may poll now: one that cannot open the servers' passwords would
     *                 report every server unreachable to the whole team
     */
    public TeamPollerLease(Database db, Clock clock, java.util.function.BooleanSupplier eligible) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = clock;
        this.eligible = eligible;
    }

    @Override public synchronized boolean poll() {
        if (!eligible.getAsBoolean()) {
            close();
            return false;
        }
        try {
            if (held && stillConnected()) return true;
            held = false;
            if (connection == null || connection.isClosed()) {
                connection = db.connection();
                connection.setAutoCommit(true);
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, LOCK_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    held = rs.next() && rs.getBoolean(1);
                }
            }
            if (held) {
                recordHolder();
                log.info("This process now polls for the team");
            }
            return held;
        } catch (SQLException e) {
            log.warn("Cannot ask who polls for the team: {}", e.getMessage());
            dropConnection();
            return false;
        }
    }

    @Override public synchronized boolean held() { return held; }

    @Override public Optional<Holder> holder() {
        return db.transaction(c -> {
            // the row alone may outlive a holder that died: only a granted lock proves it is alive
            try (PreparedStatement ps = c.prepareStatement("SELECT p.login, p.host, p.pid, p.since FROM team_poller p"
                    + " WHERE p.id = 1 AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory'"
                    + " AND l.granted AND ((l.classid::bigint << 32) | l.objid::bigint) = ?)")) {
                ps.setLong(1, LOCK_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.<Holder>empty();
                    return Optional.of(new Holder(rs.getString(1), rs.getString(2), rs.getLong(3),
                            Database.instant(rs, "since")));
                }
            }
        });
    }

    @Override public synchronized void close() {
        if (held) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, LOCK_KEY);
                ps.execute();
            } catch (SQLException e) {
                log.debug("Could not give up the poller lock; closing its connection does: {}", e.getMessage());
            }
            held = false;
        }
        dropConnection();
    }

    private boolean stillConnected() {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            log.warn("Lost the connection that holds the poller lock: {}", e.getMessage());
            dropConnection();
            return false;
        }
    }

    private void recordHolder() {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(db.dialect().upsert("team_poller", java.util.List.of("id"),
                    java.util.List.of("id", "login", "host", "pid", "since"), "VALUES (1, CURRENT_USER, ?, ?, ?)"))) {
                ps.setString(1, hostName());
                ps.setLong(2, ProcessHandle.current().pid());
                ps.setObject(3, Database.toDb(clock.instant()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    private void dropConnection() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already broken
        }
        connection = null;
        held = false;
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown host";
        }
    }
}
