package tandem.kea.change;

import tandem.core.AddressRules;
import tandem.core.ServiceType;

/**
 * The checks the command line and the console's forms make on a Kea change's values as typed, for either address
 * family: a value with a colon is taken as IPv6, any other as IPv4. Whether the family is the relationship's is
 * {@link #familyProblem}'s question, asked once the relationship is known. Each returns why not, or null.
 */
public final class KeaAddresses {
    private KeaAddresses() {}

    private static boolean v6(String text) { return text != null && text.indexOf(':') >= 0; }

    /** An IPv4 network such as 10.0.0.0/24 or an IPv6 prefix such as 2001:db8:1::/64. */
    public static String networkProblem(String cidr) {
        return v6(cidr) ? Ipv6.prefixProblem(cidr) : AddressRules.networkProblem(cidr);
    }

    /** A pool within the subnet, of the subnet's family. */
    public static String poolProblem(String pool, String subnet) {
        if (subnet != null && v6(subnet) != v6(pool)) {
            return (pool == null ? "" : pool.strip()) + " is not a pool of " + subnet.strip() + ": give "
                    + (v6(subnet) ? "IPv6" : "IPv4") + " addresses";
        }
        return v6(subnet) || v6(pool) ? Ipv6.poolProblem(pool, subnet) : Ipv4.poolProblem(pool, subnet);
    }

    /** An address a client can be given in the subnet, of the subnet's family. */
    public static String reservationProblem(String ip, String subnet) {
        if (subnet != null && v6(subnet) != v6(ip)) {
            return (ip == null ? "" : ip.strip()) + " is not an address of subnet " + subnet.strip() + ": give an "
                    + (v6(subnet) ? "IPv6" : "IPv4") + " address";
        }
        return v6(ip) ? Ipv6.reservationProblem(ip, subnet) : AddressRules.reservationProblem(ip, subnet);
    }

    /** Why {@code value} (an address, a network or a pool) is not of the family {@code service} hands out. */
    public static String familyProblem(String value, ServiceType service) {
        if (value == null || v6(value) == service.isV6()) return null;
        String example = value.contains("/") ? (service.isV6() ? "an IPv6 prefix such as 2001:db8:1::/64" : "an IPv4 network such as 10.0.0.0/24")
                : value.contains("-") ? (service.isV6() ? "an IPv6 pool such as 2001:db8:1::100 - 2001:db8:1::1ff" : "an IPv4 pool such as 10.0.0.100 - 10.0.0.200")
                : service.isV6() ? "an IPv6 address such as 2001:db8:1::10" : "an IPv4 address such as 10.0.0.10";
        return value.strip() + " is " + (v6(value) ? "IPv6" : "IPv4") + ", but this is a " + service.label()
                + " relationship: give " + example;
    }
}
