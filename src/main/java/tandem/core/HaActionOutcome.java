package tandem.core;

import java.util.List;
import java.util.Objects;

/**
 * What sending an HA action achieved.
 *
 * @param result  DONE when every targeted server accepted it; REFUSED when a server answered with an error (its
 *                reason is in the message); FAILED when a server could not be reached
 * @param message one sentence (or a few) for the administrator, with Kea's own words where it gave any
 * @param replies what each targeted server answered, in the order they were sent
 */
public record HaActionOutcome(Result result, String message, List<PeerReply> replies) {
    public enum Result { DONE, REFUSED, FAILED }

    /** @param text Kea's text or the failure's sentence */
    public record PeerReply(String peer, boolean accepted, String text) {}

    public HaActionOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(message, "message");
        replies = List.copyOf(replies);
    }

    public boolean succeeded() { return result == Result.DONE; }
}
