package tandem.store;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The few statements the embedded H2 store and a team's PostgreSQL store write differently. Everything else the
 * stores send is standard SQL both accept.
 */
public enum SqlDialect {
    H2, POSTGRESQL;

    /**
     * Inserts a row, or updates the row with the same key: {@code source} is {@code VALUES (...)} or a
     * {@code SELECT} giving the columns in order.
     */
    public String upsert(String table, List<String> keys, List<String> columns, String source) {
        String cols = String.join(", ", columns);
        if (this == H2) return "MERGE INTO " + table + " (" + cols + ") KEY (" + String.join(", ", keys) + ") " + source;
        List<String> others = columns.stream().filter(c -> !keys.contains(c)).toList();
        String action = others.isEmpty() ? "DO NOTHING"
                : "DO UPDATE SET " + others.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + cols + ") " + source + " ON CONFLICT (" + String.join(", ", keys)
                + ") " + action;
    }

    /** {@code VALUES (?, ?, ...)} for n columns. */
    public static String values(int n) {
        return "VALUES (" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
    }

    /** A unique key was already taken, by another process at the same moment as a rule. */
    public static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** Failures that go away when the work is tried again: a lost connection, a deadlock, a serialisation clash. */
    boolean isTransient(SQLException s) {
        String state = s.getSQLState();
        if (state != null && state.startsWith("08")) return true;
        if (this == POSTGRESQL) {
            // serialization failure, deadlock, server shutting down or restarting
            return state != null && (state.equals("40001") || state.equals("40P01") || state.equals("57P01")
                    || state.equals("57P02") || state.equals("57P03"));
        }
        return switch (s.getErrorCode()) {
            case 90067, // connection broken: the owning process went away
                 90020, // database already open: another process is just starting its server
                 90098, // the database has been closed: its owner is shutting down
                 90121, // the owner's JVM closed it at exit while serving this session: reconnect to the next
                 90028, // I/O error while the file changes hands
                 50200, // lock timeout
                 40001, // deadlock
                 90131 -> true; // concurrent update of one row
            default -> false;
        };
    }
}
