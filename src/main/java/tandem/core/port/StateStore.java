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

    /**
     * The last-known states of these relationships (each marked stale), in their order and holding these very
     * relationships: a caller that has just read the inventory spares the store reading it again.
     */
    default Map<String, RelationshipState> lastKnown(List<tandem.core.Relationship> relationships) {
        Map<String, RelationshipState> all = lastKnown();
        Map<String, RelationshipState> out = new java.util.LinkedHashMap<>();
        for (tandem.core.Relationship r : relationships) {
            RelationshipState s = all.get(r.name());
            if (s != null) out.put(r.name(), s);
        }
        return out;
    }

    /** Appends the events in one transaction; the oldest are dropped beyond a bound so the history cannot grow forever. */
    void appendEvents(List<StatusEvent> events);

    default void appendEvent(StatusEvent event) { appendEvents(List.of(event)); }

    /** Newest first. */
    List<StatusEvent> events(int limit);

    /**
     * The relationship's events from {@code since} on, oldest first, preceded by the last one before it when there is
     * one (its status at {@code since}). The default reads the whole history; stores answer it with a query.
     */
    default List<StatusEvent> history(String relationship, java.time.Instant since) {
        List<StatusEvent> newestFirst = events(Integer.MAX_VALUE);
        java.util.ArrayList<StatusEvent> out = new java.util.ArrayList<>();
        StatusEvent before = null;
        for (StatusEvent e : newestFirst) {
            if (!e.relationship().equals(relationship)) continue;
            if (!e.at().isBefore(since)) out.add(e);
            else if (before == null) before = e;
        }
        if (before != null) out.add(before);
        java.util.Collections.reverse(out);
        return List.copyOf(out);
    }

    void saveSnapshot(ConfigSnapshot snapshot);

    Optional<ConfigSnapshot> latestSnapshot(String relationship, String peer);

    /** The hash of {@link #latestSnapshot}: whether it changed, without reading (and decrypting) a whole configuration. */
    default Optional<String> latestSnapshotHash(String relationship, String peer) {
        return latestSnapshot(relationship, peer).map(ConfigSnapshot::hash);
    }
}
