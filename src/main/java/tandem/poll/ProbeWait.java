package tandem.poll;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long a cycle waits for its probes. Each probe carries its own timeout, counted by the transport from when the
 * request leaves (a transport that bounds the requests in flight queues the rest), so thousands of probes may take
 * many timeouts in all while every one of them is on time. The wait therefore goes on as long as probes keep
 * completing, and gives up only when none has completed for {@code idle} (longer than any single probe may take:
 * an implementation that never completes) or when {@code cap} has passed (probes that trickle in slower than one at
 * a time would).
 */
final class ProbeWait {
    /** How often progress is looked at: a cheap wake-up, and the precision of the idle window. */
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final AtomicInteger completed = new AtomicInteger();
    private final List<CompletableFuture<?>> probes = new java.util.ArrayList<>();

    /** Counts {@code probe} among those waited for; returns it for chaining. */
    <T> CompletableFuture<T> add(CompletableFuture<T> probe) {
        probes.add(probe);
        probe.whenComplete((v, e) -> completed.incrementAndGet());
        return probe;
    }

    int size() { return probes.size(); }

    /**
     * @return empty when every probe completed, or why the wait stopped before
     */
    java.util.Optional<String> await(Duration idle, Duration cap) {
        CompletableFuture<Void> all = CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new));
        long start = System.nanoTime();
        long capNanos = cap.toNanos();
        long idleNanos = idle.toNanos();
        long lastProgress = start;
        int seen = completed.get();
        while (true) {
            long now = System.nanoTime();
            if (now - start >= capNanos) {
                return java.util.Optional.of(left() + " still pending after " + cap.toMillis() + " ms in all");
            }
            if (now - lastProgress >= idleNanos) {
                return java.util.Optional.of(left() + " still pending, none answered for " + idle.toMillis() + " ms");
            }
            long slice = Math.min(SLICE_NANOS, Math.min(capNanos - (now - start), idleNanos - (now - lastProgress)));
            try {
                all.get(slice, TimeUnit.NANOSECONDS);
                return java.util.Optional.empty();
            } catch (TimeoutException e) {
                int c = completed.get();
                if (c != seen) {
                    seen = c;
                    lastProgress = System.nanoTime();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return java.util.Optional.of("interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                // a probe failed instead of completing with an observation: the others are still waited for
                if (probes.stream().allMatch(CompletableFuture::isDone)) return java.util.Optional.empty();
                lastProgress = System.nanoTime();
                all = CompletableFuture.allOf(probes.stream().filter(p -> !p.isDone())
                        .map(p -> p.exceptionally(x -> null)).toArray(CompletableFuture[]::new));
            }
        }
    }

    private String left() {
        long pending = probes.stream().filter(p -> !p.isDone()).count();
        return pending + " of " + probes.size() + " probes";
    }
}
