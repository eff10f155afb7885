package tandem.app;

import tandem.services.Services;
import static org.junit.jupiter.api.Assertions.*;
import static tandem.lab.KeaLab.hasReservation;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.ImportResult;
import tandem.core.change.ChangeLocks;
import tandem.core.port.AuditStore;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.core.port.ReplicationStore.Target;
import tandem.core.port.ReplicationStore.TargetOutcome;
import tandem.lab.KeaLab;

/**
 * Every Kea change through the change runner, with real processes on one data folder and a real Kea pair: writers
 * in separate processes take turns, a writer that cannot get its turn names the holder, a process killed in the
 * middle of a change leaves an entry the next command settles, and nothing is lost.
 */
@Tag("kea")
class ChangePipelineLabTest {
    private static final String SUBNET = "10.10.0.0/24";
    private static KeaLab lab;

    @TempDir Path data;
    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void startLab() {
        lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0);
        lab.awaitStable(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) lab.close();
    }

    @AfterEach
    void endStartedProcesses() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Services console() {
        Services services = Services.open(data, "the console");
        ImportResult added = services.inventory().add(Backend.KEA, "pair", ConnectionSettings.of(lab.caUrl(1)));
        assertInstanceOf(ImportResult.Accepted.class, added, added::toString);
        return services;
    }

    @Test
    void threeProcessesAddingReservationsAtOnceAllLandOrNameTheHolder() throws Exception {
        try (Services console = console()) {
            List<Process> writers = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                writers.add(tandem(List.of(), "reservation", "add", "pair", "--subnet", SUBNET,
                        "--mac", "02:d1:00:00:00:0" + i, "--ip", "10.10.0.21" + i));
            }
            List<Integer> codes = new ArrayList<>();
            for (Process p : writers) codes.add(exitOf(p, 180));
            var s1 = lab.dhcp4(1);
            var s2 = lab.dhcp4(2);
            int landed = 0;
            for (int i = 1; i <= 3; i++) {
                String ip = "10.10.0.21" + i;
                Process p = writers.get(i - 1);
                if (codes.get(i - 1) == 0) {
                    landed++;
                    assertTrue(hasReservation(s1, ip, "02:d1:00:00:00:0" + i), ip + " said applied but is not on server1");
                    assertTrue(hasReservation(s2, ip, "02:d1:00:00:00:0" + i), ip + " said applied but is not on server2");
                } else {
                    assertTrue(errOf(p).contains("is being changed by"), "a writer that could not proceed names the holder: " + errOf(p));
                    assertFalse(hasReservation(s1, ip), ip + " was refused but is on server1");
                }
            }
            assertEquals(3, landed, "with the default wait, each writer gets its turn: " + codes);
            // the journal says exactly what the servers hold
            List<JournalEntry> applied = console.replicationStore().recent(50).stream()
                    .filter(e -> e.kind().equals("kea") && e.status() == Status.APPLIED).toList();
            assertEquals(3, applied.size(), applied.toString());
            for (JournalEntry e : applied) {
                String ip = e.description().replaceAll(".*?(10\\.10\\.0\\.21\\d).*", "$1");
                assertTrue(hasReservation(s1, ip) && hasReservation(s2, ip), e.description());
                assertEquals("tandem reservation add", e.process());
                Map<String, TargetOutcome> outcomes = console.replicationStore().targets(e.id()).stream()
                        .collect(Collectors.toMap(Target::server, Target::outcome));
                assertEquals(Map.of("server1", TargetOutcome.APPLIED, "server2", TargetOutcome.APPLIED), outcomes);
            }
            assertTrue(console.replicationStore().unsettled().isEmpty());
            List<AuditStore.AuditRecord> audit = console.auditStore().find(new AuditStore.Query("pair", null, null, null, 50));
            assertEquals(3, audit.stream().filter(r -> r.outcome().equals("applied")).count(), audit.toString());
        }
    }

    @Test
    void aWriterThatCannotGetItsTurnIsRefusedWithTheHolderAndChangesNothing() throws Exception {
        try (Services console = console()) {
            console.poller().refresh();
            try (ChangeLocks.Held held = console.runner().locks().acquire(
                    List.of("relationship:pair"), "a long edit", Duration.ZERO)) {
                Process p = tandem(List.of("-Dtandem.lockWaitSeconds=2"), "reservation", "add", "pair",
                        "--subnet", SUBNET, "--mac", "02:d2:00:00:00:01", "--ip", "10.10.0.221");
                assertEquals(1, exitOf(p, 90), errOf(p));
                String err = errOf(p);
                assertTrue(err.contains("is being changed by the console (pid " + ProcessHandle.current().pid()), err);
                assertTrue(err.contains("a long edit"), err);
                assertTrue(err.contains("Nothing was changed"), err);
            }
            assertFalse(hasReservation(lab.dhcp4(1), "10.10.0.221"));
            assertFalse(hasReservation(lab.dhcp4(2), "10.10.0.221"));
        }
    }

    @Test
    void aProcessKilledAfterTheSourceOfTruthIsSettledByTheNextCommand() throws Exception {
        try (Services console = console()) {
            Process writer = tandem(List.of(), "reservation", "add", "pair", "--subnet", SUBNET,
                    "--mac", "02:d3:00:00:00:01", "--ip", "10.10.0.231");
            JournalEntry entry = awaitSourceOfTruthWritten(console, writer);
            writer.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
            assertTrue(hasReservation(lab.dhcp4(1), "10.10.0.231"), "the source of truth had it when the writer died");
            assertFalse(hasReservation(lab.dhcp4(2), "10.10.0.231"), "killed before the peer was written");
            assertEquals(Status.IN_PROGRESS, console.replicationStore().entry(entry.id()).orElseThrow().status());

            // the next command finds the entry, settles it, then applies its own change
            Process next = tandem(List.of(), "reservation", "add", "pair", "--subnet", SUBNET,
                    "--mac", "02:d3:00:00:00:02", "--ip", "10.10.0.232");
            assertEquals(0, exitOf(next, 120), errOf(next));
            for (String ip : List.of("10.10.0.231", "10.10.0.232")) {
                assertTrue(hasReservation(lab.dhcp4(1), ip), ip + " on server1");
                assertTrue(hasReservation(lab.dhcp4(2), ip), ip + " on server2");
            }
            JournalEntry settled = console.replicationStore().entry(entry.id()).orElseThrow();
            assertEquals(Status.APPLIED, settled.status());
            assertNotNull(settled.inverse(), "the inverse was journaled before the servers were touched");
            AuditStore.AuditRecord record = console.auditStore().find(new AuditStore.Query("pair", null, null, null, 50))
                    .stream().filter(r -> r.description().startsWith("Settle change #" + entry.id())).findFirst()
                    .orElseThrow(() -> new AssertionError("no audit record of the settlement"));
            assertEquals("tandem reservation add", record.process());
            assertTrue(record.outcome().contains("server1 holds the change"), record.outcome());
            assertEquals("verified", record.servers().get("server2"));
            AuditStore.AuditRecord killed = console.auditStore().find(AuditStore.Query.all(50)).stream()
                    .filter(r -> entry.id() == (r.journalId() == null ? -1 : r.journalId()) && !r.description().startsWith("Settle"))
                    .findFirst().orElse(null);
            assertNull(killed, "the killed process wrote no audit record of its own: " + killed);
        }
    }

    /** Waits until the writer's journal entry records the source of truth as written, and returns the entry. */
    private static JournalEntry awaitSourceOfTruthWritten(Services console, Process writer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!writer.isAlive()) fail("the writer ended before the source of truth was written: " + writer.exitValue());
            for (JournalEntry e : console.replicationStore().unsettled()) {
                boolean sotWritten = console.replicationStore().targets(e.id()).stream()
                        .anyMatch(t -> t.server().equals("server1") && t.outcome() == TargetOutcome.APPLIED);
                if (sotWritten) return e;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the source of truth was not written within 90 s");
    }

    private Process tandem(List<String> jvmOptions, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "tandem.app.Launcher", "--data", data.toString()));
        cmd.addAll(List.of(args));
        File err = Files.createTempFile(data.getParent(), "tandem-err", ".txt").toFile();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err).start();
        started.add(p);
        errs.put(p, err.toPath());
        return p;
    }

    private final Map<Process, Path> errs = new java.util.concurrent.ConcurrentHashMap<>();

    private String errOf(Process p) {
        try {
            return Files.readString(errs.get(p), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private int exitOf(Process p, int seconds) throws InterruptedException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) fail("a command did not finish within " + seconds + " s: " + errOf(p));
        return p.exitValue();
    }
}
