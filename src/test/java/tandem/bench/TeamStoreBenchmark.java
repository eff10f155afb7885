package tandem.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tandem.core.Assessment;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.PeerRole;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.core.ServerRecord;
import tandem.lab.PostgresLab;
import tandem.store.Database;
import tandem.store.JdbcInventoryStore;
import tandem.store.JdbcStateStore;
import tandem.store.SecretCipher;
import tandem.store.TeamDatabase;
import tandem.store.TeamPollerLease;
import tandem.store.TeamStoreLocation;

/**
 * Ten console processes follow a team store holding 1,000 relationships; this process is the team's poller and
 * changes one relationship's status at a time. Reports how long after the poller's write commits each follower
 * shows it (median and maximum). Real PostgreSQL (Debian's) on loopback. Run with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=tandem.bench.TeamStoreBenchmark}
 * (arguments: followers, relationships, changes; default 10 1000 20).
 */
public final class TeamStoreBenchmark {
    public static void main(String[] args) throws Exception {
        int followers = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int relationships = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int changes = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        System.out.printf("Machine: %d cores, %s, Java %s, load average at start %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("java.version"), loadAverage());
        Path tmp = Files.createTempDirectory("tandem-team-bench");
        List<Process> started = new ArrayList<>();
        try (PostgresLab pg = PostgresLab.start()) {
            String password = PostgresLab.randomSecret();
            pg.createRole("poller", password);
            pg.createDatabase("team", "poller");
            TeamStoreLocation where = TeamStoreLocation.parse("postgresql://poller@127.0.0.1:" + pg.port() + "/team");
            try (Database db = TeamDatabase.open(tmp.resolve("poller"), where, password);
                 TeamPollerLease lease = new TeamPollerLease(db, Clock.systemUTC())) {
                if (!lease.poll()) throw new IllegalStateException("the benchmark must be the team's poller");
                var inventory = new JdbcInventoryStore(db, SecretCipher.inDirectory(tmp.resolve("poller")));
                var states = new JdbcStateStore(db);
                List<Relationship> rels = new ArrayList<>();
                for (int i = 0; i < relationships; i++) {
                    String name = "branch-" + i;
                    URI a = URI.create("http://10.0." + (i / 250) + "." + (i % 250) + ":8000/");
                    URI b = URI.create("http://10.1." + (i / 250) + "." + (i % 250) + ":8000/");
                    Relationship r = new Relationship(name, name, Backend.KEA, HaMode.LOAD_BALANCING,
                            List.of(new PeerDefinition(name + "-a", PeerRole.PRIMARY, a, true),
                                    new PeerDefinition(name + "-b", PeerRole.SECONDARY, b, true)),
                            false, HaParameters.NONE);
                    inventory.saveServer(new ServerRecord(name, Backend.KEA, ConnectionSettings.of(a), Instant.now()),
                            List.of(r));
                    rels.add(r);
                }
                List<RelationshipState> all = new ArrayList<>();
                for (Relationship r : rels) all.add(state(r, RelationshipStatus.OK));
                states.saveStates(all);

                BlockingQueue<String> seen = new LinkedBlockingQueue<>();
                for (int f = 0; f < followers; f++) started.add(follower(tmp.resolve("f" + f), where, password, seen));
                awaitReady(seen, followers);

                List<Long> lagsMs = new ArrayList<>();
                for (int c = 0; c < changes; c++) {
                    Relationship r = rels.get((c * 37) % rels.size());
                    RelationshipStatus to = c % 2 == 0 ? RelationshipStatus.IMPAIRED : RelationshipStatus.OK;
                    if (to == RelationshipStatus.OK) r = rels.get(((c - 1) * 37) % rels.size()); // put the last one back
                    states.saveStates(List.of(state(r, to)));
                    long committedMicros = micros(Instant.now());
                    for (int f = 0; f < followers; f++) {
                        String line = seen.poll(30, TimeUnit.SECONDS);
                        if (line == null) throw new IllegalStateException("a follower never showed change " + c);
                        String[] p = line.split(" ");
                        if (!p[1].equals(r.name()) || !p[2].equals(to.name())) {
                            throw new IllegalStateException("unexpected " + line + " for " + r.name() + " " + to);
                        }
                        lagsMs.add(Math.max(0, Long.parseLong(p[3]) - committedMicros) / 1000);
                    }
                    Thread.sleep(300);
                }
                Collections.sort(lagsMs);
                System.out.println("| followers | relationships | changes | shown after the write (median ms) | max ms |");
                System.out.println("|---:|---:|---:|---:|---:|");
                System.out.printf("| %d | %d | %d | %d | %d |%n", followers, relationships, changes,
                        lagsMs.get(lagsMs.size() / 2), lagsMs.get(lagsMs.size() - 1));
                System.out.println("Load average at end " + loadAverage());
            }
        } finally {
            for (Process p : started) p.destroy();
            for (Process p : started) p.waitFor(10, TimeUnit.SECONDS);
            for (Process p : started) p.destroyForcibly();
        }
    }

    private static RelationshipState state(Relationship r, RelationshipStatus status) {
        Instant now = Instant.now();
        Map<String, PeerObservation> peers = Map.of(
                r.peers().get(0).name(), new PeerObservation(r.peers().get(0).name(), true,
                        tandem.core.DaemonState.UP, "load-balancing", "primary", List.of(r.peers().get(0).name()), 1L,
                        true, false, 0L, 0L, null, now),
                r.peers().get(1).name(), status == RelationshipStatus.OK
                        ? new PeerObservation(r.peers().get(1).name(), true, tandem.core.DaemonState.UP,
                                "load-balancing", "secondary", List.of(r.peers().get(1).name()), 1L, true, false, 0L,
                                0L, null, now)
                        : PeerObservation.unreachable(r.peers().get(1).name(), "Connection refused", now));
        return new RelationshipState(r, new Assessment(status, r.peers().get(0).name(),
                status == RelationshipStatus.OK ? List.of() : List.of("Partner unreachable")), peers, now, false);
    }

    private static Process follower(Path dir, TeamStoreLocation where, String password, BlockingQueue<String> seen)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp",
                classPath(), TeamFollowerProcess.class.getName(), dir.toString(),
                where.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().write((password + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("SEEN ") || line.startsWith("READY ")) seen.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the follower ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    /** The project's class path: under exec:java it is the context class loader's, not java.class.path. */
    private static String classPath() {
        if (Thread.currentThread().getContextClassLoader() instanceof java.net.URLClassLoader loader) {
            List<String> parts = new ArrayList<>();
            for (java.net.URL u : loader.getURLs()) {
                try {
                    parts.add(Path.of(u.toURI()).toString());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (!parts.isEmpty()) return String.join(java.io.File.pathSeparator, parts);
        }
        return System.getProperty("java.class.path");
    }

    private static void awaitReady(BlockingQueue<String> seen, int followers) throws InterruptedException {
        for (int i = 0; i < followers; i++) {
            String line = seen.poll(120, TimeUnit.SECONDS);
            if (line == null || !line.startsWith("READY ")) throw new IllegalStateException("a follower did not start: " + line);
        }
        Thread.sleep(Duration.ofSeconds(3).toMillis()); // their first cycles read the initial states
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
