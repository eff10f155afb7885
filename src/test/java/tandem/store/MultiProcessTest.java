package tandem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.time.Clock;
import tandem.core.Assessment;
import tandem.core.ChangeActivity;
import tandem.core.RelationshipStatus;
import tandem.core.StatusEvent;

/** The console and command-line processes share one data folder at the same time. */
class MultiProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir Path tmp;
    private final List<Process> started = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    @AfterEach void stopLeftovers() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test void twoProcessesWriteAndReadTogetherAndTheSecondOutlivesTheFirst() throws Exception {
        Path dir = tmp.resolve("data");
        Database db = Database.open(dir);
        try {
            JdbcStateStore states = new JdbcStateStore(db);
            Path ready = tmp.resolve("ready");
            Path phaseDone = tmp.resolve("phase-done");
            Path resume = tmp.resolve("resume");
            Process child = start("writer", dir.toString(), "child", "100", ready.toString(), phaseDone.toString(),
                    resume.toString());
            awaitFile(ready, child);

            StoreClientProcess.write(states, "parent", 0, 100);
            JdbcInventoryStore inventory = new JdbcInventoryStore(db, SecretCipher.inDirectory(dir));
            inventory.saveServer(Samples.server("parent", "pw-parent"), List.of(Samples.hotStandby("parent-hs", "parent")));
            awaitFile(phaseDone, child);
            assertEquals(200, states.events(1000).size(), "both processes' events are visible here");

            db.close();
            db = null;
            Files.createFile(resume);
            assertExitsCleanly(child);
        } finally {
            if (db != null) db.close();
        }

        try (Database again = Database.open(dir)) {
            List<StatusEvent> events = new JdbcStateStore(again).events(1000);
            assertEquals(100, events.stream().filter(e -> e.relationship().equals("parent")).count());
            assertEquals(200, events.stream().filter(e -> e.relationship().equals("child")).count());
            JdbcInventoryStore inventory = new JdbcInventoryStore(again, SecretCipher.inDirectory(dir));
            assertEquals(List.of("child", "parent"), inventory.servers().stream().map(s -> s.name()).toList());
            assertEquals("pw-child", inventory.server("child").orElseThrow().connection().password(),
                    "both processes used one key");
        }
    }

    @Test void othersCarryOnWhenTheOwningProcessExits() throws Exception {
        Path dir = tmp.resolve("data");
        Path ready = tmp.resolve("ready");
        Path exit = tmp.resolve("exit");
        Process host = start("host", dir.toString(), "host", "10", ready.toString(), exit.toString());
        awaitFile(ready, host);
        try (Database db = Database.open(dir)) { // served by the other process
            JdbcStateStore states = new JdbcStateStore(db);
            StoreClientProcess.write(states, "client", 0, 10);
            assertEquals(20, states.events(100).size());

            Files.createFile(exit);
            assertExitsCleanly(host);

            StoreClientProcess.write(states, "client", 10, 10); // this process now owns the file
            assertEquals(30, states.events(100).size());
            new JdbcPreferenceStore(db).save(tandem.core.Preferences.defaults());

            Path go = tmp.resolve("go");
            Files.createFile(go);
            assertExitsCleanly(start("open", dir.toString(), go.toString()));
        }
    }

    @Test void othersCarryOnWhenTheOwningProcessIsKilled() throws Exception {
        Path dir = tmp.resolve("data");
        Path ready = tmp.resolve("ready");
        Process host = start("host", dir.toString(), "host", "5", ready.toString(), tmp.resolve("never").toString());
        awaitFile(ready, host);
        try (Database db = Database.open(dir)) {
            JdbcStateStore states = new JdbcStateStore(db);
            StoreClientProcess.write(states, "client", 0, 5);
            host.destroyForcibly();
            assertTrue(host.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
            long start = System.nanoTime();
            StoreClientProcess.write(states, "client", 5, 5);
            assertEquals(15, states.events(100).size());
            assertTrue(System.nanoTime() - start < WAIT.toNanos(), "took over in time");
        }
    }

    @Test void aChangeUnderWayInAnotherProcessExplainsTheStatusHereUntilThatProcessEnds() throws Exception {
        Path dir = tmp.resolve("data");
        Assessment impaired = new Assessment(RelationshipStatus.IMPAIRED, "s2", List.of("Peer s1 is in syncing"));
        try (Database db = Database.open(dir)) {
            ChangeActivity here = new ChangeActivity(new JdbcActivityStore(db), "the console", Clock.systemUTC());

            Path ready = tmp.resolve("ready");
            Process watch = start("change", dir.toString(), "pair", ready.toString(), tmp.resolve("end").toString());
            awaitFile(ready, watch);
            assertEquals(List.of("Peer s1 is in syncing",
                            "expected while tandem watch (pid " + watch.pid() + ") applies 'Reserve 10.0.0.9'"),
                    here.explain("pair", impaired).reasons());
            assertEquals(impaired, here.explain("other", impaired), "only the relationship being changed");

            Files.createFile(tmp.resolve("end"));
            assertExitsCleanly(watch);
            assertEquals(impaired, here.explain("pair", impaired), "the change ended with its process");

            Path ready2 = tmp.resolve("ready2");
            Process crashed = start("change", dir.toString(), "pair", ready2.toString(), tmp.resolve("never").toString());
            awaitFile(ready2, crashed);
            assertTrue(here.current("pair").isPresent());
            crashed.destroyForcibly();
            assertTrue(crashed.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(impaired, here.explain("pair", impaired), "a killed process's change is not under way");
            assertEquals(List.of(), new JdbcActivityStore(db).running("pair"), "and its record is gone");

            try (ChangeActivity.Running mine = here.begin("pair", "a synchronization from the source of truth")) {
                assertEquals("expected while this console applies a synchronization from the source of truth",
                        here.explain("pair", impaired).reasons().get(1));
            }
            assertEquals(impaired, here.explain("pair", impaired));
        }
    }

    @Test void concurrentFirstOpensAcrossProcessesMigrateOnce() throws Exception {
        Path dir = tmp.resolve("data");
        Path go = tmp.resolve("go");
        int children = 3;
        List<Process> openers = new ArrayList<>();
        for (int i = 0; i < children; i++) openers.add(start("open", dir.toString(), go.toString()));
        // each child marks that it is waiting, so all of them race for the fresh folder together
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (countWaiting(go) < children) {
            for (Process p : openers) if (!p.isAlive()) fail("child ended early: " + logOf(p));
            if (System.nanoTime() > deadline) fail("children did not start in time");
            Thread.sleep(20);
        }
        Files.createFile(go);
        try (Database db = Database.open(dir)) {
            for (Process p : openers) assertExitsCleanly(p);
            assertEquals(DatabaseTest.shippedMigrations(), DatabaseTest.appliedMigrations(db));
        }
    }

    private static long countWaiting(Path go) throws IOException {
        try (var files = Files.list(go.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith(go.getFileName() + ".")).count();
        }
    }

    private Process start(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), StoreClientProcess.class.getName()));
        command.addAll(List.of(args));
        Path log = tmp.resolve("child-" + started.size() + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        logs.add(log);
        return p;
    }

    private void awaitFile(Path file, Process child) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file)) {
            if (!child.isAlive()) fail("child exited with " + child.exitValue() + " before " + file.getFileName()
                    + ":\n" + logOf(child));
            if (System.nanoTime() > deadline) fail("timed out waiting for " + file.getFileName() + ":\n" + logOf(child));
            Thread.sleep(10);
        }
    }

    private void assertExitsCleanly(Process child) throws Exception {
        if (!child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) fail("child still running:\n" + logOf(child));
        assertEquals(0, child.exitValue(), () -> "child failed:\n" + logOf(child));
    }

    private String logOf(Process p) {
        Path log = logs.get(started.indexOf(p));
        try {
            List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.contains(" DEBUG ")).toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
