package tandem.core.change;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongPredicate;

/**
 * A process on some host, as recorded beside a lock, a journal entry or a change under way, so that what a process
 * left behind when it was killed can be told apart from what a live one holds.
 */
public record ProcessId(String host, long pid) {
    /** No change takes this long: a record from another host older than this was left by a process that died. */
    public static final Duration LONGEST_CHANGE = Duration.ofMinutes(30);

    public static ProcessId current() {
        return new ProcessId(LocalHost.NAME, ProcessHandle.current().pid());
    }

    /** Whether a process is alive on this host. */
    public static final LongPredicate ALIVE_HERE = p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false);

    /**
     * Whether {@code other}, which recorded something at {@code since}, may still be working on it: on this host it
     * is alive; on another host (a data folder on a shared disk) its record is younger than {@link #LONGEST_CHANGE}.
     */
    public boolean considersAlive(ProcessId other, Instant since, Instant now, LongPredicate aliveHere) {
        if (other.equals(this)) return true;
        if (other.host.equals(host)) return aliveHere.test(other.pid);
        return since == null || Duration.between(since, now).compareTo(LONGEST_CHANGE) < 0;
    }

    /** Looked up once, when first needed: a slow resolver must not hold up opening the services. */
    private static final class LocalHost {
        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                return "localhost";
            }
        }
    }
}
