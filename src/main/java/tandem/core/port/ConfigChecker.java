package tandem.core.port;

import java.util.List;
import tandem.core.ConfigCheck;
import tandem.core.Relationship;
import tandem.core.RelationshipState;

/**
 * The HA configuration checks of a relationship, from its stored configuration and the last poll. May read the
 * store: call it off the UI thread.
 */
public interface ConfigChecker {
    /** @param state the last poll, or null when none reached the relationship yet */
    List<ConfigCheck> checks(Relationship relationship, RelationshipState state);
}
