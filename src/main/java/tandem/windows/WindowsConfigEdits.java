package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tandem.core.AddressRules;
import tandem.core.access.Need;
import tandem.core.access.Permission;
import tandem.core.change.ChangeJob.Context;
import tandem.core.port.ReplicationStore.Status;
import tandem.core.port.ReplicationStore.TargetOutcome;
import tandem.windows.WindowsChangeService.Plan;
import tandem.windows.WindowsChangeService.Refused;
import tandem.windows.ps.PsFailure;
import tandem.windows.ps.PsScript;

/**
 * Changes to the configuration tables' items (a reservation, an option value, a scope's properties, a superscope: see
 * {@link WindowsSuperscopeEdits}), journaled as one
 * "config" operation: the item as the source server had it ({@code before}) and as it should be ({@code after}),
 * either null for an item that is not there. Undo swaps the two.
 *
 * <p>Windows replicates only leases by itself; every other edit of a failover scope stays on the server it was made on
 * until Invoke-DhcpServerv4FailoverReplication. So an edit of a scope in failover (its reservations, its option
 * values) is made on both partners, the partner brought from whatever it has to the same {@code after}, as
 * replication would; if the partner refuses, the first server is put back, so both keep what they had. Server-level
 * option values, which replication never copies, are set on both servers of a failover relationship for the same
 * reason: clients get the same answer from either.
 */
final class WindowsConfigEdits {
    private WindowsConfigEdits() {}

    static final String OP = "config";
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String IP = "--ip";
    static final String NAME = "--name";
    static final String VALUE = "--value";
    static final String LEASE = "--lease";
    static final String STATE = "--state";
    static final String SCOPE = "--scope";

    /** Standard options whose values are IPv4 addresses (RFC 2132): router, time, DNS, NTP, WINS servers. */
    private static final List<Integer> ADDRESS_OPTIONS = List.of(1, 3, 4, 5, 6, 7, 9, 28, 41, 42, 44, 45, 48, 49, 65, 69, 70, 71, 72, 73, 74, 75, 76);

    // ---- planning

    /**
     * @param on      the relationship's source of truth, where the change is made first
     * @param partner the other server of the relationship, or null for a standalone server
     */
    static Plan plan(WindowsServers servers, String relationship, String on, String partner, ConfigEdit edit) throws IOException {
        if (WindowsSuperscopeEdits.handles(edit)) return WindowsSuperscopeEdits.plan(servers, relationship, on, partner, edit);
        ObjectNode request = JSON.createObjectNode();
        String other;
        List<String> diff = new ArrayList<>();
        try (WindowsSession s = servers.open(on)) {
            ServerView view = WindowsServers.view(s);
            String scopeId = edit.scopeId() == null ? null : edit.scopeId().strip();
            ScopeConfig config = null;
            if (scopeId == null && edit instanceof ConfigEdit.Option o && o.reservedIp() != null) {
                // a reservation's option row names the reservation only
                config = scopeOf(s, null, o.reservedIp());
                if (config == null) throw refused(IP, on + " has no reservation at " + o.reservedIp());
                scopeId = config.scopeId();
            }
            if (scopeId != null) {
                config = WindowsServers.scopeConfigs(s, List.of(scopeId)).get(scopeId);
                if (config == null) throw refused(SCOPE, on + " has no scope " + scopeId);
                request.put("cidr", WindowsChangeNeeds.cidr(scopeId, config.scope().subnetMask()));
            }
            java.util.Optional<WinFailover> in = scopeId == null ? java.util.Optional.empty() : view.failoverOf(scopeId);
            if (in.isPresent() && !in.get().name().equalsIgnoreCase(relationship)) {
                // its locks, journal and audit belong to that relationship
                throw refused(SCOPE, "scope " + scopeId + " is in failover relationship " + in.get().name()
                        + ": change it there");
            }
            // a failover scope's edit goes to its partner; a server-level option to the relationship's other server
            other = scopeId == null ? partner : in.map(f -> servers.record(f.partner()).name()).orElse(null);
            describe(request, edit, scopeId);
            JsonNode before = current(request, s, config);
            JsonNode after = target(request, edit, before, config, on);
            if (Objects.equals(before, after)) throw refused(fieldOf(edit), "nothing to change");
            request.set("before", before);
            request.set("after", after);
            diff.addAll(lines(request, on, before, after));
        }
        if (other != null) {
            try (WindowsSession s = servers.open(other)) {
                ScopeConfig config = null;
                if (request.hasNonNull("scopeId")) {
                    config = WindowsServers.scopeConfigs(s, List.of(request.get("scopeId").asText())).get(request.get("scopeId").asText());
                    if (config == null) {
                        throw refused(SCOPE, other + " has no scope " + request.get("scopeId").asText()
                                + ": replicate the scope to it first, then make the change on both");
                    }
                }
                JsonNode had = current(request, s, config);
                List<String> l = lines(request, other, had, request.get("after"));
                diff.addAll(l.isEmpty() ? List.of("  " + other + " has it already") : l);
            }
        }
        List<String> scopes = request.hasNonNull("scopeId") ? List.of(request.get("scopeId").asText()) : List.of();
        WindowsOperation op = new WindowsOperation(OP, relationship, on, other, scopes, request, null, null);
        return new Plan(op, description(request) + (other == null ? " on " + on : " on " + on + " and " + other),
                String.join("\n", diff) + "\n", null);
    }

