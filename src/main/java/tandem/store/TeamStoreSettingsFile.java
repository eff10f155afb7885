package tandem.store;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import tandem.core.port.TeamStoreSettings;

/**
 * The console's choice of store in {@value #FILE} of the data folder (owner-only). The location is not secret; a
 * remembered password is sealed with the folder's key and bound to the whole connection (login, host, port, database
 * and sslmode), so an edited file cannot send it to another server or over a weaker channel: it no longer opens.
 */
public final class TeamStoreSettingsFile implements TeamStoreSettings {
    public static final String FILE = "team-store.properties";

    private final Path dir;
    private final SecretCipher cipher;

    public TeamStoreSettingsFile(Path dataDir, SecretCipher cipher) {
        this.dir = dataDir.toAbsolutePath().normalize();
        this.cipher = cipher;
    }

    /** The data folder's settings, sealed with its own key. */
    public static TeamStoreSettingsFile of(Path dataDir) {
        return new TeamStoreSettingsFile(dataDir, SecretCipher.forDataFolder(dataDir));
    }

    public Path file() { return dir.resolve(FILE); }

    @Override public Saved load() {
        Properties p = read();
        Connection c = connection(p);
        if (c == null) return Saved.EMBEDDED;
        return new Saved("team".equals(p.getProperty("store")), c, p.getProperty("password") != null);
    }

    @Override public Optional<String> problem(Connection connection) {
        try {
            location(connection);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The team store the console opens on when no --store is given, or empty for the embedded store. */
    public Optional<TeamStoreLocation> chosen() {
        Saved s = load();
        if (!s.team()) return Optional.empty();
        return Optional.of(location(s.connection()));
    }

    /** As {@code --store} reads it. */
    public static TeamStoreLocation location(Connection c) {
        return TeamStoreLocation.parse(c.url());
    }

    /**
     * Why connecting failed, as the connection test says it (refused password, unreachable host, TLS), or empty when
     * the failure is not about connecting (the store's own message says more then).
     */
    public static Optional<String> connectionFailure(TeamStoreLocation where, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s) {
                String state = s.getSQLState() == null ? "" : s.getSQLState();
                if (state.startsWith("08") || state.startsWith("28") || state.equals("3D000")) {
                    return Optional.of(TeamStoreProbe.explain(where, s, TeamStoreProbe.OPEN_TIMEOUT_SECONDS));
                }
            }
        }
        return Optional.empty();
    }

    @Override public TestResult test(Connection connection, String password, Duration timeout) {
        return TeamStoreProbe.test(location(connection), password, timeout);
    }

    @Override public synchronized void save(boolean team, Connection connection, String password, boolean remember) {
        Properties p = new Properties();
        p.setProperty("store", team ? "team" : "embedded");
        if (connection == null) {
            if (team) throw new IllegalArgumentException("a team database needs a connection");
            write(p);
            return;
        }
        location(connection);
        Properties before = read();
        p.setProperty("host", connection.host());
        p.setProperty("port", Integer.toString(connection.port()));
        p.setProperty("database", connection.database());
        p.setProperty("login", connection.login());
        p.setProperty("sslmode", connection.sslMode());
        if (remember) {
            String sealed = password != null && !password.isEmpty() ? cipher.encrypt(password, binding(connection))
                    : keptFor(before, connection) ? before.getProperty("password") : null;
            if (sealed != null) p.setProperty("password", sealed);
        }
        write(p);
    }

    @Override public Optional<String> rememberedPassword(Connection connection) {
        Properties p = read();
        if (!keptFor(p, connection)) return Optional.empty();
        try {
            return Optional.of(cipher.decrypt(p.getProperty("password"), binding(connection)));
        } catch (UnreadableSecretException e) {
            return Optional.empty();
        }
    }

    /** Whether the file keeps a password for exactly this connection. */
    private boolean keptFor(Properties p, Connection connection) {
        return p.getProperty("password") != null && connection.equals(connection(p));
    }

    static String binding(Connection c) {
        return SecretCipher.binding("team-store", "password", c.login(), c.host(), Integer.toString(c.port()),
                c.database(), c.sslMode());
    }

    private static Connection connection(Properties p) {
        String host = p.getProperty("host");
        String db = p.getProperty("database");
        String login = p.getProperty("login");
        if (host == null || db == null || login == null) return null;
        int port;
        try {
            port = Integer.parseInt(p.getProperty("port", Integer.toString(TeamStoreLocation.DEFAULT_PORT)));
        } catch (NumberFormatException e) {
            port = TeamStoreLocation.DEFAULT_PORT;
        }
        return new Connection(host, port, db, login, p.getProperty("sslmode", "prefer"));
    }

    private Properties read() {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file(), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            // nothing chosen yet: the embedded store
        } catch (IOException | IllegalArgumentException e) {
            throw new StoreException("Cannot read " + file() + ": " + e.getMessage(), e);
        }
        return p;
    }

    /** Whole or not at all: a temporary owner-only file moved over the old one. */
    private void write(Properties p) {
        try {
            StringWriter text = new StringWriter();
            p.store(text, "Which store the console opens on (Preferences > Team database); the password is sealed");
            OwnerOnlyFiles.replace(dir, file(), ".team-store-", text.toString());
        } catch (IOException e) {
            throw new StoreException("Cannot write " + file() + ": " + e.getMessage(), e);
        }
    }
}
