package tandem.ui.kea;

import java.util.List;
import tandem.kea.change.Ipv4;
import tandem.kea.change.KeaAddresses;
import tandem.kea.change.KeaChange;

/** A new subnet (scope), optionally with an id and its first pool. */
public final class SubnetForm extends ChangeForm {
    final ChangeField subnet = ChangeField.text("subnet", "Subnet", "10.20.0.0/24");
    final ChangeField id = ChangeField.text("id", "Subnet id", "Optional; default: the next free id");
    final ChangeField pool = ChangeField.text("pool", "Pool", "Optional, e.g. 10.20.0.100 - 10.20.0.200");

    @Override public String title() { return "Add subnet"; }

    @Override public String hint() { return "A new subnet (scope) on every server of the relationship."; }

    @Override public List<ChangeField> fields() { return List.of(subnet, id, pool); }

    @Override protected void forDhcp6() {
        subnet.relabel("Subnet", "2001:db8:20::/64");
        pool.relabel("Pool", "Optional, e.g. 2001:db8:20::100 - 2001:db8:20::1ff");
    }

    @Override
    protected String problem(ChangeField f) {
        if (f == subnet) {
            if (f.value().isEmpty()) return "Enter the subnet, e.g. " + (service().isV6() ? "2001:db8:20::/64" : "10.20.0.0/24");
            String family = KeaAddresses.familyProblem(f.value(), service());
            return family != null ? family : KeaAddresses.networkProblem(f.value());
        }
        if (f == id) {
            if (f.value().isEmpty()) return null;
            try {
                return Ipv4.subnetIdProblem(Long.parseLong(f.value()));
            } catch (NumberFormatException e) {
                return Ipv4.subnetIdProblem(0L);
            }
        }
        if (f == pool) return PoolForm.poolProblem(pool.value(), subnet.value(), false, service());
        return null;
    }

    @Override
    protected KeaChange change() {
        return new KeaChange.AddSubnet(subnet.value(), id.value().isEmpty() ? null : Long.valueOf(id.value()),
                pool.value().isEmpty() ? List.of() : List.of(pool.value()));
    }
}
