package tandem.kea.change;

import java.math.BigInteger;

/**
 * Subnets and pools of either address family as inclusive ranges of numbers, so the changes check overlaps and
 * containment the same way in a DHCPv4 and a DHCPv6 configuration.
 */
final class Spans {
    private Spans() {}

    /** A range, shown as the family writes it. */
    record Span(BigInteger first, BigInteger last, String shown) {
        boolean contains(Span r) { return r.first.compareTo(first) >= 0 && r.last.compareTo(last) <= 0; }

        boolean contains(BigInteger a) { return a.compareTo(first) >= 0 && a.compareTo(last) <= 0; }

        boolean overlaps(Span r) { return first.compareTo(r.last) <= 0 && r.first.compareTo(last) <= 0; }

        @Override public String toString() { return shown; }
    }

    private static Span of(Ipv4.Range r) {
        return r == null ? null : new Span(BigInteger.valueOf(r.first()), BigInteger.valueOf(r.last()), r.toString());
    }

    private static Span of(Ipv6.Range r) {
        return r == null ? null : new Span(r.first(), r.last(), r.toString());
    }

    /** A subnet of that family, or null when malformed or not a network. */
    static Span prefix(boolean v6, String cidr) {
        if (!v6) return of(Ipv4.prefix(cidr));
        Ipv6.Prefix p = Ipv6.prefix(cidr);
        return p == null ? null : of(p.range());
    }

    static Span pool(boolean v6, String text) {
        return v6 ? of(Ipv6.pool(text)) : of(Ipv4.pool(text));
    }

    /** Why the subnet text is not a network of that family, or null. */
    static String networkProblem(boolean v6, String cidr) {
        String shown = cidr == null ? "" : cidr.strip();
        if (v6 && tandem.core.AddressRules.network(cidr) != null) {
            return shown + " is an IPv4 network; this is a DHCPv6 relationship: give an IPv6 prefix such as 2001:db8:1::/64";
        }
        if (!v6 && Ipv6.prefix(cidr) != null) {
            return shown + " is an IPv6 prefix; this is a DHCPv4 relationship: give an IPv4 network such as 10.0.0.0/24";
        }
        return v6 ? Ipv6.prefixProblem(cidr) : tandem.core.AddressRules.networkProblem(cidr);
    }

    static String poolExample(boolean v6) {
        return v6 ? "2001:db8:1::100 - 2001:db8:1::1ff" : "10.0.0.100 - 10.0.0.200";
    }
}
