package tandem.core;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import tandem.core.port.ActivityStore;
import tandem.core.port.ActivityStore.Activity;

/**
 * The configuration changes being applied right now, per relationship, by this process or any other on the same
 * data folder (a console, {@code tandem watch}, a command). A Kea server restarts its HA service after every
 * config-set (waiting, syncing, ready) and dhcpd restarts after a safe write, so a relationship shows a worse status
 * for a moment while it is changed; a status seen meanwhile names the change, and the administrator knows where it
 * came from.
 */
public final class ChangeActivity {
    /** An activity under way; closing it ends it. */
    public interface Running extends AutoCloseable {
        @Override
        void close();
    }

    /** No change takes this long; a record older than this was left by a process that did not end it. */
    static final Duration LONGEST = Duration.ofMinutes(30);

    private final ActivityStore store;
    private volatile String owner;
    private final long pid;
    private final Supplier<String> host;
    private final LongPredicate processAlive;
    private final Clock clock;

    /** Activities of this process only, kept in memory. */
    public ChangeActivity() {
        this(new InMemory(), "the console", Clock.systemUTC());
    }

    /** @param owner this process as a person reads it: "the console", "tandem watch", "a tandem command" */
    public ChangeActivity(ActivityStore store, String owner, Clock clock) {
        this(store, owner, ProcessHandle.current().pid(), LocalHost::name,
                p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false), clock);
    }

    ChangeActivity(ActivityStore store, String owner, long pid, Supplier<String> host, LongPredicate processAlive,
                   Clock clock) {
        this.store = store;
        this.owner = owner;
        this.pid = pid;
        this.host = host;
        this.processAlive = processAlive;
        this.clock = clock;
    }

    /** Names this process from now on, e.g. once the command line knows it runs {@code tandem watch}. */
    public void ownedBy(String owner) {
        this.owner = owner;
    }

    /** This process as others name it. */
    public String owner() {
        return owner;
    }

    /** Marks {@code relationship} as being changed by {@code description} until the returned handle is closed. */
    public Running begin(String relationship, String description) {
        // like the explanation it feeds, the record never stands in the way of the change itself
        long id;
        try {
            id = store.begin(new Activity(0, relationship, description, owner, pid, host.get(), clock.instant()));
        } catch (RuntimeException storeUnavailable) {
            return () -> { };
        }
        return () -> {
            try {
                store.end(id);
            } catch (RuntimeException storeUnavailable) {
                // left behind, the record is discarded once this process has ended or after LONGEST
            }
        };
    }

    /** The newest change under way on the relationship, by any live process. */
    public Optional<Activity> current(String relationship) {
        Activity newest = null;
        for (Activity a : store.running(relationship)) {
            if (live(a)) newest = a;
            else store.end(a.id());
        }
        return Optional.ofNullable(newest);
    }

    /** The assessment with the change under way named as the likely cause of a status other than OK. */
    public Assessment explain(String relationship, Assessment assessment) {
        if (assessment.status() == RelationshipStatus.OK) return assessment;
        Optional<Activity> running;
        try {
            running = current(relationship);
        } catch (RuntimeException storeUnavailable) {
            // the explanation is a courtesy: a status is never lost for want of it
            return assessment;
        }
        if (running.isEmpty()) return assessment;
        Activity a = running.get();
        List<String> reasons = new ArrayList<>(assessment.reasons());
        reasons.add("expected while " + who(a) + " applies " + a.description());
        return new Assessment(assessment.status(), assessment.sourceOfTruth(), reasons);
    }

    private boolean ours(Activity a) {
        return a.pid() == pid && a.host().equals(host.get());
    }

    private boolean live(Activity a) {
        if (ours(a)) return true;
        boolean recent = a.startedAt() == null || Duration.between(a.startedAt(), clock.instant()).compareTo(LONGEST) < 0;
        return recent && (!a.host().equals(host.get()) || processAlive.test(a.pid()));
    }

    private String who(Activity a) {
        if (ours(a)) return "the console".equals(owner) ? "this console" : owner;
        return a.owner() + " (pid " + a.pid() + (a.host().equals(host.get()) ? "" : " on " + a.host()) + ")";
    }

    /** Looked up once, when first needed: a slow resolver must not hold up opening the services. */
    private static final class LocalHost {
        static final String NAME = lookUp();

        static String name() {
            return NAME;
        }

        private static String lookUp() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                return "localhost";
            }
        }
    }

    /** Activities of one process, for tests and for services without a data folder. */
    static final class InMemory implements ActivityStore {
        private final AtomicLong ids = new AtomicLong();
        private final ConcurrentHashMap<Long, Activity> rows = new ConcurrentHashMap<>();

        @Override
        public long begin(Activity a) {
            long id = ids.incrementAndGet();
            rows.put(id, new Activity(id, a.relationship(), a.description(), a.owner(), a.pid(), a.host(), a.startedAt()));
            return id;
        }

        @Override
        public void end(long id) {
            rows.remove(id);
        }

        @Override
        public List<Activity> running(String relationship) {
            return rows.values().stream().filter(a -> a.relationship().equals(relationship))
                    .sorted(java.util.Comparator.comparingLong(Activity::id)).toList();
        }
    }
}
