package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What belongs to each server of a relationship and must survive when the source of truth's configuration is
 * copied to it: otherwise a partner would lose its identity (its this-server-name), its sockets, its lease file.
 * This is the one place that list is written down.
 */
public final class PeerOwnedKeys {
    private PeerOwnedKeys() {}

    /** Top-level Dhcp4 keys each server keeps as its own. */
    public static final List<String> DHCP4_KEYS = List.of(
            "interfaces-config",   // which interfaces this host listens on
            "control-socket",      // its own unix socket (its Control Agent points at it)
            "control-sockets",     // Kea 3: its own HTTP and unix control sockets
            "lease-database",      // its own lease file or database
            "hosts-database",      // host reservation backends are per server
            "hosts-databases",
            "loggers",             // its own log files
            "server-tag",          // configuration-backend identity
            "dhcp-ddns",           // its own DHCP-DDNS connection
            "dhcp4o6-port");

    /** Keys of each high-availability relationship that belong to the server, not the relationship. */
    public static final List<String> HA_KEYS = List.of(
            "this-server-name",        // who this server is in the relationship
            "trust-anchor", "cert-file", "key-file", "require-client-certs", // its own TLS files
            "http-dedicated-listener", "http-listener-threads", "http-client-threads"); // its HA listener (2.4+)

    /**
     * The configuration for {@code peer}: the source of truth's, with the peer's own keys taken from the peer's
     * current configuration. Keys the peer does not have are removed rather than inherited.
     */
    public static ObjectNode forPeer(JsonNode sourceOfTruth, JsonNode peerCurrent) {
        ObjectNode out = KeaConfigJson.copy(sourceOfTruth);
        ObjectNode target = KeaConfigJson.dhcp4(out);
        JsonNode own = peerCurrent.path("Dhcp4");
        for (String key : DHCP4_KEYS) {
            if (own.has(key)) target.set(key, own.get(key).deepCopy());
            else target.remove(key);
        }
        ArrayNode targetHa = haSections(target);
        ArrayNode ownHa = haSections(own);
        if (targetHa != null && ownHa != null) {
            for (int i = 0; i < targetHa.size() && i < ownHa.size(); i++) {
                ObjectNode t = (ObjectNode) targetHa.get(i);
                JsonNode o = ownHa.get(i);
                for (String key : HA_KEYS) {
                    if (o.has(key)) t.set(key, o.get(key).deepCopy());
                    else t.remove(key);
                }
            }
        }
        return out;
    }

    /** True when the peer already has what {@link #forPeer} would give it. */
    public static boolean inSync(JsonNode sourceOfTruth, JsonNode peerCurrent) {
        return forPeer(sourceOfTruth, peerCurrent).equals(peerCurrent);
    }

    static ArrayNode haSections(JsonNode dhcp4) {
        for (JsonNode hook : dhcp4.path("hooks-libraries")) {
            if (hook.path("library").asText("").endsWith("libdhcp_ha.so")) {
                JsonNode ha = hook.path("parameters").path("high-availability");
                if (ha instanceof ArrayNode a) return a;
            }
        }
        return null;
    }
}
