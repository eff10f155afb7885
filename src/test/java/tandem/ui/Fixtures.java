package tandem.ui;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import tandem.core.StatusEvent;
import tandem.core.StatusRules;

/** Real core objects describing a small estate: four relationships, each in a different state. */
public final class Fixtures {
    private Fixtures() {}

    static final Instant T0 = Instant.parse("2025-03-14T09:26:53Z");

    static PeerDefinition peer(String name, PeerRole role, String host) {
        return new PeerDefinition(name, role, URI.create("http://" + host + ":8000/"), role != PeerRole.BACKUP);
    }

    static Relationship relationship(String name, HaMode mode, PeerDefinition... peers) {
        return new Relationship(name, name, Backend.KEA, mode, List.of(peers), false,
                new HaParameters(1000L, 10000L, 5000L, 0L));
    }

    public static ServerRecord server(String name, URI url) {
        return new ServerRecord(name, Backend.KEA, ConnectionSettings.of(url), T0.minusSeconds(86_400));
    }

    static PeerObservation up(String peer, String haState, String role, Long skew, Instant at, String... scopes) {
        return new PeerObservation(peer, true, DaemonState.UP, haState, role, List.of(scopes), 4L, true, false, 0L,
                skew, null, at);
    }

    static RelationshipState state(Relationship rel, boolean stale, Instant at, PeerObservation... observations) {
        Map<String, PeerObservation> observed = new HashMap<>();
        for (PeerObservation o : observations) observed.put(o.peer(), o);
        return new RelationshipState(rel, StatusRules.assess(rel, observed, null, tandem.kea.KeaStates.VOCABULARY), observed, at, stale);
    }

    public static final Relationship EAST = relationship("dhcp-east", HaMode.LOAD_BALANCING,
            peer("east1", PeerRole.PRIMARY, "10.1.0.11"), peer("east2", PeerRole.SECONDARY, "10.1.0.12"));
    static final Relationship WEST = relationship("dhcp-west", HaMode.HOT_STANDBY,
            peer("west1", PeerRole.PRIMARY, "10.2.0.11"), peer("west2", PeerRole.STANDBY, "10.2.0.12"),
            peer("west3", PeerRole.BACKUP, "10.2.0.13"));
    static final Relationship BRANCH = relationship("branch-north", HaMode.LOAD_BALANCING,
            peer("north1", PeerRole.PRIMARY, "10.3.0.11"), peer("north2", PeerRole.SECONDARY, "10.3.0.12"));
    static final Relationship LAB = new Relationship("lab-kea", "lab-kea", Backend.KEA, HaMode.STANDALONE,
            List.of(peer("lab-kea", PeerRole.PRIMARY, "192.0.2.50")), false, HaParameters.NONE);

    static final List<Relationship> ALL = List.of(EAST, WEST, BRANCH, LAB);

    /** OK, Impaired (primary unreachable, standby in partner-down with a skewed clock), Service down, Unreachable. */
    static List<RelationshipState> states(boolean stale, Instant at) {
        return List.of(
                state(EAST, stale, at, up("east1", "load-balancing", "primary", 1L, at, "east1"),
                        up("east2", "load-balancing", "secondary", -2L, at, "east2")),
                state(WEST, stale, at,
                        PeerObservation.unreachable("west1", "Connection refused (10.2.0.11:8000)", at),
                        up("west2", "partner-down", "standby", 42L, at, "west1", "west2"),
                        up("west3", "backup", "backup", 0L, at)),
                state(BRANCH, stale, at,
                        PeerObservation.daemonDown("north1", "The Control Agent answers but kea-dhcp4 does not", at),
                        PeerObservation.daemonDown("north2", "The Control Agent answers but kea-dhcp4 does not", at)),
                state(LAB, stale, at, PeerObservation.unreachable("lab-kea", "No answer within 2 s", at)));
    }

    static List<StatusEvent> history() {
        return List.of(
                new StatusEvent(T0.minusSeconds(7200), "dhcp-east", null, RelationshipStatus.OK, "OK"),
                new StatusEvent(T0.minusSeconds(7200), "dhcp-west", null, RelationshipStatus.OK, "OK"),
                new StatusEvent(T0.minusSeconds(3600), "branch-north", RelationshipStatus.OK,
                        RelationshipStatus.SERVICE_DOWN, "Primary north1 is offline: its DHCP daemon does not answer; "
                        + "Secondary north2 is offline: its DHCP daemon does not answer"),
                new StatusEvent(T0.minusSeconds(600), "dhcp-west", RelationshipStatus.OK, RelationshipStatus.IMPAIRED,
                        "Primary west1 is offline: its control endpoint does not answer"));
    }
}
