package tandem.kea;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tandem.core.*;
import tandem.core.backend.ActionPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which server gets which HA command, and what is refused before anything is sent. */
class KeaHaActionTest {
    private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");

    static Relationship rel(HaMode mode, String... roles) {
        var peers = new java.util.ArrayList<PeerDefinition>();
        for (int i = 0; i < roles.length; i++) {
            peers.add(new PeerDefinition("s" + (i + 1), PeerRole.fromWire(roles[i]),
                    URI.create("http://127.0.0.1:" + (8001 + i) + "/"), true));
        }
        return new Relationship("r", "s1", Backend.KEA, mode, peers, false, HaParameters.NONE);
    }

    static final Relationship LB = rel(HaMode.LOAD_BALANCING, "primary", "secondary");
    static final Relationship HS = rel(HaMode.HOT_STANDBY, "primary", "standby", "backup");
    static final Relationship PASSIVE = rel(HaMode.PASSIVE_BACKUP, "primary", "backup");
    static final Relationship ALONE = rel(HaMode.STANDALONE, "primary");

    /** Each argument: "state" (up in that HA state), "down" (daemon offline) or "gone"; null for no poll at all. */
    static RelationshipState state(Relationship rel, String... perPeer) {
        if (perPeer == null) return null;
        Map<String, PeerObservation> observed = new HashMap<>();
        for (int i = 0; i < perPeer.length; i++) {
            String peer = "s" + (i + 1);
            observed.put(peer, switch (perPeer[i]) {
                case "down" -> PeerObservation.daemonDown(peer, "its DHCP daemon does not answer", NOW);
                case "gone" -> PeerObservation.unreachable(peer, "Connection refused", NOW);
                default -> new PeerObservation(peer, true, DaemonState.UP, perPeer[i], null, List.of(peer), 0L, true,
                        false, 0L, 0L, null, NOW);
            });
        }
        return new RelationshipState(rel, StatusRules.assess(rel, observed, null, tandem.kea.KeaStates.VOCABULARY), observed, NOW, false);
    }

    static Stream<Arguments> plans() {
        String[] lbNormal = {"load-balancing", "load-balancing"};
        String[] lbMaint = {"partner-in-maintenance", "in-maintenance"};
        String[] lbMaintOther = {"in-maintenance", "partner-in-maintenance"};
        String[] hsNormal = {"hot-standby", "hot-standby", "backup"};
        return Stream.of(
                // kind, relationship, states, --peer, expected targets, expected counterpart (or the refusal's field)
                Arguments.of(KeaHaCommand.MAINTENANCE_START, LB, lbNormal, null, "s1", "s2"),
                Arguments.of(KeaHaCommand.MAINTENANCE_START, LB, lbNormal, "s2", "s2", "s1"),
                Arguments.of(KeaHaCommand.MAINTENANCE_START, LB, new String[]{"down", "partner-down"}, null, "refused", null),
                Arguments.of(KeaHaCommand.MAINTENANCE_START, HS, hsNormal, "s3", "refused:peer", null),
                Arguments.of(KeaHaCommand.MAINTENANCE_START, LB, lbMaint, null, "refused", null),
                Arguments.of(KeaHaCommand.MAINTENANCE_START, PASSIVE, new String[]{"passive-backup", "backup"}, null, "refused", null),
                Arguments.of(KeaHaCommand.MAINTENANCE_START, ALONE, new String[]{"up"}, null, "refused", null),
                Arguments.of(KeaHaCommand.MAINTENANCE_CANCEL, LB, lbMaint, null, "s1", "s2"),
                Arguments.of(KeaHaCommand.MAINTENANCE_CANCEL, LB, lbMaintOther, null, "s2", "s1"),
                Arguments.of(KeaHaCommand.MAINTENANCE_CANCEL, LB, lbNormal, null, "refused", null),
                Arguments.of(KeaHaCommand.MAINTENANCE_CANCEL, LB, lbMaint, "s2", "refused:peer", null),
                Arguments.of(KeaHaCommand.MAINTENANCE_CANCEL, LB, null, null, "s1", "s2"),
                Arguments.of(KeaHaCommand.SYNC, LB, lbNormal, null, "s2", "s1"),
                Arguments.of(KeaHaCommand.SYNC, LB, lbNormal, "s1", "s1", "s2"),
                Arguments.of(KeaHaCommand.SYNC, HS, hsNormal, "s3", "s3", "s1"),
                Arguments.of(KeaHaCommand.SYNC, LB, new String[]{"gone", "partner-down"}, null, "refused", null),
                Arguments.of(KeaHaCommand.SYNC, PASSIVE, new String[]{"passive-backup", "backup"}, null, "s2", "s1"),
                Arguments.of(KeaHaCommand.CONTINUE, HS, hsNormal, null, "s1,s2,s3", null),
                Arguments.of(KeaHaCommand.CONTINUE, LB, new String[]{"down", "partner-down"}, null, "s2", null),
                Arguments.of(KeaHaCommand.CONTINUE, LB, lbNormal, "s9", "refused:peer", null),
                Arguments.of(KeaHaCommand.RESET, LB, new String[]{"terminated", "load-balancing"}, null, "s1", null),
                Arguments.of(KeaHaCommand.RESET, LB, lbNormal, "s2", "s2", null),
                Arguments.of(KeaHaCommand.RESET, LB, new String[]{"down", "gone"}, null, "refused", null));
    }

