package tandem.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The audit trail: one record per change that reached (or was meant to reach) a server. Append only. */
public interface AuditStore {
    /**
     * @param servers  each server the change was meant for, with its outcome ("applied", "failed: ...", "unknown")
     * @param outcome  the change as a whole: applied, partly applied, failed, refused, unknown, settled
     * @param diff     the before/after diff, with secrets already redacted
     * @param journalId the journal entry it belongs to, or null
     */
    record AuditRecord(long id, Instant time, String user, String host, String process, String relationship,
                       String kind, String description, Map<String, String> servers, String outcome, String diff,
                       Long journalId) {
        public AuditRecord {
            servers = servers == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(servers));
        }
    }

    /** Which records to read: null fields match everything. */
    record Query(String relationship, String user, Instant since, Instant until, int limit) {
        public static Query all(int limit) { return new Query(null, null, null, null, limit); }
    }

    /** Stores the record (its id is ignored) and returns its id. */
    long append(AuditRecord record);

    /** Newest first. */
    List<AuditRecord> find(Query query);
}
