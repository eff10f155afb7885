package tandem.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tandem.core.access.Grant;
import tandem.core.access.Member;
import tandem.core.access.Permission;
import tandem.core.access.Role;
import tandem.core.port.TeamStore;

/**
 * Members, roles and grants. On PostgreSQL a new member's login is also given the table privileges Tandem needs;
 * DHCP administrators get them with the right to pass them on, so that they can add members in turn.
 */
public final class JdbcTeamStore implements TeamStore {
    private final Database db;

    public JdbcTeamStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override public String currentLogin() {
        return db.transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_USER")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    @Override public boolean loginExists(String login) {
        if (db.dialect() != SqlDialect.POSTGRESQL) return login.equalsIgnoreCase(currentLogin());
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ? AND rolcanlogin")) {
                ps.setString(1, login);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override public List<Member> members() {
        return db.transaction(JdbcTeamStore::load);
    }

    @Override public Optional<Member> member(String login) {
        return members().stream().filter(m -> m.login().equals(login)).findFirst();
    }

    @Override public boolean initialise(Instant at) {
        return db.transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM team_member")) {
                rs.next();
                if (rs.getLong(1) > 0) return false;
            }
            String me = current(c);
            insertMember(c, me, me, at);
            setRole(c, me, Role.DHCP_ADMINISTRATORS, true);
            return true;
        });
    }

    @Override public boolean addMember(String login, Instant at) {
        return db.transaction(c -> {
            if (isMember(c, login)) return false;
            insertMember(c, login, current(c), at);
            allowTables(c, login, false);
            return true;
        });
    }

    @Override public boolean removeMember(String login) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM team_member WHERE login = ?")) {
                ps.setString(1, login);
                if (ps.executeUpdate() == 0) return false;
            }
            if (db.dialect() == SqlDialect.POSTGRESQL) {
                try (Statement s = c.createStatement()) {
                    String who = quote(login);
                    s.execute("REVOKE ALL ON ALL TABLES IN SCHEMA " + TeamDatabase.SCHEMA + " FROM " + who);
                    s.execute("REVOKE ALL ON ALL SEQUENCES IN SCHEMA " + TeamDatabase.SCHEMA + " FROM " + who);
                    s.execute("REVOKE USAGE ON SCHEMA " + TeamDatabase.SCHEMA + " FROM " + who);
                }
            }
            return true;
        });
    }

    @Override public boolean setRole(String login, Role role, boolean held) {
        return db.transaction(c -> {
            boolean changed = setRole(c, login, role, held);
            if (changed && held && role == Role.DHCP_ADMINISTRATORS) allowTables(c, login, true);
            return changed;
        });
    }

    @Override public boolean setGrant(String login, Grant grant, boolean held) {
        return db.transaction(c -> {
            String sql = held
                    ? "INSERT INTO team_grant (login, bit, server, scope) SELECT ?, ?, ?, ? WHERE NOT EXISTS"
                            + " (SELECT 1 FROM team_grant WHERE login = ? AND bit = ? AND server = ? AND scope = ?)"
                    : "DELETE FROM team_grant WHERE login = ? AND bit = ? AND server = ? AND scope = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int offset = 0; offset < (held ? 8 : 4); offset += 4) {
                    ps.setString(offset + 1, login);
                    ps.setString(offset + 2, grant.bit().wire());
                    ps.setString(offset + 3, grant.server() == null ? "" : grant.server());
                    ps.setString(offset + 4, grant.scope() == null ? "" : grant.scope());
                }
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static boolean setRole(Connection c, String login, Role role, boolean held) throws SQLException {
        String sql = held
                ? "INSERT INTO team_role (login, role) SELECT ?, ? WHERE NOT EXISTS"
                        + " (SELECT 1 FROM team_role WHERE login = ? AND role = ?)"
                : "DELETE FROM team_role WHERE login = ? AND role = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, login);
            ps.setString(2, role.wire());
            if (held) {
                ps.setString(3, login);
                ps.setString(4, role.wire());
            }
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Gives every member the privileges on tables and sequences they lack: those a migration created after the
     * member was added (a grant on ALL TABLES covers only the tables there are). Only the schema's owner, who runs
     * the migrations and owns what they create, can; for anyone else this does nothing. Returns the logins given
     * privileges.
     */
    public List<String> grantMissingPrivileges() {
        if (db.dialect() != SqlDialect.POSTGRESQL) return List.of();
        return db.transaction(c -> {
            if (!ownsSchema(c)) return List.of();
            // two owners' processes opening at once would otherwise update the same catalog rows concurrently
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(hashtext('tandem.member-privileges'))");
            }
            List<String> given = new ArrayList<>();
            for (String login : lackingPrivileges(c)) {
                allowTables(c, login, holdsRole(c, login, Role.DHCP_ADMINISTRATORS));
                given.add(login);
            }
            return given;
        });
    }

    private static boolean ownsSchema(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?"
                + " AND nspowner = (SELECT oid FROM pg_roles WHERE rolname = CURRENT_USER)")) {
            ps.setString(1, TeamDatabase.SCHEMA);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Members whose login still exists and who lack a privilege on one of the schema's tables or sequences. */
    private static List<String> lackingPrivileges(Connection c) throws SQLException {
        String table = "quote_ident(t.schemaname) || '.' || quote_ident(t.tablename)";
        String sequence = "quote_ident(q.schemaname) || '.' || quote_ident(q.sequencename)";
        String sql = "SELECT m.login FROM team_member m JOIN pg_roles r ON r.rolname = m.login WHERE"
                + " EXISTS (SELECT 1 FROM pg_tables t WHERE t.schemaname = ? AND NOT ("
                + " has_table_privilege(m.login, " + table + ", 'SELECT')"
                + " AND has_table_privilege(m.login, " + table + ", 'INSERT')"
                + " AND has_table_privilege(m.login, " + table + ", 'UPDATE')"
                + " AND has_table_privilege(m.login, " + table + ", 'DELETE')))"
                + " OR EXISTS (SELECT 1 FROM pg_sequences q WHERE q.schemaname = ? AND NOT ("
                + " has_sequence_privilege(m.login, " + sequence + ", 'USAGE')"
                + " AND has_sequence_privilege(m.login, " + sequence + ", 'SELECT')))"
                + " ORDER BY m.login";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, TeamDatabase.SCHEMA);
            ps.setString(2, TeamDatabase.SCHEMA);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static boolean holdsRole(Connection c, String login, Role role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM team_role WHERE login = ? AND role = ?")) {
            ps.setString(1, login);
            ps.setString(2, role.wire());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Lets the login use Tandem's tables; {@code passOn}: and give that right to others. */
    private void allowTables(Connection c, String login, boolean passOn) throws SQLException {
        if (db.dialect() != SqlDialect.POSTGRESQL) return;
        String who = quote(login) + (passOn ? " WITH GRANT OPTION" : "");
        String schema = TeamDatabase.SCHEMA;
        try (Statement s = c.createStatement()) {
            s.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + who);
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + who);
            s.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + who);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String current(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_USER")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean isMember(Connection c, String login) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM team_member WHERE login = ?")) {
            ps.setString(1, login);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void insertMember(Connection c, String login, String by, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO team_member (login, added_by, added_at) VALUES (?, ?, ?)")) {
            ps.setString(1, login);
            ps.setString(2, by);
            ps.setObject(3, Database.toDb(at));
            ps.executeUpdate();
        }
    }

    private static List<Member> load(Connection c) throws SQLException {
        Map<String, Set<Role>> roles = new LinkedHashMap<>();
        Map<String, List<Grant>> grants = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT login FROM team_member ORDER BY login")) {
            while (rs.next()) {
                roles.put(rs.getString(1), EnumSet.noneOf(Role.class));
                grants.put(rs.getString(1), new ArrayList<>());
            }
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT login, role FROM team_role ORDER BY login, role")) {
            while (rs.next()) {
                String login = rs.getString(1);
                Optional<Role> role = Role.fromWire(rs.getString(2));
                if (role.isPresent()) roles.get(login).add(role.get());
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT login, bit, server, scope FROM team_grant ORDER BY login, bit, server, scope")) {
            while (rs.next()) {
                String login = rs.getString(1);
                String server = rs.getString(3);
                String scope = rs.getString(4);
                // a bit a later version added is ignored rather than misread
                Permission.fromWire(rs.getString(2)).ifPresent(bit -> grants.get(login).add(new Grant(bit,
                        server.isEmpty() ? null : server, scope.isEmpty() ? null : scope)));
            }
        }
        List<Member> out = new ArrayList<>();
        roles.forEach((login, r) -> out.add(new Member(login, r, grants.get(login))));
        return out;
    }
}
