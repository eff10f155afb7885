package tandem.core;

import java.time.Instant;
import tandem.core.change.Redaction;

/**
 * A change of a relationship's status; {@code from} is null for the first observation. The reason is redacted when
 * the event is made, so no secret reaches the history, the log or {@code tandem watch} whoever made the sentence.
 */
public record StatusEvent(Instant at, String relationship, RelationshipStatus from, RelationshipStatus to, String reason) {
    /** How the reason of an event that records a new source of truth (a peer taking over) begins. */
    public static final String SOURCE_OF_TRUTH_NOW = "The source of truth is now ";

    public StatusEvent {
        reason = Redaction.redact(reason);
    }
}
