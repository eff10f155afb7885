package tandem.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tandem.core.port.ReplicationStore;

/** The change journal and peer sync state. */
public final class JdbcReplicationStore implements ReplicationStore {
    private static final String COLUMNS = "id, relationship, kind, change_json, inverse_json, description,"
            + " applied_to, status, created_at, settled_at, user_name, process, host, pid";

    private final Database db;

    public JdbcReplicationStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public long begin(String relationship, String kind, String change, String description, String appliedTo,
                      String user, String process, String host, long pid, Instant at) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO change_journal (relationship, kind, change_json,"
                    + " description, applied_to, status, created_at, user_name, process, host, pid)"
                    + " VALUES (?, ?, ?, ?, ?, 'IN_PROGRESS', ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, relationship);
                ps.setString(2, kind);
                ps.setString(3, change);
                ps.setString(4, description);
                ps.setString(5, appliedTo);
                ps.setObject(6, Database.toDb(at));
                ps.setString(7, user);
                ps.setString(8, process);
                ps.setString(9, host);
                ps.setLong(10, pid);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    @Override
    public void recordTarget(long id, String server, TargetOutcome outcome, String detail, Instant at) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(db.dialect().upsert("change_target",
                    List.of("journal_id", "server"), List.of("journal_id", "server", "outcome", "detail", "at"),
                    SqlDialect.values(5)))) {
                ps.setLong(1, id);
                ps.setString(2, server);
                ps.setString(3, outcome.name());
                ps.setString(4, detail);
                ps.setObject(5, Database.toDb(at));
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void settle(long id, Status status, String appliedTo, String inverse, Instant at) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE change_journal SET status = ?,"
                    + " applied_to = COALESCE(?, applied_to), inverse_json = COALESCE(?, inverse_json),"
                    + " settled_at = ? WHERE id = ?")) {
                ps.setString(1, status.name());
                ps.setString(2, appliedTo);
                ps.setString(3, inverse);
                ps.setObject(4, status == Status.IN_PROGRESS || status == Status.UNKNOWN || status == Status.PENDING_PRIMARY ? null : Database.toDb(at));
                ps.setLong(5, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Target> targets(long id) {
        return db.transaction(c -> {
            List<Target> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT server, outcome, detail, at FROM change_target WHERE journal_id = ? ORDER BY at, server")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Target(rs.getString("server"), TargetOutcome.valueOf(rs.getString("outcome")),
                                rs.getString("detail"), Database.instant(rs, "at")));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<JournalEntry> unsettled() {
        return query("SELECT " + COLUMNS + " FROM change_journal WHERE status IN ('IN_PROGRESS', 'UNKNOWN') ORDER BY id");
    }

    @Override
    public java.util.Optional<JournalEntry> entry(long id) {
        return query("SELECT " + COLUMNS + " FROM change_journal WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public List<JournalEntry> pending(String relationship) {
        return query("SELECT " + COLUMNS + " FROM change_journal WHERE status = 'PENDING_PRIMARY' AND relationship = ?"
                + " ORDER BY id", relationship);
    }

    @Override
    public List<JournalEntry> pending() {
        return query("SELECT " + COLUMNS + " FROM change_journal WHERE status = 'PENDING_PRIMARY' ORDER BY id");
    }

    @Override
    public List<JournalEntry> recent(int limit) {
        return query("SELECT " + COLUMNS + " FROM change_journal ORDER BY id DESC FETCH FIRST " + Math.max(0, limit)
                + " ROWS ONLY");
    }

    @Override
    public void markReplayed(long id, Instant at) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE change_journal SET status = 'REPLAYED', settled_at = ? WHERE id = ?")) {
                ps.setObject(1, Database.toDb(at));
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void markOutOfSync(String relationship, String peer, String reason, Instant at) {
        db.transaction(c -> {
            // keep the first reason and time: the peer has been out of sync since then
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO peer_sync (relationship, peer, reason, since)"
                    + " SELECT ?, ?, ?, ? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM peer_sync WHERE relationship = ? AND peer = ?)"
                    // PostgreSQL: another process may insert it between the check and the insert
                    + (db.dialect() == SqlDialect.POSTGRESQL ? " ON CONFLICT DO NOTHING" : ""))) {
                ps.setString(1, relationship);
                ps.setString(2, peer);
                ps.setString(3, reason);
                ps.setObject(4, Database.toDb(at));
                ps.setString(5, relationship);
                ps.setString(6, peer);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void markInSync(String relationship, String peer) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM peer_sync WHERE relationship = ? AND peer = ?")) {
                ps.setString(1, relationship);
                ps.setString(2, peer);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Map<String, String> outOfSync(String relationship) {
        return db.transaction(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT peer, reason FROM peer_sync WHERE relationship = ? ORDER BY since")) {
                ps.setString(1, relationship);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    /** Parameters keep their types: PostgreSQL compares no number with a string. */
    private List<JournalEntry> query(String sql, Object... params) {
        return db.transaction(c -> read(c, sql, params));
    }

    private static List<JournalEntry> read(Connection c, String sql, Object... params) throws SQLException {
        List<JournalEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new JournalEntry(rs.getLong("id"), rs.getString("relationship"), rs.getString("kind"),
                            rs.getString("change_json"), rs.getString("inverse_json"), rs.getString("description"),
                            rs.getString("applied_to"),
                            Status.valueOf(rs.getString("status")), Database.instant(rs, "created_at"),
                            Database.instant(rs, "settled_at"), rs.getString("user_name"), rs.getString("process"),
                            rs.getString("host"), rs.getLong("pid")));
                }
            }
        }
        return out;
    }
}
