package tandem.ui.kea;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tandem.core.ServiceType;
import tandem.kea.KeaService;
import tandem.kea.change.KeaChange;
import tandem.kea.change.KeaChangeService;
import tandem.kea.change.KeaChangeService.Preview;

/**
 * The inputs of one kind of change, their local checks, and the change they describe. {@link ChangeViewModel} runs
 * preview and apply for every kind; a form only knows its own fields.
 */
public abstract class ChangeForm {
    /** The title of the dialog, e.g. "Add reservation". */
    public abstract String title();

    /** One sentence under the title. */
    public abstract String hint();

    public abstract List<ChangeField> fields();

    /** Why the field's current input is wrong, or null; only syntax and what the form itself can know. */
    protected abstract String problem(ChangeField field);

    /** The change the inputs describe; called only when no field has a problem. */
    protected abstract KeaChange change();

    private ServiceType service = ServiceType.DHCPV4;

    /** The service of the relationship changed: DHCPv6 takes IPv6 values, checked at each field. */
    final void useService(ServiceType relationshipService) {
        service = relationshipService == null ? ServiceType.DHCPV4 : relationshipService;
        if (service.isV6()) forDhcp6();
    }

    public ServiceType service() { return service; }

    /** Adapts the labels and prompts to DHCPv6 values; the checks ask {@link #service()}. */
    protected void forDhcp6() {}

    /** Whether the form lists the subnets of the source of truth's configuration. */
    public boolean needsSubnets() { return fields().stream().anyMatch(f -> f.kind() == ChangeField.Kind.SUBNET_CHOICE); }

    /** Whether the form fills its inputs from the current configuration (an edit starts from what is there). */
    public boolean readsConfiguration() { return false; }

    /** The source of truth's configuration ({"Dhcp4": …}), read when the dialog opened; on the UI thread. */
    protected void configurationRead(JsonNode config) {}

    /** Offered in a subnet choice besides the subnets themselves (e.g. "global" for an option). */
    protected List<String> extraSubnetChoices() { return List.of(); }

    /** Shows the change; runs in the background. */
    protected Preview prepare(KeaChangeService changes, String relationship) {
        return changes.prepare(relationship, change());
    }

    /** The field a refusal names, if the form has it. */
    public Optional<ChangeField> field(String key) {
        if (key == null) return Optional.empty();
        return fields().stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /**
     * The subnet prefixes of a {"Dhcp4": ...} or {"Dhcp6": ...} configuration, in its order: the top-level ones, then
     * those of each shared network (the changes reach them too).
     */
    static List<String> subnetsOf(JsonNode config) {
        List<String> out = new ArrayList<>();
        String key = KeaService.subnets(KeaService.of(config));
        List<JsonNode> lists = new ArrayList<>();
        lists.add(KeaService.rootOf(config).path(key));
        for (JsonNode n : KeaService.rootOf(config).path("shared-networks")) lists.add(n.path(key));
        for (JsonNode list : lists) {
            for (JsonNode s : list) {
                String prefix = s.path("subnet").asText("");
                if (!prefix.isEmpty()) out.add(prefix);
            }
        }
        return out;
    }

    static String required(ChangeField f, String what) {
        return f.value().isEmpty() ? "Enter " + what : null;
    }

    static String nullIfBlank(String s) { return s == null || s.isBlank() ? null : s.strip(); }
}
