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
            "control-sockets",     // Kea 3: its own HTTP(S) control sockets, their TLS files and authentication
            "lease-database",      // its own lease file or database
            "hosts-database",      // host reservation backends are per server
            "hosts-databases",
            "loggers",             // its own log files
            "server-tag",          // configuration-backend identity
            "dhcp-ddns",           // its own DHCP-DDNS connection
            "dhcp4o6-port");

    /** Top-level Dhcp6 keys each server keeps as its own, besides {@link #DHCP4_KEYS}. */
    public static final List<String> DHCP6_KEYS = List.of(
            "server-id",           // its own DUID: two servers with one DUID are one server to clients
            "data-directory");     // where it keeps its DUID and lease files

    /** Keys of each high-availability relationship that belong to the server, not the relationship. */
    public static final List<String> HA_KEYS = List.of(
            "this-server-name",        // who this server is in the relationship
            "trust-anchor", "cert-file", "key-file", "require-client-certs", // its own TLS files
            "http-dedicated-listener", "http-listener-threads", "http-client-threads"); // its HA listener (2.4+)

    /**
     * Keys of a peer entry that name files on the server whose configuration it is (Kea 3 reads HA passwords from
     * files): each server keeps its own paths for every partner.
     */
    public static final List<String> HA_PEER_FILE_KEYS = List.of(
            "basic-auth-user-file", "basic-auth-password-file", "trust-anchor", "cert-file", "key-file");

    /**
     * The configuration for {@code peer}: the source of truth's, with the peer's own keys taken from the peer's
     * current configuration. Keys the peer does not have are removed rather than inherited.
     */
    public static ObjectNode forPeer(JsonNode sourceOfTruth, JsonNode peerCurrent) {
        ObjectNode out = KeaConfigJson.copy(sourceOfTruth);
        ObjectNode target = KeaConfigJson.root(out);
        JsonNode own = tandem.kea.KeaService.rootOf(peerCurrent);
        List<String> keys = KeaConfigJson.isV6(out)
                ? java.util.stream.Stream.concat(DHCP4_KEYS.stream(), DHCP6_KEYS.stream()).toList() : DHCP4_KEYS;
        for (String key : keys) {
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
                ownPeerFiles(t, o);
            }
        }
        return out;
    }

    /** True when the peer already has what {@link #forPeer} would give it. */
    public static boolean inSync(JsonNode sourceOfTruth, JsonNode peerCurrent) {
        return forPeer(sourceOfTruth, peerCurrent).equals(peerCurrent);
    }

    /** The file paths in each peer entry of {@code target} become those {@code own} has for the same peer. */
    private static void ownPeerFiles(ObjectNode target, JsonNode own) {
        for (JsonNode t : target.path("peers")) {
            if (!(t instanceof ObjectNode entry)) continue;
            JsonNode mine = null;
            for (JsonNode o : own.path("peers")) {
                if (o.path("name").asText().equals(entry.path("name").asText())) mine = o;
            }
            if (mine == null) continue;  // a new peer: the source of truth's paths are all there is
            for (String key : HA_PEER_FILE_KEYS) {
                if (mine.has(key)) entry.set(key, mine.get(key).deepCopy());
                else entry.remove(key);
            }
        }
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
