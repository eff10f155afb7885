package tandem.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.core.RelationshipStatus;
import tandem.core.StatusEvent;
import tandem.core.port.RoundTrips;

/** The Activity tab's state without JavaFX on screen: background work runs at once. */
class ActivityViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final InMemoryStateStore store = new InMemoryStateStore();

    private ActivityViewModel vm(RoundTrips roundTrips) {
        return new ActivityViewModel(store, roundTrips, BackgroundTasks.direct(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void theSpanChosenClipsTheTimelineAndTheRelationshipChosenIsTheOneRead() {
        store.appendEvents(List.of(
                new StatusEvent(NOW.minus(Duration.ofDays(3)), "east", null, RelationshipStatus.OK, "OK"),
                new StatusEvent(NOW.minus(Duration.ofHours(2)), "west", null, RelationshipStatus.IMPAIRED, "x"),
                new StatusEvent(NOW.minus(Duration.ofHours(1)), "east", RelationshipStatus.OK,
                        RelationshipStatus.SERVICE_DOWN, "y")));
        ActivityViewModel vm = vm(RoundTrips.NONE);
        assertNull(vm.timeline().get());
        vm.show("east");
        ActivityTimeline day = vm.timeline().get();
        assertEquals(NOW.minus(Duration.ofHours(24)), day.start());
        assertEquals(Duration.ofHours(23), day.time().get(RelationshipStatus.OK));
        assertEquals(Duration.ZERO, day.unknown());
        vm.span().set(ActivityViewModel.Span.WEEK);
        ActivityTimeline week = vm.timeline().get();
        assertEquals(NOW.minus(Duration.ofDays(7)), week.start());
        assertEquals(Duration.ofDays(4), week.unknown(), "before the first event");
        assertEquals(Duration.ofHours(71), week.time().get(RelationshipStatus.OK));
        vm.show("west");
        assertEquals(Duration.ofHours(2), vm.timeline().get().time().get(RelationshipStatus.IMPAIRED));
        assertEquals(Duration.ZERO, vm.timeline().get().time().get(RelationshipStatus.SERVICE_DOWN), "not east's");
        vm.show(null);
        assertNull(vm.timeline().get());
    }

    @Test
    void theChartKeepsAnsweredProbesAndMergesManyIntoTheirSlowest() {
        List<RoundTrips.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            samples.add(new RoundTrips.Sample(NOW.minusSeconds(1000 - i), Duration.ofMillis(i == 500 ? 250 : 5), i != 7));
        }
        Map<String, List<ActivityViewModel.Point>> points = ActivityViewModel.chartPoints(Map.of("p1", samples), 100);
        List<ActivityViewModel.Point> p1 = points.get("p1");
        assertTrue(p1.size() <= 100 && p1.size() >= 90, "at most the points asked: " + p1.size());
        assertEquals(250.0, p1.stream().mapToDouble(ActivityViewModel.Point::millis).max().orElseThrow(),
                "a spike survives the merge");
        assertEquals(NOW.minusSeconds(1000), p1.get(0).at());
        Map<String, List<ActivityViewModel.Point>> few = ActivityViewModel.chartPoints(Map.of("p1", samples.subList(0, 10)),
                100);
        assertEquals(9, few.get("p1").size(), "every answered probe when few; the unanswered one is left out");
    }

    @Test
    void theRoundTripsShownAreTheRelationshipsOwn() {
        RoundTrips rt = rel -> rel.equals("east") ? Map.of("east1", List.of(new RoundTrips.Sample(NOW,
                Duration.ofMillis(12), true))) : Map.of();
        ActivityViewModel vm = vm(rt);
        vm.show("east");
        assertEquals(12.0, vm.chart().get().get("east1").get(0).millis(), 1e-9);
        vm.show("west");
        assertTrue(vm.chart().get().isEmpty());
    }
}
