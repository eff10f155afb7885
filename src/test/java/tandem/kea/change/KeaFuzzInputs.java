package tandem.kea.change;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Kea configurations and changes from fuzz input. Most values come from lists of likely and borderline ones
 * (so changes meet subnets that exist), the rest are arbitrary strings and JSON of the wrong type.
 */
final class KeaFuzzInputs {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] SUBNETS = {"10.0.0.0/24", "10.0.1.0/24", "10.0.0.0/16", "192.168.1.0/24",
        " 10.0.0.0/24 ", "10.0.0.1/24", "0.0.0.0/0", "255.255.255.255/32", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0",
        "010.000.000.000/24", "", "x/24", "10.0.0.0/24/8", "1.2.3.4/2147483648"};
    private static final String[] POOLS = {"10.0.0.10 - 10.0.0.20", "10.0.0.10-10.0.0.20", "10.0.0.30 - 10.0.0.40",
        "10.0.0.128/25", "10.0.1.10 - 10.0.1.20", "192.168.1.100 - 192.168.1.200", "10.0.0.20 - 10.0.0.10",
        "10.0.0.1 - 10.0.0.2 - 10.0.0.3", " - ", "-", "10.0.0.0/24", "10.0.0.5", ""};
    private static final String[] MACS = {"02:00:00:00:00:01", "02-00-00-00-00-02", "02:00:00:00:00:0G",
        "02:00:00:00:00:01 ", "", "0200.0000.0001"};
    private static final String[] IPS = {"10.0.0.5", "10.0.0.255", "10.0.1.5", "192.168.1.7", "10.0.0.256",
        " 10.0.0.6", "010.000.000.009", "::1", ""};
    private static final String[] KEYS = {"valid-lifetime", "renew-timer", "comment", "next-server", "id", "subnet",
        "pools", "reservations", "option-data"};

    private KeaFuzzInputs() {}

    /** A {"Dhcp4": ...} document, or null when the input's JSON text does not parse. */
    static JsonNode config(FuzzedDataProvider data) {
        if (data.consumeInt(0, 7) == 0) {
            try {
                return KeaConfigJson.MAPPER.readTree(data.consumeString(4000));
            } catch (IOException unparsable) {
                return null;
            }
        }
        ObjectNode root = JSON.objectNode();
        if (data.consumeInt(0, 15) == 0) {
            root.set("Dhcp4", junk(data, 2));
            return root;
        }
        ObjectNode dhcp4 = root.putObject("Dhcp4");
        if (data.consumeBoolean()) dhcp4.set("option-data", options(data));
        if (data.consumeInt(0, 15) == 0) {
            dhcp4.set("subnet4", junk(data, 2));
        } else if (data.consumeInt(0, 7) != 0) {
            ArrayNode subnets = dhcp4.putArray("subnet4");
            for (int i = data.consumeInt(0, 4); i > 0; i--) subnets.add(subnet(data));
        }
        if (data.consumeBoolean()) dhcp4.put("valid-lifetime", data.consumeInt());
        return root;
    }

    private static JsonNode subnet(FuzzedDataProvider data) {
        if (data.consumeInt(0, 15) == 0) return junk(data, 2);
        ObjectNode s = JSON.objectNode();
        switch (data.consumeInt(0, 5)) {
            case 0 -> { }
            case 1 -> s.set("id", junk(data, 1));
            case 2 -> s.put("id", data.consumeLong());
            default -> s.put("id", data.consumeInt(1, 5));
        }
        if (data.consumeInt(0, 15) == 0) s.set("subnet", junk(data, 1));
        else s.put("subnet", pick(data, SUBNETS));
        if (data.consumeBoolean()) {
            if (data.consumeInt(0, 7) == 0) {
                s.set("pools", junk(data, 2));
            } else {
                ArrayNode pools = s.putArray("pools");
                for (int i = data.consumeInt(0, 3); i > 0; i--) {
                    if (data.consumeInt(0, 7) == 0) pools.add(junk(data, 1));
                    else pools.addObject().put("pool", pick(data, POOLS));
                }
            }
        }
        if (data.consumeBoolean()) {
            if (data.consumeInt(0, 7) == 0) {
                s.set("reservations", junk(data, 2));
            } else {
                ArrayNode rs = s.putArray("reservations");
                for (int i = data.consumeInt(0, 3); i > 0; i--) {
                    if (data.consumeInt(0, 7) == 0) {
                        rs.add(junk(data, 1));
                        continue;
                    }
                    ObjectNode r = rs.addObject();
                    if (data.consumeBoolean()) r.put("hw-address", pick(data, MACS));
                    else r.put("client-id", data.consumeString(10));
                    r.put("ip-address", pick(data, IPS));
                }
            }
        }
        if (data.consumeBoolean()) s.set("option-data", options(data));
        return s;
    }

    private static JsonNode options(FuzzedDataProvider data) {
        if (data.consumeInt(0, 7) == 0) return junk(data, 2);
        ArrayNode a = JSON.arrayNode();
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            if (data.consumeInt(0, 7) == 0) {
                a.add(junk(data, 1));
            } else {
                ObjectNode o = a.addObject();
                o.put("name", data.consumeBoolean() ? "routers" : data.consumeString(8));
                o.put("data", data.consumeString(16));
            }
        }
        return a;
    }

    /** A value of any JSON type, nested at most {@code depth} deep. */
    static JsonNode junk(FuzzedDataProvider data, int depth) {
        switch (data.consumeInt(0, depth > 0 ? 7 : 5)) {
            case 0: return JSON.nullNode();
            case 1: return JSON.numberNode(data.consumeLong());
            case 2: return JSON.textNode(data.consumeString(12));
            case 3: return JSON.booleanNode(data.consumeBoolean());
            case 4: return JSON.numberNode(data.consumeDouble());
            case 5: return JSON.textNode(pick(data, SUBNETS));
            case 6: {
                ArrayNode a = JSON.arrayNode();
                for (int i = data.consumeInt(0, 2); i > 0; i--) a.add(junk(data, depth - 1));
                return a;
            }
            default: {
                ObjectNode o = JSON.objectNode();
                for (int i = data.consumeInt(0, 2); i > 0; i--) o.set(pick(data, KEYS), junk(data, depth - 1));
                return o;
            }
        }
    }

    /** One change of any kind, naming one of the configuration's subnets more often than not. */
    static KeaChange change(FuzzedDataProvider data, JsonNode config) {
        String subnet = subnetName(data, config);
        return switch (data.consumeInt(0, 7)) {
            case 0 -> {
                List<String> pools = new ArrayList<>();
                for (int i = data.consumeInt(0, 2); i > 0; i--) pools.add(pick(data, POOLS));
                Long id = data.consumeBoolean() ? null : Long.valueOf(data.consumeInt());
                yield new KeaChange.AddSubnet(subnet, id, pools);
            }
            case 1 -> {
                Map<String, JsonNode> parameters = new LinkedHashMap<>();
                for (int i = data.consumeInt(0, 2); i > 0; i--) {
                    parameters.put(pick(data, KEYS), data.consumeBoolean() ? null : junk(data, 1));
                }
                yield new KeaChange.EditSubnet(subnet, parameters);
            }
            case 2 -> new KeaChange.RemoveSubnet(subnet);
            case 3 -> new KeaChange.AddPool(subnet, pick(data, POOLS));
            case 4 -> new KeaChange.RemovePool(subnet, pick(data, POOLS));
            case 5 -> new KeaChange.AddReservation(subnet, pick(data, MACS), pick(data, IPS),
                    data.consumeBoolean() ? null : data.consumeString(20));
            case 6 -> new KeaChange.RemoveReservation(subnet, pick(data, MACS));
            default -> new KeaChange.SetOption(data.consumeBoolean() ? null : subnet,
                    data.consumeBoolean() ? "routers" : data.consumeString(8),
                    data.consumeBoolean() ? null : data.consumeString(16));
        };
    }

    private static String subnetName(FuzzedDataProvider data, JsonNode config) {
        List<String> existing = new ArrayList<>();
        for (JsonNode s : config.path("Dhcp4").path("subnet4")) existing.add(s.path("subnet").asText());
        int choice = data.consumeInt(0, 5);
        if (choice == 0) return data.consumeBoolean() ? null : data.consumeString(20);
        if (choice <= 2 || existing.isEmpty()) return pick(data, SUBNETS);
        return existing.get(data.consumeInt(0, existing.size() - 1));
    }

    private static String pick(FuzzedDataProvider data, String[] values) {
        int i = data.consumeInt(0, values.length);
        return i == values.length ? data.consumeString(24) : values[i];
    }
}
