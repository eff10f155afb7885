package tandem.core.port;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which store the console opens on when no {@code --store} is given: the desktop's own (embedded) or a team's
 * database, kept in the data folder. The password of the login is kept only when asked, sealed with the folder's key
 * and bound to the connection it belongs to; it is never handed out for another connection.
 */
public interface TeamStoreSettings {
    /** PostgreSQL's sslmode values, weakest first. */
    List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    /** Where the team database is and as whom to connect; holds no password. */
    record Connection(String host, int port, String database, String login, String sslMode) {
        /** As {@code --store} takes it. */
        public String url() {
            String h = host.contains(":") ? "[" + host + "]" : host;
            return "postgresql://" + login + "@" + h + ":" + port + "/" + database + "?sslmode=" + sslMode;
        }

        @Override public String toString() { return url(); }
    }

    /** What is kept: whether the console opens on the team database, which one, and whether a password is kept. */
    record Saved(boolean team, Connection connection, boolean passwordRemembered) {
        public static final Saved EMBEDDED = new Saved(false, null, false);
    }

    /**
     * What a connection test found. {@code advice} says what still stands in the way of using the store (empty when
     * nothing does).
     */
    record TestResult(String login, String serverVersion, boolean tls, boolean schemaReady, boolean member,
                      String advice) { }

    /** The connection could not be made; the message says why, in the administrator's terms, without secrets. */
    final class ConnectionFailed extends RuntimeException {
        public ConnectionFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    Saved load();

    /** Why {@code --store} would refuse this connection, or empty. Does not block. */
    Optional<String> problem(Connection connection);

    /**
     * Connects once, reads, and disconnects; changes nothing.
     *
     * @throws ConnectionFailed when it cannot connect within {@code timeout}
     */
    TestResult test(Connection connection, String password, Duration timeout);

    /**
     * Keeps the choice. With {@code remember} the password is kept sealed ({@code password} null or empty keeps the
     * one already kept for the same connection); without it any kept password is deleted. The embedded store may
     * be chosen with a null {@code connection}.
     *
     * @throws IllegalArgumentException when the connection has a {@link #problem}
     */
    void save(boolean team, Connection connection, String password, boolean remember);

    /** The kept password of exactly this connection, when there is one this desktop can open. */
    Optional<String> rememberedPassword(Connection connection);
}
