package tandem.isc;

/** A {@code subnet NETWORK netmask MASK { ... }} declaration; {@code cidr} is e.g. {@code 10.0.0.0/24}. */
public record Subnet(String network, String netmask, String cidr, String file, int line) {}
