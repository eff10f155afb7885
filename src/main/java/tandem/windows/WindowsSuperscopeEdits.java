package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tandem.windows.WindowsChangeService.Plan;
import tandem.windows.WindowsChangeService.Refused;

/**
 * A superscope removed or renamed from the configuration tables: a {@link WindowsConfigEdits} change of kind
 * "superscope" (same journal, apply, all-or-nothing and undo), made on the relationship's source of truth and on its
 * partner. The item is a superscope as one server has it, {@code {name, scopeIds}}. Removing it is
 * Remove-DhcpServerv4Superscope without -ScopeId: every scope leaves it and stays otherwise as it was; undo adds the
 * scopes back with Add-DhcpServerv4Superscope.
 *
 * <p>A superscope is each server's own grouping: the partner's superscope of the same name may hold other scopes (a
 * scope in no relationship lives on one server only). So the request keeps the partner's item apart
 * ({@code partnerBefore}, {@code partnerAfter}) next to the first server's ({@code before}, {@code after}), and undo
 * swaps both pairs: each server gets back exactly the scopes it had.
 */
final class WindowsSuperscopeEdits {
    private WindowsSuperscopeEdits() {}

    static final String KIND = "superscope";
    /** Problems about the superscope itself, which no field of a removal shows. */
    static final String SUPERSCOPE = "--superscope";
    private static final ObjectMapper JSON = new ObjectMapper();

    static boolean handles(ConfigEdit edit) {
        return edit instanceof ConfigEdit.RemoveSuperscope || edit instanceof ConfigEdit.Superscope;
    }

    /**
     * @param on      the relationship's source of truth: it must have the superscope
     * @param partner the relationship's other server (null when standalone): changed too when it has the superscope
     */
    static Plan plan(WindowsServers servers, String relationship, String on, String partner, ConfigEdit edit) throws IOException {
        String name = edit instanceof ConfigEdit.Superscope e ? e.name() : ((ConfigEdit.RemoveSuperscope) edit).name();
        if (name == null || name.isBlank()) throw refused(SUPERSCOPE, "name the superscope");
        name = name.strip();
        ObjectNode r = JSON.createObjectNode().put("kind", KIND).put("name", name);
        List<String> diff = new ArrayList<>();
        List<String> scopes = new ArrayList<>();
        try (WindowsSession s = servers.open(on)) {
            Map<String, List<String>> all = read(s);
            JsonNode before = item(all, name);
            if (before == null) throw refused(SUPERSCOPE, on + " has no superscope " + name);
            ServerView view = WindowsServers.view(s);
            for (JsonNode id : before.get("scopeIds")) {
                // its locks, journal and audit belong to that relationship
                Optional<WinFailover> f = view.failoverOf(id.asText());
                if (f.isPresent() && !f.get().name().equalsIgnoreCase(relationship)) {
                    throw refused(SUPERSCOPE, "scope " + id.asText() + " of superscope " + name + " is in failover relationship "
                            + f.get().name() + ": change the superscope there");
                }
                scopes.add(id.asText());
            }
            JsonNode after = target(edit, before, all, on);
            r.set("before", before);
            r.set("after", after);
            diff.addAll(lines(r, on, before, after));
        }
        if (partner != null) {
            try (WindowsSession s = servers.open(partner)) {
                Map<String, List<String>> all = read(s);
                JsonNode had = item(all, name);
                // a partner that has the new name already (its own spelling) is left as it is
                boolean named = had != null && edit instanceof ConfigEdit.Superscope e
                        && e.newName() != null && had.get("name").asText().equals(e.newName().strip());
                JsonNode wants = had == null ? null : named ? had : target(edit, had, all, partner);
                r.set("partnerBefore", had);
                r.set("partnerAfter", wants);
                List<String> l = lines(r, partner, had, wants);
                diff.addAll(l.isEmpty() ? List.of("  " + partner + " has no superscope " + name) : l);
            }
        }
        WindowsOperation op = new WindowsOperation(WindowsConfigEdits.OP, relationship, on, partner, scopes, r, null, null);
        return new Plan(op, description(r) + (partner == null ? " on " + on : " on " + on + " and " + partner),
                String.join("\n", diff) + "\n", null);
    }

