package tandem.core.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tandem.core.ConfigSnapshot;
import tandem.core.RelationshipState;
import tandem.core.StatusEvent;

/** Last-known state, the status event history and configuration snapshots. */
public interface StateStore {
    void saveState(RelationshipState state);

    /** Last-known state per relationship name, each marked stale. */
    Map<String, RelationshipState> lastKnown();

    void appendEvent(StatusEvent event);

    /** Newest first. */
    List<StatusEvent> events(int limit);

    void saveSnapshot(ConfigSnapshot snapshot);

    Optional<ConfigSnapshot> latestSnapshot(String relationship, String peer);
}
