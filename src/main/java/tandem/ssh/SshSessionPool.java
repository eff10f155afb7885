package tandem.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.sshd.client.SshClient;

/**
 * SSH logins kept open between polls: one login per server (per {@link SshSettings}, compared whole, so a changed
 * password, key file or jump host is a different login), all on one shared client and its I/O threads. A login
 * left unused for longer than the idle bound is closed; a login found broken when used is dropped and the work is
 * tried once more on a new login. Host keys are checked on every login exactly as by {@link SshSession#open}.
 */
public final class SshSessionPool implements AutoCloseable {
    /**
     * How long an unused login stays open. Polls come every few seconds, so a polled server keeps its login; a server
     * no longer polled (removed, or its polling stopped) gives its sshd process and session slot back within two
     * minutes, and a login is seldom old enough for a server's or firewall's idle timeout to cut it under us.
     */
    public static final Duration IDLE_BOUND = Duration.ofMinutes(2);

    /** Work done on a login; a {@link SshSession.Lost} from it means the login was broken. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(SshSession session) throws IOException;
    }

    /** One server's login; its lock is held while logging in, so a server's probes never log in twice at once. */
    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile SshSession session;
        int users;
        long lastUsed = System.nanoTime();
        boolean removed;
    }

    private record Lease(Slot slot, SshSession session, boolean fresh) {}

    private final Path knownHosts;
    private final HostKeyPrompt prompt;
    private final Duration idleBound;
    private final String name;
    // keyed by the settings themselves (a record: value equality), so no secret is ever copied into a key string
    private final ConcurrentHashMap<SshSettings, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicLong logins = new AtomicLong();
    private SshClient client;
    private ScheduledExecutorService reaper;
    private boolean closed;

    /** @param name names the pool's thread, e.g. {@code isc-ssh} */
    public SshSessionPool(String name, Path knownHosts, HostKeyPrompt prompt) {
        this(name, knownHosts, prompt, IDLE_BOUND);
    }

    public SshSessionPool(String name, Path knownHosts, HostKeyPrompt prompt, Duration idleBound) {
        this.name = name;
        this.knownHosts = knownHosts;
        this.prompt = prompt;
        this.idleBound = idleBound;
    }

    /** How many logins this pool has made (each one a full SSH login to a server). */
    public long logins() { return logins.get(); }

    /** How many logins are open now. */
    public int open() {
        int n = 0;
        for (Slot s : slots.values()) {
            SshSession session = s.session;
            if (session != null && session.isOpen()) n++;
        }
        return n;
    }

    /**
     * Runs {@code work} on the server's login, logging in first when there is none or it is closed. When a login
     * kept from before turns out broken, it is dropped and {@code work} runs once more on a new login.
     * {@code timeout} bounds a login and each command, as for {@link SshSession#open}.
     */
    public <T> T call(SshSettings settings, Duration timeout, Work<T> work) throws IOException {
        Lease lease = acquire(settings, timeout, null);
        try {
            return work.apply(lease.session());
        } catch (SshSession.Lost e) {
            drop(lease);
            // a login made just now that breaks at once is the server's answer; one kept from before is retried
            if (lease.fresh()) throw e;
        } finally {
            release(lease);
        }
        Lease again = acquire(settings, timeout, lease.session());
        try {
            return work.apply(again.session());
        } catch (SshSession.Lost e) {
            drop(again);
            throw e;
        } finally {
            release(again);
        }
    }

    private Lease acquire(SshSettings settings, Duration timeout, SshSession stale) throws IOException {
        SshClient c = client();
        while (true) {
            Slot slot = slots.computeIfAbsent(settings, k -> new Slot());
            slot.lock.lock();
            try {
                if (slot.removed) continue; // closed by the reaper meanwhile: a new slot is made
                synchronized (this) {
                    if (closed) throw new IOException("the SSH logins are closed (the console is stopping)");
                }
                if (slot.session != null && (slot.session == stale || !slot.session.isOpen())) {
                    slot.session.closeNow();
                    slot.session = null;
                }
                boolean fresh = slot.session == null;
                if (fresh) {
                    slot.session = SshSession.open(c, settings, knownHosts, prompt, timeout);
                    logins.incrementAndGet();
                }
                slot.users++;
                return new Lease(slot, slot.session, fresh);
            } finally {
                slot.lock.unlock();
            }
        }
    }

    private void release(Lease lease) {
        Slot slot = lease.slot();
        slot.lock.lock();
        try {
            slot.users--;
            slot.lastUsed = System.nanoTime();
        } finally {
            slot.lock.unlock();
        }
    }

    private void drop(Lease lease) {
        Slot slot = lease.slot();
        slot.lock.lock();
        try {
            if (slot.session == lease.session()) slot.session = null;
        } finally {
            slot.lock.unlock();
        }
        lease.session().closeNow();
    }

    private synchronized SshClient client() throws IOException {
        if (closed) throw new IOException("the SSH logins are closed (the console is stopping)");
        if (client == null) {
            client = SshSession.newClient();
            ScheduledThreadPoolExecutor r = new ScheduledThreadPoolExecutor(1, t -> {
                Thread thread = new Thread(t, name + "-idle");
                thread.setDaemon(true);
                return thread;
            });
            r.setRemoveOnCancelPolicy(true);
            long every = Math.max(10, idleBound.toMillis() / 4);
            r.scheduleWithFixedDelay(this::closeIdle, every, every, TimeUnit.MILLISECONDS);
            reaper = r;
        }
        return client;
    }

    /** Closes the logins unused for longer than the idle bound, and forgets their servers. */
    void closeIdle() {
        long now = System.nanoTime();
        for (var e : slots.entrySet()) {
            Slot slot = e.getValue();
            SshSession idle;
            // a slot locked is logging in or being used: not idle, and a slow login must not hold the others up
            if (!slot.lock.tryLock()) continue;
            try {
                if (slot.users > 0 || now - slot.lastUsed < idleBound.toNanos()) continue;
                idle = slot.session;
                slot.session = null;
                slot.removed = true;
                slots.remove(e.getKey(), slot);
            } finally {
                slot.lock.unlock();
            }
            if (idle != null) idle.close();
        }
    }

    @Override
    public void close() {
        SshClient c;
        synchronized (this) {
            if (closed) return;
            closed = true;
            c = client;
            if (reaper != null) reaper.shutdownNow();
        }
        List<SshSession> open = new ArrayList<>();
        for (Slot slot : slots.values()) {
            slot.lock.lock();
            try {
                if (slot.session != null) open.add(slot.session);
                slot.session = null;
                slot.removed = true;
            } finally {
                slot.lock.unlock();
            }
        }
        slots.clear();
        for (SshSession s : open) s.closeNow();
        if (c != null) {
            // gracefully first, as SshSession does for a client of its own: an immediate stop under reads still
            // completing makes MINA throw from a JDK thread
            try {
                if (!c.close(false).await(Duration.ofSeconds(5))) c.stop();
            } catch (IOException e) {
                c.stop();
            }
        }
    }
}
