package tandem.isc;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import tandem.core.Ipv6Literal;

/** IPv6 addresses and prefixes as numbers (null for anything that is not one), for dhcpd's subnet6 declarations. */
final class Ipv6 {
    private static final BigInteger ALL = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private Ipv6() {}

    /** "2001:db8::1", "::", "::ffff:10.0.0.1"; null for anything else (an IPv4 address, a name, a zone id). */
    static BigInteger parse(String s) { return Ipv6Literal.parse(s); }

    /** The mask of a prefix length. */
    static BigInteger mask(int len) { return ALL.shiftRight(128 - len).shiftLeft(128 - len); }

    /** The compressed lower-case form (RFC 5952). */
    static String format(BigInteger v) { return Ipv6Literal.format(v); }

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
