package tandem.poll;

import java.time.Instant;
import java.util.List;
import tandem.core.RelationshipState;
import tandem.core.StatusEvent;

/** Told after each poll cycle, on the poller's thread; UI listeners hop to their own thread. */
public interface StatusListener {
    /**
     * @param changed states that differ in something an administrator sees (empty when nothing changed)
     * @param events  status changes recorded in this cycle
     */
    void cycleCompleted(List<RelationshipState> changed, List<StatusEvent> events, Instant completedAt);
}
