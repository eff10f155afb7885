package tandem.core.port;

import java.time.Instant;
import java.util.List;

/** Configuration changes under way, shared by every process that works on one data folder. */
public interface ActivityStore {
    /**
     * @param owner who applies it, as a person reads it: "the console", "tandem watch", "a tandem command"
     * @param pid   the process that applies it; with {@code host}, how a crashed process's leftovers are told apart
     */
    record Activity(long id, String relationship, String description, String owner, long pid, String host,
                    Instant startedAt) {}

    /** Records the activity (its id is ignored) and returns the id it was given. */
    long begin(Activity activity);

    void end(long id);

    /** The activities recorded for the relationship, oldest first. */
    List<Activity> running(String relationship);
}
