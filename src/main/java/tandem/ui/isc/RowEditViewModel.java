package tandem.ui.isc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import tandem.isc.DhcpdConfig;
import tandem.isc.FailoverEdits;
import tandem.isc.RowEdits;
import tandem.isc.RowFields;

/**
 * The state of the dialog that edits a configuration table row of dhcpd: a subnet's own statements, an option's
 * value or a host declaration. Its fields start as the file says now; OK makes the edit to preview, or shows the
 * problem at its field.
 */
public final class RowEditViewModel {
    /** One input: its value and the problem shown beneath it. */
    public record Field(String key, String label, String prompt, StringProperty value, ReadOnlyStringWrapper problem) {
        public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    }

    private final String title;
    private final String hint;
    private final List<Field> fields = new ArrayList<>();
    private final Function<Map<String, String>, FailoverEdits.Edit> make;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    private RowEditViewModel(String title, String hint, Function<Map<String, String>, FailoverEdits.Edit> make) {
        this.title = title;
        this.hint = hint;
        this.make = make;
    }

    private void field(String key, String label, String prompt, String value) {
        Field f = new Field(key, label, prompt, new SimpleStringProperty(value == null ? "" : value), new ReadOnlyStringWrapper());
        f.value().addListener((o, was, now) -> f.problem().set(null));
        fields.add(f);
    }

    /** A subnet's routers, DNS servers, domain name and lease times; an emptied field takes the statement away. */
    public static RowEditViewModel forSubnet(DhcpdConfig config, String cidr) {
        Map<String, String> now = RowEdits.subnetValues(config, cidr);
        RowEditViewModel vm = new RowEditViewModel("Edit subnet " + cidr, "Statements written in this subnet's"
                + " declaration; an empty field removes the statement, so the global setting applies.",
                v -> RowEdits.editSubnet(config, cidr, v));
        vm.field(RowEdits.ROUTERS, "Routers", "e.g. 10.0.0.1", now.get(RowEdits.ROUTERS));
        vm.field(RowEdits.DNS_SERVERS, "DNS servers", "e.g. 10.0.0.53, 10.0.0.54", now.get(RowEdits.DNS_SERVERS));
        vm.field(RowEdits.DOMAIN_NAME, "Domain name", "e.g. example.org", now.get(RowEdits.DOMAIN_NAME));
        vm.field(RowEdits.DEFAULT_LEASE_TIME, "Default lease time (s)", "e.g. 43200", now.get(RowEdits.DEFAULT_LEASE_TIME));
        vm.field(RowEdits.MAX_LEASE_TIME, "Longest lease time (s)", "e.g. 86400", now.get(RowEdits.MAX_LEASE_TIME));
        return vm;
    }

    /** An option's value at its level ("global" or a subnet), as written in dhcpd.conf. */
    public static RowEditViewModel forOption(DhcpdConfig config, String level, String name, String value) {
        RowEditViewModel vm = new RowEditViewModel("Edit option " + name + (level.equals("global") ? "" : " of " + level),
                "The value in dhcpd.conf's syntax: addresses separated by commas, text in quotes.",
                v -> RowEdits.setOption(config, level, name, v.get(RowEdits.VALUE)));
        vm.field(RowEdits.VALUE, "Value", "e.g. 10.0.0.1, 10.0.0.2 or \"example.org\"", value);
        return vm;
    }

    /** A host declaration's hardware address, fixed addresses and host name. */
    public static RowEditViewModel forHost(DhcpdConfig config, String name) {
        Map<String, String> now = RowEdits.hostValues(config, name);
        RowEditViewModel vm = new RowEditViewModel("Edit host " + name, "An empty field removes the statement.",
                v -> RowEdits.editHost(config, name, v));
        vm.field(RowEdits.HARDWARE, "MAC address", "e.g. 02:00:00:00:00:01", now.get(RowEdits.HARDWARE));
        vm.field(RowEdits.FIXED_ADDRESS, "Fixed address", "e.g. 10.0.0.5", now.get(RowEdits.FIXED_ADDRESS));
        vm.field(RowEdits.HOST_NAME, "Host name", "e.g. printer.example.org", now.get(RowEdits.HOST_NAME));
        return vm;
    }

    public String title() { return title; }

    public String hint() { return hint; }

    public List<Field> fields() { return fields; }

    public Field field(String key) { return fields.stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow(); }

    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** The edit to preview, or null with the problem shown at its field (or above the fields). */
    public FailoverEdits.Edit preview() {
        fields.forEach(f -> f.problem().set(null));
        message.set("");
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach(f -> values.put(f.key(), f.value().get()));
        FailoverEdits.Edit edit;
        try {
            edit = make.apply(values);
        } catch (RowFields.Invalid e) {
            fields.stream().filter(f -> f.key().equals(e.field())).findFirst()
                    .ifPresentOrElse(f -> f.problem().set(e.getMessage()), () -> message.set(e.getMessage()));
            return null;
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return null;
        }
        if (edit.change().isEmpty()) {
            message.set("Nothing changes: the file already says this");
            return null;
        }
        if (!edit.applicable()) {
            message.set(edit.problems().get(0).toString());
            return null;
        }
        return edit;
    }
}
