package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One change to Windows failover as the journal keeps it (JSON, never a secret): what it does, on which server, and
 * what it takes to read its outcome back. Settling, undo and the audit read it.
 *
 * @param op          create, remove, scope-add, scope-remove, replicate, settings, partner-down
 * @param on          the server the cmdlet runs on (the relationship's source of truth unless chosen)
 * @param other       the partner
 * @param scopeIds    the scopes it concerns (none: all of the relationship, for replicate)
 * @param request     create: the request; settings: the new values; else null
 * @param previous    settings: the values before (for undo); else null
 * @param otherAction remove: "delete" or "disable" for the partner's copies
 */
public record WindowsOperation(String op, String relationship, String on, String other, List<String> scopeIds,
                               JsonNode request, JsonNode previous, String otherAction) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public WindowsOperation {
        scopeIds = scopeIds == null ? List.of() : List.copyOf(scopeIds);
    }

    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("op", op).put("relationship", relationship).put("on", on).put("other", other);
        ArrayNode s = n.putArray("scopeIds");
        scopeIds.forEach(s::add);
        if (request != null) n.set("request", request);
        if (previous != null) n.set("previous", previous);
        if (otherAction != null) n.put("otherAction", otherAction);
        return n.toString();
    }

    public static WindowsOperation fromJson(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            List<String> scopes = new ArrayList<>();
            n.path("scopeIds").forEach(x -> scopes.add(x.asText()));
            return new WindowsOperation(n.path("op").asText(), n.path("relationship").asText(), n.path("on").asText(),
                    n.path("other").asText(null), scopes, n.get("request"), n.get("previous"),
                    n.path("otherAction").asText(null));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a journaled Windows change: " + e.getMessage(), e);
        }
    }

    static JsonNode requestJson(FailoverRequest r) {
        FailoverRequest d = r.withDefaults();
        ObjectNode n = JSON.createObjectNode();
        n.put("name", d.name()).put("serverA", d.serverA()).put("partnerB", d.partnerB()).put("mode", d.mode());
        if (d.loadBalancePercent() != null) n.put("loadBalancePercent", d.loadBalancePercent());
        if (d.reservePercent() != null) n.put("reservePercent", d.reservePercent());
        if (d.serverRole() != null) n.put("serverRole", d.serverRole());
        n.put("mcltSec", d.mcltSec()).put("switchoverIntervalSec", d.switchoverIntervalSec())
                .put("sharedSecret", d.hasSharedSecret());
        ArrayNode s = n.putArray("scopeIds");
        d.scopeIds().forEach(s::add);
        return n;
    }

    static JsonNode changeJson(FailoverChange c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("relationship", c.relationship());
        if (c.loadBalancePercent() != null) n.put("loadBalancePercent", c.loadBalancePercent());
        if (c.reservePercent() != null) n.put("reservePercent", c.reservePercent());
        if (c.mcltSec() != null) n.put("mcltSec", c.mcltSec());
        if (c.switchoverIntervalSec() != null) n.put("switchoverIntervalSec", c.switchoverIntervalSec());
        return n;
    }
}
