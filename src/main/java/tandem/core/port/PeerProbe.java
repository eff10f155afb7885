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

    /**
     * The longest a probe given {@code timeout} takes, everything included (e.g. an SSH login before the question):
     * how long the poller waits for its answer. A probe that needs more than the timeout says so here, so that a
     * slow answer is not taken for no answer.
     */
    default Duration budget(Relationship relationship, Duration timeout) { return timeout; }

    /** What the HA or failover states this probe reports for the relationship mean. */
    tandem.core.backend.StateVocabulary vocabulary(Relationship relationship);
}
