package tandem.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the team poller's writes to every other process: the poller's state transaction ends with a NOTIFY, and
 * this listener, on a connection of its own, runs the callback as soon as one arrives instead of waiting for the
 * next poll interval.
 */
public final class TeamStateListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TeamStateListener.class);
    static final String CHANNEL = "tandem_state";
    /** How long one wait for notifications lasts: also how soon close() is noticed. */
    private static final int WAIT_MS = 500;
    private static final long RECONNECT_MS = 1_000;

    private final Database db;
    /** Given the relationships written, or an empty set for "read them all". */
    private final Consumer<Set<String>> onChange;
    private final Thread thread;
    private volatile boolean closed;

    private TeamStateListener(Database db, Consumer<Set<String>> onChange) {
        this.db = Objects.requireNonNull(db, "db");
        this.onChange = onChange;
        this.thread = new Thread(this::listen, "tandem-team-state-listener");
        this.thread.setDaemon(true);
    }

    /** Starts listening; {@code onChange} runs on the listener's thread, so it must only schedule work. */
    public static TeamStateListener start(Database db, Consumer<Set<String>> onChange) {
        TeamStateListener l = new TeamStateListener(db, onChange);
        l.thread.start();
        return l;
    }

    /** A notification's payload is limited (8000 bytes): beyond this, it names nothing and followers read all. */
    private static final int MAX_PAYLOAD = 7000;

    /**
     * Called in the transaction that wrote the states of these relationships; PostgreSQL delivers it when that
     * transaction commits, naming them (one per line) so that followers read only those.
     */
    static void notifyChanged(Connection c, List<String> relationships) throws SQLException {
        String payload = String.join("\n", relationships);
        if (payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PAYLOAD) payload = "";
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, CHANNEL);
            ps.setString(2, payload);
            ps.execute();
        }
    }

    private void listen() {
        while (!closed) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                // states written while this was not listening: look once
                onChange.accept(Set.of());
                while (!closed) {
                    PGNotification[] arrived = pg.getNotifications(WAIT_MS);
                    if (arrived == null || arrived.length == 0) continue;
                    Set<String> names = new HashSet<>();
                    boolean all = false;
                    for (PGNotification n : arrived) {
                        if (n.getParameter() == null || n.getParameter().isEmpty()) all = true;
                        else names.addAll(List.of(n.getParameter().split("\n")));
                    }
                    onChange.accept(all ? Set.of() : names);
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) return;
                log.warn("Lost the team store's change notifications ({}); listening again in {} ms", e.getMessage(),
                        RECONNECT_MS);
                try {
                    Thread.sleep(RECONNECT_MS);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    @Override public void close() {
        closed = true;
        try {
            thread.join(WAIT_MS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
