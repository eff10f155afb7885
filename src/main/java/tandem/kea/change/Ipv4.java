package tandem.kea.change;

import tandem.core.AddressRules;

/**
 * IPv4 addresses, prefixes and ranges as unsigned 32-bit numbers, for the checks Kea would make later; the forms
 * check as typed with the same rules the changes apply.
 */
public final class Ipv4 {
    /** Kea's subnet ids are 32-bit; 4294967295 is reserved. */
    public static final long MAX_SUBNET_ID = 4294967294L;

    private Ipv4() {}

    /**
     * Returns the address as a number, or -1 when the text is not a dotted-quad IPv4 address (leading zeros are
     * refused, as Kea refuses them); the rules are {@link AddressRules}'.
     */
    public static long parse(String text) {
        return AddressRules.ipv4(text);
    }

    public static String format(long v) {
        return AddressRules.format(v);
    }

    /** An inclusive range of addresses. */
    public record Range(long first, long last) {
        public boolean contains(long a) { return a >= first && a <= last; }

        public boolean contains(Range r) { return r.first >= first && r.last <= last; }

        public boolean overlaps(Range r) { return first <= r.last && r.first <= last; }

        @Override public String toString() { return format(first) + " - " + format(last); }
    }

    /** "10.0.0.0/24" as a range, or null when malformed or not a network address. */
    public static Range prefix(String cidr) {
        AddressRules.Network n = AddressRules.network(cidr);
        return n == null ? null : new Range(n.first(), n.last());
    }

    /** A Kea pool: "a - b" or a prefix; null when malformed. */
    public static Range pool(String text) {
        if (text == null) return null;
        if (text.contains("/")) return prefix(text);
        String[] parts = text.split("-");
        if (parts.length != 2) return null;
        long first = parse(parts[0]);
        long last = parse(parts[1]);
        if (first < 0 || last < 0 || first > last) return null;
        return new Range(first, last);
    }

    /** Why {@code pool} is not a pool of {@code subnet} (when that is a network), or null. */
    public static String poolProblem(String pool, String subnet) {
        String shown = pool == null ? "" : pool.strip();
        Range r = pool(shown);
        if (r == null) return shown + " is not a pool such as 10.10.0.100 - 10.10.0.200";
        Range within = prefix(subnet);
        if (within != null && !within.contains(r)) return "Pool " + shown + " is not within subnet " + subnet.strip();
        return null;
    }

    /** Why {@code id} is not a subnet id Kea takes, or null (null: none given, the next free one is used). */
    public static String subnetIdProblem(Long id) {
        return id == null || (id >= 1 && id <= MAX_SUBNET_ID) ? null : "A subnet id is a number from 1 to " + MAX_SUBNET_ID;
    }
}