    /** The change that puts the item back as it was: the same edit with before and after swapped. */
    static WindowsOperation inverse(WindowsOperation op) {
        ObjectNode r = op.request().deepCopy();
        r.set("before", op.request().get("after"));
        r.set("after", op.request().get("before"));
        if (r.has("partnerBefore")) {
            r.set("partnerBefore", op.request().get("partnerAfter"));
            r.set("partnerAfter", op.request().get("partnerBefore"));
        }
        return new WindowsOperation(OP, op.relationship(), op.on(), op.other(), op.scopeIds(), r, null, null);
    }

    static Plan undoPlan(WindowsOperation inverse, String description) {
        JsonNode r = inverse.request();
        List<String> diff = new ArrayList<>(lines(r, inverse.on(), r.get("before"), r.get("after")));
        if (inverse.other() != null) diff.addAll(lines(r, inverse.other(), partnerOr(r, "before"), partnerOr(r, "after")));
        return new Plan(inverse, description, String.join("\n", diff) + "\n", null);
    }

    /** The partner's own item ({@code partnerBefore}, {@code partnerAfter}) where the change keeps one, else the first server's. */
    private static JsonNode partnerOr(JsonNode r, String which) {
        String own = "partner" + Character.toUpperCase(which.charAt(0)) + which.substring(1);
        return r.has(own) ? r.get(own) : r.get(which);
    }

    private static void describe(ObjectNode r, ConfigEdit edit, String scopeId) {
        if (scopeId != null) r.put("scopeId", scopeId);
        if (edit instanceof ConfigEdit.Reservation e) {
            r.put("kind", "reservation").put("ip", e.ip().strip());
        } else if (edit instanceof ConfigEdit.RemoveReservation e) {
            r.put("kind", "reservation").put("ip", e.ip().strip());
        } else if (edit instanceof ConfigEdit.Option e) {
            r.put("kind", "option").put("optionId", e.optionId());
            if (e.reservedIp() != null) r.put("reservedIp", e.reservedIp().strip());
        } else {
            r.put("kind", "scope");
        }
    }

    private static String fieldOf(ConfigEdit edit) {
        return edit instanceof ConfigEdit.Option ? VALUE : edit instanceof ConfigEdit.RemoveReservation ? IP : NAME;
    }

