package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import tandem.core.change.Redaction;

/** A one-line account of how a configuration changed, by JSON path, for the event history. */
final class OutsideChange {
    private static final int SHOWN = 3;
    private static final int VALUE_CHARS = 80;

    private OutsideChange() {}

    static String summary(JsonNode before, JsonNode after) {
        List<String> changes = new ArrayList<>();
        walk("", before, after, changes);
        if (changes.isEmpty()) return "no difference in content";
        String shown = String.join("; ", changes.subList(0, Math.min(SHOWN, changes.size())));
        return changes.size() <= SHOWN ? shown : shown + "; and " + (changes.size() - SHOWN) + " more";
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<String> out) {
        if (Redaction.isSecretName(path.substring(path.lastIndexOf('.') + 1))) {
            // a secret shows only that it changed, never its value
            if (a == null || a.isMissingNode()) out.add(path + " added");
            else if (b == null || b.isMissingNode()) out.add(path + " removed");
            else if (!a.equals(b)) out.add(path + " changed");
        } else if (a == null || a.isMissingNode()) {
            out.add(path + " added: " + brief(b));
        } else if (b == null || b.isMissingNode()) {
            out.add(path + " removed (was " + brief(a) + ")");
        } else if (a.isObject() && b.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) walk(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
        } else if (a.isArray() && b.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) walk(path + "[" + i + "]", a.get(i), b.get(i), out);
        } else if (!a.equals(b)) {
            out.add(path + ": " + brief(a) + " -> " + brief(b));
        }
    }

    private static String brief(JsonNode n) {
        // redacted before it is cut short: a cut could leave a secret the rule no longer recognises
        String s = Redaction.redact(n.toString());
        return s.length() <= VALUE_CHARS ? s : s.substring(0, VALUE_CHARS) + "...";
    }

}
