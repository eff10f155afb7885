package tandem.isc;

/** IPv4 dotted quads as numbers; -1 for anything that is not one. */
final class Ipv4 {
    private Ipv4() {}

    static long parse(String s) {
        if (s == null) return -1;
        String[] p = s.split("\\.", -1);
        if (p.length != 4) return -1;
        long v = 0;
        for (String part : p) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) return -1;
            int o = Integer.parseInt(part);
            if (o > 255) return -1;
            v = (v << 8) | o;
        }
        return v;
    }

    static String format(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    /** Prefix length of a netmask, or -1 when it is not a contiguous mask. */
    static int prefixLength(String mask) {
        long m = parse(mask);
        if (m < 0) return -1;
        int bits = Long.bitCount(m);
        long expected = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return m == expected ? bits : -1;
    }
}