    /** What the item should be, checked against the scope as the source server has it. */
    private static JsonNode target(ObjectNode r, ConfigEdit edit, JsonNode before, ScopeConfig scope, String on) {
        List<FieldProblem> problems = new ArrayList<>();
        JsonNode after;
        if (edit instanceof ConfigEdit.Reservation e) {
            {
                if (before == null) throw refused(IP, on + " has no reservation at " + e.ip() + " in scope " + e.scopeId());
                ObjectNode n = ((ObjectNode) before).deepCopy();
                String newIp = e.newIp() == null || e.newIp().isBlank() ? e.ip().strip() : e.newIp().strip();
                String problem = AddressRules.ipv4Problem(newIp);
                if (problem != null) {
                    problems.add(new FieldProblem(IP, problem));
                } else {
                    long a = AddressRules.ipv4(newIp);
                    WinScope s = scope.scope();
                    if (a < AddressRules.ipv4(s.startRange()) || a > AddressRules.ipv4(s.endRange())) {
                        problems.add(new FieldProblem(IP, newIp + " is outside the range of scope " + s.scopeId() + " ("
                                + s.startRange() + " - " + s.endRange() + ")"));
                    } else if (!newIp.equals(e.ip().strip()) && scope.reservations().stream().anyMatch(x -> x.ipAddress().strip().equals(newIp))) {
                        problems.add(new FieldProblem(IP, newIp + " is reserved already in scope " + s.scopeId()));
                    }
                }
                n.put("ip", newIp).put("name", e.name() == null ? "" : e.name().strip())
                        .put("description", e.description() == null ? "" : e.description().strip());
                after = n;
            }
        } else if (edit instanceof ConfigEdit.RemoveReservation e) {
            if (before == null) throw refused(IP, on + " has no reservation at " + e.ip() + " in scope " + e.scopeId());
            after = null;
        } else if (edit instanceof ConfigEdit.Option e) {
            if (e.values() == null) {
                if (before == null) throw refused(VALUE, "option " + e.optionId() + " is not set at " + e.level() + " on " + on);
                after = null;
            } else {
                if (e.reservedIp() != null && scope.reservations().stream().noneMatch(x -> x.ipAddress().strip().equals(e.reservedIp().strip()))) {
                    throw refused(IP, on + " has no reservation at " + e.reservedIp());
                }
                List<String> values = e.values().stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
                if (values.isEmpty()) problems.add(new FieldProblem(VALUE, "give at least one value"));
                boolean addresses = ADDRESS_OPTIONS.contains(e.optionId()) || (before != null && before.get("values").size() > 0
                        && all(before.get("values"), v -> AddressRules.ipv4(v) >= 0));
                if (addresses) {
                    for (String v : values) {
                        String p = AddressRules.ipv4Problem(v);
                        if (p != null) problems.add(new FieldProblem(VALUE, "option " + e.optionId() + " holds IPv4 addresses: " + p));
                    }
                }
                ObjectNode n = JSON.createObjectNode();
                ArrayNode a = n.putArray("values");
                values.forEach(a::add);
                after = n;
            }
        } else {
            ConfigEdit.Scope e = (ConfigEdit.Scope) edit;
            {
                if (before == null) throw refused(SCOPE, on + " has no scope " + e.scopeId());
                if (e.name() == null || e.name().isBlank()) problems.add(new FieldProblem(NAME, "a scope needs a name"));
                if (e.leaseDurationSec() <= 0) problems.add(new FieldProblem(LEASE, "the lease duration must be longer than 0"));
                String state = e.state() == null ? "" : e.state().strip();
                String canonical = state.equalsIgnoreCase("Active") ? "Active" : state.equalsIgnoreCase("InActive") ? "InActive" : null;
                if (canonical == null) problems.add(new FieldProblem(STATE, "the state is Active or InActive"));
                ObjectNode n = JSON.createObjectNode();
                n.put("name", e.name() == null ? "" : e.name().strip())
                        .put("description", e.description() == null ? "" : e.description().strip())
                        .put("leaseDurationSec", e.leaseDurationSec()).put("state", canonical == null ? state : canonical);
                after = n;
            }
        }
        if (!problems.isEmpty()) throw new Refused(problems);
        return after;
    }

