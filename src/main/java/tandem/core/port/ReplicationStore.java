package tandem.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The journal of configuration changes made through the console (which doubles as their audit trail) and which
 * peers are known to be out of sync with their relationship's source of truth.
 */
public interface ReplicationStore {
    enum Status {
        /** Applied to the source of truth and every reachable peer. */
        APPLIED,
        /** Applied while the primary was away: the primary still has to receive it. */
        PENDING_PRIMARY,
        /** Replayed on the returning primary. */
        REPLAYED
    }

    /**
     * @param change      the change as stored by its backend (JSON)
     * @param appliedTo   the peer it was written to (the source of truth at the time)
     */
    record JournalEntry(long id, String relationship, String change, String inverse, String description,
                        String appliedTo, Status status, Instant createdAt, Instant settledAt) {}

    /** @param inverse the change that undoes this one (JSON), or null */
    long append(String relationship, String change, String inverse, String description, String appliedTo,
                Status status, Instant at);

    java.util.Optional<JournalEntry> entry(long id);

    /** Entries still waiting for the primary, oldest first. */
    List<JournalEntry> pending(String relationship);

    /** Every relationship's waiting entries, oldest first. */
    List<JournalEntry> pending();

    /** Newest first. */
    List<JournalEntry> recent(int limit);

    void markReplayed(long id, Instant at);

    void markOutOfSync(String relationship, String peer, String reason, Instant at);

    void markInSync(String relationship, String peer);

    /** Peer name to the reason it is out of sync. */
    Map<String, String> outOfSync(String relationship);
}
