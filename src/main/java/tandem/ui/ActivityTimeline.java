package tandem.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tandem.core.RelationshipStatus;
import tandem.core.StatusEvent;

/**
 * A relationship's status over a window of time, worked out from its recorded status changes: a band for each
 * stretch of one status, the failovers the events record, and the time spent in each status. A status holds from its
 * event until the next one; before the first event known, nothing is known ("no data").
 */
record ActivityTimeline(Instant start, Instant end, List<Band> bands, List<Failover> failovers,
                        Map<RelationshipStatus, Duration> time) {

    /** One stretch of one status, clipped to the window. */
    record Band(Instant from, Instant to, RelationshipStatus status, String reason) {
        Duration duration() { return Duration.between(from, to); }
    }

    /** A peer taking over, or a peer in partner-down, as the event's reason says. */
    record Failover(Instant at, String text) {}

    ActivityTimeline {
        bands = List.copyOf(bands);
        failovers = List.copyOf(failovers);
        time = Map.copyOf(time);
    }

    /**
     * @param events the relationship's events, oldest first, starting with the last one before {@code start} when
     *               there is one (see {@link tandem.core.port.StateStore#history})
     */
    static ActivityTimeline of(List<StatusEvent> events, Instant start, Instant end) {
        List<Band> bands = new ArrayList<>();
        List<Failover> failovers = new ArrayList<>();
        Map<RelationshipStatus, Duration> time = new EnumMap<>(RelationshipStatus.class);
        for (RelationshipStatus s : RelationshipStatus.values()) time.put(s, Duration.ZERO);
        for (int i = 0; i < events.size(); i++) {
            StatusEvent e = events.get(i);
            if (e.at().isAfter(end)) break;
            Instant until = i + 1 < events.size() && events.get(i + 1).at().isBefore(end) ? events.get(i + 1).at() : end;
            Instant from = e.at().isBefore(start) ? start : e.at();
            if (!e.at().isBefore(start)) failover(e).ifPresent(text -> failovers.add(new Failover(e.at(), text)));
            if (!until.isAfter(from)) continue;
            Band last = bands.isEmpty() ? null : bands.get(bands.size() - 1);
            // a new source of truth keeps the status: one band, with the failover marked on it
            if (last != null && last.status() == e.to() && last.to().equals(from)) {
                bands.set(bands.size() - 1, new Band(last.from(), until, last.status(), last.reason()));
            } else {
                bands.add(new Band(from, until, e.to(), e.reason()));
            }
            time.merge(e.to(), Duration.between(from, until), Duration::plus);
        }
        return new ActivityTimeline(start, end, bands, failovers, time);
    }

    /** What the event says about a failover, or empty when it records none. */
    static Optional<String> failover(StatusEvent e) {
        String reason = e.reason() == null ? "" : e.reason();
        if (reason.startsWith(StatusEvent.SOURCE_OF_TRUTH_NOW)) {
            return Optional.of(reason.substring(StatusEvent.SOURCE_OF_TRUTH_NOW.length()).strip() + " took over");
        }
        for (String part : reason.split("; ")) {
            String lower = part.toLowerCase(Locale.ROOT);
            if (lower.contains("partner-down") || lower.contains("partner down") || lower.contains("partnerdown")
                    || lower.contains("is the source of truth while the primary is away")) {
                return Optional.of(part.strip());
            }
        }
        return Optional.empty();
    }

    Duration window() { return Duration.between(start, end); }

    /** The part of the window with no status known. */
    Duration unknown() {
        Duration known = time.values().stream().reduce(Duration.ZERO, Duration::plus);
        return window().minus(known);
    }

    /** The share of the window spent in the status, 0 to 1. */
    double share(RelationshipStatus status) {
        long w = window().toMillis();
        return w <= 0 ? 0 : time.getOrDefault(status, Duration.ZERO).toMillis() / (double) w;
    }

    /** "97.3 %", "< 0.1 %" for a sliver that would round to nothing, "0 %" for none. */
    static String percent(double share) {
        if (share <= 0) return "0 %";
        if (share < 0.001) return "< 0.1 %";
        if (share >= 1) return "100 %";
        return String.format(Locale.ROOT, "%.1f %%", Math.min(99.9, share * 100));
    }

    /** "3 d 4 h", "2 h 05 min", "12 min", "40 s". */
    static String span(Duration d) {
        long s = d.toSeconds();
        if (s < 60) return s + " s";
        if (s < 3600) return s / 60 + " min";
        if (s < 86_400) return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
        return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
    }
}
