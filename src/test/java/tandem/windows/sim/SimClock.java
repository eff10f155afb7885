package tandem.windows.sim;

import java.time.Duration;
import java.time.Instant;

/** The simulated wall clock shared by every simulated server (each may add its own offset). Settable, never real. */
public final class SimClock {
    private Instant now;

    public SimClock() { this(Instant.parse("2026-01-05T08:00:00Z")); }

    public SimClock(Instant start) { this.now = start; }

    public synchronized Instant now() { return now; }

    public synchronized void advance(Duration by) {
        if (by.isNegative()) throw new IllegalArgumentException("the simulated clock only moves forward: " + by);
        now = now.plus(by);
    }

    /** Moves to {@code to}, which must not be in the past (the failover timers measure from here). */
    synchronized void moveTo(Instant to) {
        if (to.isBefore(now)) throw new IllegalArgumentException("the simulated clock only moves forward: " + to);
        now = to;
    }
}
