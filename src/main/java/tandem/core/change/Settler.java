package tandem.core.change;

import java.util.List;
import java.util.Map;
import tandem.core.port.ReplicationStore.JournalEntry;
import tandem.core.port.ReplicationStore.Status;
import tandem.core.port.ReplicationStore.Target;

/**
 * Settles a journal entry that a process left unfinished (it died, or a server never answered): reads the servers,
 * brings them in line or says why it cannot. One per kind of change, registered with the {@link ChangeRunner}.
 */
public interface Settler {
    /**
     * @param status  what the entry becomes
     * @param servers each server's outcome as found
     * @param note    what happened, for the journal's audit record
     */
    record Settlement(Status status, Map<String, String> servers, String note) {}

    /** Runs with the entry's locks held. */
    Settlement settle(JournalEntry entry, List<Target> targets);

    /** The locks settling this entry needs. */
    List<String> locks(JournalEntry entry);
}