    private static boolean all(JsonNode array, java.util.function.Predicate<String> test) {
        for (JsonNode v : array) if (!test.test(v.asText())) return false;
        return true;
    }

    // ---- reading an item

    /** The scope {@code scopeId}, or (null) the one holding the reservation at {@code reservedIp}; null when none. */
    static ScopeConfig scopeOf(WindowsSession s, String scopeId, String reservedIp) throws IOException {
        if (scopeId != null) return WindowsServers.scopeConfigs(s, List.of(scopeId.strip())).get(scopeId.strip());
        if (reservedIp == null) return null;
        for (ScopeConfig c : WindowsServers.scopeConfigs(s, WindowsServers.sorted(WindowsServers.view(s).scopeIds())).values()) {
            if (c.reservations().stream().anyMatch(r -> r.ipAddress().strip().equals(reservedIp.strip()))) return c;
        }
        return null;
    }

    static List<WinOptionValue> serverOptions(WindowsSession s) throws IOException {
        List<WinOptionValue> out = new ArrayList<>();
        for (JsonNode row : WindowsReads.rows(s.run(WindowsScripts.tableExtras()).get("serverOptions"))) out.add(WinOptionValue.from(row));
        return out;
    }

    /** The item as the server behind the session has it now, or null when it has none. */
    static JsonNode current(JsonNode r, WindowsSession s, ScopeConfig config) throws IOException {
        String kind = r.get("kind").asText();
        if (WindowsSuperscopeEdits.KIND.equals(kind)) return WindowsSuperscopeEdits.current(r, s);
        if (config == null && r.hasNonNull("scopeId")) {
            String id = r.get("scopeId").asText();
            config = WindowsServers.scopeConfigs(s, List.of(id)).get(id);
            if (config == null) return null;
        }
        switch (kind) {
            case "reservation" -> {
                String key = key(r);
                for (WinReservation x : config.reservations()) {
                    if (x.ipAddress().strip().equals(key)) return reservation(x, config);
                }
                return null;
            }
            case "option" -> {
                int id = r.get("optionId").asInt();
                String reserved = r.path("reservedIp").asText(null);
                List<WinOptionValue> values = new ArrayList<>();
                if (config == null) {
                    values.addAll(serverOptions(s));
                } else {
                    values.addAll(config.options());
                }
                for (WinOptionValue o : values) {
                    if (o.optionId() == id && Objects.equals(o.reservedIp(), reserved)) return optionValues(o.value());
                }
                return null;
            }
            default -> {
                WinScope sc = config.scope();
                ObjectNode n = JSON.createObjectNode();
                n.put("name", sc.name()).put("description", sc.description())
                        .put("leaseDurationSec", sc.leaseDurationSec() == null ? 0 : sc.leaseDurationSec()).put("state", sc.state());
                return n;
            }
        }
    }

    /** The reservation's address the change starts from: as it was, or (undoing a removal) as it comes back. */
    private static String key(JsonNode r) {
        JsonNode b = r.get("before");
        if (b != null && !b.isNull()) return b.get("ip").asText();
        JsonNode a = r.get("after");
        if (a != null && !a.isNull()) return a.get("ip").asText();
        return r.get("ip").asText();
    }

