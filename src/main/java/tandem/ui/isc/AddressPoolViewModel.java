package tandem.ui.isc;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import tandem.isc.AddressPool;
import tandem.isc.AddressRange;
import tandem.isc.DhcpdConfig;
import tandem.isc.FailoverEdits;
import tandem.isc.FailoverPeer;
import tandem.isc.Subnet;

/**
 * The DHCP Address Pool dialog's state: the subnet, the ranges (one "FIRST LAST" per line) and the failover peer,
 * chosen among the server's peers, None, or "Add new failover peer", which opens the peer dialog. For an existing
 * pool ({@link #forPool}) the subnet is the pool's and the ranges and peer start as they are.
 */
public final class AddressPoolViewModel {
    public static final String NONE = "None";
    public static final String ADD_NEW = "Add new failover peer…";

    private final DhcpdConfig config;
    private final StringProperty subnet = new SimpleStringProperty();
    private final StringProperty ranges = new SimpleStringProperty("");
    private final StringProperty peerChoice = new SimpleStringProperty(NONE);
    private final ObservableList<String> subnets = FXCollections.observableArrayList();
    private final ObservableList<String> peerChoices = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper rangesProblem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper subnetProblem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private FailoverPeer newPeer;
    /** The pool being edited, or null for a new pool. */
    private final AddressPool editing;

    public AddressPoolViewModel(DhcpdConfig config, String subnetCidr) {
        this(config, subnetCidr, null);
    }

    /** Edits an existing pool of the configuration, prefilled with its ranges and failover peer. */
    public static AddressPoolViewModel forPool(DhcpdConfig config, AddressPool pool) {
        AddressPoolViewModel vm = new AddressPoolViewModel(config, pool.subnet(), pool);
        vm.ranges.set(String.join("\n", pool.ranges().stream().map(r -> r.low() + " " + r.high()).toList()));
        vm.peerChoice.set(pool.failoverPeer() != null && vm.peerChoices.contains(pool.failoverPeer()) ? pool.failoverPeer() : NONE);
        return vm;
    }

    private AddressPoolViewModel(DhcpdConfig config, String subnetCidr, AddressPool editing) {
        this.config = config;
        this.editing = editing;
        if (editing != null) subnets.add(editing.subnet());
        else config.subnets().forEach(s -> subnets.add(s.cidr()));
        subnet.set(subnetCidr != null ? subnetCidr : subnets.isEmpty() ? null : subnets.get(0));
        peerChoices.add(NONE);
        peerChoices.addAll(config.peerNames());
        peerChoices.add(ADD_NEW);
        // a server with one peer: new pools use it, as the first peer made every pool use it
        if (config.peerNames().size() == 1) peerChoice.set(config.peerNames().get(0));
        ranges.addListener((o, was, now) -> rangesProblem.set(null));
    }

    public DhcpdConfig config() { return config; }

    /** The pool being edited, or null when the dialog adds one. */
    public AddressPool editing() { return editing; }

    public StringProperty subnetProperty() { return subnet; }

    public StringProperty rangesProperty() { return ranges; }

    public StringProperty peerChoiceProperty() { return peerChoice; }

    public ObservableList<String> subnets() { return subnets; }

    public ObservableList<String> peerChoices() { return peerChoices; }

    public ReadOnlyStringProperty rangesProblemProperty() { return rangesProblem.getReadOnlyProperty(); }

    public ReadOnlyStringProperty subnetProblemProperty() { return subnetProblem.getReadOnlyProperty(); }

    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    public List<String> peerNames() {
        List<String> names = new ArrayList<>(config.peerNames());
        if (newPeer != null) names.add(newPeer.name());
        return names;
    }

    /** The peer dialog returned a new peer: offer it and choose it. */
    public void acceptNewPeer(FailoverPeer peer) {
        if (newPeer != null) peerChoices.remove(newLabel(newPeer));
        newPeer = peer;
        peerChoices.add(peerChoices.size() - 1, newLabel(peer));
        peerChoice.set(newLabel(peer));
    }

    private static String newLabel(FailoverPeer p) { return p.name() + " (new)"; }

    /** The edit to preview, or null with the problem shown at its field. */
    public FailoverEdits.Edit preview() {
        subnetProblem.set(null);
        rangesProblem.set(null);
        message.set("");
        if (subnet.get() == null || subnet.get().isBlank()) {
            subnetProblem.set("Choose the subnet the pool belongs to");
            return null;
        }
        List<AddressRange> parsed = new ArrayList<>();
        String[] lines = ranges.get() == null ? new String[0] : ranges.get().split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty()) continue;
            try {
                AddressRange r = AddressRange.parse(l);
                if (!isIpv4(r.low()) || !isIpv4(r.high())) throw new IllegalArgumentException("not an IPv4 address: " + l);
                // a range kept as it was keeps its dynamic-bootp, which the text does not show
                AddressRange kept = editing == null ? null : editing.ranges().stream()
                        .filter(e -> e.low().equals(r.low()) && e.high().equals(r.high())).findFirst().orElse(null);
                parsed.add(kept != null ? kept : r);
            } catch (IllegalArgumentException e) {
                rangesProblem.set("Line " + (i + 1) + ": " + e.getMessage());
                return null;
            }
        }
        if (parsed.isEmpty()) {
            rangesProblem.set("Enter at least one range: first and last address, e.g. 10.0.0.100 10.0.0.199");
            return null;
        }
        String choice = peerChoice.get();
        boolean isNew = newPeer != null && newLabel(newPeer).equals(choice);
        String peer = choice == null || choice.equals(NONE) || choice.equals(ADD_NEW) || isNew ? null : choice;
        FailoverEdits.Edit edit;
        try {
            edit = editing != null ? FailoverEdits.editPool(config, editing.index(), parsed, peer, isNew ? newPeer : null)
                    : FailoverEdits.addPool(config, subnet.get(), parsed, peer, isNew ? newPeer : null);
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return null;
        }
        if (edit.change().isEmpty()) {
            message.set("Nothing changes: the pool already has these ranges and this failover peer");
            return null;
        }
        if (!edit.applicable()) {
            // our rules name the line in the new file; the ranges are what the administrator typed
            String problem = edit.problems().get(0).message();
            if (problem.startsWith("range ")) rangesProblem.set(problem);
            else message.set(problem);
            return null;
        }
        return edit;
    }

    private static boolean isIpv4(String s) {
        return tandem.core.AddressRules.ipv4(s) >= 0;
    }

    /** The subnets offered, for a caller that wants their details. */
    public List<Subnet> subnetDetails() { return config.subnets(); }
}
