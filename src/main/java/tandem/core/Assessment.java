package tandem.core;

import java.util.List;

/**
 * The verdict on a relationship after one poll.
 *
 * @param sourceOfTruth the peer whose in-memory configuration is authoritative now, or null when none is active
 * @param reasons       why the status is not OK (empty when OK), each a sentence an administrator understands
 */
public record Assessment(RelationshipStatus status, String sourceOfTruth, List<String> reasons) {
    public Assessment {
        reasons = List.copyOf(reasons);
    }

    public String summary() {
        return reasons.isEmpty() ? status.label() : String.join("; ", reasons);
    }
}
