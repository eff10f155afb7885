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
public final class InMemoryReplicationStore implements ReplicationStore {
    private final List<JournalEntry> entries = new ArrayList<>();
    private final Map<String, Map<String, String>> outOfSync = new LinkedHashMap<>();

    private final Map<Long, List<Target>> targets = new LinkedHashMap<>();

    @Override public synchronized long begin(String relationship, String kind, String change, String description,
                                             String appliedTo, String user, String process, String host, long pid,
                                             Instant at) {
        long id = entries.size() + 1;
        entries.add(new JournalEntry(id, relationship, kind, change, null, description, appliedTo, Status.IN_PROGRESS,
                at, null, user, process, host, pid));
        return id;
    }

    @Override public synchronized void recordTarget(long id, String server, TargetOutcome outcome, String detail,
                                                    Instant at) {
        List<Target> list = targets.computeIfAbsent(id, k -> new ArrayList<>());
        list.removeIf(t -> t.server().equals(server));
        list.add(new Target(server, outcome, detail, at));
    }

    @Override public synchronized void settle(long id, Status status, String appliedTo, String inverse, Instant at) {
        entries.replaceAll(e -> e.id() != id ? e : new JournalEntry(e.id(), e.relationship(), e.kind(), e.change(),
                inverse == null ? e.inverse() : inverse, e.description(), appliedTo == null ? e.appliedTo() : appliedTo,
                status, e.createdAt(), at, e.user(), e.process(), e.host(), e.pid()));
    }

    @Override public synchronized List<Target> targets(long id) {
        return List.copyOf(targets.getOrDefault(id, List.of()));
    }

    @Override public synchronized List<JournalEntry> unsettled() {
        return entries.stream().filter(e -> e.status() == Status.IN_PROGRESS || e.status() == Status.UNKNOWN).toList();
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
        settle(id, Status.REPLAYED, null, null, at);
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
