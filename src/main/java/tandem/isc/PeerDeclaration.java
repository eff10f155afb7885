package tandem.isc;

import java.util.List;
import java.util.Map;

/**
 * A failover peer as declared in a file, with the line of each field's statement (so problems point at it) and any
 * statement whose value could not be read.
 */
public record PeerDeclaration(FailoverPeer peer, String file, int line, Map<FailoverPeer.Field, Integer> fieldLines,
                              List<ConfProblem> unreadable) {
    public int lineOf(FailoverPeer.Field field) { return fieldLines.getOrDefault(field, line); }
}
