package tandem.kea.change;

import java.math.BigInteger;
import tandem.core.Ipv6Literal;

/**
 * IPv6 addresses, prefixes and ranges as unsigned 128-bit numbers, for the checks Kea would make on a DHCPv6
 * configuration; the counterpart of {@link Ipv4}. Addresses are written back in their short form (RFC 5952).
 */
public final class Ipv6 {
    private Ipv6() {}

    /** The address as a number, or null when the text is not an IPv6 address. */
    public static BigInteger parse(String text) { return Ipv6Literal.parse(text); }

    public static String format(BigInteger v) { return Ipv6Literal.format(v); }

    /** An inclusive range of addresses. */
    public record Range(BigInteger first, BigInteger last) {
        public boolean contains(BigInteger a) { return a.compareTo(first) >= 0 && a.compareTo(last) <= 0; }

        public boolean contains(Range r) { return r.first.compareTo(first) >= 0 && r.last.compareTo(last) <= 0; }

        public boolean overlaps(Range r) { return first.compareTo(r.last) <= 0 && r.first.compareTo(last) <= 0; }

        @Override public String toString() { return format(first) + " - " + format(last); }
    }

    /** A prefix, e.g. 2001:db8:1::/64, with its length. */
    public record Prefix(BigInteger network, int length) {
        public Range range() { return new Range(network, network.or(hostMask(length))); }

        @Override public String toString() { return format(network) + "/" + length; }
    }

    private static BigInteger hostMask(int length) {
        return length >= 128 ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(128 - length).subtract(BigInteger.ONE);
    }

    /** "2001:db8:1::/64" as a prefix, or null when malformed or when host bits are set. */
    public static Prefix prefix(String cidr) {
        if (cidr == null) return null;
        String t = cidr.strip();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) return null;
        BigInteger a = parse(t.substring(0, slash));
        String len = t.substring(slash + 1);
        if (a == null || !len.matches("\\d{1,3}")) return null;
        int length = Integer.parseInt(len);
        if (length > 128 || (len.length() > 1 && len.startsWith("0"))) return null;
        if (!a.and(hostMask(length)).equals(BigInteger.ZERO)) return null;
        return new Prefix(a, length);
    }

    /** Why {@code cidr} is not an IPv6 prefix such as 2001:db8:1::/64, or null. */
    public static String prefixProblem(String cidr) {
        if (prefix(cidr) != null) return null;
        String shown = cidr == null ? "" : cidr.strip();
        int slash = shown.indexOf('/');
        if (slash > 0 && parse(shown.substring(0, slash)) != null && shown.substring(slash + 1).matches("\\d{1,3}")
                && Integer.parseInt(shown.substring(slash + 1)) <= 128) {
            int length = Integer.parseInt(shown.substring(slash + 1));
            BigInteger net = parse(shown.substring(0, slash)).andNot(hostMask(length));
            return shown + " is not an IPv6 prefix: its host bits are set (the prefix is " + format(net) + "/" + length + ")";
        }
        return shown + " is not an IPv6 prefix such as 2001:db8:1::/64";
    }

    /** Why {@code text} is not an IPv6 address, or null. */
    public static String addressProblem(String text) {
        return parse(text) != null ? null : (text == null ? "" : text.strip()) + " is not an IPv6 address such as 2001:db8:1::10";
    }

    /** A Kea DHCPv6 pool: "a - b" or a prefix; null when malformed. */
    public static Range pool(String text) {
        if (text == null) return null;
        if (text.contains("/")) {
            Prefix p = prefix(text);
            return p == null ? null : p.range();
        }
        String[] parts = text.split("-");
        if (parts.length != 2) return null;
        BigInteger first = parse(parts[0]);
        BigInteger last = parse(parts[1]);
        if (first == null || last == null || first.compareTo(last) > 0) return null;
        return new Range(first, last);
    }

    /** Why {@code pool} is not a pool of {@code subnet} (when that is a prefix), or null. */
    public static String poolProblem(String pool, String subnet) {
        String shown = pool == null ? "" : pool.strip();
        Range r = pool(shown);
        if (r == null) return shown + " is not a pool such as 2001:db8:1::100 - 2001:db8:1::1ff";
        Prefix within = prefix(subnet);
        if (within != null && !within.range().contains(r)) return "Pool " + shown + " is not within subnet " + subnet.strip();
        return null;
    }

    /** Why {@code ip} cannot be reserved in {@code subnet} (when that is a prefix), or null. */
    public static String reservationProblem(String ip, String subnet) {
        String syntax = addressProblem(ip);
        if (syntax != null) return syntax;
        Prefix within = prefix(subnet);
        if (within != null && !within.range().contains(parse(ip))) {
            return format(parse(ip)) + " is not within subnet " + within;
        }
        return null;
    }

    /**
     * Why a prefix-delegation pool {@code prefix} handing out /{@code delegatedLength} prefixes cannot be, or null.
     * Delegated prefixes need not lie within the subnet, so only their own shape is checked.
     */
    public static String pdPoolProblem(String prefix, Integer delegatedLength) {
        Prefix p = prefix(prefix);
        if (p == null) return prefixProblem(prefix);
        if (delegatedLength == null) return "Give the length of the delegated prefixes, e.g. 64";
        if (delegatedLength < p.length() || delegatedLength > 128) {
            return "The delegated length must be from " + p.length() + " (the pool's own) to 128, got " + delegatedLength;
        }
        return null;
    }
}
