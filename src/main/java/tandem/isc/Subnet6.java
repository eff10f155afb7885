package tandem.isc;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code subnet6 PREFIX { ... }} declaration of {@code dhcpd -6}: its prefix, and the prefixes it delegates
 * ({@code prefix6 LOW HIGH /LEN}, in it or in its pool6 blocks), which usually lie outside the prefix itself.
 */
record Subnet6(Ipv6.Prefix prefix, List<BigInteger[]> delegated) {
    /** Every subnet6 of the configuration with a prefix dhcpd would take, in reading order. */
    static List<Subnet6> of(DhcpdConfig config) {
        List<Subnet6> out = new ArrayList<>();
        for (ConfSite s : config.sites()) {
            ConfNode n = s.node();
            if (!n.isBlock() || !n.keyword().equals("subnet6") || n.tokens.size() < 2) continue;
            Ipv6.Prefix p = Ipv6.prefix(n.tokens.get(1).value());
            if (p == null) continue;
            List<BigInteger[]> delegated = new ArrayList<>();
            collectPrefix6(n, delegated);
            out.add(new Subnet6(p, delegated));
        }
        return out;
    }

    private static void collectPrefix6(ConfNode block, List<BigInteger[]> out) {
        for (ConfNode c : block.children) {
            if (c.isBlock()) {
                collectPrefix6(c, out);
            } else if (c.keyword().equals("prefix6") && c.tokens.size() > 2) {
                BigInteger lo = Ipv6.parse(c.tokens.get(1).value()), hi = Ipv6.parse(c.tokens.get(2).value());
                if (lo != null && hi != null) out.add(new BigInteger[]{lo, hi});
            }
        }
    }

    /** The prefix as the tables and leases show it, e.g. {@code 2001:db8:1::/64}. */
    String cidr() { return prefix.toString(); }

    /** Whether a leased address, or a delegated prefix ("2001:db8:1:8000::/56"), is this subnet's. */
    boolean holds(String leased) {
        int slash = leased.indexOf('/');
        BigInteger a = Ipv6.parse(slash < 0 ? leased : leased.substring(0, slash));
        if (a == null) return false;
        if (slash >= 0) {
            for (BigInteger[] r : delegated) if (a.compareTo(r[0]) >= 0 && a.compareTo(r[1]) <= 0) return true;
        }
        return prefix.contains(a);
    }

    /** The first subnet6 of {@code subnets} that holds a leased address or delegated prefix, or null. */
    static Subnet6 holding(List<Subnet6> subnets, String leased) {
        for (Subnet6 s : subnets) if (s.holds(leased)) return s;
        return null;
    }
}
