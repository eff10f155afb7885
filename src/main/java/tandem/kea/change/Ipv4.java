package tandem.kea.change;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPv4 addresses, prefixes and ranges as unsigned 32-bit numbers, for the checks Kea would make later; the forms
 * check as typed with the same rules the changes apply.
 */
public final class Ipv4 {
    private static final Pattern ADDRESS = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private Ipv4() {}

    /** Returns the address as a number, or -1 when the text is not a dotted-quad IPv4 address. */
    public static long parse(String text) {
        if (text == null) return -1;
        Matcher m = ADDRESS.matcher(text.strip());
        if (!m.matches()) return -1;
        long v = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) return -1;
            v = (v << 8) | octet;
        }
        return v;
    }

    public static String format(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
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
        if (cidr == null) return null;
        String[] parts = cidr.strip().split("/");
        if (parts.length != 2) return null;
        long network = parse(parts[0]);
        int length;
        try {
            length = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return null;
        }
        if (network < 0 || length < 0 || length > 32) return null;
        long size = 1L << (32 - length);
        if (network % size != 0) return null;
        return new Range(network, network + size - 1);
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
}
