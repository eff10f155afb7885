package tandem.ui.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tandem.kea.KeaService;
import tandem.kea.change.KeaChange;
import tandem.kea.change.SharedNetworks;
import tandem.kea.change.SubnetParameters;

/**
 * Edits a shared network's own lifetimes, timers, interface, relay addresses and comment, starting from their
 * current values; only what the administrator changes goes into the change, and an emptied value removes the
 * parameter from the network (its subnets then get the server's value).
 */
public final class SharedNetworkEditForm extends ChangeForm {
    final ChangeField network = ChangeField.text("network", "Shared network", "floor2");
    private final Map<String, ChangeField> parameters = new LinkedHashMap<>();
    /** The values read from the configuration, "" for a parameter not set there; null until read. */
    private Map<String, String> current;

    public SharedNetworkEditForm(String name) {
        network.valueProperty().set(name);
        parameters.put("valid-lifetime", ChangeField.text("valid-lifetime", "Valid lifetime", "seconds; empty: not set here"));
        parameters.put("renew-timer", ChangeField.text("renew-timer", "Renew timer", "seconds; empty: not set here"));
        parameters.put("rebind-timer", ChangeField.text("rebind-timer", "Rebind timer", "seconds; empty: not set here"));
        parameters.put("interface", ChangeField.text("interface", "Interface", "e.g. eth1; empty: not set here"));
        parameters.put("relay", ChangeField.text("relay", "Relay addresses", "e.g. 10.20.0.254, separated by commas"));
        parameters.put("comment", ChangeField.text("comment", "Comment", "empty: none"));
    }

    @Override public String title() { return "Edit shared network"; }

    @Override public String hint() {
        return "Changes this shared network's own lifetimes, timers, interface, relay and comment; an emptied value "
                + "removes it from the network.";
    }

    @Override protected void forDhcp6() {
        parameters.get("relay").relabel("Relay addresses", "e.g. 2001:db8:1::1, separated by commas");
    }

    @Override public List<ChangeField> fields() {
        List<ChangeField> out = new ArrayList<>();
        out.add(network);
        out.addAll(parameters.values());
        return out;
    }

    @Override public boolean readsConfiguration() { return true; }

    @Override
    protected void configurationRead(JsonNode config) {
        JsonNode found = find(config, network.value());
        Map<String, String> values = new HashMap<>();
        for (String p : parameters.keySet()) values.put(p, found == null ? "" : shown(found, p));
        current = values;
        // what the administrator typed before the configuration arrived stays
        parameters.forEach((name, f) -> {
            if (!f.touched) f.valueProperty().set(values.get(name));
        });
    }

    /** The shared network of that name as written in the configuration; null when absent. */
    static JsonNode find(JsonNode config, String name) {
        for (JsonNode n : KeaService.rootOf(config).path("shared-networks")) if (n.path("name").asText().equals(name)) return n;
        return null;
    }

    /** A parameter as the form shows it: relay addresses separated by commas, the comment from the user-context. */
    private static String shown(JsonNode n, String p) {
        if (p.equals("relay")) {
            List<String> out = new ArrayList<>();
            n.path("relay").path("ip-addresses").forEach(a -> out.add(a.asText()));
            if (n.path("relay").hasNonNull("ip-address")) out.add(n.path("relay").path("ip-address").asText());
            return String.join(", ", out);
        }
        JsonNode v = p.equals("comment") ? n.path("user-context").get("comment") : n.get(p);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static List<String> addresses(String value) {
        return Arrays.stream(value.split("[,\\s]+")).filter(a -> !a.isBlank()).toList();
    }

    @Override
    protected String problem(ChangeField f) {
        if (f == network) return required(f, "the shared network");
        if (f.value().isEmpty()) return null;
        return switch (f.key()) {
            case "interface" -> SharedNetworks.interfaceProblem(f.value());
            case "relay" -> addresses(f.value()).stream().map(a -> SharedNetworks.relayProblem(a, service().isV6()))
                    .filter(p -> p != null).findFirst().orElse(null);
            case "comment" -> f.value().chars().anyMatch(Character::isISOControl) ? "The comment contains a control character" : null;
            default -> SubnetParameters.valueProblem(f.key(), f.value());
        };
    }

    @Override
    protected KeaChange change() {
        Map<String, JsonNode> changed = new LinkedHashMap<>();
        for (ChangeField f : parameters.values()) {
            String was = current == null ? "" : current.getOrDefault(f.key(), "");
            String now = f.key().equals("relay") ? String.join(", ", addresses(f.value())) : f.value();
            if (now.equals(was)) continue;
            changed.put(f.key(), now.isEmpty() ? NullNode.getInstance() : value(f.key(), now));
        }
        return new SharedNetworks.EditSharedNetwork(network.value(), changed);
    }

    private static JsonNode value(String key, String value) {
        if (key.equals("relay")) {
            ObjectNode relay = JsonNodeFactory.instance.objectNode();
            addresses(value).forEach(relay.putArray("ip-addresses")::add);
            return relay;
        }
        if (key.equals("interface") || key.equals("comment")) return JsonNodeFactory.instance.textNode(value);
        return SubnetParameters.value(key, value);
    }
}
