package tandem.kea.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The option lists of a shared network and of a host reservation, as the option changes find and change them. A
 * reservation is named as the tables name it: by its address (a delegated prefix when it has no address), or by its
 * identifier ("hw-address 02:00:…") when it has neither.
 */
final class ScopedOptions {
    private ScopedOptions() {}

    /** Sets {@code name} to {@code data} in {@code parent}'s option-data, or removes it when {@code data} is null. */
    static void set(ObjectNode parent, String name, String data, String where) {
        String problem = OptionSyntax.nameProblem(name);
        if (problem != null) throw new ChangeRefused("name", problem);
        problem = OptionSyntax.dataProblem(data);
        if (problem != null) throw new ChangeRefused("data", problem);
        ArrayNode options = KeaConfigJson.array(parent, "option-data");
        for (int i = 0; i < options.size(); i++) {
            if (named(options.get(i), name.strip())) {
                if (data == null) options.remove(i);
                else ((ObjectNode) options.get(i)).put("data", data);
                return;
            }
        }
        if (data == null) throw new ChangeRefused("name", "Option " + name.strip() + " is not set " + where);
        ObjectNode o = options.addObject();
        o.put("name", name.strip());
        o.put("data", data);
    }

    /** An option written by name, or by code alone when the tables show its code for a name. */
    private static boolean named(JsonNode option, String name) {
        if (option.hasNonNull("name")) return option.path("name").asText().equals(name);
        return option.path("code").canConvertToInt() && option.path("code").asText().equals(name);
    }

    /** Puts an option list back as it was (null: none). */
    static void restore(ObjectNode parent, JsonNode previous) {
        if (previous == null || previous.isNull()) parent.remove("option-data");
        else parent.set("option-data", previous.deepCopy());
    }

    /** A copy a restore can keep, unaffected by later edits of the configuration it was read from. */
    static JsonNode copy(JsonNode node) {
        return node == null ? null : node.deepCopy();
    }

    static ObjectNode sharedNetwork(ObjectNode config, String name) {
        if (name == null || name.isBlank()) throw new ChangeRefused("network", "Shared network is required");
        return KeaConfigJson.sharedNetwork(config, name.strip())
                .orElseThrow(() -> new ChangeRefused("network", "There is no shared network " + name.strip()));
    }

    /**
     * The one reservation {@code key} names, global or in any subnet (shared networks' too). Refused when none does,
     * or when several do (a global reservation and a subnet's may hold the same address).
     */
    static ObjectNode reservation(ObjectNode config, String key) {
        if (key == null || key.isBlank()) throw new ChangeRefused("reservation", "Reservation is required");
        List<ObjectNode> found = new ArrayList<>();
        List<String> where = new ArrayList<>();
        collect(KeaConfigJson.root(config).path("reservations"), key.strip(), "global", found, where);
        for (JsonNode s : KeaConfigJson.allSubnets(config)) {
            collect(s.path("reservations"), key.strip(), "subnet " + s.path("subnet").asText(), found, where);
        }
        if (found.isEmpty()) throw new ChangeRefused("reservation", "There is no reservation of " + key.strip());
        if (found.size() > 1) {
            throw new ChangeRefused("reservation", key.strip() + " names " + found.size() + " reservations ("
                    + String.join(", ", where) + "): change it in the configuration file");
        }
        return found.get(0);
    }

    private static void collect(JsonNode reservations, String key, String where, List<ObjectNode> found,
                                List<String> places) {
        for (JsonNode r : reservations) {
            if (r instanceof ObjectNode o && matches(o, key)) {
                found.add(o);
                places.add(where);
            }
        }
    }

    private static boolean matches(ObjectNode r, String key) {
        int space = key.indexOf(' ');
        if (space > 0) {
            String type = key.substring(0, space);
            return r.hasNonNull(type) && SubnetCommands.hex(r.path(type).asText()).equals(SubnetCommands.hex(key.substring(space + 1)));
        }
        long v4 = Ipv4.parse(key);
        if (v4 >= 0) return r.hasNonNull("ip-address") && Ipv4.parse(r.path("ip-address").asText()) == v4;
        if (key.indexOf('/') > 0) {
            Ipv6.Prefix wanted = Ipv6.prefix(key);
            for (JsonNode p : r.path("prefixes")) if (wanted != null && wanted.equals(Ipv6.prefix(p.asText()))) return true;
            return false;
        }
        BigInteger v6 = Ipv6.parse(key);
        for (JsonNode a : r.path("ip-addresses")) if (v6 != null && v6.equals(Ipv6.parse(a.asText()))) return true;
        return false;
    }
}
