package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What answers at a control endpoint, as far as its answers tell: a Kea 2 Control Agent, or a Kea 3 server
 * (kea-dhcp4's own control socket; the Control Agent is deprecated in 3.0 and gone from 3.1.8). Requests are the same
 * for both: a daemon accepts the {@code service} list ["dhcp4"] a Control Agent needs. Only the wording of messages
 * and the {@code hash} of config-get differ, so nothing has to be configured: an endpoint counts as a Kea 3 server
 * once an answer shows a Kea 3 feature (config-get's {@code hash}, status-get's {@code dhcp-state}).
 */
public final class KeaControlEndpoints {
    private KeaControlEndpoints() {}

    /** Authorities ("host:port") known to be Kea 3 servers; bounded, as endpoints come and go. */
    private static final Set<String> KEA3 = ConcurrentHashMap.newKeySet();
    private static final int MAX_REMEMBERED = 10_000;

    /** "The Control Agent at host:port", or "The Kea server at host:port" for a Kea 3 server. */
    public static String describe(KeaEndpoint ep) {
        return (isKea3(ep) ? "The Kea server at " : "The Control Agent at ") + ep.authority();
    }

    public static boolean isKea3(KeaEndpoint ep) {
        return KEA3.contains(ep.authority());
    }

    /** Records that a Kea 3 server answers at the endpoint (also known from its configuration, by the importer). */
    public static void rememberKea3(KeaEndpoint ep) {
        if (KEA3.size() >= MAX_REMEMBERED) KEA3.clear();
        KEA3.add(ep.authority());
    }

    /**
     * The arguments of a successful answer as the rest of Tandem sees them. Kea 3's config-get adds a {@code hash}
     * beside {@code Dhcp4}; sent back with config-test or config-set it is refused ("Unsupported 'hash'
     * parameter"), and in snapshots and diffs it is noise, so it is removed here, where every answer passes.
     */
    static JsonNode arguments(KeaEndpoint ep, String command, JsonNode arguments) {
        if (arguments == null || !arguments.isObject()) return arguments;
        if (command.equals("config-get") && arguments.has("hash")) {
            rememberKea3(ep);
            ObjectNode copy = ((ObjectNode) arguments).deepCopy();
            copy.remove("hash");
            return copy;
        }
        if (command.equals("status-get") && arguments.has("dhcp-state")) rememberKea3(ep);
        return arguments;
    }

    /** Removes config-get's {@code hash} from arguments that did not come through the client (e.g. stored ones). */
    public static JsonNode withoutHash(JsonNode configGetArguments) {
        if (configGetArguments == null || !configGetArguments.has("hash")) return configGetArguments;
        ObjectNode copy = ((ObjectNode) configGetArguments).deepCopy();
        copy.remove("hash");
        return copy;
    }
}
