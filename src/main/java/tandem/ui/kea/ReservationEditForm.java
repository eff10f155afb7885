package tandem.ui.kea;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tandem.core.AddressRules;
import tandem.kea.change.Ipv6;
import tandem.kea.change.KeaAddresses;
import tandem.kea.change.KeaChange;

/**
 * Edits one reservation from the configuration tables: its address (DHCPv6: addresses and delegated prefixes) and
 * host name, starting from the row's values. The client stays the one its identifier names, whatever Kea identifier
 * type that is; an emptied field removes the value.
 */
public final class ReservationEditForm extends ChangeForm {
    private final String subnet;
    private final String identifierType;
    private final String identifier;
    final ChangeField ip = ChangeField.text("ip", "IP address", "An address inside the subnet; empty: none");
    final ChangeField prefix = ChangeField.text("prefix", "Delegated prefixes", "e.g. 2001:db8:ff::/56; empty: none");
    final ChangeField hostname = ChangeField.text("hostname", "Host name", "Optional, e.g. printer-2");

    /**
     * @param subnetPrefix the reservation's subnet, or null for a global reservation
     * @param addresses    the row's addresses and prefixes, as the table shows them ("a, b, p/56")
     */
    public ReservationEditForm(String subnetPrefix, String identifierType, String identifier, String addresses,
                               String hostnameNow) {
        this.subnet = subnetPrefix;
        this.identifierType = identifierType;
        this.identifier = identifier;
        List<String> plain = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (String a : split(addresses)) (a.contains("/") ? prefixes : plain).add(a);
        ip.valueProperty().set(String.join(", ", plain));
        prefix.valueProperty().set(String.join(", ", prefixes));
        hostname.valueProperty().set(hostnameNow == null ? "" : hostnameNow);
    }

    @Override public String title() { return "Edit reservation"; }

    @Override public String hint() {
        return "The reservation of " + identifierType + " " + identifier
                + (subnet == null ? " (global)" : " in subnet " + subnet) + " keeps its client; an emptied field removes the value.";
    }

    @Override public List<ChangeField> fields() {
        return service().isV6() ? List.of(ip, prefix, hostname) : List.of(ip, hostname);
    }

    @Override protected void forDhcp6() {
        ip.relabel("IPv6 addresses", "e.g. 2001:db8:1::10, several separated by commas; empty: none");
    }

    public ChangeField ip() { return ip; }

    public ChangeField prefix() { return prefix; }

    public ChangeField hostname() { return hostname; }

    private static List<String> split(String text) {
        return text == null ? List.of() : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    protected String problem(ChangeField f) {
        if (f == ip) {
            List<String> all = split(f.value());
            if (!service().isV6() && all.size() > 1) return "A DHCPv4 reservation holds one address";
            for (String a : all) {
                String family = KeaAddresses.familyProblem(a, service());
                if (family != null) return family;
                String where = KeaAddresses.reservationProblem(a, subnet);
                if (where != null) return where;
            }
            return null;
        }
        if (f == prefix) {
            for (String p : split(f.value())) if (Ipv6.prefix(p) == null) return Ipv6.prefixProblem(p);
            return null;
        }
        if (f == hostname) return f.value().isEmpty() ? null : AddressRules.hostnameProblem(f.value());
        return null;
    }

    @Override
    protected KeaChange change() {
        return new KeaChange.EditReservation(subnet, identifierType, identifier, split(ip.value()),
                service().isV6() ? split(prefix.value()) : List.of(), nullIfBlank(hostname.value()));
    }
}
