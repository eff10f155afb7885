package tandem.isc;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** IPv6 addresses and prefixes as numbers (null for anything that is not one), for dhcpd's subnet6 declarations. */
final class Ipv6 {
    private static final BigInteger ALL = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private Ipv6() {}

    /** "2001:db8::1", "::", "::ffff:10.0.0.1"; null for anything else (an IPv4 address, a name, a zone id). */
    static BigInteger parse(String s) {
        if (s == null || s.indexOf(':') < 0 || s.length() > 45) return null;
        String text = s;
        int lastColon = text.lastIndexOf(':');
        if (text.indexOf('.', lastColon) > 0) {
            // an IPv4 tail ("::ffff:10.0.0.1") is its two last groups
            long v4 = Ipv4.parse(text.substring(lastColon + 1));
            if (v4 < 0) return null;
            text = text.substring(0, lastColon + 1) + Long.toHexString(v4 >> 16) + ":" + Long.toHexString(v4 & 0xFFFF);
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) return null;
        String[] head = gap < 0 ? split(text) : split(text.substring(0, gap));
        String[] rest = gap < 0 ? new String[0] : split(text.substring(gap + 2));
        if (head == null || rest == null) return null;
        int groups = head.length + rest.length;
        if (gap < 0 ? groups != 8 : groups > 7) return null;
        BigInteger v = BigInteger.ZERO;
        int[] all = new int[8];
        int i = 0;
        for (String h : head) all[i++] = group(h);
        i = 8 - rest.length;
        for (String r : rest) all[i++] = group(r);
        for (int g : all) {
            if (g < 0) return null;
            v = v.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        return v;
    }

    private static String[] split(String s) {
        if (s.isEmpty()) return new String[0];
        String[] parts = s.split(":", -1);
        for (String p : parts) if (p.isEmpty()) return null;
        return parts;
    }

    private static int group(String h) {
        if (h.length() > 4) return -1;
        try {
            return Integer.parseInt(h, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The mask of a prefix length. */
    static BigInteger mask(int len) { return ALL.shiftRight(128 - len).shiftLeft(128 - len); }

    /** The compressed lower-case form (RFC 5952): the longest run of two or more zero groups as "::". */
    static String format(BigInteger v) {
        int[] g = new int[8];
        for (int i = 7; i >= 0; i--) {
            g[i] = v.and(BigInteger.valueOf(0xFFFF)).intValue();
            v = v.shiftRight(16);
        }
        int best = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) { i++; continue; }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) { best = i; bestLen = j - i; }
            i = j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == best) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') b.append(':');
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }

    /** A prefix "2001:db8::/64" as {network, length}; null when it is not one. */
    static Prefix prefix(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) return null;
        BigInteger a = parse(text.substring(0, slash));
        int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (a == null || len < 0 || len > 128) return null;
        return new Prefix(a.and(mask(len)), len);
    }

    /** A network and its prefix length. */
    record Prefix(BigInteger network, int length) {
        boolean contains(BigInteger address) { return address != null && address.and(mask(length)).equals(network); }

        @Override public String toString() { return format(network) + "/" + length; }

        /**
         * The number leases and tables know this subnet by: above every IPv4 network (whose id is its address), and
         * the same on both partners whatever the order of their declarations.
         */
        long id() {
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(toString().getBytes(StandardCharsets.US_ASCII));
                long h = 0;
                for (int i = 0; i < 7; i++) h = (h << 8) | (d[i] & 0xFF);
                return (1L << 32) + h;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
