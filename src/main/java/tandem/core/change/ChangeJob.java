package tandem.core.change;

import java.util.List;
import tandem.core.access.Need;
import tandem.core.port.ReplicationStore.Status;
import tandem.core.port.ReplicationStore.TargetOutcome;

/**
 * One edit that reaches servers: a configuration change, a dhcpd.conf write, an HA action, partner-down, a
 * synchronization, an undo or a journal replay. It says what it is and what it touches; {@link ChangeRunner} locks,
 * journals, announces and audits it, and calls {@link #apply} in between.
 *
 * @param <R> what applying returns to the caller
 */
public interface ChangeJob<R> {
    /** The relationship the journal and the audit file it under. */
    String relationship();

    /** The backend's name for this kind of change ("kea", "isc", "kea-ha-action", ...): how it is settled after a crash. */
    String kind();

    /** One line a person reads, e.g. "Reserve 10.0.0.5 for 00:11:22:33:44:55 in 10.0.0.0/24". */
    String description();

    /**
     * The permissions it needs, checked before anything is locked, journaled or sent. A job that says nothing
     * narrower needs a DHCP administrator.
     */
    default List<Need> needs() { return List.of(Need.administrator(relationship())); }

    /** What must not change meanwhile, e.g. "relationship:server1"; held across processes while it applies. */
    List<String> locks();

    /** The servers it is meant for, in the order they are touched. */
    List<String> servers();

    /** The before/after diff shown before applying; secrets are redacted before it is audited. */
    String diff();

    /** The change as the journal keeps it, for replay, undo and settling (JSON), or null. */
    default String journaled() { return null; }

    /** The relationships whose status this change explains while it runs (a dhcpd restart touches them all). */
    default List<String> announcedOn() { return List.of(relationship()); }

    /** How long to wait for the locks; null for the runner's default. The background service does not wait. */
    default java.time.Duration lockWait() { return null; }

    /** Runs with the locks held and the journal entry written; reports each server's outcome through the context. */
    R apply(Context context);

    /** What the audit says of the whole change once {@link #apply} returned. */
    default String outcome(R result, Context context) { return context.summary(); }

    /** What a job tells the runner while it applies. */
    interface Context {
        long journalId();

        /** Recorded in the journal at once: a crash after this line leaves it known. */
        void target(String server, TargetOutcome outcome, String detail);

        /** The status the entry settles in when {@link #apply} returns (default {@link Status#APPLIED}). */
        void settleAs(Status status);

        void appliedTo(String server);

        /** The change that undoes this one, as the journal keeps it. */
        void inverse(String journaled);

        /** "applied", "partly applied", "failed", "unknown": from the targets recorded so far. */
        String summary();
    }
}
