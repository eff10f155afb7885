package tandem.core;

import java.util.List;
import tandem.core.change.Redaction;

/**
 * The verdict on a relationship after one poll.
 *
 * @param sourceOfTruth the peer whose in-memory configuration is authoritative now, or null when none is active
 * @param reasons       why the status is not OK (empty when OK), each a sentence an administrator understands
 */
public record Assessment(RelationshipStatus status, String sourceOfTruth, List<String> reasons) {
    public Assessment {
        // sentences may quote a server's answer, which may quote its configuration
        reasons = List.copyOf(reasons.stream().map(Redaction::redact).toList());
    }

    public String summary() {
        return reasons.isEmpty() ? status.label() : String.join("; ", reasons);
    }
}
