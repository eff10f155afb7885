package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.core.RelationshipStatus.IMPAIRED;
import static tandem.core.RelationshipStatus.OK;
import static tandem.core.RelationshipStatus.SERVICE_DOWN;
import static tandem.core.RelationshipStatus.UNREACHABLE;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tandem.core.Assessment;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;

class StatusNoticesTest {
    private static RelationshipState state(tandem.core.Relationship rel, RelationshipStatus status, boolean stale) {
        List<String> reasons = status == OK ? List.of() : List.of(rel.name() + " is " + status.label());
        return new RelationshipState(rel, new Assessment(status, null, reasons), java.util.Map.of(), Fixtures.T0, stale);
    }

    private static StatusNotices.Change change(String rel, RelationshipStatus from, RelationshipStatus to) {
        return new StatusNotices.Change(rel, from, to, "why");
    }

    @Test
    void theFirstFreshStateIsTheStartingPointAndOnlyChangesAreTold() {
        StatusNotices notices = new StatusNotices();
        assertTrue(notices.observe(List.of(state(Fixtures.EAST, IMPAIRED, true))).isEmpty(), "last known: not a change");
        assertTrue(notices.observe(List.of(state(Fixtures.EAST, OK, false))).isEmpty(), "first poll: the starting point");
        assertTrue(notices.observe(List.of(state(Fixtures.EAST, OK, false))).isEmpty(), "same status");
        List<StatusNotices.Change> found = notices.observe(List.of(state(Fixtures.EAST, SERVICE_DOWN, false)));
        assertEquals(List.of(new StatusNotices.Change("dhcp-east", OK, SERVICE_DOWN, "dhcp-east is Service down")), found);
        notices.keepOnly(Set.of());
        assertTrue(notices.observe(List.of(state(Fixtures.EAST, OK, false))).isEmpty(), "forgotten: starts afresh");
    }

    @Test
    void aFewChangesAreToldOneByOneAndMutedOnesNotAtAll() {
        List<StatusNotices.Notice> told = StatusNotices.decide(List.of(change("a", OK, IMPAIRED),
                change("b", OK, SERVICE_DOWN), change("c", IMPAIRED, OK)), Set.of("b"));
        assertEquals(List.of("a: Impaired", "c: OK"), told.stream().map(StatusNotices.Notice::title).toList());
        assertEquals("OK → Impaired\nwhy", told.get(0).text());
        assertEquals(IMPAIRED, told.get(0).status());
        assertTrue(StatusNotices.decide(List.of(change("b", OK, SERVICE_DOWN)), Set.of("b")).isEmpty());
    }

    @Test
    void aFlapWithinOneBatchIsOneChangeOrNone() {
        assertTrue(StatusNotices.decide(List.of(change("a", OK, IMPAIRED), change("a", IMPAIRED, OK)), Set.of())
                .isEmpty(), "back where it was");
        List<StatusNotices.Notice> told = StatusNotices.decide(List.of(change("a", OK, IMPAIRED),
                change("a", IMPAIRED, SERVICE_DOWN)), Set.of());
        assertEquals(1, told.size());
        assertEquals("OK → Service down\nwhy", told.get(0).text());
    }

    @Test
    void fiveHundredRelationshipsGoingDownTogetherMakeOneSummary() {
        List<StatusNotices.Change> changes = new ArrayList<>();
        for (int i = 0; i < 500; i++) changes.add(change("rel-" + i, OK, i < 480 ? UNREACHABLE : SERVICE_DOWN));
        List<StatusNotices.Notice> told = StatusNotices.decide(changes, Set.of("rel-0"));
        assertEquals(1, told.size());
        StatusNotices.Notice n = told.get(0);
        assertEquals("499 relationships changed status", n.title());
        assertEquals("Now 20 service down, 479 unreachable.\nrel-1, rel-2, rel-3, rel-4, rel-5 and 494 more", n.text());
        assertEquals(SERVICE_DOWN, n.status(), "the worst picks the icon");
        assertEquals(499, n.changes().size());
    }
}
