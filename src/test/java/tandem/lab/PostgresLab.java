package tandem.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (Debian's package) for the tests: its own cluster in a temporary folder, listening on a
 * free port of 127.0.0.1 with password (scram-sha-256) authentication, and on a Unix socket inside the folder for
 * its superuser. Run as root, the cluster belongs to the {@code postgres} system user: initdb refuses root.
 *
 * <p>{@link #createRole} and {@link #createDatabase} prepare what a client logs in with; {@link #jdbcUrl} and
 * {@link #connect} reach a database over TCP as that login. {@link #close} stops the server by its PID and deletes
 * the folder. Every wait is bounded.
 */
public final class PostgresLab implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** The superuser's password: throwaway, for this cluster only, kept in memory. */
    private final String superPassword = randomSecret();
    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;
    private final Thread shutdownHook;
    private boolean closed;

    private PostgresLab(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        // a crashed test run must not leave a postgres behind
        this.shutdownHook = new Thread(this::stopQuietly, "postgres-lab-stop");
    }

    /** Starts a new cluster and returns once it accepts logins over TCP. */
    public static PostgresLab start() {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of("/tmp"), "tandem-pg-lab-").toRealPath();
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PostgresLab lab = new PostgresLab(bin, dir, freePort(), root);
        Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        try {
            lab.initAndStart();
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** The newest Debian PostgreSQL: /usr/lib/postgresql/VERSION/bin (not a stray copy elsewhere on the PATH). */
    static Path binaries() {
        Path base = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> version(b.getParent())))
                    .orElseThrow(() -> new IllegalStateException("no initdb under " + base
                            + ": install Debian's postgresql package (src/test/run-all.sh does)"));
        } catch (IOException e) {
            throw new IllegalStateException("no " + base + ": install Debian's postgresql package", e);
        }
    }

    private static int version(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void initAndStart() {
        try {
            Path pw = dir.resolve("superuser-password");
            Files.writeString(pw, superPassword, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
            if (asPostgresUser) {
                run(Duration.ofSeconds(10), "chown", "-R", "postgres:postgres", dir.toString());
            }
            run(START_TIMEOUT, asPostgres(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + pw, "-E", "UTF8",
                    "--no-instructions"));
            Files.delete(pw);
            // only loopback, no stray listeners; the socket stays in the folder, not the system's /var/run/postgresql
            String options = "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories=" + dir
                    + " -c fsync=off -c max_connections=50";
            run(START_TIMEOUT, asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    dir.resolve("postgres.log").toString(), "-o", options, "-w", "-t",
                    Long.toString(START_TIMEOUT.toSeconds()), "start"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The folder of the cluster (its log is postgres.log there). */
    public Path dir() {
        return dir;
    }

    /** The JDBC URL of a database over TCP on 127.0.0.1. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + checkedName(database);
    }

    /** A login role with this password (scram); its name must be a plain identifier. */
    public void createRole(String role, String password) {
        if (password.indexOf('\'') >= 0) throw new IllegalArgumentException("a lab password without quotes, please");
        superuserSql("postgres", "CREATE ROLE " + checkedName(role) + " LOGIN PASSWORD '" + password + "'");
    }

    /** A database owned by the role (which then creates its tables). */
    public void createDatabase(String database, String owner) {
        superuserSql("postgres", "CREATE DATABASE " + checkedName(database) + " OWNER " + checkedName(owner));
    }

    /** A connection over TCP as the role, with password authentication. */
    public Connection connect(String database, String role, String password) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), role, password);
    }

    /** Runs SQL as the superuser (over TCP, password authentication) in a database. */
    public void superuserSql(String database, String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(database), "postgres", superPassword);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + e.getMessage(), e);
        }
    }

    /**
     * Runs an SQL script (e.g. a schema such as Kea's dhcpdb_create.pgsql) with this cluster's psql, over TCP as the
     * role; the password goes through the environment, not the command line. Stops at the first error.
     */
    public void runScript(String database, String role, String password, Path script) {
        List<String> command = List.of(bin.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", checkedName(role), "-d", checkedName(database),
                "-f", script.toString());
        run(START_TIMEOUT, command, java.util.Map.of("PGPASSWORD", password));
    }

    /** A random password for a lab role (letters and digits, safe in SQL and connection strings). */
    public static String randomSecret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', 'a').replace('_', 'b');
    }

    private static String checkedName(String name) {
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("not a plain PostgreSQL name: " + name);
        return name;
    }

    /** The server's PID, from postmaster.pid (its first line); -1 when it is not running. */
    long pid() {
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
            return lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran already
        }
        deleteRecursively(dir);
    }

    /** Fast shutdown by PID (SIGINT), then SIGKILL if it is still there after the bounded wait. */
    private void stopQuietly() {
        long pid = pid();
        if (pid <= 0) return;
        ProcessHandle.of(pid).ifPresent(p -> {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
                p.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
    }

    private List<String> asPostgres(String... command) {
        List<String> out = new ArrayList<>();
        if (asPostgresUser) out.addAll(List.of("runuser", "-u", "postgres", "--"));
        out.addAll(List.of(command));
        return out;
    }

    private void run(Duration timeout, String... command) {
        run(timeout, List.of(command));
    }

    private void run(Duration timeout, List<String> command) {
        run(timeout, command, java.util.Map.of());
    }

    private void run(Duration timeout, List<String> command, java.util.Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process p = builder.redirectErrorStream(true)
                    .redirectOutput(dir.resolve("commands.log").toFile().exists()
                            ? ProcessBuilder.Redirect.appendTo(dir.resolve("commands.log").toFile())
                            : ProcessBuilder.Redirect.to(dir.resolve("commands.log").toFile()))
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took longer than " + timeout);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                        + tail(dir.resolve("commands.log")) + tail(dir.resolve("postgres.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())) + "\n";
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
