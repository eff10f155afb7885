package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The configurations that join standalone servers into an HA relationship and take them apart again. Pure
 * functions over config-get's arguments, parametrized by the configuration's root ("Dhcp4" or "Dhcp6").
 */
public final class HaConfigs {
    private HaConfigs() {}

    static final String HA_LIBRARY = "libdhcp_ha.so";
    static final String LEASE_CMDS_LIBRARY = "libdhcp_lease_cmds.so";

    /** The list of subnets under a root: subnet4 or subnet6. */
    static String subnetKey(String root) {
        return "Dhcp6".equals(root) ? "subnet6" : "subnet4";
    }

    /**
     * The configuration {@code self} gets: its own configuration with the source of truth's subnets (and everything
     * else the relationship shares) when it is not the source, libdhcp_lease_cmds and libdhcp_ha added from
     * {@code hooksDir} (empty for bare names), and the relationship's HA section.
     *
     * @param hooksDir the directory holding its hook libraries, or "" where Kea wants bare names (Kea 3)
     */
    static ObjectNode joined(ObjectNode own, ObjectNode source, String root, HaRequest request, HaRequest.Member self,
                             String hooksDir) {
        ObjectNode out;
        if (source == null) {
            out = own.deepCopy();
        } else {
            // the replication rule: the source's configuration with this server's own keys; its hooks stay its own
            out = source.deepCopy();
            ObjectNode target = (ObjectNode) out.get(root);
            JsonNode mine = own.path(root);
            List<String> ownKeys = new ArrayList<>(PeerOwnedKeys.DHCP4_KEYS);
            if ("Dhcp6".equals(root)) ownKeys.addAll(PeerOwnedKeys.DHCP6_KEYS); // its server-id (DUID) among them
            ownKeys.add("hooks-libraries");
            ownKeys.add("control-sockets"); // Kea 3: its own HTTP control socket and the files of its login
            for (String key : ownKeys) {
                if (mine.has(key)) target.set(key, mine.get(key).deepCopy());
                else target.remove(key);
            }
        }
        ObjectNode config = (ObjectNode) out.get(root);
        ArrayNode hooks = KeaConfigJson.array(config, "hooks-libraries");
        removeLibrary(hooks, HA_LIBRARY);
        if (indexOf(hooks, LEASE_CMDS_LIBRARY) < 0) hooks.addObject().put("library", hooksDir + LEASE_CMDS_LIBRARY);
        ObjectNode ha = hooks.addObject();
        ha.put("library", hooksDir + HA_LIBRARY);
        ObjectNode section = section(request, self);
        if (config.has("control-sockets")) {
            // Kea 3 without a Control Agent: the peer URLs are the daemons' control sockets, so HA must not open
            // a dedicated listener of its own on them (it would take the control socket's port)
            section.putObject("multi-threading").put("http-dedicated-listener", false);
        }
        ha.putObject("parameters").putArray("high-availability").add(section);
        return out;
    }

    /** The HA section as {@code self} holds it. */
    static ObjectNode section(HaRequest request, HaRequest.Member self) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("this-server-name", self.thisServerName());
        s.put("mode", request.mode());
        if (request.pair()) {
            s.put("heartbeat-delay", request.heartbeatDelay());
            s.put("max-response-delay", request.maxResponseDelay());
            s.put("max-ack-delay", request.maxAckDelay());
            s.put("max-unacked-clients", request.maxUnackedClients());
        }
        if (self.tls() != null) {
            // this server's own files (paths on it, never their contents), for every peer: Kea takes all three or
            // none, and needs them for https peer URLs
            s.put("trust-anchor", self.tls().trustAnchor());
            s.put("cert-file", self.tls().certFile());
            s.put("key-file", self.tls().keyFile());
        }
        ArrayNode peers = s.putArray("peers");
        for (HaRequest.Member m : request.members()) {
            ObjectNode p = peers.addObject();
            p.put("name", m.thisServerName());
            p.put("url", m.url());
            p.put("role", m.role());
            p.put("auto-failover", request.autoFailover());
            if (request.peerUser() != null) {
                // the password stays in a file on this server: never in the configuration (Kea 3 refuses it there)
                p.put("basic-auth-user", request.peerUser());
                p.put("basic-auth-password-file", self.passwordFile());
            }
        }
        return s;
    }

    /**
     * The configuration without the HA hook (libdhcp_lease_cmds stays: other tools use it), keeping only the
     * subnets whose prefixes are in {@code keep}.
     */
    static ObjectNode dissolved(ObjectNode current, String root, Collection<String> keep) {
        ObjectNode out = current.deepCopy();
        ObjectNode config = (ObjectNode) out.get(root);
        JsonNode hooks = config.get("hooks-libraries");
        if (hooks instanceof ArrayNode a) removeLibrary(a, HA_LIBRARY);
        JsonNode subnets = config.get(subnetKey(root));
        if (subnets instanceof ArrayNode a) {
            for (int i = a.size() - 1; i >= 0; i--) {
                if (!keep.contains(a.get(i).path("subnet").asText())) a.remove(i);
            }
        }
        return out;
    }

    /** The prefixes of the subnets a configuration serves, in its order. */
    public static List<String> subnets(JsonNode config, String root) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : config.path(root).path(subnetKey(root))) out.add(s.path("subnet").asText());
        return out;
    }

    /** Whether the configuration loads the HA hook. */
    static boolean hasHa(JsonNode config, String root) {
        return indexOf(config.path(root).path("hooks-libraries"), HA_LIBRARY) >= 0;
    }

    /**
     * The directory of the hook libraries a configuration loads with a path ("/usr/lib/.../hooks/"), "" when it
     * loads them by bare name, or null when it loads none.
     */
    static String hooksDirOf(JsonNode config, String root) {
        for (JsonNode h : config.path(root).path("hooks-libraries")) {
            String lib = h.path("library").asText("");
            if (lib.isEmpty()) continue;
            int slash = lib.lastIndexOf('/');
            return slash < 0 ? "" : lib.substring(0, slash + 1);
        }
        return null;
    }

    private static int indexOf(JsonNode hooks, String library) {
        for (int i = 0; i < hooks.size(); i++) {
            String lib = hooks.get(i).path("library").asText("");
            if (lib.equals(library) || lib.endsWith("/" + library)) return i;
        }
        return -1;
    }

    private static void removeLibrary(ArrayNode hooks, String library) {
        for (int i = indexOf(hooks, library); i >= 0; i = indexOf(hooks, library)) hooks.remove(i);
    }
}
