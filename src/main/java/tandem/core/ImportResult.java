package tandem.core;

import java.util.List;

/** What adding a server found: its relationships, or why it cannot be added. */
public sealed interface ImportResult {
    /** @param notes things the administrator should know, e.g. relationships this server is not primary of */
    record Accepted(ServerRecord server, List<Relationship> relationships, List<ConfigSnapshot> snapshots,
                    List<String> notes) implements ImportResult {
        public Accepted {
            relationships = List.copyOf(relationships);
            snapshots = List.copyOf(snapshots);
            notes = List.copyOf(notes);
        }
    }

    /** @param field the input the problem belongs to (e.g. "url"), or null when it is about the server itself */
    record Refused(String message, String field) implements ImportResult {}
}
