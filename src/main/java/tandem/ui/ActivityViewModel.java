package tandem.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import tandem.core.port.RoundTrips;
import tandem.core.port.StateStore;

/**
 * The Activity tab's state: the selected relationship's status timeline over the chosen span and its peers' poll
 * round-trips. Reads run through {@link BackgroundTasks}; an answer for a relationship or span no longer shown is
 * dropped.
 */
final class ActivityViewModel {
    /** The spans the timeline offers. */
    enum Span {
        DAY("24 hours", Duration.ofHours(24)), WEEK("7 days", Duration.ofDays(7));

        final String label;
        final Duration length;

        Span(String label, Duration length) {
            this.label = label;
            this.length = length;
        }
    }

    /** A point of the round-trip chart: when, and milliseconds. */
    record Point(Instant at, double millis) {}

    /** At most this many points a peer: the chart stays quick with a day of samples. */
    static final int CHART_POINTS = 240;

    private final StateStore store;
    private final RoundTrips roundTrips;
    private final BackgroundTasks tasks;
    private final Clock clock;
    private final ObjectProperty<Span> span = new SimpleObjectProperty<>(Span.DAY);
    private final ReadOnlyStringWrapper relationship = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<ActivityTimeline> timeline = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Map<String, List<Point>>> chart = new ReadOnlyObjectWrapper<>(Map.of());
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();

    ActivityViewModel(StateStore store, RoundTrips roundTrips, BackgroundTasks tasks, Clock clock) {
        this.store = store;
        this.roundTrips = roundTrips;
        this.tasks = tasks;
        this.clock = clock;
        span.addListener((o, was, now) -> reload());
    }

    ObjectProperty<Span> span() { return span; }

    ReadOnlyStringProperty relationship() { return relationship.getReadOnlyProperty(); }

    /** Null while nothing is selected or loaded. */
    ReadOnlyObjectProperty<ActivityTimeline> timeline() { return timeline.getReadOnlyProperty(); }

    /** Answered probes per peer, oldest first. */
    ReadOnlyObjectProperty<Map<String, List<Point>>> chart() { return chart.getReadOnlyProperty(); }

    /** Why the history could not be read, or null. */
    ReadOnlyStringProperty problem() { return problem.getReadOnlyProperty(); }

    void show(String name) {
        if (Objects.equals(name, relationship.get())) return;
        relationship.set(name);
        timeline.set(null);
        chart.set(Map.of());
        reload();
    }

    /** Reads the history and round-trips again (after a poll, or a change of span). */
    void reload() {
        String name = relationship.get();
        Span asked = span.get();
        if (name == null) return;
        Instant end = clock.instant();
        Instant start = end.minus(asked.length);
        tasks.run(() -> new Loaded(ActivityTimeline.of(store.history(name, start), start, end),
                        chartPoints(roundTrips.of(name), CHART_POINTS)),
                loaded -> {
                    if (!name.equals(relationship.get()) || asked != span.get()) return;
                    problem.set(null);
                    timeline.set(loaded.timeline());
                    chart.set(loaded.chart());
                },
                e -> {
                    if (name.equals(relationship.get())) problem.set("The status history cannot be read: " + e.getMessage());
                });
    }

    private record Loaded(ActivityTimeline timeline, Map<String, List<Point>> chart) {}

    /**
     * The answered probes of each peer, at most {@code max} points: beyond that, consecutive samples are merged into
     * their slowest, so a spike stays visible.
     */
    static Map<String, List<Point>> chartPoints(Map<String, List<RoundTrips.Sample>> samples, int max) {
        Map<String, List<Point>> out = new LinkedHashMap<>();
        samples.forEach((peer, list) -> {
            List<RoundTrips.Sample> answered = list.stream().filter(RoundTrips.Sample::answered).toList();
            int per = Math.max(1, (answered.size() + max - 1) / max);
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < answered.size(); i += per) {
                RoundTrips.Sample slowest = answered.get(i);
                for (int k = i + 1; k < Math.min(answered.size(), i + per); k++) {
                    if (answered.get(k).roundTrip().compareTo(slowest.roundTrip()) > 0) slowest = answered.get(k);
                }
                points.add(new Point(answered.get(i).at(), slowest.roundTrip().toNanos() / 1e6));
            }
            out.put(peer, List.copyOf(points));
        });
        return out;
    }
}
