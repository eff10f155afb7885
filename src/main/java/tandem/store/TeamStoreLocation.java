package tandem.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Where a team's shared store lives: {@code postgresql://USER@HOST[:PORT]/DB[?sslmode=MODE]}. The login is the
 * administrator's own PostgreSQL role; the password never appears here.
 */
public record TeamStoreLocation(String user, String host, int port, String database, String sslMode) {
    public static final int DEFAULT_PORT = 5432;
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");

    /** @throws IllegalArgumentException with a sentence saying what is wrong with the text */
    public static TeamStoreLocation parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("the team store is empty");
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
        }
        if (!"postgresql".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("the team store must be postgresql://USER@HOST[:PORT]/DB, not '" + text + "'");
        }
        String user = uri.getUserInfo();
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("the team store URL names no login: postgresql://USER@HOST[:PORT]/DB");
        }
        if (user.contains(":")) {
            throw new IllegalArgumentException("the team store URL must not hold a password; give it with --store-password-file");
        }
        if (uri.getHost() == null) throw new IllegalArgumentException("the team store URL names no host");
        String path = uri.getPath() == null ? "" : uri.getPath();
        String db = path.startsWith("/") ? path.substring(1) : path;
        if (db.isBlank() || db.contains("/")) {
            throw new IllegalArgumentException("the team store URL must name one database: postgresql://USER@HOST[:PORT]/DB");
        }
        String ssl = "prefer";
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && kv[0].equals("sslmode") && SSL_MODES.contains(kv[1].toLowerCase(Locale.ROOT))) {
                    ssl = kv[1].toLowerCase(Locale.ROOT);
                } else {
                    throw new IllegalArgumentException("unknown team store option '" + pair + "' (only sslmode="
                            + String.join("|", new java.util.TreeSet<>(SSL_MODES)) + ")");
                }
            }
        }
        return new TeamStoreLocation(user, uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), db, ssl);
    }

    /** The JDBC URL, keeping Tandem's tables in their own schema. */
    String jdbcUrl() {
        return "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database
                + "?sslmode=" + sslMode + "&currentSchema=" + TeamDatabase.SCHEMA + "&ApplicationName=Tandem";
    }

    @Override public String toString() {
        return "postgresql://" + user + "@" + host + (port == DEFAULT_PORT ? "" : ":" + port) + "/" + database
                + (sslMode.equals("prefer") ? "" : "?sslmode=" + sslMode);
    }
}
