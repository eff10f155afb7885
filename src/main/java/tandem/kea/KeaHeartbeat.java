package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The arguments of {@code ha-heartbeat}.
 *
 * @param dateTime           the server's clock (RFC 1123, second precision); null when missing or unreadable
 * @param scopes             the scopes the server serves
 * @param state              its HA state
 * @param unsentUpdateCount  lease updates not yet sent to the partner; null when not reported
 */
public record KeaHeartbeat(Instant dateTime, List<String> scopes, String state, Long unsentUpdateCount) {

    // Kea warns about clock skew over 30 s and terminates HA over 60 s.
    public static final Duration SKEW_WARNING = Duration.ofSeconds(30);
    public static final Duration SKEW_FATAL = Duration.ofSeconds(60);

    private static final DateTimeFormatter WITHOUT_WEEKDAY =
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss z", Locale.ENGLISH);

    public KeaHeartbeat {
        scopes = List.copyOf(scopes);
    }

    public static KeaHeartbeat from(JsonNode arguments) {
        return new KeaHeartbeat(parseDateTime(KeaJson.text(arguments, "date-time")), KeaJson.strings(arguments, "scopes"),
                KeaJson.text(arguments, "state"), KeaJson.longValue(arguments, "unsent-update-count"));
    }

    /** How far the server's clock is ahead of {@code now} (negative: behind); null without a date-time. */
    public Duration skewFrom(Instant now) {
        return dateTime == null ? null : Duration.between(now, dateTime);
    }

    /** A date-time text and what it was read as. */
    private record Read(String text, Instant at) {}

    /** The last date-time read: the heartbeats of one poll of thousands of servers carry a handful of seconds. */
    private static volatile Read last;

    /** Parses "Sun, 22 Nov 2026 01:30:19 GMT"; null if the text is not an RFC 1123 date. */
    static Instant parseDateTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Read known = last;
        if (known != null && known.text().equals(text)) return known.at();
        Instant at = parseAnew(text);
        if (at != null) last = new Read(text, at);
        return at;
    }

    private static Instant parseAnew(String text) {
        try {
            return ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            // a wrong weekday alone should not hide the clock: retry without it
            String t = text.trim();
            int comma = t.indexOf(',');
            try {
                return ZonedDateTime.parse(comma >= 0 ? t.substring(comma + 1).trim() : t, WITHOUT_WEEKDAY).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
