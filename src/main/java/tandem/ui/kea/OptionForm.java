package tandem.ui.kea;

import java.util.List;
import java.util.regex.Pattern;
import tandem.kea.change.KeaChange;

/** Sets a DHCP option globally or in one subnet (an empty value removes it). */
public final class OptionForm extends ChangeForm {
    static final String GLOBAL = "Global (every subnet)";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    final ChangeField subnet = ChangeField.subnet("Where", "Reading subnets…");
    final ChangeField name = ChangeField.text("name", "Option", "e.g. domain-name-servers");
    final ChangeField data = ChangeField.text("data", "Value", "e.g. 10.10.0.1, 10.10.0.2; empty removes the option");

    @Override public String title() { return "Set option"; }

    @Override public String hint() { return "Sets a DHCP option for every subnet or for one subnet; an empty value removes it."; }

    @Override public List<ChangeField> fields() { return List.of(subnet, name, data); }

    @Override protected List<String> extraSubnetChoices() { return List.of(GLOBAL); }

    @Override
    protected String problem(ChangeField f) {
        if (f == subnet) return required(f, "where the option applies");
        if (f == name) {
            if (f.value().isEmpty()) return "Enter the option's name, e.g. domain-name-servers";
            return NAME.matcher(f.value()).matches() ? null
                    : "An option name is lower-case letters, digits and dashes, e.g. routers";
        }
        if (f == data) {
            return f.value().chars().anyMatch(Character::isISOControl) ? "A value cannot contain control characters" : null;
        }
        return null;
    }

    @Override
    protected KeaChange change() {
        String where = subnet.value().equals(GLOBAL) ? null : subnet.value();
        return new KeaChange.SetOption(where, name.value(), nullIfBlank(data.value()));
    }
}
