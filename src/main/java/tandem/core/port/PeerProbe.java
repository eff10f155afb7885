package tandem.core.port;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import tandem.core.ConnectionSettings;
import tandem.core.PeerObservation;
import tandem.core.Relationship;

/**
 * Asks one peer how it is. Implementations never block the caller and always complete (an unreachable peer
 * completes with an unreachable observation, not exceptionally).
 */
public interface PeerProbe {
    CompletableFuture<PeerObservation> probe(Relationship relationship, String peer, ConnectionSettings connection,
                                             Duration timeout);

    /** What the HA or failover states this probe reports for the relationship mean. */
    tandem.core.backend.StateVocabulary vocabulary(Relationship relationship);
}
