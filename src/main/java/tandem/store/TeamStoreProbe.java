package tandem.store;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLException;
import tandem.core.port.TeamStoreSettings.ConnectionFailed;
import tandem.core.port.TeamStoreSettings.TestResult;

/**
 * The connection test of Preferences → Team database: one plain connection, bounded in time, that reads who it is,
 * the server's version, whether the connection is encrypted, whether Tandem's tables are there and whether the login
 * is a member. It changes nothing (no migration, unlike opening the store).
 */
final class TeamStoreProbe {
    /** How long opening the store waits for a connection (TeamDatabase's pool), for messages. */
    static final int OPEN_TIMEOUT_SECONDS = 10;

    private TeamStoreProbe() { }

    static TestResult test(TeamStoreLocation where, String password, Duration timeout) {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        Properties props = new Properties();
        props.setProperty("user", where.user());
        props.setProperty("password", password == null ? "" : password);
        props.setProperty("connectTimeout", Integer.toString(seconds));
        props.setProperty("loginTimeout", Integer.toString(seconds));
        props.setProperty("socketTimeout", Integer.toString(seconds));
        try (Connection c = DriverManager.getConnection(where.jdbcUrl(), props)) {
            String login;
            String version;
            boolean tls;
            boolean schema;
            try (PreparedStatement ps = c.prepareStatement("SELECT CURRENT_USER, current_setting('server_version'),"
                    + " COALESCE((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false),"
                    + " EXISTS (SELECT 1 FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace"
                    + " WHERE n.nspname = ? AND t.relname = 'team_member')");
                 ResultSet rs = query(ps, TeamDatabase.SCHEMA)) {
                rs.next();
                login = rs.getString(1);
                // "15.18 (Debian 15.18-0+deb12u1)": the number says enough
                version = rs.getString(2).split(" ", 2)[0];
                tls = rs.getBoolean(3);
                schema = rs.getBoolean(4);
            }
            boolean member = schema && member(c, login);
            String advice = !schema
                    ? "Tandem's tables are not in " + where.database() + " yet: its owner runs tandem --store " + where
                            + " team init"
                    : !member ? login + " is not a member of this team yet: a DHCP administrator of the team adds it"
                            + " with tandem user add " + login : "";
            return new TestResult(login, version, tls, schema, member, advice);
        } catch (SQLException e) {
            throw new ConnectionFailed(scrub(explain(where, e, seconds), password), null);
        }
    }

    private static ResultSet query(PreparedStatement ps, String schema) throws SQLException {
        ps.setString(1, schema);
        return ps.executeQuery();
    }

    /** A member may use the schema and is listed; anyone else may not even look. */
    private static boolean member(Connection c, String login) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT has_schema_privilege(?, 'USAGE')")) {
            ps.setString(1, TeamDatabase.SCHEMA);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + TeamDatabase.SCHEMA
                + ".team_member WHERE login = ?")) {
            ps.setString(1, login);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            } catch (SQLException e) {
                if ("42501".equals(e.getSQLState())) return false;
                throw e;
            }
        }
    }

    /** What went wrong, in the administrator's terms; the driver's own words where they say more. */
    static String explain(TeamStoreLocation where, SQLException e, int seconds) {
        String at = where.host() + ":" + where.port();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String said = e.getMessage() == null ? "" : e.getMessage();
        if (state.equals("28P01")) {
            return "PostgreSQL at " + at + " refused the password of " + where.user()
                    + " (or there is no such login): check the password";
        }
        if (state.equals("28000")) {
            if (said.contains("no encryption")) {
                return at + " accepts " + where.user() + " only over TLS: choose sslmode require (or verify-full)";
            }
            return at + " does not let " + where.user() + " in from this computer (pg_hba.conf): " + said;
        }
        if (state.equals("3D000")) return "There is no database " + where.database() + " at " + at;
        if (said.contains("does not support SSL")) {
            return at + " does not offer TLS, which sslmode " + where.sslMode() + " requires: choose prefer (or"
                    + " disable), or have TLS turned on at the server";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) return "The host name " + where.host() + " is not known";
            if (t instanceof ConnectException) {
                return "Nothing answers at " + at + " (connection refused): is PostgreSQL running there and"
                        + " listening on that address?";
            }
            if (t instanceof SocketTimeoutException) return at + " did not answer within " + seconds + " s";
            if (t instanceof SSLException) {
                return "TLS with " + at + " failed (sslmode " + where.sslMode() + "): " + t.getMessage();
            }
        }
        if (said.contains("timed out")) return at + " did not answer within " + seconds + " s";
        return "Cannot connect to " + where + ": " + said;
    }

    /** Servers and drivers do not echo passwords; this makes sure of it. */
    private static String scrub(String message, String password) {
        if (password == null || password.length() < 4) return message;
        return message.replace(password, "•••");
    }
}
