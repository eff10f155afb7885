package tandem.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configuration changes this console is applying right now, per relationship. A Kea server restarts its HA
 * service after every config-set (waiting, syncing, ready), so a relationship shows Impaired for a moment while
 * the console changes it; a status seen meanwhile says so, and the administrator knows where it came from.
 */
public final class ChangeActivity {
    /** An activity under way; closing it ends it. */
    public interface Running extends AutoCloseable {
        @Override
        void close();
    }

    private final ConcurrentHashMap<String, String> running = new ConcurrentHashMap<>();

    /** Marks {@code relationship} as being changed by {@code description} until the returned handle is closed. */
    public Running begin(String relationship, String description) {
        running.put(relationship, description);
        return () -> running.remove(relationship, description);
    }

    public Optional<String> current(String relationship) {
        return Optional.ofNullable(running.get(relationship));
    }

    /** The assessment with the change under way named as the likely cause of a status other than OK. */
    public Assessment explain(String relationship, Assessment assessment) {
        String what = running.get(relationship);
        if (what == null || assessment.status() == RelationshipStatus.OK) return assessment;
        List<String> reasons = new ArrayList<>(assessment.reasons());
        reasons.add("expected while this console applies " + what);
        return new Assessment(assessment.status(), assessment.sourceOfTruth(), reasons);
    }
}
