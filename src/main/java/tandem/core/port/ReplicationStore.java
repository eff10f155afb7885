package tandem.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The journal of changes made through the console, and which peers are known to be out of sync with their
 * relationship's source of truth. An entry is written before the first server is touched and each target's outcome
 * is recorded as it happens, so a change cut short by a crash is found and settled afterwards.
 */
public interface ReplicationStore {
    enum Status {
        /** Written before the first server was touched; its process is applying it, or died doing so. */
        IN_PROGRESS,
        /** Applied to the source of truth and every reachable peer. */
        APPLIED,
        /** Applied while the primary was away: the primary still has to receive it. */
        PENDING_PRIMARY,
        /** Replayed on the returning primary. */
        REPLAYED,
        /** Not applied anywhere: a server refused it, or it no longer fit. */
        FAILED,
        /** A server did not say whether it took the change (a timeout); reading the server settles it. */
        UNKNOWN,
        /** Journaled while the primary was away, but the primary refused it on return: an administrator decides. */
        CONFLICT
    }

    /** What became of the change on one server. */
    enum TargetOutcome { APPLIED, FAILED, UNKNOWN, SKIPPED }

    /**
     * @param kind      the backend's name for the change, which says how to replay, undo or settle it ("kea", "isc")
     * @param change    the change as stored by its backend (JSON)
     * @param appliedTo the peer it was written to (the source of truth at the time)
     * @param process   who wrote it, as a person reads it; with {@code host} and {@code pid}, how an entry left by a
     *                  process that died is told apart from one being applied
     */
    record JournalEntry(long id, String relationship, String kind, String change, String inverse, String description,
                        String appliedTo, Status status, Instant createdAt, Instant settledAt, String user,
                        String process, String host, long pid) {}

    record Target(String server, TargetOutcome outcome, String detail, Instant at) {}

    /** The entry before anything is sent: status {@link Status#IN_PROGRESS}. Returns its id. */
    long begin(String relationship, String kind, String change, String description, String appliedTo,
               String user, String process, String host, long pid, Instant at);

    /** Records (or replaces) one server's outcome as soon as it is known. */
    void recordTarget(long id, String server, TargetOutcome outcome, String detail, Instant at);

    /** @param inverse the change that undoes this one (JSON), or null */
    void settle(long id, Status status, String appliedTo, String inverse, Instant at);

    java.util.Optional<JournalEntry> entry(long id);

    List<Target> targets(long id);

    /** Entries still waiting for the primary, oldest first. */
    List<JournalEntry> pending(String relationship);

    /** Every relationship's waiting entries, oldest first. */
    List<JournalEntry> pending();

    /** Entries written and not yet settled, by any process, oldest first. */
    List<JournalEntry> unsettled();

    /** Newest first. */
    List<JournalEntry> recent(int limit);

    void markReplayed(long id, Instant at);

    void markOutOfSync(String relationship, String peer, String reason, Instant at);

    void markInSync(String relationship, String peer);

    /** Peer name to the reason it is out of sync. */
    Map<String, String> outOfSync(String relationship);
}
