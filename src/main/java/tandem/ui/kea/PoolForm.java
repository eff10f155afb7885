package tandem.ui.kea;

import java.util.List;
import tandem.kea.change.Ipv4;
import tandem.kea.change.KeaChange;

/** A new address pool in an existing subnet. */
public final class PoolForm extends ChangeForm {
    final ChangeField subnet = ChangeField.subnet("Subnet", "Reading subnets…");
    final ChangeField pool = ChangeField.text("pool", "Pool", "10.10.0.100 - 10.10.0.200");

    @Override public String title() { return "Add pool"; }

    @Override public String hint() { return "Addresses the servers hand out dynamically in one subnet."; }

    @Override public List<ChangeField> fields() { return List.of(subnet, pool); }

    @Override
    protected String problem(ChangeField f) {
        if (f == subnet) return required(f, "the subnet the pool belongs to");
        if (f == pool) return poolProblem(pool.value(), subnet.value(), true);
        return null;
    }

    /** Why {@code pool} is not a pool of {@code subnet} (when that is a network), or null. */
    static String poolProblem(String pool, String subnet, boolean required) {
        if (pool.isEmpty()) return required ? "Enter the pool, e.g. 10.10.0.100 - 10.10.0.200" : null;
        return Ipv4.poolProblem(pool, subnet);
    }

    @Override
    protected KeaChange change() { return new KeaChange.AddPool(subnet.value(), pool.value()); }
}
