package tandem.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tandem.core.port.RoundTrips;

/**
 * Each peer's probe times over the last {@link #KEPT_FOR}, at most {@link #CAPACITY} samples a peer: a day at a
 * one-minute poll, the last four hours at the default ten seconds. Samples are packed in a ring of primitives, so a
 * thousand relationships cost a few tens of megabytes at most.
 */
final class RoundTripRecorder implements RoundTrips {
    static final Duration KEPT_FOR = Duration.ofHours(24);
    static final int CAPACITY = 1440;

    private final int capacity;
    private final Map<String, Map<String, Ring>> byRelationship = new ConcurrentHashMap<>();

    RoundTripRecorder() { this(CAPACITY); }

    RoundTripRecorder(int capacity) { this.capacity = capacity; }

    void record(String relationship, String peer, Instant at, Duration roundTrip, boolean answered) {
        byRelationship.computeIfAbsent(relationship, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(peer, p -> new Ring(capacity))
                .add(at.toEpochMilli(), roundTrip.toNanos() / 1000, answered);
    }

    /** Drops the samples of relationships that left the inventory. */
    void keepOnly(Collection<String> relationships) {
        byRelationship.keySet().retainAll(java.util.Set.copyOf(relationships));
    }

    @Override public Map<String, List<Sample>> of(String relationship) {
        Map<String, Ring> peers = byRelationship.get(relationship);
        if (peers == null) return Map.of();
        Map<String, List<Sample>> out = new LinkedHashMap<>();
        new java.util.TreeMap<>(peers).forEach((peer, ring) -> out.put(peer, ring.samples()));
        return out;
    }

    /** Oldest overwritten first; samples older than {@link #KEPT_FOR} than the newest are left out when read. */
    private static final class Ring {
        private final long[] atMillis;
        /** Microseconds; negative when the peer did not answer. */
        private final long[] micros;
        private int next;
        private int size;

        Ring(int capacity) {
            atMillis = new long[capacity];
            micros = new long[capacity];
        }

        synchronized void add(long at, long roundTripMicros, boolean answered) {
            atMillis[next] = at;
            micros[next] = answered ? roundTripMicros : -roundTripMicros - 1;
            next = (next + 1) % atMillis.length;
            if (size < atMillis.length) size++;
        }

        synchronized List<Sample> samples() {
            List<Sample> out = new ArrayList<>(size);
            int start = (next - size + atMillis.length) % atMillis.length;
            long newest = size == 0 ? 0 : atMillis[(next - 1 + atMillis.length) % atMillis.length];
            long oldestKept = newest - KEPT_FOR.toMillis();
            for (int i = 0; i < size; i++) {
                int k = (start + i) % atMillis.length;
                if (atMillis[k] < oldestKept) continue;
                long m = micros[k];
                boolean answered = m >= 0;
                out.add(new Sample(Instant.ofEpochMilli(atMillis[k]), Duration.ofNanos((answered ? m : -m - 1) * 1000),
                        answered));
            }
            return List.copyOf(out);
        }
    }
}
