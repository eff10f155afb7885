package tandem.core;

import java.time.Instant;
import java.util.Map;

/**
 * The last known picture of a relationship.
 *
 * @param stale true when it comes from the store and no poll has confirmed it since the console started
 */
public record RelationshipState(Relationship relationship, Assessment assessment, Map<String, PeerObservation> peers,
                                Instant observedAt, boolean stale) {
    public RelationshipState {
        peers = Map.copyOf(peers);
    }

    public RelationshipStatus status() { return assessment.status(); }

    public RelationshipState asStale() {
        return new RelationshipState(relationship, assessment, peers, observedAt, true);
    }

    /** As current: the team's poller wrote it and is still polling. */
    public RelationshipState asFresh() {
        return stale ? new RelationshipState(relationship, assessment, peers, observedAt, false) : this;
    }
}
