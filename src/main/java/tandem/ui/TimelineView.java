package tandem.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;

/**
 * The status timeline drawn with shapes: a coloured band per status stretch (the tree's colours, from the
 * stylesheet), hatched grey where nothing is known, a marker above the band at each failover, and a time axis. Each
 * band and marker has a tooltip with its times and reason. Laid out again whenever its width or timeline changes.
 */
final class TimelineView extends Region {
    private static final double MARKS = 16;
    private static final double BAND = 36;
    private static final double AXIS = 22;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm");

    private final ZoneId zone;
    private ActivityTimeline timeline;
    private double drawnWidth = -1;

    TimelineView(ZoneId zone) {
        this.zone = zone;
        getStyleClass().add("timeline");
        setId("activityTimeline");
        setMinHeight(MARKS + BAND + AXIS);
        setPrefHeight(MARKS + BAND + AXIS);
        setMaxHeight(MARKS + BAND + AXIS);
    }

    void show(ActivityTimeline t) {
        timeline = t;
        drawnWidth = -1;
        requestLayout();
    }

    @Override protected double computePrefWidth(double height) { return 600; }

    @Override protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        if (w == drawnWidth) return;
        drawnWidth = w;
        getChildren().setAll(draw(w));
        // tick labels are placed once styled, centred on their tick and kept inside the band's width
        double left = snappedLeftInset();
        for (Node n : getChildren()) {
            if (n instanceof Label label && label.getUserData() instanceof Double x) {
                label.applyCss();
                double lw = label.prefWidth(-1);
                label.resizeRelocate(Math.max(left, Math.min(left + w - lw, x - lw / 2)), MARKS + BAND + 4, lw,
                        label.prefHeight(-1));
            }
        }
    }

    private List<Node> draw(double width) {
        List<Node> out = new ArrayList<>();
        double x0 = snappedLeftInset();
        Rectangle track = new Rectangle(x0, MARKS, Math.max(0, width), BAND);
        track.getStyleClass().add("timeline-unknown");
        Tooltip.install(track, new Tooltip("No status recorded for this time"));
        out.add(track);
        if (timeline == null || width <= 0) return out;
        double total = timeline.window().toMillis();
        for (ActivityTimeline.Band b : timeline.bands()) {
            double from = x0 + width * Duration.between(timeline.start(), b.from()).toMillis() / total;
            double to = x0 + width * Duration.between(timeline.start(), b.to()).toMillis() / total;
            // a stretch of seconds in a week still shows as a sliver
            Rectangle r = new Rectangle(from, MARKS, Math.max(1.5, to - from), BAND);
            r.getStyleClass().addAll("timeline-band", StatusIcons.styleClass(b.status()));
            Tooltip tip = new Tooltip(b.status().label() + "  " + when(b.from()) + " – " + when(b.to()) + "  ("
                    + ActivityTimeline.span(b.duration()) + ")" + (b.reason() == null || b.reason().equals(b.status()
                    .label()) ? "" : "\n" + b.reason()));
            tip.setWrapText(true);
            tip.setMaxWidth(480);
            Tooltip.install(r, tip);
            out.add(r);
        }
        out.addAll(axis(x0, width, total));
        for (ActivityTimeline.Failover f : timeline.failovers()) {
            double x = x0 + width * Duration.between(timeline.start(), f.at()).toMillis() / total;
            Line line = new Line(x, MARKS - 2, x, MARKS + BAND);
            line.getStyleClass().add("timeline-failover-line");
            Polygon mark = new Polygon(x - 6, 1, x + 6, 1, x, MARKS - 2);
            mark.getStyleClass().add("timeline-failover");
            Tooltip.install(mark, new Tooltip("Failover at " + when(f.at()) + "\n" + f.text()));
            out.add(line);
            out.add(mark);
        }
        return out;
    }

    /** Ticks every 3 hours over a day, at each midnight over a week, in the console's time zone. */
    private List<Node> axis(double x0, double width, double total) {
        List<Node> out = new ArrayList<>();
        boolean week = timeline.window().compareTo(Duration.ofDays(2)) > 0;
        ZonedDateTime t = timeline.start().atZone(zone).truncatedTo(week ? ChronoUnit.DAYS : ChronoUnit.HOURS);
        while (!week && t.getHour() % 3 != 0) t = t.plusHours(1);
        for (; !t.toInstant().isAfter(timeline.end()); t = week ? t.plusDays(1) : t.plusHours(3)) {
            if (t.toInstant().isBefore(timeline.start())) continue;
            double x = x0 + width * Duration.between(timeline.start(), t.toInstant()).toMillis() / total;
            Line tick = new Line(x, MARKS + BAND, x, MARKS + BAND + 4);
            tick.getStyleClass().add("timeline-tick");
            Label label = new Label(week ? DAY.format(t) : HOUR.format(t));
            label.getStyleClass().add("timeline-tick-label");
            label.setManaged(false);
            label.setUserData(x);
            out.add(tick);
            out.add(label);
        }
        return out;
    }

    private String when(Instant at) { return WHEN.format(at.atZone(zone)); }
}
