package tandem.core.port;

import java.util.Map;
import java.util.Optional;
import tandem.core.Relationship;

/**
 * A backend whose servers each hold their own copy of the configuration, which the console keeps alike (Kea): what
 * the background service asks of it after each poll. A backend whose servers share or sync their configuration
 * themselves has none.
 */
public interface ConfigReplication {
    /** Whether changes are mirrored for this relationship now (not for a standalone server, or when turned off). */
    boolean replicates(Relationship relationship);

    /** Replays the changes made while the primary was away on the returning primary; how many were replayed. */
    int replayJournal(String relationship);

    /**
     * Brings peers marked out of sync that are active again in line, except those in {@code skip} (still waiting
     * after a failed attempt); each attempted peer's outcome, {@link #SYNCED} when it worked.
     */
    Map<String, String> resynchronizeReturningPeers(String relationship, java.util.Set<String> skip);

    /** The outcome of a peer that now holds the source of truth's configuration. */
    String SYNCED = "verified";

    /** The configuration a peer runs now, as text, or empty when it does not answer. */
    Optional<String> currentConfig(Relationship relationship, String peer);

    /** A stable fingerprint of a configuration, to notice a change made outside the console. */
    String fingerprint(String configuration);

    /** One line saying how a configuration changed, for the event history. */
    String describeChange(String before, String after);
}
