package tandem.core.change;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import tandem.core.port.LockStore;
import tandem.core.port.LockStore.Lock;

/**
 * Write locks that hold across every process on a data folder: a console, {@code tandem watch} and any number of
 * commands. A lock is stored with its owner (user, process, host, pid) and an expiry that a live holder keeps
 * moving; a lock whose holder died on this host is taken over at once, one from another host once it expired.
 * A thread that holds a lock may take it again (a change that replays the journal first, say).
 */
public final class ChangeLocks implements AutoCloseable {
    // the JDK's logger: the core depends on nothing but the JDK (routed to the application's logging)
    private static final System.Logger LOG = System.getLogger(ChangeLocks.class.getName());

    /** Locks held; closing releases them. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    static final Duration TTL = Duration.ofSeconds(90);
    private static final long POLL_MS = 150;

    /** Tokens held by every instance in this JVM: one process may open several services on one data folder. */
    private static final Set<String> HELD_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final LockStore store;
    private final Supplier<Actor> actor;
    private final LongPredicate aliveHere;
    private final Clock clock;
    private final Duration ttl;
    private final ConcurrentHashMap<String, Mine> mine = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService renewer;

    private static final class Mine {
        final Lock lock;
        final Thread thread;
        int count = 1;

        Mine(Lock lock, Thread thread) {
            this.lock = lock;
            this.thread = thread;
        }
    }

    /** What every change of a relationship locks, whatever its backend. */
    public static String relationshipLock(String relationship) {
        return "relationship:" + relationship;
    }

    public ChangeLocks(LockStore store, Supplier<Actor> actor, Clock clock) {
        this(store, actor, ProcessId.ALIVE_HERE, clock, TTL);
    }

    ChangeLocks(LockStore store, Supplier<Actor> actor, LongPredicate aliveHere, Clock clock, Duration ttl) {
        this.store = store;
        this.actor = actor;
        this.aliveHere = aliveHere;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * Takes every resource (in a fixed order, so two writers never wait on each other), waiting at most
     * {@code wait} in all; refuses with the holder's name when one is not let go in time. Nothing is held after a
     * refusal.
     */
    public Held acquire(List<String> resources, String description, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> taken = new ArrayList<>();
        try {
            for (String r : new TreeSet<>(resources)) {
                acquireOne(r, description, deadline);
                taken.add(r);
            }
        } catch (RuntimeException e) {
            taken.forEach(this::releaseOne);
            throw e;
        }
        return () -> taken.forEach(this::releaseOne);
    }

    private void acquireOne(String resource, String description, long deadline) {
        Thread me = Thread.currentThread();
        Lock holder = null;
        for (int attempt = 0; attempt < 100_000; attempt++) {
            synchronized (mine) {
                Mine m = mine.get(resource);
                if (m != null && m.thread == me) {
                    m.count++;
                    return;
                }
                if (m == null) {
                    Lock wanted = wanted(resource, description);
                    Optional<Lock> other = store.tryAcquire(wanted);
                    if (other.isEmpty()) {
                        took(resource, wanted, me);
                        return;
                    }
                    holder = other.get();
                    if (gone(holder) && store.takeOver(holder, wanted)) {
                        LOG.log(System.Logger.Level.INFO, "Took over the lock on {0} from {1}, which is gone", resource, name(holder));
                        took(resource, wanted, me);
                        return;
                    }
                } else {
                    holder = m.lock;
                }
            }
            if (System.nanoTime() > deadline) break;
            sleep(POLL_MS + ThreadLocalRandom.current().nextLong(POLL_MS));
        }
        String who = holder == null ? "another writer" : name(holder);
        throw new ChangeBlocked(what(resource) + " is being changed by " + who
                + (holder == null || holder.description() == null ? "" : ", applying " + holder.description())
                + (holder == null ? "" : ", since " + holder.acquiredAt())
                + ". Nothing was changed; try again once it is done.", who);
    }

    private void took(String resource, Lock lock, Thread me) {
        mine.put(resource, new Mine(lock, me));
        HELD_IN_THIS_PROCESS.add(lock.token());
        startRenewer();
    }

    private void releaseOne(String resource) {
        synchronized (mine) {
            Mine m = mine.get(resource);
            if (m == null) return;
            if (--m.count > 0) return;
            mine.remove(resource);
            HELD_IN_THIS_PROCESS.remove(m.lock.token());
            try {
                store.release(resource, m.lock.token());
            } catch (RuntimeException e) {
                // it expires by itself; the holder is known to be gone once this process ends
                LOG.log(System.Logger.Level.WARNING, "Could not release the lock on {0}: {1}", resource, e.getMessage());
            }
        }
    }

    private Lock wanted(String resource, String description) {
        Actor a = actor.get();
        Instant now = clock.instant();
        return new Lock(resource, UUID.randomUUID().toString(), a.user(), a.processName(), a.host(), a.pid(),
                description, now, now.plus(ttl));
    }

    private boolean gone(Lock holder) {
        Actor a = actor.get();
        if (holder.host().equals(a.host())) {
            // a stored lock with this process's pid that no instance here holds is a leftover of an earlier one
            if (holder.pid() == a.pid()) return !HELD_IN_THIS_PROCESS.contains(holder.token());
            return !aliveHere.test(holder.pid());
        }
        return holder.expiresAt().isBefore(clock.instant());
    }

    private void startRenewer() {
        if (renewer != null) return;
        synchronized (this) {
            if (renewer != null) return;
            renewer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tandem-lock-renewer");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, ttl.toMillis() / 3);
            renewer.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void renewAll() {
        for (Mine m : mine.values()) {
            try {
                if (!store.renew(m.lock.resource(), m.lock.token(), clock.instant().plus(ttl))) {
                    LOG.log(System.Logger.Level.WARNING, "The lock on {0} was taken over while this process held it", m.lock.resource());
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not renew the lock on {0}: {1}", m.lock.resource(), e.getMessage());
            }
        }
    }

    /** e.g. "tandem reservation add (pid 4711, alice on dhcp-admin)". */
    static String name(Lock l) {
        return l.processName() + " (pid " + l.pid() + ", " + l.user() + " on " + l.host() + ")";
    }

    private static String what(String resource) {
        int colon = resource.indexOf(':');
        return colon < 0 ? resource : resource.substring(colon + 1);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChangeBlocked("Interrupted while waiting for a lock; nothing was changed.", null);
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService r = renewer;
        if (r != null) r.shutdownNow();
    }
}
