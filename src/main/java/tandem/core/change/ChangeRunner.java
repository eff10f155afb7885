package tandem.core.change;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tandem.core.ChangeActivity;
import tandem.core.access.AccessPolicy;
import tandem.core.port.AuditStore;
import tandem.core.port.AuditStore.AuditRecord;
import tandem.core.port.ReplicationStore;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.core.port.ReplicationStore.Target;
import tandem.core.port.ReplicationStore.TargetOutcome;

/**
 * The one place every change to a server passes through. For each {@link ChangeJob} it
 * <ol>
 * <li>takes the job's locks, shared with every process on the data folder, waiting a bounded time;</li>
 * <li>writes the journal entry before the first server is touched, then each server's outcome as it happens;</li>
 * <li>announces the change on the relationships whose status it explains;</li>
 * <li>settles the entry (applied, failed, unknown, ...) and appends an audit record with the redacted diff.</li>
 * </ol>
 * Entries left unsettled by a process that died, or by a server that never answered, are settled by the backend's
 * {@link Settler} ({@link #settleAbandoned}).
 */
public final class ChangeRunner {
    // the JDK's logger: the core depends on nothing but the JDK (routed to the application's logging)
    private static final System.Logger LOG = System.getLogger(ChangeRunner.class.getName());

    private final ChangeLocks locks;
    private final ReplicationStore journal;
    private final AuditStore audit;
    private final ChangeActivity activity;
    private final Supplier<Actor> actor;
    private final Supplier<Duration> lockWait;
    private final Clock clock;
    private final Map<String, Settler> settlers = new ConcurrentHashMap<>();
    private volatile AccessPolicy access = AccessPolicy.EVERYTHING;

    public ChangeRunner(ChangeLocks locks, ReplicationStore journal, AuditStore audit, ChangeActivity activity,
                        Supplier<Actor> actor, Supplier<Duration> lockWait, Clock clock) {
        this.locks = locks;
        this.journal = journal;
        this.audit = audit;
        this.activity = activity;
        this.actor = actor;
        this.lockWait = lockWait;
        this.clock = clock;
    }

    /** A runner whose locks and audit trail live in this process only (tests, services without a data folder). */
    public static ChangeRunner local(ReplicationStore journal, Clock clock) {
        Supplier<Actor> actor = () -> Actor.current("the console");
        return new ChangeRunner(new ChangeLocks(InMemoryStores.locks(), actor, clock), journal, InMemoryStores.audit(),
                new ChangeActivity(), actor, () -> Duration.ofSeconds(60), clock);
    }

    /** The settler for entries of one kind of change. */
    public void register(String kind, Settler settler) {
        settlers.put(kind, settler);
    }

    public ChangeLocks locks() { return locks; }

    /** Who changes servers from this process. */
    public Actor actor() { return actor.get(); }

    /** Whose permissions every job is checked against (a team member's; everything alone on a data folder). */
    public void access(AccessPolicy policy) { this.access = policy; }

    public AccessPolicy access() { return access; }

    /** @throws tandem.core.access.PermissionDenied before anything is locked, journaled or sent */
    public <R> R run(ChangeJob<R> job) {
        access.check(job.needs());
        Duration wait = job.lockWait() == null ? lockWait.get() : job.lockWait();
        try (ChangeLocks.Held held = locks.acquire(job.locks(), job.description(), wait)) {
            Actor who = actor.get();
            long id = journal.begin(job.relationship(), job.kind(), job.journaled(), job.description(), null,
                    who.user(), who.processName(), who.host(), who.pid(), clock.instant());
            RunContext ctx = new RunContext(id, job.servers());
            List<ChangeActivity.Running> announced = new ArrayList<>();
            for (String rel : job.announcedOn()) announced.add(activity.begin(rel, "'" + job.description() + "'"));
            try {
                R result = job.apply(ctx);
                Status status = ctx.settleAs == null ? ctx.defaultStatus() : ctx.settleAs;
                journal.settle(id, status, ctx.appliedTo, ctx.inverse, clock.instant());
                record(who, job, ctx, job.outcome(result, ctx), id);
                return result;
            } catch (RuntimeException e) {
                Status status = ctx.touched() ? Status.UNKNOWN : Status.FAILED;
                safely(() -> journal.settle(id, status, ctx.appliedTo, null, clock.instant()));
                String outcome = ctx.touched() ? "unknown: " + e.getMessage() : "not applied: " + e.getMessage();
                safely(() -> record(who, job, ctx, outcome, id));
                throw e;
            } finally {
                announced.forEach(ChangeActivity.Running::close);
            }
        }
    }

    /** Settles every entry that nobody is applying any more; returns what was done, one line per entry. */
    public List<String> settleAbandoned() {
        return settleAbandoned(null);
    }

