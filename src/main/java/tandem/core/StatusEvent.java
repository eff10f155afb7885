package tandem.core;

import java.time.Instant;

/** A change of a relationship's status; {@code from} is null for the first observation. */
public record StatusEvent(Instant at, String relationship, RelationshipStatus from, RelationshipStatus to, String reason) {}