    @ParameterizedTest(name = "{0} on {1} in {2} with --peer {3}: {4}")
    @MethodSource("plans")
    void plansTargetsAndRefusals(KeaHaCommand kind, Relationship rel, String[] states, String peer, String targets,
                                 String counterpart) {
        ActionPlan plan = KeaHaAction.plan(rel, state(rel, states), kind, peer, List.of(), null);
        if (targets.startsWith("refused")) {
            var refused = assertInstanceOf(ActionPlan.Refused.class, plan, () -> plan.toString());
            assertFalse(refused.reason().isBlank());
            if (targets.contains(":")) assertEquals(targets.substring(targets.indexOf(':') + 1), refused.field());
            return;
        }
        var ready = assertInstanceOf(ActionPlan.Ready.class, plan, () -> plan.toString());
        var action = (KeaHaAction) ready.action();
        assertEquals(List.of(targets.split(",")), ready.action().targets());
        assertEquals(counterpart, action.counterpart());
        assertTrue(ready.action().description().startsWith(kind.command() + " is sent to "),
                ready.action().description());
    }

    @Test
    void maintenanceStartSaysWhoKeepsServingAndWhoCanBeShutDown() {
        var ready = (ActionPlan.Ready) KeaHaAction.plan(LB, state(LB, "load-balancing", "load-balancing"),
                KeaHaCommand.MAINTENANCE_START, "s1", List.of(), null);
        assertEquals("Start maintenance of s2", ready.action().title());
        String d = ready.action().description();
        assertTrue(d.contains("s1, which stays in service") && d.contains("partner-in-maintenance"), d);
        assertTrue(d.contains("s2 moves to in-maintenance") && d.contains("shut it down safely"), d);
    }

    @Test
    void syncCarriesThePartnerAndThePeriod() {
        var ready = (ActionPlan.Ready) KeaHaAction.plan(LB, null, KeaHaCommand.SYNC, null, List.of(), 30);
        assertEquals(30, ((KeaHaAction) ready.action()).maxPeriodSeconds());
        assertTrue(ready.action().description().contains("at most 30 s"));
        var refused = (ActionPlan.Refused) KeaHaAction.plan(LB, null, KeaHaCommand.SYNC, null, List.of(), 0);
        assertEquals("maxPeriod", refused.field());
    }

    @Test
    void scopesNeedAPeerKnownScopesAndAServingState() {
        RelationshipState normal = state(LB, "load-balancing", "load-balancing");
        assertEquals("peer", ((ActionPlan.Refused) KeaHaAction.plan(LB, normal, KeaHaCommand.SCOPES, null,
                List.of("s1"), null)).field());
        var unknown = (ActionPlan.Refused) KeaHaAction.plan(LB, normal, KeaHaCommand.SCOPES, "s1", List.of("s1", "x"), null);
        assertEquals("scopes", unknown.field());
        assertTrue(unknown.reason().contains("Unknown scope x") && unknown.reason().contains("s1, s2"), unknown.reason());
        assertEquals("scopes", ((ActionPlan.Refused) KeaHaAction.plan(LB, normal, KeaHaCommand.SCOPES, "s1", List.of(),
                null)).field());
        assertEquals("peer", ((ActionPlan.Refused) KeaHaAction.plan(HS, state(HS, "hot-standby", "hot-standby", "backup"),
                KeaHaCommand.SCOPES, "s3", List.of("s1"), null)).field());
        var syncing = (ActionPlan.Refused) KeaHaAction.plan(LB, state(LB, "syncing", "load-balancing"),
                KeaHaCommand.SCOPES, "s1", List.of("s1"), null);
        assertTrue(syncing.reason().contains("state syncing"), syncing.reason());
        var ready = (ActionPlan.Ready) KeaHaAction.plan(LB, state(LB, "partner-down", "down"), KeaHaCommand.SCOPES, "s1",
                List.of("s1", "s2", "s1"), null);
        assertEquals(List.of("s1", "s2"), ((KeaHaAction) ready.action()).scopes());
    }
}
