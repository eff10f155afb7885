package tandem.windows.ps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tolerant readers for what {@code ConvertTo-Json} makes of Windows objects, in Windows PowerShell 5.1 and
 * PowerShell 7 alike: arrays wrapped as {@code {"value":[...],"Count":n}}, one result as a bare object and none as
 * nothing; IPAddress objects ({@code IPAddressToString}, or {@code Address} as a little-endian uint32) or strings;
 * TimeSpan objects ({@code TotalSeconds}, {@code Ticks}) or seconds; enums as numbers or names; dates as
 * {@code /Date(ms)/} or ISO 8601. Every reader takes a missing or null node as "none".
 */
public final class WindowsJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");
    private static final Pattern TIME_SPAN = Pattern.compile("(-)?(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?");
    private static final long TICKS_PER_SECOND = 10_000_000L;

    private WindowsJson() {}

    /** Parses JSON text ({@code \\uXXXX} escapes included); empty text, as PowerShell prints for no result, is null. */
    public static JsonNode read(String text) throws IOException {
        if (text == null || text.isBlank()) return JSON.nullNode();
        return JSON.readTree(text.strip().startsWith("\uFEFF") ? text.strip().substring(1) : text);
    }

    static boolean none(JsonNode n) { return n == null || n.isNull() || n.isMissingNode(); }

    /** The items: an array, a {@code {value,Count}} wrapper, one bare item, or none. */
    public static List<JsonNode> list(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (none(n)) return out;
        JsonNode items = unwrap(n);
        if (items.isArray()) items.forEach(out::add);
        else out.add(items);
        return out;
    }

    private static JsonNode unwrap(JsonNode n) {
        if (n.isObject() && n.size() == 2 && n.has("value") && n.has("Count")) return n.get("value");
        return n;
    }

    /** A value as text (numbers and booleans as written), or null. */
    public static String text(JsonNode n) {
        if (none(n)) return null;
        return n.isValueNode() ? n.asText() : n.toString();
    }

    /**
     * A dotted IPv4 address from a string, or an IPAddress object ({@code IPAddressToString}, else {@code Address}:
     * the four bytes in network order read as a little-endian uint32, 698560 = 192.168.10.0); null for none.
     */
    public static String ip(JsonNode n) {
        if (none(n)) return null;
        if (n.isTextual()) return n.asText().strip();
        if (n.isObject()) {
            JsonNode s = n.get("IPAddressToString");
            if (!none(s) && s.isTextual()) return s.asText().strip();
            JsonNode a = n.get("Address");
            if (!none(a) && a.canConvertToLong()) return dotted(a.asLong());
        }
        if (n.isIntegralNumber()) return dotted(n.asLong());
        throw new IllegalArgumentException("not an IP address: " + n);
    }

    private static String dotted(long littleEndian) {
        if (littleEndian < 0 || littleEndian > 0xFFFF_FFFFL) throw new IllegalArgumentException("not an IPv4 address: " + littleEndian);
        return (littleEndian & 0xFF) + "." + (littleEndian >> 8 & 0xFF) + "." + (littleEndian >> 16 & 0xFF) + "." + (littleEndian >> 24 & 0xFF);
    }

    /** Addresses from an array (or wrapper) of addresses, or from one comma-joined string as the projection sends. */
    public static List<String> ips(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (none(n)) return out;
        if (n.isTextual()) {
            for (String a : n.asText().split(",")) if (!a.isBlank()) out.add(a.strip());
            return out;
        }
        for (JsonNode item : list(n)) {
            String a = ip(item);
            if (a != null) out.add(a);
        }
        return out;
    }

    /**
     * Seconds from a number (the projection's seconds), a TimeSpan object ({@code TotalSeconds}, else {@code Ticks})
     * or TimeSpan text ({@code d.hh:mm:ss}); fractions are dropped; null for none.
     */
    public static Long seconds(JsonNode n) {
        if (none(n)) return null;
        if (n.isNumber()) return (long) n.asDouble();
        if (n.isObject()) {
            JsonNode total = n.get("TotalSeconds");
            if (!none(total) && total.isNumber()) return (long) total.asDouble();
            JsonNode ticks = n.get("Ticks");
            if (!none(ticks) && ticks.canConvertToLong()) return ticks.asLong() / TICKS_PER_SECOND;
        }
        if (n.isTextual()) {
            String t = n.asText().strip();
            if (t.matches("-?\\d+")) return Long.parseLong(t);
            Matcher m = TIME_SPAN.matcher(t);
            if (m.matches()) {
                long s = (m.group(2) == null ? 0 : Long.parseLong(m.group(2))) * 86_400
                        + Long.parseLong(m.group(3)) * 3600 + Long.parseLong(m.group(4)) * 60 + Long.parseLong(m.group(5));
                return m.group(1) == null ? s : -s;
            }
        }
        throw new IllegalArgumentException("not a time span: " + n);
    }

    /** An integer from a number or its text; null for none. */
    public static Long integer(JsonNode n) {
        if (none(n)) return null;
        if (n.isNumber()) return n.asLong();
        if (n.isTextual() && n.asText().strip().matches("-?\\d+")) return Long.parseLong(n.asText().strip());
        throw new IllegalArgumentException("not an integer: " + n);
    }

    /** A boolean from JSON true/false, {@code "True"}/{@code "False"} or 1/0; null for none. */
    public static Boolean bool(JsonNode n) {
        if (none(n)) return null;
        if (n.isBoolean()) return n.booleanValue();
        if (n.isIntegralNumber()) return n.asLong() != 0;
        if (n.isTextual()) {
            String t = n.asText().strip().toLowerCase(Locale.ROOT);
            if (t.equals("true")) return true;
            if (t.equals("false")) return false;
        }
        throw new IllegalArgumentException("not a boolean: " + n);
    }

    /**
     * An enum's name: names come as written; numbers are looked up in {@code namesByValue} (index = value), and one
     * beyond it stays its number as text. Null for none.
     */
    public static String enumName(JsonNode n, List<String> namesByValue) {
        if (none(n)) return null;
        if (n.isIntegralNumber()) {
            long v = n.asLong();
            return v >= 0 && v < namesByValue.size() ? namesByValue.get((int) v) : Long.toString(v);
        }
        return n.asText();
    }

    /**
     * An instant from {@code /Date(ms)/} (5.1; the JSON text {@code "\/Date(ms)\/"}), ISO 8601 with or without an
     * offset (7; without one it is read as UTC), or a number of seconds since 1970 (what a script sends for
     * {@code ToUnixTimeSeconds()}); null for none.
     */
    public static Instant instant(JsonNode n) {
        if (none(n)) return null;
        if (n.isIntegralNumber()) return Instant.ofEpochSecond(n.asLong());
        if (n.isObject() && n.has("value")) return instant(n.get("value"));
        String t = n.asText().strip();
        Matcher m = MS_DATE.matcher(t);
        if (m.matches()) return Instant.ofEpochMilli(Long.parseLong(m.group(1)));
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException noOffset) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a date: " + n);
            }
        }
    }
}
