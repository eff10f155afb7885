package tandem.ui.kea;

import tandem.core.Backend;

/**
 * The kinds of DHCP server the Add dialog offers. Kinds without a backend are listed but cannot be chosen yet,
 * so administrators see what is coming and the form already has a place for each.
 */
public enum ServerType {
    KEA("Kea DHCP", Backend.KEA),
    ISC_DHCPD("ISC DHCP (dhcpd)", null),
    WINDOWS("Windows Server DHCP", null);

    private final String label;
    private final Backend backend;

    ServerType(String label, Backend backend) {
        this.label = label;
        this.backend = backend;
    }

    public String label() { return label; }

    /** The backend that adds this kind of server, or null when the console cannot add it yet. */
    public Backend backend() { return backend; }

    public boolean available() { return backend != null; }

    @Override public String toString() {
        if (available()) return label;
        // ISC servers are added on the command line for now; the tree and its dialogs handle them once added
        return this == ISC_DHCPD ? label + " (use Add ISC server…)" : label + " (not yet supported)";
    }
}