    /** The same for one relationship (null for every one). */
    public List<String> settleAbandoned(String relationship) {
        List<String> done = new ArrayList<>();
        Actor me = actor.get();
        for (JournalEntry e : journal.unsettled()) {
            if (relationship != null && !relationship.equals(e.relationship())) continue;
            if (e.status() == Status.IN_PROGRESS
                    && me.process().considersAlive(new ProcessId(e.host(), e.pid()), e.createdAt(), clock.instant(),
                    ProcessId.ALIVE_HERE)) {
                continue;
            }
            Settler settler = settlers.get(e.kind());
            if (settler == null) continue;
            try (ChangeLocks.Held held = locks.acquire(settler.locks(e), "settling change #" + e.id(), Duration.ZERO)) {
                JournalEntry now = journal.entry(e.id()).orElse(null);
                if (now == null || (now.status() != Status.IN_PROGRESS && now.status() != Status.UNKNOWN)) continue;
                Settler.Settlement s = settler.settle(now, journal.targets(now.id()));
                journal.settle(now.id(), s.status(), now.appliedTo(), now.inverse(), clock.instant());
                String line = "Change #" + now.id() + " ('" + now.description() + "') left " + now.status()
                        .name().toLowerCase().replace('_', ' ') + " by " + now.process() + " (pid " + now.pid()
                        + "): " + s.note();
                audit.append(new AuditRecord(0, clock.instant(), me.user(), me.host(), me.processName(),
                        now.relationship(), now.kind(), "Settle change #" + now.id() + ": " + now.description(),
                        s.servers(), "settled: " + s.note(), "", now.id()));
                LOG.log(System.Logger.Level.INFO, "{0}: {1}", now.relationship(), line);
                done.add(line);
            } catch (ChangeBlocked busy) {
                LOG.log(System.Logger.Level.DEBUG, "Change #{0} is being settled elsewhere: {1}", e.id(), busy.getMessage());
            } catch (RuntimeException failed) {
                LOG.log(System.Logger.Level.WARNING, "Change #{0} could not be settled yet: {1}", e.id(), failed.getMessage());
            }
        }
        return done;
    }

    private void record(Actor who, ChangeJob<?> job, RunContext ctx, String outcome, long id) {
        Map<String, String> servers = new LinkedHashMap<>();
        for (String s : job.servers()) servers.put(s, "not changed");
        for (Target t : journal.targets(id)) {
            servers.put(t.server(), t.outcome().name().toLowerCase() + (t.detail() == null || t.detail().isBlank()
                    ? "" : ": " + t.detail()));
        }
        audit.append(new AuditRecord(0, clock.instant(), who.user(), who.host(), who.processName(), job.relationship(),
                job.kind(), job.description(), servers, outcome, Redaction.redact(job.diff()), id));
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not record the failure of a change: {0}", e.getMessage());
        }
    }

    private final class RunContext implements ChangeJob.Context {
        final long id;
        final List<String> servers;
        final Map<String, TargetOutcome> outcomes = new LinkedHashMap<>();
        Status settleAs;
        String appliedTo;
        String inverse;

        RunContext(long id, List<String> servers) {
            this.id = id;
            this.servers = servers;
        }

        @Override public long journalId() { return id; }

        @Override public void target(String server, TargetOutcome outcome, String detail) {
            outcomes.put(server, outcome);
            journal.recordTarget(id, server, outcome, detail == null ? null : Redaction.redact(detail), clock.instant());
        }

        @Override public void settleAs(Status status) { settleAs = status; }

        // both are journaled at once: an entry settled after a crash still knows where it went and how to undo it
        @Override public void appliedTo(String server) {
            appliedTo = server;
            journal.settle(id, Status.IN_PROGRESS, appliedTo, inverse, clock.instant());
        }

        @Override public void inverse(String journaled) {
            inverse = journaled;
            journal.settle(id, Status.IN_PROGRESS, appliedTo, inverse, clock.instant());
        }

        boolean touched() {
            return outcomes.values().stream().anyMatch(o -> o == TargetOutcome.APPLIED || o == TargetOutcome.UNKNOWN);
        }

        Status defaultStatus() {
            if (outcomes.containsValue(TargetOutcome.UNKNOWN)) return Status.UNKNOWN;
            if (!outcomes.isEmpty() && !outcomes.containsValue(TargetOutcome.APPLIED)) return Status.FAILED;
            return Status.APPLIED;
        }

        @Override public String summary() {
            if (outcomes.containsValue(TargetOutcome.UNKNOWN)) return "unknown";
            boolean any = outcomes.containsValue(TargetOutcome.APPLIED);
            boolean all = !outcomes.isEmpty() && outcomes.values().stream()
                    .allMatch(o -> o == TargetOutcome.APPLIED || o == TargetOutcome.SKIPPED);
            if (all) return "applied";
            return any ? "partly applied" : outcomes.isEmpty() ? "applied" : "failed";
        }
    }
}
