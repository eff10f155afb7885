package tandem.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Polls an endpoint that keeps failing less and less often (interval x 2, x 4, ... up to x 16), so a dead agent
 * does not cost a timeout every cycle. One success, or "Refresh now", resets it.
 */
final class EndpointBackoff {
    private static final int MAX_SHIFT = 4;

    private record Failures(int count, Instant lastAttempt) {}

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    boolean due(String endpoint, Instant now, Duration interval) {
        Failures f = failures.get(endpoint);
        if (f == null || f.count() < 2) return true;
        long factor = 1L << Math.min(f.count() - 1, MAX_SHIFT);
        // half an interval of slack so a cycle that fires a little early still counts
        Instant next = f.lastAttempt().plus(interval.multipliedBy(factor)).minus(interval.dividedBy(2));
        return !now.isBefore(next);
    }

    void failed(String endpoint, Instant at) {
        failures.merge(endpoint, new Failures(1, at), (old, n) -> new Failures(old.count() + 1, at));
    }

    void succeeded(String endpoint) { failures.remove(endpoint); }

    void reset() { failures.clear(); }
}
