package tandem.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How long each peer took to answer the poller, kept in memory for a bounded time: what the console charts. Nothing
 * is stored; a restart starts afresh.
 */
public interface RoundTrips {
    /**
     * One probe of a peer.
     *
     * @param answered false when the peer did not answer (the time is then how long the poller waited)
     */
    record Sample(Instant at, Duration roundTrip, boolean answered) {}

    /** The relationship's samples per peer name, each oldest first; empty when none were taken. */
    Map<String, List<Sample>> of(String relationship);

    RoundTrips NONE = relationship -> Map.of();
}
