package tandem.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tandem.core.port.RoundTrips;

/**
 * Each peer's probe times over the last {@link #KEPT_FOR}, at most {@link #CAPACITY} samples a peer: a day at a
 * one-minute poll, the last four hours at the default ten seconds.
 * <p>
 * Twenty thousand peers must fit in a small heap, so samples are not kept as objects or fixed rings: each peer's
 * samples are varint-encoded into blocks of {@link #BLOCK} (the time as the change, in milliseconds, of the gap since
 * the previous sample; the round trip in microseconds with whether it was answered), three to five bytes a sample
 * instead of sixteen, and a peer
 * only holds the blocks it has filled. Reading decodes them; nothing is lost but sub-microsecond precision.
 */
final class RoundTripRecorder implements RoundTrips {
    static final Duration KEPT_FOR = Duration.ofHours(24);
    static final int CAPACITY = 1440;
    /** Samples in a sealed block: small enough that dropping the oldest block frees memory soon. */
    static final int BLOCK = 64;

    private final int capacity;
    private final Map<String, Map<String, Series>> byRelationship = new ConcurrentHashMap<>();

    RoundTripRecorder() { this(CAPACITY); }

    RoundTripRecorder(int capacity) { this.capacity = capacity; }

    void record(String relationship, String peer, Instant at, Duration roundTrip, boolean answered) {
        byRelationship.computeIfAbsent(relationship, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(peer, p -> new Series())
                .add(at.toEpochMilli(), Math.max(0, roundTrip.toNanos() / 1000), answered, capacity);
    }

    /** Drops the samples of relationships that left the inventory. */
    void keepOnly(Collection<String> relationships) {
        byRelationship.keySet().retainAll(java.util.Set.copyOf(relationships));
    }

    @Override public Map<String, List<Sample>> of(String relationship) {
        Map<String, Series> peers = byRelationship.get(relationship);
        if (peers == null) return Map.of();
        Map<String, List<Sample>> out = new LinkedHashMap<>();
        new java.util.TreeMap<>(peers).forEach((peer, series) -> out.put(peer, series.samples(capacity)));
        return out;
    }

    /**
     * The bytes of sample storage held for all peers: the encoded blocks' array lengths with their array headers,
     * and each peer's own fields. Maps and names, which any recorder needs, are not counted.
     */
    long retainedBytes() {
        long total = 0;
        for (Map<String, Series> peers : byRelationship.values()) {
            for (Series s : peers.values()) total += s.retainedBytes();
        }
        return total;
    }

    int peers() {
        int n = 0;
        for (Map<String, Series> peers : byRelationship.values()) n += peers.size();
        return n;
    }

    /**
     * One peer's samples, oldest first. Sealed blocks hold exactly {@link #BLOCK} samples, the first with its
     * absolute time, and end with the time of their newest sample (8 bytes) so that an expired block is found
     * without decoding it. The open block grows by doubling and is trimmed to its length when sealed.
     */
    private static final class Series {
        private static final int ARRAY_HEADER = 16;
        /** The object header and fields of a series, as a 64-bit JVM with compressed oops lays them out. */
        private static final int FIXED = 56;
        private static final byte[][] NONE = new byte[0][];

        /** A ring of sealed blocks, oldest at {@code head}. */
        private byte[][] sealed = NONE;
        private int head;
        private int sealedCount;
        private byte[] open = new byte[16];
        private int openLength;
        private int openCount;
        private long lastAt;
        private long lastDelta;

        synchronized void add(long at, long micros, boolean answered, int capacity) {
            if (openCount == BLOCK) seal();
            ensure(20);
            if (openCount == 0) {
                openLength = putVarint(open, openLength, zigzag(at));
                lastDelta = 0;
            } else {
                // cycles start about an interval apart: the change in that gap is small, most often one or two bytes
                long delta = at - lastAt;
                openLength = putVarint(open, openLength, zigzag(delta - lastDelta));
                lastDelta = delta;
            }
            openLength = putVarint(open, openLength, micros << 1 | (answered ? 0 : 1));
            openCount++;
            lastAt = at;
            // the oldest block goes once the rest still hold the capacity, or once all of it is a day older than now
            while (sealedCount > 0 && (total() - BLOCK >= capacity
                    || newestOf(sealed[head]) < at - KEPT_FOR.toMillis())) {
                sealed[head] = null;
                head = (head + 1) % sealed.length;
                sealedCount--;
            }
        }

        private int total() { return sealedCount * BLOCK + openCount; }

        private byte[] block(int i) { return sealed[(head + i) % sealed.length]; }

        private void seal() {
            byte[] block = Arrays.copyOf(open, openLength + 8);
            for (int i = 0; i < 8; i++) block[openLength + i] = (byte) (lastAt >>> (56 - 8 * i));
            if (sealedCount == sealed.length) {
                byte[][] grown = new byte[Math.max(4, sealed.length * 2)][];
                for (int i = 0; i < sealedCount; i++) grown[i] = block(i);
                sealed = grown;
                head = 0;
            }
            sealed[(head + sealedCount++) % sealed.length] = block;
            open = new byte[Math.max(16, openLength / 2)];
            openLength = 0;
            openCount = 0;
        }

        private void ensure(int more) {
            if (openLength + more > open.length) open = Arrays.copyOf(open, Math.max(open.length * 2, openLength + more));
        }

        private static long newestOf(byte[] block) {
            long v = 0;
            for (int i = block.length - 8; i < block.length; i++) v = v << 8 | (block[i] & 0xff);
            return v;
        }

        synchronized List<Sample> samples(int capacity) {
            int total = total();
            List<long[]> decoded = new ArrayList<>(total);
            for (int i = 0; i < sealedCount; i++) decode(block(i), block(i).length - 8, decoded);
            decode(open, openLength, decoded);
            if (decoded.isEmpty()) return List.of();
            long oldestKept = decoded.get(decoded.size() - 1)[0] - KEPT_FOR.toMillis();
            List<Sample> out = new ArrayList<>(Math.min(total, capacity));
            for (int i = Math.max(0, decoded.size() - capacity); i < decoded.size(); i++) {
                long[] s = decoded.get(i);
                if (s[0] < oldestKept) continue;
                out.add(new Sample(Instant.ofEpochMilli(s[0]), Duration.ofNanos((s[1] >>> 1) * 1000), (s[1] & 1) == 0));
            }
            return List.copyOf(out);
        }

        private static void decode(byte[] block, int end, List<long[]> into) {
            int[] pos = {0};
            long at = 0;
            long delta = 0;
            boolean first = true;
            while (pos[0] < end) {
                long v = unzigzag(getVarint(block, pos));
                if (first) {
                    at = v;
                } else {
                    delta += v;
                    at += delta;
                }
                first = false;
                into.add(new long[] {at, getVarint(block, pos)});
            }
        }

        synchronized long retainedBytes() {
            long bytes = FIXED + ARRAY_HEADER + open.length + (sealed == NONE ? 0 : ARRAY_HEADER + 4L * sealed.length);
            for (int i = 0; i < sealedCount; i++) bytes += ARRAY_HEADER + block(i).length;
            return bytes;
        }

        private static long zigzag(long v) { return v << 1 ^ v >> 63; }

        private static long unzigzag(long v) { return v >>> 1 ^ -(v & 1); }

        private static int putVarint(byte[] into, int at, long v) {
            while ((v & ~0x7FL) != 0) {
                into[at++] = (byte) (v & 0x7F | 0x80);
                v >>>= 7;
            }
            into[at++] = (byte) v;
            return at;
        }

        private static long getVarint(byte[] from, int[] pos) {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = from[pos[0]++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) return v;
            }
        }
    }
}
