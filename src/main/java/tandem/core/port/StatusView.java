package tandem.core.port;

import java.util.Map;
import tandem.core.RelationshipState;

/** The latest status of every relationship, as the poller knows it. */
public interface StatusView {
    Map<String, RelationshipState> current();

    /** Polls now (blocking) and returns the fresh picture. */
    Map<String, RelationshipState> refresh();
}
