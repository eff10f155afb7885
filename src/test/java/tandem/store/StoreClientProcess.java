package tandem.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tandem.core.ChangeActivity;
import tandem.core.RelationshipStatus;
import tandem.core.StatusEvent;

/**
 * Another Tandem process using the same data folder, started by {@link MultiProcessTest}. Exits 0 when everything
 * it was asked to do worked, 1 otherwise (with the stack trace on stderr). Every wait is bounded.
 *
 * <pre>
 * open   DIR GO_FILE                              wait for GO_FILE, open, read, close
 * empty-password DIR                              connect as the database user with an empty password: exit 0
 *                                                 only when refused for the password
 * writer DIR NAME COUNT READY PHASE_DONE RESUME   open, READY, COUNT events, PHASE_DONE, wait RESUME, COUNT more
 * host   DIR NAME COUNT READY EXIT                open first, COUNT events, READY, wait EXIT, close
 * change DIR RELATIONSHIP READY EXIT              as "tandem watch", begin a change on RELATIONSHIP, READY,
 *                                                 wait EXIT, end it, close
 * </pre>
 */
public final class StoreClientProcess {
    static final Duration WAIT = Duration.ofSeconds(90);

    private StoreClientProcess() {}

    public static void main(String[] args) {
        try {
            run(args);
            System.out.println("done");
            System.exit(0);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "empty-password" -> {
                try (java.sql.Connection c = java.sql.DriverManager.getConnection(Database.url(dir), Database.USER, "")) {
                    throw new IllegalStateException("connected with an empty password");
                } catch (java.sql.SQLException e) {
                    if (e.getErrorCode() != 28000) throw e;
                    System.out.println("refused: " + e.getMessage());
                }
            }
            case "open" -> {
                Files.createFile(Path.of(args[2] + "." + ProcessHandle.current().pid()));
                awaitFile(Path.of(args[2]));
                try (Database db = Database.open(dir)) {
                    new JdbcStateStore(db).events(1);
                    new JdbcPreferenceStore(db).load();
                }
            }
            case "writer" -> {
                String name = args[2];
                int count = Integer.parseInt(args[3]);
                try (Database db = Database.open(dir)) {
                    JdbcStateStore states = new JdbcStateStore(db);
                    Files.createFile(Path.of(args[4]));
                    write(states, name, 0, count);
                    Files.createFile(Path.of(args[5]));
                    awaitFile(Path.of(args[6]));
                    write(states, name, count, count);
                    long mine = states.events(100_000).stream().filter(e -> e.relationship().equals(name)).count();
                    if (mine != 2L * count) throw new IllegalStateException("expected " + 2 * count + " own events, found " + mine);
                    JdbcInventoryStore inventory = new JdbcInventoryStore(db, SecretCipher.inDirectory(dir));
                    inventory.saveServer(Samples.server(name, "pw-" + name), List.of(Samples.hotStandby(name + "-hs", name)));
                    if (!("pw-" + name).equals(inventory.server(name).orElseThrow().connection().password())) {
                        throw new IllegalStateException("password did not round-trip");
                    }
                }
            }
            case "host" -> {
                String name = args[2];
                int count = Integer.parseInt(args[3]);
                try (Database db = Database.open(dir)) {
                    write(new JdbcStateStore(db), name, 0, count);
                    Files.createFile(Path.of(args[4]));
                    awaitFile(Path.of(args[5]));
                }
            }
            case "change" -> {
                try (Database db = Database.open(dir)) {
                    ChangeActivity activity = new ChangeActivity(new JdbcActivityStore(db), "tandem watch",
                            java.time.Clock.systemUTC());
                    try (ChangeActivity.Running running = activity.begin(args[2], "'Reserve 10.0.0.9'")) {
                        Files.createFile(Path.of(args[3]));
                        awaitFile(Path.of(args[4]));
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static void write(JdbcStateStore states, String name, int from, int count) throws InterruptedException {
        for (int i = from; i < from + count; i++) {
            states.appendEvent(new StatusEvent(Instant.now(), name, null, RelationshipStatus.OK, name + " #" + i));
            if (i % 10 == 9) {
                List<StatusEvent> recent = states.events(20);
                if (recent.isEmpty()) throw new IllegalStateException("no events visible");
            }
            Thread.sleep(3);
        }
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("timed out waiting for " + file);
            Thread.sleep(10);
        }
    }
}
