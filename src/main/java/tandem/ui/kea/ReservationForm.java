package tandem.ui.kea;

import java.util.List;
import tandem.core.AddressRules;
import tandem.kea.change.KeaChange;

/** A host reservation: a MAC address gets a fixed IPv4 address (and optionally a host name) in one subnet. */
public final class ReservationForm extends ChangeForm {
    final ChangeField subnet = ChangeField.subnet("Subnet", "Reading subnets…");
    final ChangeField mac = ChangeField.text("mac", "MAC address", "02:00:00:00:00:01");
    final ChangeField ip = ChangeField.text("ip", "IP address", "An address inside the subnet");
    final ChangeField hostname = ChangeField.text("hostname", "Host name", "Optional, e.g. printer-2");

    @Override public String title() { return "Add reservation"; }

    @Override public String hint() { return "The client with this MAC address always gets this IP address."; }

    @Override public List<ChangeField> fields() { return List.of(subnet, mac, ip, hostname); }

    public ChangeField subnet() { return subnet; }

    public ChangeField mac() { return mac; }

    public ChangeField ip() { return ip; }

    public ChangeField hostname() { return hostname; }

    @Override
    protected String problem(ChangeField f) {
        if (f == subnet) return required(f, "the subnet the reservation belongs to");
        if (f == mac) {
            if (f.value().isEmpty()) return "Enter the client's MAC address";
            return AddressRules.macProblem(f.value());
        }
        if (f == ip) {
            if (f.value().isEmpty()) return "Enter the IP address to reserve";
            return AddressRules.reservationProblem(f.value(), subnet.value());
        }
        if (f == hostname) return f.value().isEmpty() ? null : AddressRules.hostnameProblem(f.value());
        return null;
    }

    @Override
    protected KeaChange change() {
        return new KeaChange.AddReservation(subnet.value(), mac.value(), ip.value(), nullIfBlank(hostname.value()));
    }
}
