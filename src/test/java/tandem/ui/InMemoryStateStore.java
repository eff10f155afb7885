package tandem.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tandem.core.ConfigSnapshot;
import tandem.core.RelationshipState;
import tandem.core.StatusEvent;
import tandem.core.port.StateStore;

/** Last-known states and the event history in memory. */
public class InMemoryStateStore implements StateStore {
    private final Map<String, RelationshipState> states = new LinkedHashMap<>();
    private final List<StatusEvent> events = new ArrayList<>();
    private final Map<String, ConfigSnapshot> snapshots = new HashMap<>();

    @Override public synchronized void saveStates(List<RelationshipState> batch) {
        batch.forEach(state -> states.put(state.relationship().name(), state));
    }

    @Override public synchronized Map<String, RelationshipState> lastKnown() {
        Map<String, RelationshipState> out = new LinkedHashMap<>();
        states.forEach((k, v) -> out.put(k, v.asStale()));
        return out;
    }

    @Override public synchronized void appendEvents(List<StatusEvent> batch) { events.addAll(batch); }

    @Override public synchronized List<StatusEvent> events(int limit) {
        List<StatusEvent> newestFirst = new ArrayList<>(events);
        java.util.Collections.reverse(newestFirst);
        return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    }

    @Override public synchronized void saveSnapshot(ConfigSnapshot snapshot) {
        snapshots.put(snapshot.relationship() + "/" + snapshot.peer(), snapshot);
    }

    @Override public synchronized Optional<ConfigSnapshot> latestSnapshot(String relationship, String peer) {
        return Optional.ofNullable(snapshots.get(relationship + "/" + peer));
    }
}
