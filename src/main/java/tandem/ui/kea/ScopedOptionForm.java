package tandem.ui.kea;

import java.util.List;
import tandem.kea.change.KeaChange;
import tandem.kea.change.OptionSyntax;

/**
 * Sets an option of one shared network or one host reservation, started from a row of the options table (an empty
 * value removes it). The reservation is named as the table names it: by its address.
 */
public final class ScopedOptionForm extends ChangeForm {
    /** Where the option is set. */
    public enum Scope { SHARED_NETWORK, RESERVATION }

    private final Scope scope;
    final ChangeField where;
    final ChangeField name = ChangeField.text("name", "Option", "e.g. domain-name-servers");
    final ChangeField data = ChangeField.text("data", "Value", "e.g. 10.10.0.1, 10.10.0.2; empty removes the option");

    public ScopedOptionForm(Scope scope, String target, String optionName, String value) {
        this.scope = scope;
        where = scope == Scope.SHARED_NETWORK ? ChangeField.text("network", "Shared network", "e.g. floor2")
                : ChangeField.text("reservation", "Reservation", "its address, e.g. 10.10.0.50");
        where.valueProperty().set(target);
        name.valueProperty().set(optionName);
        data.valueProperty().set(value);
    }

    @Override public String title() { return "Set option"; }

    @Override public String hint() {
        return scope == Scope.SHARED_NETWORK
                ? "Sets a DHCP option for every subnet of this shared network; an empty value removes it."
                : "Sets a DHCP option for this reservation's client alone; an empty value removes it.";
    }

    @Override public List<ChangeField> fields() { return List.of(where, name, data); }

    @Override protected void forDhcp6() {
        name.relabel("Option", "e.g. dns-servers, domain-search");
        data.relabel("Value", "e.g. 2001:db8::53; empty removes the option");
    }

    @Override
    protected String problem(ChangeField f) {
        if (f == where) return required(f, scope == Scope.SHARED_NETWORK ? "the shared network" : "the reservation's address");
        if (f == name) return OptionSyntax.nameProblem(f.value());
        if (f == data) return OptionSyntax.dataProblem(f.value());
        return null;
    }

    @Override
    protected KeaChange change() {
        return scope == Scope.SHARED_NETWORK
                ? new KeaChange.SetSharedNetworkOption(where.value(), name.value(), nullIfBlank(data.value()))
                : new KeaChange.SetReservationOption(where.value(), name.value(), nullIfBlank(data.value()));
    }
}
