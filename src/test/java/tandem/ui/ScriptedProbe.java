package tandem.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import tandem.core.ConnectionSettings;
import tandem.core.PeerObservation;
import tandem.core.Relationship;
import tandem.core.port.PeerProbe;

/** Answers each peer with the observation the test set for it; unknown peers are unreachable. */
public final class ScriptedProbe implements PeerProbe {
    private final Map<String, PeerObservation> answers = new ConcurrentHashMap<>();

    void answer(String relationship, PeerObservation observation) {
        answers.put(relationship + "/" + observation.peer(), observation);
    }

    @Override
    public tandem.core.backend.StateVocabulary vocabulary(Relationship relationship) {
        return tandem.kea.KeaStates.VOCABULARY;
    }

    @Override
    public CompletableFuture<PeerObservation> probe(Relationship relationship, String peer,
                                                    ConnectionSettings connection, Duration timeout) {
        PeerObservation o = answers.get(relationship.name() + "/" + peer);
        return CompletableFuture.completedFuture(o != null ? o
                : PeerObservation.unreachable(peer, "Connection refused", Instant.now()));
    }
}
