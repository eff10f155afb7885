package tandem.ui.isc;

import java.util.List;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The choice of a subnet and the partner server it migrates to; Preview is possible once both are chosen. */
public final class MigrateSubnetViewModel {
    private final String server;
    private final List<String> subnets;
    private final List<String> partners;
    private final ObjectProperty<String> subnet = new SimpleObjectProperty<>();
    private final ObjectProperty<String> partner = new SimpleObjectProperty<>();
    private final BooleanBinding ready = subnet.isNotNull().and(partner.isNotNull());

    /** The first subnet is chosen, and the partner when there is only one. */
    public MigrateSubnetViewModel(String server, List<String> subnets, List<String> partners) {
        this.server = server;
        this.subnets = List.copyOf(subnets);
        this.partners = List.copyOf(partners);
        if (!subnets.isEmpty()) subnet.set(subnets.get(0));
        if (partners.size() == 1) partner.set(partners.get(0));
    }

    public String title() { return "Migrate a subnet of " + server + " to its failover partner"; }

    public List<String> subnets() { return subnets; }

    public List<String> partners() { return partners; }

    public ObjectProperty<String> subnetProperty() { return subnet; }

    public ObjectProperty<String> partnerProperty() { return partner; }

    /** Why no partner can be chosen, or null. */
    public String partnerProblem() { return partners.isEmpty() ? "Add the partner (Add ISC server…) first" : null; }

    public BooleanBinding readyProperty() { return ready; }
}
