package tandem.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tandem.core.port.AuditStore;

/** The audit trail in the data folder's database. */
public final class JdbcAuditStore implements AuditStore {
    private final Database db;

    public JdbcAuditStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public long append(AuditRecord r) {
        return db.transaction(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (at, user_name, host, process,"
                    + " relationship, kind, description, outcome, diff, journal_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setObject(1, Database.toDb(r.time()));
                ps.setString(2, r.user());
                ps.setString(3, r.host());
                ps.setString(4, r.process());
                ps.setString(5, r.relationship());
                ps.setString(6, r.kind());
                ps.setString(7, r.description());
                ps.setString(8, r.outcome());
                ps.setString(9, r.diff());
                ps.setObject(10, r.journalId());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO audit_server (audit_id, position, server, outcome) VALUES (?, ?, ?, ?)")) {
                int position = 0;
                for (var e : r.servers().entrySet()) {
                    ps.setLong(1, id);
                    ps.setInt(2, position++);
                    ps.setString(3, e.getKey());
                    ps.setString(4, e.getValue());
                    ps.addBatch();
                }
                if (position > 0) ps.executeBatch();
            }
            return id;
        });
    }

    @Override
    public List<AuditRecord> find(Query q) {
        StringBuilder sql = new StringBuilder("SELECT id, at, user_name, host, process, relationship, kind, description,"
                + " outcome, diff, journal_id FROM audit_log WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.relationship() != null) {
            sql.append(" AND relationship = ?");
            params.add(q.relationship());
        }
        if (q.user() != null) {
            sql.append(" AND user_name = ?");
            params.add(q.user());
        }
        if (q.since() != null) {
            sql.append(" AND at >= ?");
            params.add(Database.toDb(q.since()));
        }
        if (q.until() != null) {
            sql.append(" AND at < ?");
            params.add(Database.toDb(q.until()));
        }
        sql.append(" ORDER BY id DESC FETCH FIRST ").append(Math.max(0, q.limit())).append(" ROWS ONLY");
        return db.transaction(c -> {
            List<AuditRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong("id");
                        long journal = rs.getLong("journal_id");
                        Long journalId = rs.wasNull() ? null : journal;
                        out.add(new AuditRecord(id, Database.instant(rs, "at"), rs.getString("user_name"),
                                rs.getString("host"), rs.getString("process"), rs.getString("relationship"),
                                rs.getString("kind"), rs.getString("description"), servers(c, id),
                                rs.getString("outcome"), rs.getString("diff"), journalId));
                    }
                }
            }
            return out;
        });
    }

    private static Map<String, String> servers(Connection c, long id) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT server, outcome FROM audit_server WHERE audit_id = ? ORDER BY position")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }
}
