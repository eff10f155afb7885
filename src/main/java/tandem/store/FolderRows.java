package tandem.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every row of the tables a data folder moves into a team store, read as stored (secrets still sealed), in key order.
 * Live process state (change locks, changes under way) and the team tables are not among them.
 */
final class FolderRows {
    /** Table, its columns, its key; in the order rows are written (a relationship after its server, ...). */
    static final Map<String, List<String>> TABLES = new LinkedHashMap<>();
    static final Map<String, String> ORDER = new LinkedHashMap<>();

    static {
        table("server", "name", "name", "backend", "url", "proxy", "username", "password_enc", "trust_anchor_pem",
                "added_at", "allow_plain_http_peers", "proxy_auth_enc", "legacy_secrets");
        table("relationship", "name", "name", "server_name", "backend", "mode", "shared_config", "heartbeat_delay_ms",
                "max_response_delay_ms", "max_ack_delay_ms", "max_unacked_clients", "ord", "service");
        table("peer", "relationship_name, ord", "relationship_name", "ord", "name", "role", "url", "auto_failover");
        table("relationship_state", "relationship_name", "relationship_name", "status", "source_of_truth", "reasons",
                "peers", "observed_at");
        table("status_event", "id", "id", "at", "relationship", "from_status", "to_status", "reason");
        table("config_snapshot", "id", "id", "relationship", "peer", "hash", "json", "taken_at");
        table("preference", "name", "name", "value_text");
        table("change_journal", "id", "id", "relationship", "change_json", "inverse_json", "description", "applied_to",
                "status", "created_at", "settled_at", "kind", "user_name", "process", "host", "pid");
        table("peer_sync", "relationship, peer", "relationship", "peer", "reason", "since");
        table("change_target", "journal_id, server", "journal_id", "server", "outcome", "detail", "at");
        table("audit_log", "id", "id", "at", "user_name", "host", "process", "relationship", "kind", "description",
                "outcome", "diff", "journal_id");
        table("audit_server", "audit_id, position", "audit_id", "position", "server", "outcome");
    }

    /** The tables whose rows are numbered by an identity column {@code id}. */
    static final List<String> NUMBERED = List.of("status_event", "config_snapshot", "change_journal", "audit_log");

    private static void table(String name, String order, String... columns) {
        TABLES.put(name, List.of(columns));
        ORDER.put(name, order);
    }

    /** One table's rows: values by column, as the JDBC driver gives them (timestamps as OffsetDateTime). */
    record Table(String name, List<String> columns, List<Object[]> rows) {
        int column(String column) {
            int i = columns.indexOf(column);
            if (i < 0) throw new IllegalArgumentException(name + " has no column " + column);
            return i;
        }
    }

    private FolderRows() { }

    /** Reads every table in one transaction. */
    static Map<String, Table> read(Connection c) throws SQLException {
        Map<String, Table> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> t : TABLES.entrySet()) {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", t.getValue()) + " FROM "
                    + t.getKey() + " ORDER BY " + ORDER.get(t.getKey()));
                 ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Object[] row = new Object[t.getValue().size()];
                    for (int i = 0; i < row.length; i++) row[i] = value(rs, md, i + 1);
                    rows.add(row);
                }
            }
            out.put(t.getKey(), new Table(t.getKey(), t.getValue(), rows));
        }
        return out;
    }

    /**
     * Large texts as strings, and instants to the microsecond: the finest a team's PostgreSQL keeps, and what the
     * stores write anyway.
     */
    static Object value(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
        int type = md.getColumnType(i);
        Object v;
        if (type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.TIMESTAMP) {
            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
            v = t == null ? null : t.truncatedTo(ChronoUnit.MICROS).withOffsetSameInstant(java.time.ZoneOffset.UTC);
        } else if (type == Types.CLOB || type == Types.NCLOB || type == Types.LONGVARCHAR || type == Types.VARCHAR) {
            v = rs.getString(i);
        } else {
            v = rs.getObject(i);
        }
        return rs.wasNull() ? null : v;
    }

    /** Inserts the rows as they are (identity values included). */
    static void insert(Connection c, Table t) throws SQLException {
        if (t.rows().isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.name() + " (" + String.join(", ", t.columns())
                + ") " + SqlDialect.values(t.columns().size()))) {
            int batched = 0;
            for (Object[] row : t.rows()) {
                for (int i = 0; i < row.length; i++) ps.setObject(i + 1, row[i]);
                ps.addBatch();
                if (++batched % 500 == 0) ps.executeBatch();
            }
            ps.executeBatch();
        }
    }
}
