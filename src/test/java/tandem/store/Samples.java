package tandem.store;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tandem.core.Assessment;
import tandem.core.Backend;
import tandem.core.ConnectionSettings;
import tandem.core.DaemonState;
import tandem.core.HaMode;
import tandem.core.HaParameters;
import tandem.core.PeerDefinition;
import tandem.core.PeerObservation;
import tandem.core.PeerRole;
import tandem.core.Relationship;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;
import tandem.core.ServerRecord;

/** Test data shaped like what the Kea importer produces. */
final class Samples {
    static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456Z");

    private Samples() {}

    static ServerRecord server(String name, String password) {
        ConnectionSettings conn = new ConnectionSettings(URI.create("http://127.0.0.1:8000/"),
                URI.create("http://127.0.0.1:3128/"), "admin-" + name, password,
                "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        return new ServerRecord(name, Backend.KEA, conn, T0);
    }

    static ServerRecord bareServer(String name) {
        return new ServerRecord(name, Backend.KEA, ConnectionSettings.of(URI.create("http://127.0.0.1:8001/")), T0);
    }

    static Relationship hotStandby(String name, String server) {
        return new Relationship(name, server, Backend.KEA, HaMode.HOT_STANDBY, List.of(
                new PeerDefinition(name + "-server1", PeerRole.PRIMARY, URI.create("http://127.0.0.1:8000/"), true),
                new PeerDefinition(name + "-server2", PeerRole.STANDBY, URI.create("http://127.0.0.1:8001/"), true)),
                false, new HaParameters(10_000L, 60_000L, 10_000L, 10L));
    }

    static Relationship loadBalancing(String name, String server) {
        return new Relationship(name, server, Backend.KEA, HaMode.LOAD_BALANCING, List.of(
                new PeerDefinition("z-primary", PeerRole.PRIMARY, URI.create("http://127.0.0.1:8010/"), true),
                new PeerDefinition("a-secondary", PeerRole.SECONDARY, URI.create("http://127.0.0.1:8011/"), false),
                new PeerDefinition("m-backup", PeerRole.BACKUP, URI.create("http://127.0.0.1:8012/"), false)),
                true, new HaParameters(null, 30_000L, null, null));
    }

    static PeerObservation observation(String peer, Instant at) {
        return new PeerObservation(peer, true, DaemonState.UP, "hot-standby", "primary",
                List.of("server1"), 3L, true, false, 0L, -2L, null, at);
    }

    static RelationshipState state(Relationship r, RelationshipStatus status, Instant at) {
        Map<String, PeerObservation> peers = Map.of(
                r.peers().get(0).name(), observation(r.peers().get(0).name(), at),
                r.peers().get(1).name(), PeerObservation.unreachable(r.peers().get(1).name(),
                        "Connection refused", at.minusSeconds(1)));
        Assessment a = new Assessment(status, r.peers().get(0).name(),
                status == RelationshipStatus.OK ? List.of() : List.of("Partner unreachable", "Clock skew 2 s"));
        return new RelationshipState(r, a, peers, at, false);
    }
}
