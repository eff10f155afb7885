package tandem.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import tandem.core.port.LockStore;

/** Write locks in the data folder's database, so that every process on it sees them. */
public final class JdbcLockStore implements LockStore {

    private final Database db;

    public JdbcLockStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public Optional<Lock> tryAcquire(Lock wanted) {
        try {
            return db.transaction(c -> {
                Optional<Lock> held = holder(c, wanted.resource());
                if (held.isPresent()) return held;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO change_lock (resource, token, user_name,"
                        + " process, host, pid, description, acquired_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bind(ps, wanted);
                    ps.executeUpdate();
                }
                return Optional.<Lock>empty();
            });
        } catch (StoreException e) {
            // two processes inserted at once: the other one won
            if (!(e.getCause() instanceof SQLException s) || !SqlDialect.isDuplicateKey(s)) throw e;
            return db.transaction(c -> holder(c, wanted.resource()))
                    .or(() -> Optional.of(wanted));
        }
    }

    @Override
    public boolean takeOver(Lock stale, Lock wanted) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE change_lock SET token = ?, user_name = ?, process = ?,"
                    + " host = ?, pid = ?, description = ?, acquired_at = ?, expires_at = ? WHERE resource = ? AND token = ?")) {
                ps.setString(1, wanted.token());
                ps.setString(2, wanted.user());
                ps.setString(3, wanted.processName());
                ps.setString(4, wanted.host());
                ps.setLong(5, wanted.pid());
                ps.setString(6, wanted.description());
                ps.setObject(7, Database.toDb(wanted.acquiredAt()));
                ps.setObject(8, Database.toDb(wanted.expiresAt()));
                ps.setString(9, stale.resource());
                ps.setString(10, stale.token());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean renew(String resource, String token, java.time.Instant expiresAt) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE change_lock SET expires_at = ? WHERE resource = ? AND token = ?")) {
                ps.setObject(1, Database.toDb(expiresAt));
                ps.setString(2, resource);
                ps.setString(3, token);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void release(String resource, String token) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM change_lock WHERE resource = ? AND token = ?")) {
                ps.setString(1, resource);
                ps.setString(2, token);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static Optional<Lock> holder(java.sql.Connection c, String resource) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT resource, token, user_name, process, host, pid,"
                + " description, acquired_at, expires_at FROM change_lock WHERE resource = ?")) {
            ps.setString(1, resource);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Lock(rs.getString("resource"), rs.getString("token"), rs.getString("user_name"),
                        rs.getString("process"), rs.getString("host"), rs.getLong("pid"), rs.getString("description"),
                        Database.instant(rs, "acquired_at"), Database.instant(rs, "expires_at")));
            }
        }
    }

    private static void bind(PreparedStatement ps, Lock l) throws SQLException {
        ps.setString(1, l.resource());
        ps.setString(2, l.token());
        ps.setString(3, l.user());
        ps.setString(4, l.processName());
        ps.setString(5, l.host());
        ps.setLong(6, l.pid());
        ps.setString(7, l.description());
        ps.setObject(8, Database.toDb(l.acquiredAt()));
        ps.setObject(9, Database.toDb(l.expiresAt()));
    }
}
