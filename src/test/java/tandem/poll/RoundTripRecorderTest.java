package tandem.poll;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tandem.core.port.RoundTrips.Sample;

/** The recorder keeps what it was given, exactly, in a few bytes a sample: twenty thousand peers fit in the heap. */
class RoundTripRecorderTest {
    private static final Instant T0 = Instant.parse("2026-11-22T00:00:00.123Z");
    /** What the former fixed rings held for each peer from its first sample on: two arrays of 1,440 longs. */
    private static final long FIXED_RINGS = 2 * (16 + 8L * RoundTripRecorder.CAPACITY);

    @Test
    void aFullPeerTakesAFractionOfTheFormerRingsAndANewOneAlmostNothing() {
        RoundTripRecorder recorder = new RoundTripRecorder();
        Random random = new Random(14);
        int peers = 200;
        Instant at = T0;
        // four hours at the default ten seconds fill the capacity; each cycle starts a little later than the last
        for (int cycle = 0; cycle < RoundTripRecorder.CAPACITY + 300; cycle++) {
            at = at.plusMillis(10_000 + random.nextInt(800));
            for (int p = 0; p < peers; p++) {
                boolean answered = random.nextInt(50) != 0;
                Duration rt = answered ? Duration.ofNanos(800_000 + random.nextInt(6_000_000)) : Duration.ofSeconds(1);
                recorder.record("r" + p / 2, "p" + p % 2, at, rt, answered);
            }
        }
        long perPeer = recorder.retainedBytes() / recorder.peers();
        assertEquals(peers, recorder.peers());
        assertEquals(RoundTripRecorder.CAPACITY, recorder.of("r0").get("p0").size());
        assertTrue(perPeer * 3 < FIXED_RINGS, "a full peer holds " + perPeer + " bytes, the rings held " + FIXED_RINGS);

        RoundTripRecorder fresh = new RoundTripRecorder();
        fresh.record("r", "p", T0, Duration.ofMillis(2), true);
        assertTrue(fresh.retainedBytes() < 200, "one sample: " + fresh.retainedBytes() + " bytes");
    }

    @Test
    void samplesReadBackAsRecordedAcrossBlocksAndTheCapacityKeepsTheNewest() {
        RoundTripRecorder recorder = new RoundTripRecorder(100);
        List<Sample> given = new ArrayList<>();
        Random random = new Random(7);
        Instant at = T0;
        for (int i = 0; i < 450; i++) {
            // times may go back a little (a late answer from the cycle before) and round trips span microseconds to minutes
            at = at.plusMillis(random.nextInt(20) == 0 ? -1500 : 9_000 + random.nextInt(3000));
            long micros = switch (i % 4) {
                case 0 -> random.nextInt(1000);
                case 1 -> 1000 + random.nextInt(10_000_000);
                case 2 -> 0;
                default -> 120_000_000L + random.nextInt(1000);
            };
            Sample s = new Sample(at, Duration.ofNanos(micros * 1000), i % 3 != 0);
            given.add(s);
            recorder.record("r", "p", s.at(), s.roundTrip().plusNanos(random.nextInt(1000)), s.answered());
        }
        assertEquals(given.subList(350, 450), recorder.of("r").get("p"));
    }

    @Test
    void blocksADayOlderThanTheNewestSampleAreFreed() {
        RoundTripRecorder recorder = new RoundTripRecorder();
        for (int i = 0; i < 3 * RoundTripRecorder.BLOCK; i++) {
            recorder.record("r", "p", T0.plusSeconds(60L * i), Duration.ofMillis(3), true);
        }
        long before = recorder.retainedBytes();
        recorder.record("r", "p", T0.plus(Duration.ofDays(3)), Duration.ofMillis(3), true);
        List<Sample> kept = recorder.of("r").get("p");
        assertEquals(1, kept.size());
        assertEquals(T0.plus(Duration.ofDays(3)), kept.get(0).at());
        assertTrue(recorder.retainedBytes() < before, recorder.retainedBytes() + " bytes after, " + before + " before");
    }
}
