package tandem.core;

import static org.junit.jupiter.api.Assertions.*;
import static tandem.core.RelationshipStatus.*;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The seeds' fallback behaviour, one row per scenario. */
class StatusRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");

    static Relationship rel(HaMode mode, String... rolesByPeer) {
        var peers = new java.util.ArrayList<PeerDefinition>();
        for (int i = 0; i < rolesByPeer.length; i++) {
            peers.add(new PeerDefinition("s" + (i + 1), PeerRole.fromWire(rolesByPeer[i]),
                    URI.create("http://127.0.0.1:" + (8001 + i) + "/"), true));
        }
        return new Relationship("r", "s1", Backend.KEA, mode, peers, false, HaParameters.NONE);
    }

    static final Relationship LB = rel(HaMode.LOAD_BALANCING, "primary", "secondary");
    static final Relationship HS_BACKUP = rel(HaMode.HOT_STANDBY, "primary", "standby", "backup");
    static final Relationship PASSIVE = rel(HaMode.PASSIVE_BACKUP, "primary", "backup");
    static final Relationship STANDALONE = rel(HaMode.STANDALONE, "primary");

    /** "state" = up in that HA state; "down" = agent answers, daemon does not; "gone" = endpoint unreachable. */
    static PeerObservation obs(String peer, String what) {
        return switch (what) {
            case "gone" -> PeerObservation.unreachable(peer, "refused", NOW);
            case "down" -> PeerObservation.daemonDown(peer, "offline", NOW);
            case "up" -> up(peer, null, null);
            default -> up(peer, what, null);
        };
    }

    static PeerObservation up(String peer, String state, Long skew) {
        return new PeerObservation(peer, true, DaemonState.UP, state, null, List.of(), 0L, true, false, 0L, skew, null, NOW);
    }

    static Map<String, PeerObservation> obsOf(String... states) {
        Map<String, PeerObservation> m = new HashMap<>();
        for (int i = 0; i < states.length; i++) m.put("s" + (i + 1), obs("s" + (i + 1), states[i]));
        return m;
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                // relationship, previous source of truth, observed states, expected status, expected source of truth
                Arguments.of("normal operation (LB)", LB, null, new String[]{"load-balancing", "load-balancing"}, OK, "s1"),
                Arguments.of("normal operation (HS + backup)", HS_BACKUP, null, new String[]{"hot-standby", "hot-standby", "backup"}, OK, "s1"),
                Arguments.of("primary daemon offline", LB, "s1", new String[]{"down", "partner-down"}, IMPAIRED, "s2"),
                Arguments.of("primary endpoint unreachable", LB, "s1", new String[]{"gone", "communication-recovery"}, IMPAIRED, "s2"),
                Arguments.of("primary offline, standby still hot-standby", HS_BACKUP, "s1", new String[]{"down", "hot-standby", "backup"}, IMPAIRED, "s2"),
                Arguments.of("secondary offline", LB, "s1", new String[]{"partner-down", "down"}, IMPAIRED, "s1"),
                Arguments.of("backup offline", HS_BACKUP, "s1", new String[]{"hot-standby", "hot-standby", "gone"}, IMPAIRED, "s1"),
                Arguments.of("primary and secondary offline, agents answer", LB, "s2", new String[]{"down", "down"}, SERVICE_DOWN, null),
                Arguments.of("primary and standby offline, backup up", HS_BACKUP, "s2", new String[]{"down", "gone", "backup"}, SERVICE_DOWN, null),
                Arguments.of("one agent gone, other daemon down", LB, null, new String[]{"gone", "down"}, SERVICE_DOWN, null),
                Arguments.of("every agent unreachable", LB, "s1", new String[]{"gone", "gone"}, UNREACHABLE, null),
                Arguments.of("every agent of three unreachable", HS_BACKUP, "s1", new String[]{"gone", "gone", "gone"}, UNREACHABLE, null),
                Arguments.of("primary back but still syncing: secondary keeps it", LB, "s2", new String[]{"syncing", "load-balancing"}, IMPAIRED, "s2"),
                Arguments.of("primary back and normal: takes over", LB, "s2", new String[]{"load-balancing", "load-balancing"}, OK, "s1"),
                Arguments.of("backup became active first: keeps it", HS_BACKUP, "s3", new String[]{"down", "hot-standby", "backup"}, IMPAIRED, "s3"),
                Arguments.of("no previous: partner before backup", HS_BACKUP, null, new String[]{"down", "partner-down", "backup"}, IMPAIRED, "s2"),
                Arguments.of("both restarting HA after config-set: the source of truth keeps it", LB, "s2", new String[]{"waiting", "waiting"}, IMPAIRED, "s2"),
                Arguments.of("both restarting HA, nothing known before: the primary", LB, null, new String[]{"syncing", "waiting"}, IMPAIRED, "s1"),
                Arguments.of("in maintenance", LB, "s1", new String[]{"partner-in-maintenance", "in-maintenance"}, IMPAIRED, "s1"),
                Arguments.of("terminated", LB, "s1", new String[]{"terminated", "terminated"}, IMPAIRED, "s1"),
                Arguments.of("up without HA state", LB, "s1", new String[]{"load-balancing", "up"}, IMPAIRED, "s1"),
                Arguments.of("passive-backup normal", PASSIVE, null, new String[]{"passive-backup", "backup"}, OK, "s1"),
                Arguments.of("passive-backup primary down", PASSIVE, "s1", new String[]{"down", "backup"}, SERVICE_DOWN, null),
                Arguments.of("standalone up", STANDALONE, null, new String[]{"up"}, OK, "s1"),
                Arguments.of("standalone daemon down", STANDALONE, "s1", new String[]{"down"}, SERVICE_DOWN, null),
                Arguments.of("standalone unreachable", STANDALONE, "s1", new String[]{"gone"}, UNREACHABLE, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void seedScenarios(String scenario, Relationship rel, String previous, String[] states,
                       RelationshipStatus status, String sourceOfTruth) {
        Assessment a = StatusRules.assess(rel, obsOf(states), previous, tandem.kea.KeaStates.VOCABULARY);
        assertEquals(status, a.status(), scenario + ": " + a.reasons());
        assertEquals(sourceOfTruth, a.sourceOfTruth(), scenario);
        assertEquals(status == OK, a.reasons().isEmpty(), scenario + " reasons: " + a.reasons());
    }

    @Test
    void impairedByPrimaryOutageSaysWhoIsTheSourceOfTruth() {
        Assessment a = StatusRules.assess(LB, obsOf("down", "partner-down"), "s1", tandem.kea.KeaStates.VOCABULARY);
        assertTrue(a.reasons().contains("Primary s1 is offline: its DHCP daemon does not answer"), a.reasons().toString());
        assertTrue(a.reasons().contains("s2 is the source of truth while the primary is away"), a.reasons().toString());
    }

    @Test
    void aPeerThatAnswersButCannotBeReadIsNamedSoAndNeitherServingNorDown() {
        var unread = new PeerObservation("s2", true, DaemonState.UNKNOWN, null, null, List.of(), null, null, null, null,
                null, "The Control Agent at 127.0.0.1:8002 refused the credentials", NOW);
        Assessment a = StatusRules.assess(LB, Map.of("s1", up("s1", "load-balancing", null), "s2", unread), "s1", tandem.kea.KeaStates.VOCABULARY);
        assertEquals(IMPAIRED, a.status());
        assertEquals(List.of("Secondary s2's state cannot be read: The Control Agent at 127.0.0.1:8002 refused the "
                + "credentials"), a.reasons());
        Assessment both = StatusRules.assess(LB, Map.of("s1", obs("s1", "down"), "s2", unread), "s1", tandem.kea.KeaStates.VOCABULARY);
        assertEquals(IMPAIRED, both.status(), "the service is not called down while s2 may be serving");
        assertEquals(null, both.sourceOfTruth(), "but nothing known can be written to");
    }

    @Test
    void missingObservationCountsAsUnreachable() {
        assertEquals(UNREACHABLE, StatusRules.assess(LB, Map.of(), null, tandem.kea.KeaStates.VOCABULARY).status());
    }

    @Test
    void clockSkewOverSixtySecondsImpairsThirtyOnlyWarns() {
        var warn = Map.of("s1", up("s1", "load-balancing", 45L), "s2", up("s2", "load-balancing", 0L));
        assertEquals(OK, StatusRules.assess(LB, warn, null, tandem.kea.KeaStates.VOCABULARY).status());
        assertEquals(ClockSkew.WARNING, warn.get("s1").skew());
        var error = Map.of("s1", up("s1", "load-balancing", 0L), "s2", up("s2", "load-balancing", -75L));
        Assessment a = StatusRules.assess(LB, error, null, tandem.kea.KeaStates.VOCABULARY);
        assertEquals(IMPAIRED, a.status());
        assertTrue(a.reasons().get(0).contains("75 s"), a.reasons().toString());
    }

    @Test
    void clockSkewThresholds() {
        assertEquals(ClockSkew.OK, ClockSkew.of(null));
        assertEquals(ClockSkew.OK, ClockSkew.of(30L));
        assertEquals(ClockSkew.WARNING, ClockSkew.of(31L));
        assertEquals(ClockSkew.WARNING, ClockSkew.of(-60L));
        assertEquals(ClockSkew.ERROR, ClockSkew.of(61L));
    }

}
