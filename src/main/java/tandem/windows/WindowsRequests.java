package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Journaled requests read back. */
final class WindowsRequests {
    private WindowsRequests() {}

    static FailoverRequest request(JsonNode n) {
        List<String> scopes = new ArrayList<>();
        n.path("scopeIds").forEach(x -> scopes.add(x.asText()));
        return new FailoverRequest(n.path("name").asText(), n.path("serverA").asText(), n.path("partnerB").asText(),
                n.path("mode").asText(), n.hasNonNull("loadBalancePercent") ? n.get("loadBalancePercent").asInt() : null,
                n.hasNonNull("reservePercent") ? n.get("reservePercent").asInt() : null,
                n.path("serverRole").asText(null), n.path("mcltSec").asLong(), n.path("switchoverIntervalSec").asLong(),
                n.path("sharedSecret").asBoolean(), scopes);
    }

    static FailoverChange change(JsonNode n) {
        return new FailoverChange(n.path("relationship").asText(),
                n.hasNonNull("loadBalancePercent") ? n.get("loadBalancePercent").asInt() : null,
                n.hasNonNull("reservePercent") ? n.get("reservePercent").asInt() : null,
                n.hasNonNull("mcltSec") ? n.get("mcltSec").asLong() : null,
                n.hasNonNull("switchoverIntervalSec") ? n.get("switchoverIntervalSec").asLong() : null);
    }
}
