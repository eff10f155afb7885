package tandem.core;

import java.util.Locale;

/**
 * The DHCP service a relationship provides: a server runs one failover relationship per service type, so a Kea
 * server with both daemons has a DHCPv4 and a DHCPv6 relationship. ISC dhcpd and Windows relationships are DHCPv4.
 */
public enum ServiceType {
    DHCPV4("dhcp4", "DHCPv4"),
    DHCPV6("dhcp6", "DHCPv6");

    private final String wire;
    private final String label;

    ServiceType(String wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    /** As the command line, {@code status --json} and the inventory store write it: "dhcp4" or "dhcp6". */
    public String wire() { return wire; }

    /** As the console shows it: "DHCPv4" or "DHCPv6". */
    public String label() { return label; }

    public boolean isV6() { return this == DHCPV6; }

    /** "dhcp4", "dhcp6", "DHCPv4", "v6", "4"...; null or blank: DHCPv4, the default of every older record. */
    public static ServiceType fromWire(String s) {
        if (s == null || s.isBlank()) return DHCPV4;
        String t = s.strip().toLowerCase(Locale.ROOT).replace("dhcp", "").replace("v", "");
        if (t.equals("4")) return DHCPV4;
        if (t.equals("6")) return DHCPV6;
        throw new IllegalArgumentException("Unknown DHCP service " + s + " (dhcp4 or dhcp6)");
    }
}
