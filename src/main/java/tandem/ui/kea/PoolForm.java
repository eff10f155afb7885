package tandem.ui.kea;

import java.util.List;
import tandem.core.ServiceType;
import tandem.kea.change.Ipv4;
import tandem.kea.change.Ipv6;
import tandem.kea.change.KeaAddresses;
import tandem.kea.change.KeaChange;

/** A new address pool in an existing subnet. */
public final class PoolForm extends ChangeForm {
    final ChangeField subnet = ChangeField.subnet("Subnet", "Reading subnets…");
    final ChangeField pool = ChangeField.text("pool", "Pool", "10.10.0.100 - 10.10.0.200");

    @Override public String title() { return "Add pool"; }

    @Override public String hint() { return "Addresses the servers hand out dynamically in one subnet."; }

    @Override public List<ChangeField> fields() { return List.of(subnet, pool); }

    @Override protected void forDhcp6() { pool.relabel("Pool", "2001:db8:1::100 - 2001:db8:1::1ff"); }

    @Override
    protected String problem(ChangeField f) {
        if (f == subnet) return required(f, "the subnet the pool belongs to");
        if (f == pool) return poolProblem(pool.value(), subnet.value(), true, service());
        return null;
    }

    /** Why {@code pool} is not a pool of {@code subnet} (when that is a network) for {@code service}, or null. */
    static String poolProblem(String pool, String subnet, boolean required, ServiceType service) {
        if (pool.isEmpty()) {
            return required ? "Enter the pool, e.g. " + (service.isV6() ? "2001:db8:1::100 - 2001:db8:1::1ff"
                    : "10.10.0.100 - 10.10.0.200") : null;
        }
        String family = KeaAddresses.familyProblem(pool, service);
        if (family != null) return family;
        boolean subnetOfFamily = !subnet.isEmpty() && KeaAddresses.familyProblem(subnet, service) == null;
        return service.isV6() ? Ipv6.poolProblem(pool, subnetOfFamily ? subnet : null)
                : Ipv4.poolProblem(pool, subnetOfFamily ? subnet : null);
    }

    @Override
    protected KeaChange change() { return new KeaChange.AddPool(subnet.value(), pool.value()); }
}
