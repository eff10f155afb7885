package tandem.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tandem.core.port.ActivityStore;

/** Changes under way, in the data folder's database so that every process on it sees them. */
public final class JdbcActivityStore implements ActivityStore {
    private final Database db;

    public JdbcActivityStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public long begin(Activity a) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO change_activity (relationship, description,"
                    + " owner, pid, host, started_at) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, a.relationship());
                ps.setString(2, a.description());
                ps.setString(3, a.owner());
                ps.setLong(4, a.pid());
                ps.setString(5, a.host());
                ps.setObject(6, Database.toDb(a.startedAt()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    @Override
    public void end(long id) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM change_activity WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Activity> running(String relationship) {
        return db.transaction(c -> {
            List<Activity> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, relationship, description, owner, pid, host,"
                    + " started_at FROM change_activity WHERE relationship = ? ORDER BY id")) {
                ps.setString(1, relationship);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Activity(rs.getLong("id"), rs.getString("relationship"),
                                rs.getString("description"), rs.getString("owner"), rs.getLong("pid"),
                                rs.getString("host"), Database.instant(rs, "started_at")));
                    }
                }
            }
            return out;
        });
    }
}
