package tandem.ui.kea;

import java.util.List;
import tandem.kea.change.KeaChange;
import tandem.kea.change.OptionSyntax;

/** Sets a DHCP option globally or in one subnet (an empty value removes it). */
public final class OptionForm extends ChangeForm {
    static final String GLOBAL = "Global (every subnet)";

    final ChangeField subnet = ChangeField.subnet("Where", "Reading subnets…");
    final ChangeField name = ChangeField.text("name", "Option", "e.g. domain-name-servers");
    final ChangeField data = ChangeField.text("data", "Value", "e.g. 10.10.0.1, 10.10.0.2; empty removes the option");

    public OptionForm() {}

    /** Starts from an option as it is set now: {@code subnet} null for a global option. */
    public OptionForm(String subnetPrefix, String optionName, String value) {
        subnet.valueProperty().set(subnetPrefix == null ? GLOBAL : subnetPrefix);
        name.valueProperty().set(optionName);
        data.valueProperty().set(value);
    }

    @Override public String title() { return "Set option"; }

    @Override public String hint() { return "Sets a DHCP option for every subnet or for one subnet; an empty value removes it."; }

    @Override public List<ChangeField> fields() { return List.of(subnet, name, data); }

    @Override protected List<String> extraSubnetChoices() { return List.of(GLOBAL); }

    @Override protected void forDhcp6() {
        name.relabel("Option", "e.g. dns-servers, domain-search");
        data.relabel("Value", "e.g. 2001:db8::53; empty removes the option");
    }

    @Override
    protected String problem(ChangeField f) {
        if (f == subnet) return required(f, "where the option applies");
        if (f == name) return OptionSyntax.nameProblem(f.value());
        if (f == data) return OptionSyntax.dataProblem(f.value());
        return null;
    }

    @Override
    protected KeaChange change() {
        String where = subnet.value().equals(GLOBAL) ? null : subnet.value();
        return new KeaChange.SetOption(where, name.value(), nullIfBlank(data.value()));
    }
}
