package tandem.isc;

import java.util.List;

/**
 * A {@code pool { ... }} of a configuration.
 *
 * @param index        1-based position among the configuration's pools, in file order (includes followed)
 * @param subnet       the enclosing subnet as CIDR, or {@code shared-network NAME} for a pool directly in one
 * @param failoverPeer the peer its {@code failover peer} statement names, or null
 */
public record AddressPool(int index, String file, int line, String subnet, List<AddressRange> ranges,
                          String failoverPeer) {
    public AddressPool {
        ranges = List.copyOf(ranges);
    }

    /** How the command line and the dialogs name it: "pool 2 (10.0.0.0/24, line 31)". */
    public String label() { return "pool " + index + " (" + subnet + ", " + file + " line " + line + ")"; }
}
