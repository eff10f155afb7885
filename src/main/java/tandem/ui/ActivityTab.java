package tandem.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.SegmentedButton;
import tandem.core.RelationshipStatus;

/**
 * A relationship's history in pictures: its status over the last day or week with failovers marked and the share of
 * time in each status, its peers' poll round-trips, and whether its status changes are notified on the desktop.
 */
final class ActivityTab implements RelationshipTab {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter CLOCK_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ActivityViewModel vm;
    private final NotificationMutes mutes;
    private final ZoneId zone;
    private final StackPane root = new StackPane();
    private final VBox content = new VBox(10);
    private final Label empty = new Label("Select a relationship to see its activity");
    private final Label heading = new Label();
    private final TimelineView timeline;
    private final FlowPane summary = new FlowPane(18, 6);
    private final VBox failovers = new VBox(2);
    private final ToggleButton mute = new ToggleButton();
    private final Label problem = new Label();
    private final NumberAxis time = new NumberAxis();
    private final NumberAxis millis = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(time, millis);
    private final Label chartEmpty = new Label("No round-trips measured yet: they are kept from the console's start, for a day");

    ActivityTab(ActivityViewModel vm, NotificationMutes mutes, ZoneId zone) {
        this.vm = vm;
        this.mutes = mutes;
        this.zone = zone;
        this.timeline = new TimelineView(zone);
        build();
        vm.timeline().addListener((o, was, now) -> showTimeline(now));
        vm.chart().addListener((o, was, now) -> showChart(now));
        vm.problem().addListener((o, was, now) -> {
            problem.setText(now == null ? "" : now);
            problem.setVisible(now != null);
            problem.setManaged(now != null);
        });
        mutes.muted().addListener((SetChangeListener<String>) c -> showMute());
        showChart(Map.of());
        show(null);
    }

    @Override public String title() { return "Activity"; }

    @Override public String id() { return "activityTab"; }

    @Override public Node node() { return root; }

    @Override public void show(String relationship) {
        empty.setVisible(relationship == null);
        content.setVisible(relationship != null);
        vm.show(relationship);
        showMute();
    }

    /** A poll completed: what is on screen is read again, if the tab is on screen. */
    void pollCompleted() {
        if (root.getScene() != null && root.isVisible() && root.getParent() != null && root.getParent().isVisible()) {
            vm.reload();
        }
    }

