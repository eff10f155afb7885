package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import tandem.core.ServiceType;
import tandem.kea.KeaServerImporter;
import tandem.kea.KeaService;

/**
 * Reading and writing the {@code {"Dhcp4": {...}}} or {@code {"Dhcp6": {...}}} document that config-get returns and
 * config-set takes. The document says which service it configures, so a change needs no other hint.
 */
public final class KeaConfigJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private KeaConfigJson() {}

    public static ObjectNode copy(JsonNode config) {
        if (config == null || !KeaService.rootOf(config).isObject()) {
            throw new IllegalArgumentException("Not a Kea DHCPv4 or DHCPv6 configuration (no Dhcp4 or Dhcp6 object)");
        }
        return config.deepCopy();
    }

    /** The service {@code config} configures. */
    public static ServiceType service(JsonNode config) { return KeaService.of(config); }

    public static boolean isV6(JsonNode config) { return service(config).isV6(); }

    /** The Dhcp4 or Dhcp6 object, whichever the document holds. */
    public static ObjectNode root(ObjectNode config) { return (ObjectNode) config.get(KeaService.root(service(config))); }

    /** The Dhcp4 object; in a DHCPv6 document, its Dhcp6 object ({@link #root}). */
    public static ObjectNode dhcp4(ObjectNode config) { return root(config); }

    /** subnet4 or subnet6. */
    public static ArrayNode subnets(ObjectNode config) {
        return array(root(config), KeaService.subnets(service(config)));
    }

    /**
     * The subnet4 (subnet6) entry of that prefix, as written, at the top level or inside a shared network; reading
     * adds nothing to {@code config}.
     */
    public static Optional<ObjectNode> subnet(ObjectNode config, String cidr) {
        return home(config, cidr).map(SubnetHome::subnet);
    }

    /**
     * Where a subnet lives: the list that holds it (the top-level subnet4/subnet6, or a shared network's), its
     * position there, and the shared network's name (null at the top level).
     */
    public record SubnetHome(ArrayNode list, int index, String sharedNetwork) {
        public ObjectNode subnet() { return (ObjectNode) list.get(index); }
    }

    /** The home of the subnet of that prefix; the top level first, then each shared network in order. */
    public static Optional<SubnetHome> home(ObjectNode config, String cidr) {
        if (cidr == null) return Optional.empty();
        // an IPv6 prefix has many spellings (2001:DB8:1:0::/64 is 2001:db8:1::/64); Kea writes the short one
        Ipv6.Prefix wanted = cidr.indexOf(':') >= 0 ? Ipv6.prefix(cidr) : null;
        for (boolean exact : new boolean[] {true, false}) {
            if (!exact && wanted == null) break;
            for (var list : subnetLists(config).entrySet()) {
                ArrayNode all = list.getValue();
                for (int i = 0; i < all.size(); i++) {
                    String prefix = all.get(i).path("subnet").asText();
                    boolean match = exact ? prefix.equals(cidr) : wanted.equals(Ipv6.prefix(prefix));
                    if (all.get(i) instanceof ObjectNode && match) {
                        return Optional.of(new SubnetHome(all, i, list.getKey().isEmpty() ? null : list.getKey()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every subnet list of the configuration as it stands, none added: the top-level one under "" and each shared
     * network's under its name, in the configuration's order.
     */
    static java.util.Map<String, ArrayNode> subnetLists(ObjectNode config) {
        String key = KeaService.subnets(service(config));
        java.util.Map<String, ArrayNode> out = new java.util.LinkedHashMap<>();
        if (root(config).get(key) instanceof ArrayNode top) out.put("", top);
        for (JsonNode network : root(config).path("shared-networks")) {
            if (network.get(key) instanceof ArrayNode a) out.putIfAbsent(network.path("name").asText(), a);
        }
        return out;
    }

    /** Every subnet, top-level ones first, then those of each shared network: ids and prefixes are unique across all. */
    static java.util.List<JsonNode> allSubnets(ObjectNode config) {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        for (ArrayNode list : subnetLists(config).values()) list.forEach(out::add);
        return out;
    }

    /** The shared network of that name, if the configuration has one. */
    public static Optional<ObjectNode> sharedNetwork(ObjectNode config, String name) {
        for (JsonNode network : root(config).path("shared-networks")) {
            if (network instanceof ObjectNode o && network.path("name").asText().equals(name)) return Optional.of(o);
        }
        return Optional.empty();
    }

    /** The name of the shared network that holds a subnet of that prefix, if one does. */
    public static Optional<String> sharedNetworkOf(ObjectNode config, String cidr) {
        return home(config, cidr).map(SubnetHome::sharedNetwork);
    }

    /**
     * The list {@code parent} holds under {@code field}, added empty when missing. Anything else there is refused
     * rather than replaced: Kea would not have accepted it, and replacing it would silently drop what it holds.
     */
    public static ArrayNode array(ObjectNode parent, String field) {
        JsonNode a = parent.get(field);
        if (a instanceof ArrayNode arr) return arr;
        if (a != null) {
            throw new ChangeRefused(null, "The configuration's " + field + " is not a list (" + a.getNodeType()
                    .toString().toLowerCase(java.util.Locale.ROOT) + "), so it cannot be changed here");
        }
        return parent.putArray(field);
    }

    /** Pretty JSON with keys in a stable order, so a diff shows only what changed. */
    public static String canonical(JsonNode node) {
        try {
            Object tree = CANONICAL.treeToValue(node, Object.class);
            return CANONICAL.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String hash(JsonNode config) { return KeaServerImporter.hash(config); }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
