package tandem.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When to try again something that keeps failing: after one base interval, then two, four... up to a cap, so a peer
 * that cannot be synchronized does not cost a config-get and a config-set on every poll. One success forgets the
 * failures. Times come from the caller's clock, so tests need not sleep. Not thread-safe: one synchronizer thread.
 */
final class RetryBackoff {
    /** Longest wait between two attempts, however often they failed. */
    static final Duration CAP = Duration.ofMinutes(10);

    private record Failures(int count, Instant next) {}

    private final Map<String, Failures> failures = new HashMap<>();

    /** True when {@code key} has not failed, or its wait is over. */
    boolean due(String key, Instant now) {
        Failures f = failures.get(key);
        return f == null || !now.isBefore(f.next());
    }

    /** Records a failure at {@code now}; returns the wait before the next attempt. */
    Duration failed(String key, Instant now, Duration base) {
        int count = failures.containsKey(key) ? failures.get(key).count() + 1 : 1;
        Duration wait = delay(count, base);
        failures.put(key, new Failures(count, now.plus(wait)));
        return wait;
    }

    void succeeded(String key) { failures.remove(key); }

    /** When {@code key} will next be tried, while it is backing off. */
    Optional<Instant> next(String key) {
        return Optional.ofNullable(failures.get(key)).map(Failures::next);
    }

    /** base x 2^(count-1), at most {@link #CAP} (and never less than base when base exceeds it). */
    static Duration delay(int count, Duration base) {
        Duration cap = base.compareTo(CAP) > 0 ? base : CAP;
        int shift = Math.min(count - 1, 30);
        long capMillis = cap.toMillis();
        long baseMillis = Math.max(1, base.toMillis());
        // compared before multiplying, so a long base and many failures cannot overflow
        return baseMillis > capMillis >> shift ? cap : Duration.ofMillis(baseMillis << shift);
    }
}
