package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one row of a server-side projection ({@link WindowsProjections}) leniently, because Windows PowerShell 5.1
 * and PowerShell 7 do not print the same JSON for the same value: numbers may come as numbers or strings, optional
 * fields as null or not at all, address lists as a comma-joined string, an array or PowerShell's {@code
 * {"value":[...],"Count":n}} wrapper, and an unprojected address or time span as its .NET object. It remembers every
 * field asked for, so a test can hold each record's reader against its projection.
 */
final class ProjectionReader {
    private final JsonNode row;
    private final Set<String> asked = new LinkedHashSet<>();

    ProjectionReader(JsonNode row) {
        this.row = row == null || !row.isObject() ? MissingNode.getInstance() : row;
    }

    /** The names of the fields read so far, in order. */
    Set<String> asked() { return Set.copyOf(asked); }

    /** Text, or null when missing or JSON null; an address object becomes its dotted form. */
    String text(String field) {
        JsonNode n = node(field);
        if (n == null) return null;
        if (n.isObject()) {
            String address = addressObject(n);
            return address != null ? address : n.toString();
        }
        return n.asText();
    }

    /** Text that is required: a row without it is not a row of this projection. */
    String required(String field) {
        String t = text(field);
        if (t == null || t.isBlank()) throw new IllegalArgumentException("projection row without " + field + ": " + row);
        return t.strip();
    }

    /** Text, or "" when missing (Windows prints an unset string property as "" through [string]). */
    String textOrEmpty(String field) {
        String t = text(field);
        return t == null ? "" : t;
    }

    Integer integer(String field) {
        Long v = whole(field);
        if (v == null) return null;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw notNumber(field, v.toString());
        return v.intValue();
    }

    /** A whole number from a number, a numeric string or a TimeSpan object (its TotalSeconds); null when absent. */
    Long whole(String field) {
        JsonNode n = node(field);
        if (n == null) return null;
        if (n.isObject() && n.has("TotalSeconds")) n = n.get("TotalSeconds");
        if (n.isIntegralNumber()) return n.asLong();
        if (n.isNumber()) return (long) Math.floor(n.asDouble());
        if (n.isTextual()) {
            String t = n.asText().strip();
            if (t.isEmpty()) return null;
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                try {
                    double d = Double.parseDouble(t);
                    if (Double.isFinite(d)) return (long) Math.floor(d);
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                throw notNumber(field, t);
            }
        }
        throw notNumber(field, n.toString());
    }

    /** True, "True", "true" or a non-zero number; false when missing. */
    boolean flag(String field) {
        JsonNode n = node(field);
        if (n == null) return false;
        if (n.isBoolean()) return n.asBoolean();
        if (n.isNumber()) return n.asLong() != 0;
        return "true".equals(n.asText().strip().toLowerCase(Locale.ROOT));
    }

    /** Addresses from a comma-joined string (possibly empty), an array or a wrapped array; blanks dropped. */
    List<String> addresses(String field) {
        JsonNode n = unwrap(node(field));
        List<String> out = new ArrayList<>();
        if (n == null) return out;
        if (n.isArray()) {
            for (JsonNode item : n) addSplit(out, item);
        } else {
            addSplit(out, n);
        }
        return out;
    }

    /**
     * Strings from an array or a wrapped array; a lone string is one value and is never split, because an option
     * value may itself hold a comma.
     */
    List<String> strings(String field) {
        JsonNode n = unwrap(node(field));
        List<String> out = new ArrayList<>();
        if (n == null) return out;
        if (n.isArray()) {
            for (JsonNode item : n) if (!item.isNull()) out.add(itemText(item));
        } else {
            out.add(itemText(n));
        }
        return out;
    }

    /** Rows under {@code field}: an array, a wrapped array, one bare object, or nothing. */
    List<JsonNode> rows(String field) {
        JsonNode n = unwrap(node(field));
        List<JsonNode> out = new ArrayList<>();
        if (n == null) return out;
        if (n.isArray()) {
            for (JsonNode item : n) if (item.isObject()) out.add(item);
        } else if (n.isObject()) {
            out.add(n);
        }
        return out;
    }

    /** The field's node, or null when missing or JSON null; names match exactly, else ignoring case. */
    private JsonNode node(String field) {
        asked.add(field);
        JsonNode n = row.get(field);
        if (n == null) {
            for (Map.Entry<String, JsonNode> e : row.properties()) {
                if (e.getKey().equalsIgnoreCase(field)) {
                    n = e.getValue();
                    break;
                }
            }
        }
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    /** PowerShell 5.1 prints some arrays as {"value":[...],"Count":n}. */
    private static JsonNode unwrap(JsonNode n) {
        if (n != null && n.isObject() && n.has("value") && n.get("value").isArray()) return n.get("value");
        return n;
    }

    private static void addSplit(List<String> out, JsonNode item) {
        if (item.isNull()) return;
        for (String part : itemText(item).split(",", -1)) {
            if (!part.isBlank()) out.add(part.strip());
        }
    }

    private static String itemText(JsonNode item) {
        if (item.isObject()) {
            String address = addressObject(item);
            if (address != null) return address;
        }
        return item.asText();
    }

    /**
     * A .NET IPAddress as ConvertTo-Json prints it: IPAddressToString when present (absent in array items), else
     * Address, a 32-bit number whose lowest byte is the first octet.
     */
    private static String addressObject(JsonNode n) {
        JsonNode shown = n.get("IPAddressToString");
        if (shown != null && shown.isTextual()) return shown.asText();
        JsonNode a = n.get("Address");
        if (a != null && a.canConvertToLong()) {
            long v = a.asLong();
            return (v & 255) + "." + ((v >> 8) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 24) & 255);
        }
        return null;
    }

    private IllegalArgumentException notNumber(String field, String value) {
        return new IllegalArgumentException(field + " is not a whole number: " + value);
    }
}
