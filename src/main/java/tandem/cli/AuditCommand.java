package tandem.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tandem.core.change.Redaction;
import tandem.core.port.AuditStore.AuditRecord;
import tandem.core.port.AuditStore.Query;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The audit trail: every change made to a server through this data folder or team store,"
                + " newest first, with who made it, from where, and each server's outcome.")
final class AuditCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    @ParentCommand TandemCommand root;
    @Spec CommandSpec spec;

    @Option(names = "--relationship", paramLabel = "R", description = "Only changes to this relationship")
    String relationship;

    @Option(names = "--user", paramLabel = "U", description = "Only changes made by this user")
    String user;

    @Option(names = "--since", paramLabel = "ISO-TIME", converter = SinceConverter.class,
            description = "Only changes at or after this time: 2026-12-01T10:00:00Z, or 2026-12-01T10:00 or 2026-12-01"
                    + " in this computer's time zone")
    Instant since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "200", description = "At most N records (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "Print a JSON array of records")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
        List<AuditRecord> records = root.services().auditStore().find(new Query(relationship, user, since, null, limit));
        PrintWriter out = spec.commandLine().getOut();
        if (json) out.println(toJson(records));
        else print(out, records, ZoneId.systemDefault());
        return 0;
    }

    /**
     * @return the instant {@code text} names: an ISO-8601 instant or offset date-time, else a local date-time or a
     *         date (its start) in {@code zone}
     * @throws IllegalArgumentException when it is none of these
     */
    static Instant parseSince(String text, ZoneId zone) {
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant(); // also takes "...Z"
        } catch (DateTimeParseException notOffset) {
            // try the forms without a zone
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException notLocal) {
            // try a plain date
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notDate) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 time such as 2026-12-01T10:00:00Z,"
                    + " 2026-12-01T10:00 or 2026-12-01");
        }
    }

    /** Picocli reports a failed conversion as a usage error naming the option. */
    static final class SinceConverter implements CommandLine.ITypeConverter<Instant> {
        @Override public Instant convert(String value) {
            try {
                return parseSince(value, ZoneId.systemDefault());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static String toJson(List<AuditRecord> records) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (AuditRecord r : records) {
            ObjectNode n = array.addObject();
            n.put("id", r.id());
            n.put("time", r.time().toString());
            n.put("user", r.user());
            n.put("host", r.host());
            n.put("process", r.process());
            n.put("relationship", r.relationship());
            n.put("kind", r.kind());
            n.put("description", r.description());
            ArrayNode servers = n.putArray("servers");
            for (Map.Entry<String, String> s : r.servers().entrySet()) {
                servers.addObject().put("name", s.getKey()).put("outcome", s.getValue());
            }
            n.put("outcome", r.outcome());
            n.put("diff", shownDiff(r));
            n.put("journalId", r.journalId());
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array);
    }

    private static void print(PrintWriter out, List<AuditRecord> records, ZoneId zone) {
        if (records.isEmpty()) {
            out.println("No audit records.");
            return;
        }
        boolean first = true;
        for (AuditRecord r : records) {
            if (!first) out.println();
            first = false;
            out.printf("#%d  %s  %s@%s  %s%n", r.id(), TIME.format(r.time().atZone(zone)), r.user(), r.host(), r.process());
            out.println("  relationship: " + r.relationship());
            out.println("  change:       " + r.description());
            out.println("  outcome:      " + r.outcome());
            r.servers().forEach((server, outcome) -> out.printf("    %-20s %s%n", server, outcome));
        }
    }

    /**
     * The change runner stores diffs redacted; redacting again costs nothing and keeps a record written by an older
     * or other writer from printing a secret.
     */
    private static String shownDiff(AuditRecord r) {
        return Redaction.redact(r.diff());
    }
}
