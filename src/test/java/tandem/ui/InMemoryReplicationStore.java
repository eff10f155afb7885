package tandem.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tandem.core.port.ReplicationStore;

/** The change journal and out-of-sync marks in memory. */
final class InMemoryReplicationStore implements ReplicationStore {
    private final List<JournalEntry> entries = new ArrayList<>();
    private final Map<String, Map<String, String>> outOfSync = new LinkedHashMap<>();

    @Override public synchronized long append(String relationship, String change, String inverse, String description,
                                              String appliedTo, Status status, Instant at) {
        long id = entries.size() + 1;
        entries.add(new JournalEntry(id, relationship, change, inverse, description, appliedTo, status, at, null));
        return id;
    }

    @Override public synchronized Optional<JournalEntry> entry(long id) {
        return entries.stream().filter(e -> e.id() == id).findFirst();
    }

    @Override public synchronized List<JournalEntry> pending(String relationship) {
        return pending().stream().filter(e -> e.relationship().equals(relationship)).toList();
    }

    @Override public synchronized List<JournalEntry> pending() {
        return entries.stream().filter(e -> e.status() == Status.PENDING_PRIMARY).toList();
    }

    @Override public synchronized List<JournalEntry> recent(int limit) {
        return entries.stream().sorted(Comparator.comparingLong(JournalEntry::id).reversed()).limit(limit).toList();
    }

    @Override public synchronized void markReplayed(long id, Instant at) {
        entries.replaceAll(e -> e.id() != id ? e : new JournalEntry(e.id(), e.relationship(), e.change(), e.inverse(),
                e.description(), e.appliedTo(), Status.REPLAYED, e.createdAt(), at));
    }

    @Override public synchronized void markOutOfSync(String relationship, String peer, String reason, Instant at) {
        outOfSync.computeIfAbsent(relationship, k -> new LinkedHashMap<>()).put(peer, reason);
    }

    @Override public synchronized void markInSync(String relationship, String peer) {
        Map<String, String> peers = outOfSync.get(relationship);
        if (peers != null) peers.remove(peer);
    }

    @Override public synchronized Map<String, String> outOfSync(String relationship) {
        return Map.copyOf(outOfSync.getOrDefault(relationship, Map.of()));
    }
}
