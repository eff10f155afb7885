package tandem.core.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tandem.core.ConfigSnapshot;
import tandem.core.RelationshipState;
import tandem.core.StatusEvent;

/** Last-known state, the status event history and configuration snapshots. */
public interface StateStore {
    /** Saves the states in one transaction: a poll of a thousand relationships is one commit, not a thousand. */
    void saveStates(List<RelationshipState> states);

    default void saveState(RelationshipState state) { saveStates(List.of(state)); }

    /** Last-known state per relationship name, each marked stale. */
    Map<String, RelationshipState> lastKnown();

    /** The same for these relationships only. */
    default Map<String, RelationshipState> lastKnown(java.util.Set<String> names) {
        Map<String, RelationshipState> out = new java.util.LinkedHashMap<>();
        lastKnown().forEach((name, state) -> {
            if (names.contains(name)) out.put(name, state);
        });
        return out;
    }

    /** Appends the events in one transaction; the oldest are dropped beyond a bound so the history cannot grow forever. */
    void appendEvents(List<StatusEvent> events);

    default void appendEvent(StatusEvent event) { appendEvents(List.of(event)); }

    /** Newest first. */
    List<StatusEvent> events(int limit);

    void saveSnapshot(ConfigSnapshot snapshot);

    Optional<ConfigSnapshot> latestSnapshot(String relationship, String peer);
}
