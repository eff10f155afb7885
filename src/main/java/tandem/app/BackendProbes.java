package tandem.app;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.PeerObservation;
import tandem.core.Relationship;
import tandem.core.port.PeerProbe;

/** Sends each probe to the probe of its relationship's backend. */
final class BackendProbes implements PeerProbe {
    private final Map<Backend, PeerProbe> probes;

    BackendProbes(Map<Backend, PeerProbe> probes) { this.probes = Map.copyOf(probes); }

    @Override
    public CompletableFuture<PeerObservation> probe(Relationship relationship, String peer, ConnectionSettings connection,
                                                    Duration timeout) {
        PeerProbe p = probes.get(relationship.backend());
        if (p == null) {
            return CompletableFuture.completedFuture(PeerObservation.unreachable(peer,
                    "No support for " + relationship.backend().wire() + " servers", java.time.Instant.now()));
        }
        return p.probe(relationship, peer, connection, timeout);
    }
}
