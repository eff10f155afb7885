package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Lenient field readers for Kea answers: a missing or mistyped field reads as null (or an empty list). */
final class KeaJson {
    private KeaJson() {
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    static Long longValue(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber() ? v.asLong() : null;
    }

    static Integer intValue(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber() ? v.asInt() : null;
    }

    static Boolean bool(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isBoolean() ? v.asBoolean() : null;
    }

    static List<String> strings(JsonNode node, String field) {
        return strings(node == null ? null : node.get(field));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode e : array) {
                if (e.isValueNode() && !e.isNull()) {
                    out.add(e.asText());
                }
            }
        }
        return List.copyOf(out);
    }
}
