package tandem.core.access;

import java.util.List;

/** Whether the signed-in user may make a change. */
public interface AccessPolicy {
    /** @throws PermissionDenied naming the first missing bit */
    void check(List<Need> needs);

    /** Alone on a data folder, the desktop's user holds every permission. */
    AccessPolicy EVERYTHING = needs -> { };
}
