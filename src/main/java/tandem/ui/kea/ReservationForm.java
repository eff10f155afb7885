package tandem.ui.kea;

import java.util.List;
import tandem.core.AddressRules;
import tandem.kea.change.KeaAddresses;
import tandem.kea.change.KeaChange;
import tandem.kea.change.ReservationSyntax;

/** A host reservation: a MAC address gets a fixed IPv4 address (and optionally a host name) in one subnet. */
public final class ReservationForm extends ChangeForm {
    final ChangeField subnet = ChangeField.subnet("Subnet", "Reading subnets…");
    final ChangeField mac = ChangeField.text("mac", "MAC address", "02:00:00:00:00:01");
    final ChangeField ip = ChangeField.text("ip", "IP address", "An address inside the subnet");
    final ChangeField hostname = ChangeField.text("hostname", "Host name", "Optional, e.g. printer-2");

    @Override public String title() { return "Add reservation"; }

    @Override public String hint() { return "The client with this MAC address always gets this IP address."; }

    @Override public List<ChangeField> fields() { return List.of(subnet, mac, ip, hostname); }

    @Override protected void forDhcp6() {
        mac.relabel("MAC address or DUID", "02:00:00:00:00:01 or 00:03:00:01:02:00:00:00:00:01");
        ip.relabel("IPv6 address", "An address inside the subnet, e.g. 2001:db8:1::10");
    }

    /** In DHCPv6 the identifier input holds a MAC (six bytes) or a DUID (any other length), so a DUID refusal lands there. */
    @Override public java.util.Optional<ChangeField> field(String key) {
        return super.field("duid".equals(key) ? "mac" : key);
    }

    private boolean isMac(String value) { return AddressRules.macProblem(value) == null; }

    public ChangeField subnet() { return subnet; }

    public ChangeField mac() { return mac; }

    public ChangeField ip() { return ip; }

    public ChangeField hostname() { return hostname; }

    @Override
    protected String problem(ChangeField f) {
        if (f == subnet) return required(f, "the subnet the reservation belongs to");
        if (f == mac) {
            if (f.value().isEmpty()) return "Enter the client's MAC address" + (service().isV6() ? " or DUID" : "");
            if (service().isV6() && !isMac(f.value())) return ReservationSyntax.duidProblem(f.value());
            return AddressRules.macProblem(f.value());
        }
        if (f == ip) {
            if (f.value().isEmpty()) return "Enter the IP address to reserve";
            String family = KeaAddresses.familyProblem(f.value(), service());
            if (family != null) return family;
            boolean subnetOfFamily = KeaAddresses.familyProblem(subnet.value(), service()) == null;
            return KeaAddresses.reservationProblem(f.value(), subnetOfFamily && !subnet.value().isEmpty() ? subnet.value() : null);
        }
        if (f == hostname) return f.value().isEmpty() ? null : AddressRules.hostnameProblem(f.value());
        return null;
    }

    @Override
    protected KeaChange change() {
        if (service().isV6() && !isMac(mac.value())) {
            return new KeaChange.AddReservation(subnet.value(), null, ip.value(), nullIfBlank(hostname.value()), mac.value(), null);
        }
        return new KeaChange.AddReservation(subnet.value(), mac.value(), ip.value(), nullIfBlank(hostname.value()));
    }
}
