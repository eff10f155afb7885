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
        ObjectNode d = dhcp4(config);
        JsonNode s = d.get("subnet4");
        return s instanceof ArrayNode a ? a : d.putArray("subnet4");
    }

    public static Optional<ObjectNode> subnet(ObjectNode config, String cidr) {
        for (JsonNode s : subnets(config)) {
            if (s.path("subnet").asText().equals(cidr)) return Optional.of((ObjectNode) s);
        }
        return Optional.empty();
    }

    public static ArrayNode array(ObjectNode parent, String field) {
        JsonNode a = parent.get(field);
        return a instanceof ArrayNode arr ? arr : parent.putArray(field);
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