    private void build() {
        root.getStyleClass().add("activity-pane");
        root.setId("activityPane");
        empty.getStyleClass().add("placeholder");
        StackPane.setAlignment(empty, Pos.TOP_LEFT);

        heading.getStyleClass().add("section-heading");
        SegmentedButton spans = new SegmentedButton();
        spans.setId("activitySpan");
        for (ActivityViewModel.Span s : ActivityViewModel.Span.values()) {
            ToggleButton b = new ToggleButton(s.label);
            b.setId("span-" + s.name().toLowerCase(java.util.Locale.ROOT));
            b.setUserData(s);
            b.setSelected(s == vm.span().get());
            spans.getButtons().add(b);
        }
        spans.getToggleGroup().selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) was.setSelected(true); // one span is always chosen
            else vm.span().set((ActivityViewModel.Span) now.getUserData());
        });
        spans.getStyleClass().add("activity-span");
        mute.setId("muteNotifications");
        mute.setOnAction(e -> mutes.set(vm.relationship().get(), mute.isSelected()));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(10, heading, spans, gap, mute);
        top.setAlignment(Pos.CENTER_LEFT);

        summary.setId("activitySummary");
        failovers.setId("activityFailovers");
        problem.getStyleClass().add("message-error");
        problem.setVisible(false);
        problem.setManaged(false);

        Label rttHeading = new Label("Poll round-trip per peer");
        rttHeading.getStyleClass().add("section-heading");
        chart.setId("roundTripChart");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setMinHeight(190);
        chart.setPrefHeight(230);
        time.setForceZeroInRange(false);
        time.setAutoRanging(false);
        time.setTickLabelFormatter(new StringConverter<>() {
            @Override public String toString(Number n) {
                // ticks less than a minute apart (a console started minutes ago) would repeat HH:mm
                DateTimeFormatter f = time.getTickUnit() < 60_000 ? CLOCK_SECONDS : CLOCK;
                return f.format(Instant.ofEpochMilli(n.longValue()).atZone(zone));
            }

            @Override public Number fromString(String s) { return 0; }
        });
        millis.setLabel("ms");
        millis.setForceZeroInRange(true);
        chartEmpty.getStyleClass().add("dim");

        content.getChildren().addAll(top, timeline, summary, failovers, problem, rttHeading, chartEmpty, chart);
        content.getStyleClass().add("activity-content");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("activity-scroll");
        root.getChildren().addAll(scroll, empty);
        content.visibleProperty().addListener((o, was, now) -> scroll.setVisible(now));
    }

    private void showMute() {
        String rel = vm.relationship().get();
        boolean muted = rel != null && mutes.isMuted(rel);
        mute.setSelected(muted);
        mute.setText(muted ? "Notifications muted" : "Mute notifications");
        mute.setTooltip(new Tooltip(muted ? "Status changes of " + rel + " raise no desktop notification; click to"
                + " notify again" : "Stop desktop notifications of this relationship's status changes"));
        mute.getStyleClass().remove("muted");
        if (muted) mute.getStyleClass().add("muted");
    }

    private void showTimeline(ActivityTimeline t) {
        timeline.show(t);
        summary.getChildren().clear();
        failovers.getChildren().clear();
        heading.setText("Status over the last " + vm.span().get().label);
        if (t == null) return;
        for (RelationshipStatus s : RelationshipStatus.values()) {
            Duration d = t.time().get(s);
            Label share = new Label(s.label() + "  " + ActivityTimeline.percent(t.share(s)),
                    StatusIcons.relationship(s, false, 13));
            share.getStyleClass().add("activity-share");
            share.setId("share-" + s.name().toLowerCase(java.util.Locale.ROOT));
            if (d.isZero()) share.getStyleClass().add("dim");
            share.setTooltip(new Tooltip(ActivityTimeline.span(d) + " " + s.label() + " in the last "
                    + vm.span().get().label));
            summary.getChildren().add(share);
        }
        if (!t.unknown().isZero()) {
            Label unknown = new Label("No data  " + ActivityTimeline.percent(t.unknown().toMillis()
                    / (double) t.window().toMillis()));
            unknown.getStyleClass().addAll("activity-share", "dim");
            unknown.setTooltip(new Tooltip("Time before the console first recorded this relationship's status"));
            summary.getChildren().add(unknown);
        }
        Label count = new Label(t.failovers().isEmpty() ? "No failover" : t.failovers().size() == 1 ? "1 failover"
                : t.failovers().size() + " failovers");
        count.getStyleClass().add("activity-failover-count");
        count.setId("failoverCount");
        summary.getChildren().add(count);
        List<ActivityTimeline.Failover> recent = new java.util.ArrayList<>(t.failovers());
        java.util.Collections.reverse(recent);
        for (ActivityTimeline.Failover f : recent.subList(0, Math.min(5, recent.size()))) {
            Label line = new Label(WHEN.format(f.at().atZone(zone)) + "   " + f.text());
            line.getStyleClass().add("activity-failover");
            failovers.getChildren().add(line);
        }
        if (recent.size() > 5) {
            Label more = new Label("and " + (recent.size() - 5) + " earlier");
            more.getStyleClass().add("dim");
            failovers.getChildren().add(more);
        }
    }

    /** Each peer's line, hidden with a sentence instead when no probe was answered yet. */
    private void showChart(Map<String, List<ActivityViewModel.Point>> points) {
        chart.getData().clear();
        boolean none = points.values().stream().allMatch(List::isEmpty);
        chart.setVisible(!none);
        chart.setManaged(!none);
        chartEmpty.setVisible(none);
        chartEmpty.setManaged(none);
        if (none) return;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (var e : points.entrySet()) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(e.getKey());
            for (ActivityViewModel.Point p : e.getValue()) {
                long at = p.at().toEpochMilli();
                min = Math.min(min, at);
                max = Math.max(max, at);
                series.getData().add(new XYChart.Data<>(at, p.millis()));
            }
            chart.getData().add(series);
        }
        long range = Math.max(60_000, max - min);
        time.setLowerBound(min);
        time.setUpperBound(min + range);
        time.setTickUnit(range / 6.0);
    }
}