    /** The superscope as the edit leaves it on a server that has it as {@code before} among {@code all}. */
    private static JsonNode target(ConfigEdit edit, JsonNode before, Map<String, List<String>> all, String server) {
        if (edit instanceof ConfigEdit.RemoveSuperscope) return null;
        String newName = ((ConfigEdit.Superscope) edit).newName();
        newName = newName == null ? "" : newName.strip();
        if (newName.isEmpty()) throw refused(WindowsConfigEdits.NAME, "a superscope needs a name");
        if (newName.chars().anyMatch(Character::isISOControl)) {
            throw refused(WindowsConfigEdits.NAME, "a superscope's name cannot hold control characters");
        }
        String now = before.get("name").asText();
        if (newName.equals(now)) throw refused(WindowsConfigEdits.NAME, "nothing to change");
        String taken = find(all, newName);
        if (taken != null && !taken.equals(now)) throw refused(WindowsConfigEdits.NAME, server + " has a superscope named " + taken + " already");
        return item(newName, ids(before));
    }

    // ---- reading

    /** The server's superscopes by name, each with its scope ids. */
    private static Map<String, List<String>> read(WindowsSession s) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode row : WindowsReads.rows(s.run(WindowsScripts.superscopes()))) {
            String name = row.path("name").asText("").strip();
            if (name.isEmpty()) continue;
            List<String> ids = new ArrayList<>();
            for (String id : row.path("scopeIds").asText("").split(",")) if (!id.isBlank()) ids.add(id.strip());
            out.put(name, ids);
        }
        return out;
    }

    /** Windows matches a superscope's name ignoring case; null when there is none of that name. */
    private static String find(Map<String, List<String>> all, String name) {
        return all.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    private static JsonNode item(Map<String, List<String>> all, String name) {
        String found = find(all, name);
        return found == null ? null : item(found, all.get(found));
    }

    private static ObjectNode item(String name, List<String> scopeIds) {
        ObjectNode n = JSON.createObjectNode().put("name", name);
        ArrayNode a = n.putArray("scopeIds");
        WindowsServers.sorted(scopeIds).forEach(a::add);
        return n;
    }

    static List<String> ids(JsonNode item) {
        List<String> out = new ArrayList<>();
        item.get("scopeIds").forEach(x -> out.add(x.asText()));
        return out;
    }

    /**
     * The superscope as the server has it now, looked up by each name the change knows (as it was, as it becomes):
     * a rename shows under either, a removal under none.
     */
    static JsonNode current(JsonNode r, WindowsSession s) throws IOException {
        Map<String, List<String>> all = read(s);
        for (String field : List.of("before", "after", "partnerBefore", "partnerAfter")) {
            JsonNode x = r.get(field);
            if (x != null && !x.isNull()) {
                JsonNode found = item(all, x.get("name").asText());
                if (found != null) return found;
            }
        }
        return item(all, r.get("name").asText());
    }

    // ---- words

    static String description(JsonNode r) {
        JsonNode before = r.get("before"), after = r.get("after");
        if (before == null || before.isNull()) return "Add superscope " + after.get("name").asText();
        if (after == null || after.isNull()) return "Remove superscope " + before.get("name").asText() + " (its scopes stay)";
        return "Rename superscope " + before.get("name").asText() + " to " + after.get("name").asText();
    }

    static String subject(JsonNode item) { return "superscope " + item.get("name").asText(); }

    static String text(JsonNode item) { return "scopes " + String.join(", ", ids(item)); }

    /** The diff's lines for one server: the superscope as it was and as it becomes, each under its own name. */
    static List<String> lines(JsonNode r, String server, JsonNode before, JsonNode after) {
        boolean none = before == null || before.isNull(), gone = after == null || after.isNull();
        if (none && gone || (!none && !gone && before.equals(after))) return List.of();
        List<String> l = new ArrayList<>();
        if (!none) l.add("- " + subject(before) + " on " + server + ": " + text(before));
        if (!gone) l.add("+ " + subject(after) + " on " + server + ": " + text(after));
        return l;
    }

    private static Refused refused(String field, String message) {
        return new Refused(List.of(new FieldProblem(field, message)));
    }
}
