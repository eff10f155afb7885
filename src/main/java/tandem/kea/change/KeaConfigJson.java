package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import tandem.kea.KeaServerImporter;

/** Reading and writing the {@code {"Dhcp4": {...}}} document that config-get returns and config-set takes. */
public final class KeaConfigJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private KeaConfigJson() {}

    public static ObjectNode copy(JsonNode config) {
        if (config == null || !config.path("Dhcp4").isObject()) {
            throw new IllegalArgumentException("Not a Kea DHCPv4 configuration (no Dhcp4 object)");
        }
        return config.deepCopy();
    }

    public static ObjectNode dhcp4(ObjectNode config) { return (ObjectNode) config.get("Dhcp4"); }

    public static ArrayNode subnets(ObjectNode config) {
        return array(dhcp4(config), "subnet4");
    }

    /** The subnet4 entry of that prefix, as written; reading adds nothing to {@code config}. */
    public static Optional<ObjectNode> subnet(ObjectNode config, String cidr) {
        JsonNode all = dhcp4(config).path("subnet4");
        if (!all.isArray()) return Optional.empty();
        for (JsonNode s : all) {
            if (s instanceof ObjectNode o && s.path("subnet").asText().equals(cidr)) return Optional.of(o);
        }
        return Optional.empty();
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
