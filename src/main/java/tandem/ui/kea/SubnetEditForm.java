package tandem.ui.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tandem.kea.KeaService;
import tandem.kea.change.KeaAddresses;
import tandem.kea.change.KeaChange;
import tandem.kea.change.SubnetParameters;

/**
 * Edits an existing subnet's lifetimes, timers and boot parameters, starting from their current values; only what
 * the administrator changes goes into the change, and an emptied value removes the parameter (the server's default
 * applies again).
 */
public final class SubnetEditForm extends ChangeForm {
    /**
     * What the dialog offers; the boot file and server host name stay with the command line (tandem subnet edit) so
     * the dialog, with its diff and outcomes, fits a laptop screen.
     */
    private static final List<String> PARAMETERS = List.of("valid-lifetime", "min-valid-lifetime",
            "max-valid-lifetime", "renew-timer", "rebind-timer", "next-server");

    final ChangeField subnet = ChangeField.text("subnet", "Subnet", "10.20.0.0/24");
    private final Map<String, ChangeField> parameters = new LinkedHashMap<>();
    /** The values read from the configuration, "" for a parameter not set there; null until read. */
    private Map<String, String> current;

    public SubnetEditForm(String subnetPrefix) {
        subnet.valueProperty().set(subnetPrefix);
        for (String p : PARAMETERS) {
            parameters.put(p, ChangeField.text(p, label(p), SubnetParameters.SECONDS.contains(p)
                    ? "seconds; empty: the server's default" : "empty: none"));
        }
    }

    private static String label(String parameter) {
        String s = parameter.replace('-', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @Override public String title() { return "Edit subnet"; }

    @Override public String hint() {
        return "Changes this subnet's lifetimes, timers and next server; an emptied value removes the parameter.";
    }

    @Override public List<ChangeField> fields() {
        List<ChangeField> out = new ArrayList<>();
        out.add(subnet);
        parameters.forEach((name, f) -> {
            if (!service().isV6() || !SubnetParameters.DHCP4_ONLY.contains(name)) out.add(f);
        });
        return out;
    }

    @Override public boolean readsConfiguration() { return true; }

    @Override
    protected void configurationRead(JsonNode config) {
        JsonNode found = find(config, subnet.value());
        Map<String, String> values = new HashMap<>();
        for (String p : PARAMETERS) {
            JsonNode v = found == null ? null : found.get(p);
            values.put(p, v == null || v.isNull() ? "" : v.asText());
        }
        current = values;
        // what the administrator typed before the configuration arrived stays
        parameters.forEach((name, f) -> {
            if (!f.touched) f.valueProperty().set(values.get(name));
        });
    }

    /** The subnet as written in the configuration, at the top level or in a shared network; null when absent. */
    static JsonNode find(JsonNode config, String prefix) {
        JsonNode root = KeaService.rootOf(config);
        String key = KeaService.subnets(KeaService.of(config));
        for (JsonNode s : root.path(key)) if (s.path("subnet").asText().equals(prefix)) return s;
        for (JsonNode n : root.path("shared-networks")) {
            for (JsonNode s : n.path(key)) if (s.path("subnet").asText().equals(prefix)) return s;
        }
        return null;
    }

    @Override
    protected String problem(ChangeField f) {
        if (f == subnet) {
            if (f.value().isEmpty()) return "Enter the subnet";
            String family = KeaAddresses.familyProblem(f.value(), service());
            return family != null ? family : KeaAddresses.networkProblem(f.value());
        }
        if (f.value().isEmpty()) return null;
        return SubnetParameters.valueProblem(f.key(), f.value());
    }

    @Override
    protected KeaChange change() {
        Map<String, JsonNode> changed = new LinkedHashMap<>();
        for (ChangeField f : fields()) {
            if (f == subnet) continue;
            String was = current == null ? "" : current.getOrDefault(f.key(), "");
            if (f.value().equals(was)) continue;
            changed.put(f.key(), f.value().isEmpty() ? NullNode.getInstance() : SubnetParameters.value(f.key(), f.value()));
        }
        return new KeaChange.EditSubnet(subnet.value(), changed);
    }
}
