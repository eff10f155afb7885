package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.core.RelationshipStatus.IMPAIRED;
import static tandem.core.RelationshipStatus.OK;
import static tandem.core.RelationshipStatus.SERVICE_DOWN;
import static tandem.core.RelationshipStatus.UNREACHABLE;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.core.RelationshipStatus;
import tandem.core.StatusEvent;

class ActivityTimelineTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static StatusEvent at(Duration ago, RelationshipStatus from, RelationshipStatus to, String reason) {
        return new StatusEvent(NOW.minus(ago), "east", from, to, reason);
    }

    private static Duration h(long hours) { return Duration.ofHours(hours); }

    /** Ten days of history: OK, impaired (partner-down), service down, OK, a takeover, unreachable, OK. */
    private static final List<StatusEvent> HISTORY = List.of(
            at(Duration.ofDays(10), null, OK, "OK"),
            at(Duration.ofDays(3), OK, IMPAIRED, "Primary east1 is offline: its control endpoint does not answer;"
                    + " Secondary east2 is in state partner-down (serves every client alone)"),
            at(h(40), IMPAIRED, SERVICE_DOWN, "Primary east1 is offline; Secondary east2 is offline"),
            at(h(30), SERVICE_DOWN, OK, "OK"),
            at(h(10), OK, OK, StatusEvent.SOURCE_OF_TRUTH_NOW + "east2"),
            at(h(6), OK, UNREACHABLE, "No control endpoint of the relationship answers"),
            at(h(5), UNREACHABLE, OK, "OK"));

    @Test
    void theLastDayIsClippedAtItsStartAndEachStatusGetsItsTime() {
        // as the store answers: the last event before the window, then the window's
        List<StatusEvent> day = HISTORY.subList(3, HISTORY.size());
        ActivityTimeline t = ActivityTimeline.of(day, NOW.minus(h(24)), NOW);
        assertEquals(List.of(OK, UNREACHABLE, OK), t.bands().stream().map(ActivityTimeline.Band::status).toList(),
                "the takeover keeps the status: one OK band across it");
        assertEquals(NOW.minus(h(24)), t.bands().get(0).from(), "the OK before the window starts at its start");
        assertEquals(h(18), t.bands().get(0).duration());
        assertEquals(h(1), t.bands().get(1).duration());
        assertEquals(h(5), t.bands().get(2).duration());
        assertEquals(NOW, t.bands().get(2).to(), "the last status lasts until now");
        assertEquals(h(23), t.time().get(OK));
        assertEquals(h(1), t.time().get(UNREACHABLE));
        assertEquals(Duration.ZERO, t.time().get(SERVICE_DOWN));
        assertEquals(Duration.ZERO, t.unknown());
        assertEquals(23 / 24.0, t.share(OK), 1e-9);
        assertEquals(List.of(NOW.minus(h(10))), t.failovers().stream().map(ActivityTimeline.Failover::at).toList());
        assertEquals("east2 took over", t.failovers().get(0).text());
    }

    @Test
    void theLastWeekSeesThePartnerDownAndTheOutage() {
        List<StatusEvent> week = HISTORY; // the first event is before the week: OK at its start
        ActivityTimeline t = ActivityTimeline.of(week, NOW.minus(Duration.ofDays(7)), NOW);
        assertEquals(List.of(OK, IMPAIRED, SERVICE_DOWN, OK, UNREACHABLE, OK),
                t.bands().stream().map(ActivityTimeline.Band::status).toList());
        assertEquals(Duration.ofDays(4).plus(h(24 + 5)), t.time().get(OK), "4 days before, then 24 h and 5 h");
        assertEquals(h(72 - 40), t.time().get(IMPAIRED));
        assertEquals(h(10), t.time().get(SERVICE_DOWN));
        assertEquals(t.window(), t.time().values().stream().reduce(Duration.ZERO, Duration::plus), "every hour counted once");
        assertEquals(2, t.failovers().size());
        assertTrue(t.failovers().get(0).text().contains("partner-down"), t.failovers().get(0).text());
        assertEquals(NOW.minus(Duration.ofDays(3)), t.failovers().get(0).at());
    }

    @Test
    void timeBeforeTheFirstEventIsUnknown() {
        List<StatusEvent> recent = List.of(at(h(6), null, OK, "OK"), at(h(2), OK, IMPAIRED, "Standby west2 is in state"
                + " syncing"));
        ActivityTimeline t = ActivityTimeline.of(recent, NOW.minus(h(24)), NOW);
        assertEquals(h(18), t.unknown());
        assertEquals(h(4), t.time().get(OK));
        assertEquals(h(2), t.time().get(IMPAIRED));
        assertTrue(t.failovers().isEmpty(), "syncing is no failover");
        assertEquals(0.75, t.unknown().toMillis() / (double) t.window().toMillis(), 1e-9);
    }

    @Test
    void noHistoryIsAllUnknownAndAFailoverBeforeTheWindowIsNotMarked() {
        assertEquals(h(24), ActivityTimeline.of(List.of(), NOW.minus(h(24)), NOW).unknown());
        ActivityTimeline t = ActivityTimeline.of(List.of(HISTORY.get(1)), NOW.minus(h(24)), NOW);
        assertEquals(List.of(IMPAIRED), t.bands().stream().map(ActivityTimeline.Band::status).toList());
        assertTrue(t.failovers().isEmpty(), "it happened before the window");
    }

    @Test
    void sharesAndSpansReadWell() {
        assertEquals("97.3 %", ActivityTimeline.percent(0.9731));
        assertEquals("< 0.1 %", ActivityTimeline.percent(0.0004));
        assertEquals("99.9 %", ActivityTimeline.percent(0.99996), "not 100 % while any time was elsewhere");
        assertEquals("100 %", ActivityTimeline.percent(1));
        assertEquals("0 %", ActivityTimeline.percent(0));
        assertEquals("2 h 05 min", ActivityTimeline.span(Duration.ofMinutes(125)));
        assertEquals("3 d 4 h", ActivityTimeline.span(Duration.ofHours(76)));
        assertEquals("40 s", ActivityTimeline.span(Duration.ofSeconds(40)));
    }
}
