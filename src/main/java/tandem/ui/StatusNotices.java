package tandem.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tandem.core.RelationshipState;
import tandem.core.RelationshipStatus;

/**
 * What the desktop is told about status changes, without JavaFX: which relationships changed status since this
 * console last polled them, minus the muted ones, and past a few at once one summary instead of a flood.
 */
final class StatusNotices {
    /** Up to this many changes at once are told one by one; more make one summary. */
    static final int ONE_BY_ONE = 3;

    /** A relationship's status as this console saw it change. */
    record Change(String relationship, RelationshipStatus from, RelationshipStatus to, String reason) {}

    /** One desktop notification; {@code status} picks its icon (the worst status among its changes). */
    record Notice(String title, String text, RelationshipStatus status, List<Change> changes) {}

    /** The status last polled per relationship; only the poller's thread calls {@link #observe}. */
    private final Map<String, RelationshipStatus> seen = new HashMap<>();

    /**
     * The status changes among the states of one poll cycle. A relationship's first fresh state is its starting
     * point, not a change: the console does not announce what it finds at startup, nor a last-known state coming
     * back from the store.
     */
    List<Change> observe(Collection<RelationshipState> changed) {
        List<Change> out = new ArrayList<>();
        for (RelationshipState s : changed) {
            if (s.stale()) continue;
            String name = s.relationship().name();
            RelationshipStatus now = s.assessment().status();
            RelationshipStatus before = seen.put(name, now);
            if (before != null && before != now) out.add(new Change(name, before, now, s.assessment().summary()));
        }
        return out;
    }

    /** Forgets relationships no longer shown, so one added again under that name starts afresh. */
    void keepOnly(Set<String> relationships) { seen.keySet().retainAll(relationships); }

    /** The notifications for changes that arrived together; muted relationships are left out. */
    static List<Notice> decide(List<Change> changes, Set<String> muted) {
        // the latest change of each relationship counts: a flap within one batch is one change
        Map<String, Change> latest = new LinkedHashMap<>();
        for (Change c : changes) {
            if (muted.contains(c.relationship())) continue;
            Change earlier = latest.remove(c.relationship());
            latest.put(c.relationship(), earlier == null ? c : new Change(c.relationship(), earlier.from(), c.to(),
                    c.reason()));
        }
        List<Change> told = latest.values().stream().filter(c -> c.from() != c.to()).toList();
        if (told.isEmpty()) return List.of();
        if (told.size() <= ONE_BY_ONE) {
            return told.stream().map(c -> new Notice(c.relationship() + ": " + c.to().label(),
                    c.from().label() + " → " + c.to().label() + "\n" + c.reason(), c.to(), List.of(c))).toList();
        }
        Map<RelationshipStatus, Long> byStatus = told.stream().collect(Collectors.groupingBy(Change::to,
                () -> new java.util.EnumMap<>(RelationshipStatus.class), Collectors.counting()));
        String counts = byStatus.entrySet().stream().sorted((a, b) -> Integer.compare(severity(b.getKey()),
                severity(a.getKey()))).map(e -> e.getValue() + " " + e.getKey().label().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
        List<String> names = told.stream().map(Change::relationship).toList();
        String listed = String.join(", ", names.subList(0, Math.min(5, names.size())))
                + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
        RelationshipStatus worst = told.stream().map(Change::to).max((a, b) -> Integer.compare(severity(a),
                severity(b))).orElseThrow();
        return List.of(new Notice(told.size() + " relationships changed status", "Now " + counts + ".\n" + listed,
                worst, told));
    }

    /** How much a status needs attention: a service down first, then nothing known, then impaired. */
    static int severity(RelationshipStatus s) {
        return switch (s) {
            case OK -> 0;
            case IMPAIRED -> 1;
            case UNREACHABLE -> 2;
            case SERVICE_DOWN -> 3;
        };
    }
}
