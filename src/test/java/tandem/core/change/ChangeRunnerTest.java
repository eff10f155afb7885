package tandem.core.change;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.ChangeActivity;
import tandem.core.port.AuditStore;
import tandem.core.port.AuditStore.AuditRecord;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.core.port.ReplicationStore.TargetOutcome;
import tandem.store.Database;
import tandem.store.JdbcActivityStore;
import tandem.store.JdbcAuditStore;
import tandem.store.JdbcLockStore;
import tandem.store.JdbcReplicationStore;

/** The runner journals before a job touches anything, records outcomes as they happen, audits, settles leftovers. */
class ChangeRunnerTest {
    @TempDir Path dir;
    private Database db;
    private JdbcReplicationStore journal;
    private JdbcAuditStore audit;
    private ChangeRunner runner;
    private final Clock clock = Clock.systemUTC();

    @BeforeEach
    void open() {
        db = Database.open(dir);
        journal = new JdbcReplicationStore(db);
        audit = new JdbcAuditStore(db);
        runner = runnerAs(Actor.current("the console"));
    }

    private ChangeRunner runnerAs(Actor actor) {
        return new ChangeRunner(new ChangeLocks(new JdbcLockStore(db), () -> actor, clock), journal, audit,
                new ChangeActivity(new JdbcActivityStore(db), actor.processName(), clock), () -> actor,
                () -> Duration.ofSeconds(1), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A job that records what the journal said when it started, and reports the outcomes it is given. */
    private final class Job implements ChangeJob<String> {
        final Map<String, TargetOutcome> outcomes;
        final RuntimeException failure;
        final AtomicReference<JournalEntry> seenAtStart = new AtomicReference<>();

        Job(Map<String, TargetOutcome> outcomes, RuntimeException failure) {
            this.outcomes = outcomes;
            this.failure = failure;
        }

        @Override public String relationship() { return "pair"; }
        @Override public String kind() { return "test"; }
        @Override public String description() { return "Reserve 10.0.0.5"; }
        @Override public List<String> locks() { return List.of(ChangeLocks.relationshipLock("pair")); }
        @Override public List<String> servers() { return List.of("s1", "s2"); }
        @Override public String diff() { return "+ \"password\": \"hunter2\"\n+ \"ip-address\": \"10.0.0.5\"\n"; }
        @Override public String journaled() { return "{\"reserve\":\"10.0.0.5\"}"; }

        @Override public String apply(Context ctx) {
            seenAtStart.set(journal.entry(ctx.journalId()).orElseThrow());
            ctx.appliedTo("s1");
            ctx.inverse("{\"remove\":\"10.0.0.5\"}");
            outcomes.forEach((s, o) -> ctx.target(s, o, o == TargetOutcome.FAILED ? "refused: \"password\": \"y\"" : null));
            if (failure != null) throw failure;
            return "done";
        }
    }

    @Test
    void theEntryIsWrittenBeforeTheJobRunsAndSettledAfterwards() {
        Job job = new Job(Map.of("s1", TargetOutcome.APPLIED, "s2", TargetOutcome.APPLIED), null);
        assertEquals("done", runner.run(job));
        JournalEntry before = job.seenAtStart.get();
        assertEquals(Status.IN_PROGRESS, before.status());
        assertEquals("the console", before.process());
        assertEquals(ProcessHandle.current().pid(), before.pid());
        JournalEntry after = journal.entry(before.id()).orElseThrow();
        assertEquals(Status.APPLIED, after.status());
        assertEquals("s1", after.appliedTo());
        assertEquals("{\"remove\":\"10.0.0.5\"}", after.inverse());

        AuditRecord record = audit.find(AuditStore.Query.all(10)).get(0);
        assertEquals("applied", record.outcome());
        assertEquals(Map.of("s1", "applied", "s2", "applied"), record.servers());
        assertEquals(before.id(), record.journalId());
        assertEquals(System.getProperty("user.name"), record.user());
        assertFalse(record.diff().contains("hunter2"), record.diff());
        assertTrue(record.diff().contains("10.0.0.5"));
    }

    @Test
    void aJobThatFailsBeforeTouchingAnyServerIsNotApplied() {
        Job job = new Job(Map.of("s1", TargetOutcome.FAILED), new IllegalStateException("s1 refused config-test"));
        assertThrows(IllegalStateException.class, () -> runner.run(job));
        assertEquals(Status.FAILED, journal.entry(job.seenAtStart.get().id()).orElseThrow().status());
        AuditRecord record = audit.find(AuditStore.Query.all(10)).get(0);
        assertEquals("not applied: s1 refused config-test", record.outcome());
        assertEquals("not changed", record.servers().get("s2"));
        assertFalse(record.servers().get("s1").contains("\"y\""), "details are redacted too: " + record.servers());
    }

    @Test
    void aJobThatFailsAfterAServerTookTheChangeIsUnknownUntilSettled() {
        Job job = new Job(Map.of("s1", TargetOutcome.APPLIED), new IllegalStateException("lost the connection"));
        assertThrows(IllegalStateException.class, () -> runner.run(job));
        assertEquals(Status.UNKNOWN, journal.entry(job.seenAtStart.get().id()).orElseThrow().status());
        assertTrue(audit.find(AuditStore.Query.all(10)).get(0).outcome().startsWith("unknown"));

        List<JournalEntry> settledWith = new ArrayList<>();
        runner.register("test", new Settler() {
            @Override public List<String> locks(JournalEntry entry) { return List.of(ChangeLocks.relationshipLock("pair")); }
            @Override public Settlement settle(JournalEntry entry, List<tandem.core.port.ReplicationStore.Target> targets) {
                settledWith.add(entry);
                assertEquals(List.of("s1"), targets.stream().map(t -> t.server()).toList());
                return new Settlement(Status.APPLIED, Map.of("s1", "holds the change"), "s1 holds the change");
            }
        });
        List<String> lines = runner.settleAbandoned();
        assertEquals(1, lines.size(), lines.toString());
        assertEquals(1, settledWith.size());
        assertEquals(Status.APPLIED, journal.entry(job.seenAtStart.get().id()).orElseThrow().status());
        assertTrue(audit.find(AuditStore.Query.all(10)).get(0).description().startsWith("Settle change #"));
        assertTrue(runner.settleAbandoned().isEmpty(), "settled once");
    }

    @Test
    void anEntryInProgressIsSettledOnlyOnceItsProcessIsGone() {
        long live = journal.begin("pair", "test", "{}", "live", null, "alice", "tandem watch",
                ProcessId.current().host(), ProcessHandle.current().pid(), clock.instant());
        long dead = journal.begin("pair", "test", "{}", "dead", null, "alice", "tandem reservation add",
                ProcessId.current().host(), deadPid(), clock.instant());
        runner.register("test", new Settler() {
            @Override public List<String> locks(JournalEntry entry) { return List.of(ChangeLocks.relationshipLock("pair")); }
            @Override public Settlement settle(JournalEntry entry, List<tandem.core.port.ReplicationStore.Target> targets) {
                return new Settlement(Status.FAILED, Map.of(), "no server had been changed");
            }
        });
        assertEquals(1, runner.settleAbandoned().size());
        assertEquals(Status.IN_PROGRESS, journal.entry(live).orElseThrow().status());
        assertEquals(Status.FAILED, journal.entry(dead).orElseThrow().status());
    }

    @Test
    void aWriterInAnotherProcessHoldingTheRelationshipBlocksTheJob() {
        ChangeRunner other = runnerAs(new Actor("bob", ProcessId.current(), "tandem watch"));
        // the same pid stands for another process here: only the lock's token tells them apart
        try (ChangeLocks.Held held = other.locks().acquire(List.of(ChangeLocks.relationshipLock("pair")), "a sync", Duration.ZERO)) {
            Job job = new Job(Map.of(), null);
            ChangeBlocked blocked = assertThrows(ChangeBlocked.class, () -> runner.run(job));
            assertTrue(blocked.getMessage().contains("tandem watch"), blocked.getMessage());
            assertNull(job.seenAtStart.get(), "nothing ran, nothing was journaled");
            assertTrue(journal.recent(10).isEmpty());
        }
    }

    private static long deadPid() {
        long pid = 4_000_000;
        while (ProcessHandle.of(pid).isPresent()) pid++;
        return pid;
    }
}