    private static JsonNode reservation(WinReservation x, ScopeConfig config) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ip", x.ipAddress().strip()).put("clientId", x.clientId()).put("name", x.name())
                .put("description", x.description()).put("type", x.type());
        ObjectNode opts = n.putObject("options");
        for (WinOptionValue o : config.reservationOptions()) {
            if (x.ipAddress().strip().equals(o.reservedIp())) opts.set(Integer.toString(o.optionId()), optionValues(o.value()).get("values"));
        }
        return n;
    }

    private static ObjectNode optionValues(List<String> values) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode a = n.putArray("values");
        values.forEach(a::add);
        return n;
    }

    // ---- applying

    static String apply(WindowsOperation op, WindowsServers servers, Context ctx) throws IOException {
        JsonNode r = op.request();
        JsonNode before = r.get("before"), after = r.get("after");
        try (WindowsSession a = servers.open(op.on()); WindowsSession b = op.other() == null ? null : servers.open(op.other())) {
            JsonNode now = current(r, a, null);
            if (!same(now, before)) {
                ctx.target(op.on(), TargetOutcome.SKIPPED, "changed since the preview: " + text(r, now));
                ctx.settleAs(Status.FAILED);
                throw refused(SCOPE, op.on() + " no longer has what the preview showed (" + text(r, before) + "; now "
                        + text(r, now) + "): preview again");
            }
            JsonNode partnerBefore = b == null ? null : current(r, b, null);
            JsonNode partnerAfter = partnerOr(r, "after");
            ctx.appliedTo(op.on());
            send(ctx, op.on(), a, WindowsScripts.configTransition(r, before, after));
            ctx.target(op.on(), TargetOutcome.APPLIED, text(r, after));
            if (b != null) {
                ctx.appliedTo(op.other());
                try {
                    send(ctx, op.other(), b, WindowsScripts.configTransition(r, partnerBefore, partnerAfter));
                } catch (IOException e) {
                    // all or nothing: a step the partner took before refusing is undone, and the first server goes
                    // back to what it had
                    try {
                        PsScript partnerBack = WindowsScripts.configTransition(r, current(r, b, null), partnerBefore);
                        if (partnerBack != null) b.run(partnerBack);
                    } catch (IOException back) {
                        ctx.target(op.other(), TargetOutcome.UNKNOWN, e.getMessage() + "; not put back: " + back.getMessage());
                    }
                    try {
                        a.run(WindowsScripts.configTransition(r, after, before));
                        ctx.target(op.on(), TargetOutcome.FAILED, "put back as it was: " + op.other() + " refused the change");
                    } catch (IOException back) {
                        ctx.target(op.on(), TargetOutcome.UNKNOWN, "changed, and could not be put back: " + back.getMessage());
                    }
                    ctx.settleAs(Status.FAILED);
                    throw e;
                }
                ctx.target(op.other(), TargetOutcome.APPLIED, text(r, partnerAfter));
            }
            ctx.inverse(inverse(op).toJson());
            String onA = text(r, current(r, a, null));
            return op.on() + ": " + onA + (b == null ? "" : "; " + op.other() + ": " + text(r, current(r, b, null)));
        }
    }

    /** Whether the server shows the item as {@code expected} (settling a change cut short). */
    static boolean shows(WindowsServers servers, WindowsOperation op, String which) throws IOException {
        try (WindowsSession s = servers.open(op.on())) {
            return same(current(op.request(), s, null), op.request().get(which));
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        boolean an = a == null || a.isNull(), bn = b == null || b.isNull();
        return an || bn ? an == bn : a.equals(b);
    }

    private static void send(Context ctx, String server, WindowsSession s, PsScript script) throws IOException {
        if (script == null) return;
        try {
            s.run(script);
        } catch (IOException e) {
            ctx.target(server, e instanceof PsFailure ? TargetOutcome.FAILED : TargetOutcome.UNKNOWN, e.getMessage());
            throw e;
        }
    }

    // ---- words

    static String description(JsonNode r) {
        if (WindowsSuperscopeEdits.KIND.equals(r.get("kind").asText())) return WindowsSuperscopeEdits.description(r);
        JsonNode before = r.get("before"), after = r.get("after");
        boolean none = before == null || before.isNull(), gone = after == null || after.isNull();
        String verb = none ? "Add " : gone ? "Remove " : "Change ";
        return verb + subject(r, none ? after : before);
    }

    private static String subject(JsonNode r, JsonNode item) {
        return switch (r.get("kind").asText()) {
            case "reservation" -> "reservation " + (item == null ? r.path("ip").asText() : item.get("ip").asText())
                    + " of scope " + r.get("scopeId").asText();
            case "option" -> "option " + r.get("optionId").asInt() + " at " + (r.hasNonNull("reservedIp")
                    ? "reservation " + r.get("reservedIp").asText() : r.hasNonNull("scopeId") ? "scope " + r.get("scopeId").asText() : "server level");
            case WindowsSuperscopeEdits.KIND -> WindowsSuperscopeEdits.subject(item);
            default -> "scope " + r.get("scopeId").asText();
        };
    }

    /** One line of the item as shown in a diff and an outcome. */
    static String text(JsonNode r, JsonNode item) {
        if (item == null || item.isNull()) return "none";
        return switch (r.get("kind").asText()) {
            case "reservation" -> item.get("ip").asText() + " for " + item.get("clientId").asText()
                    + (item.get("name").asText().isEmpty() ? "" : " (" + item.get("name").asText() + ")")
                    + (item.get("description").asText().isEmpty() ? "" : ", " + item.get("description").asText())
                    + (item.path("options").size() == 0 ? "" : ", options " + String.join(", ", names(item.get("options"))));
            case "option" -> {
                List<String> v = new ArrayList<>();
                item.get("values").forEach(x -> v.add(x.asText()));
                yield String.join(", ", v);
            }
            case WindowsSuperscopeEdits.KIND -> WindowsSuperscopeEdits.text(item);
            default -> "name " + item.get("name").asText() + ", description " + (item.get("description").asText().isEmpty()
                    ? "none" : item.get("description").asText()) + ", lease " + WindowsFacts.duration(item.get("leaseDurationSec").asLong())
                    + ", " + item.get("state").asText().toLowerCase(Locale.ROOT);
        };
    }

    private static List<String> names(JsonNode options) {
        List<String> out = new ArrayList<>();
        options.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> lines(JsonNode r, String server, JsonNode before, JsonNode after) {
        if (WindowsSuperscopeEdits.KIND.equals(r.get("kind").asText())) return WindowsSuperscopeEdits.lines(r, server, before, after);
        boolean none = before == null || before.isNull(), gone = after == null || after.isNull();
        if (none && gone || (!none && !gone && before.equals(after))) return List.of();
        String what = subject(r, none ? after : before) + " on " + server;
        List<String> l = new ArrayList<>();
        if (!none) l.add("- " + what + ": " + text(r, before));
        if (!gone) l.add("+ " + what + ": " + text(r, after));
        return l;
    }

    /**
     * The permission the change needs: reservations, option values or the server's options, on the scope it is in; a
     * superscope is the server's.
     */
    static List<Need> needs(WindowsOperation op) {
        JsonNode r = op.request();
        String cidr = r.path("cidr").asText(null);
        Permission bit = switch (r.get("kind").asText()) {
            case "reservation" -> Permission.EDIT_RESERVATIONS;
            case "option" -> cidr == null ? Permission.ADMINISTER_DHCP_SERVERS : Permission.SCOPE_OPTIONS;
            // a superscope groups scopes of the whole server, as a shared network does on the other backends
            case WindowsSuperscopeEdits.KIND -> Permission.ADMINISTER_DHCP_SERVERS;
            default -> Permission.SCOPE_OPTIONS;
        };
        return List.of(new Need(bit, op.relationship(), bit == Permission.ADMINISTER_DHCP_SERVERS ? null : cidr));
    }

    private static Refused refused(String field, String message) {
        return new Refused(List.of(new FieldProblem(field, message)));
    }
}
