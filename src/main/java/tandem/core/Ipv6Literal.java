package tandem.core;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IPv6 address literals as unsigned 128-bit numbers and back in their short form (RFC 5952), for every backend and
 * for finding clients; nothing is ever looked up in DNS.
 */
public final class Ipv6Literal {
    /** Hex digits, colons and an optional dotted IPv4 tail; no zone id, no host name, so nothing is looked up. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private Ipv6Literal() {}

    /** The address as a number, or null when the text is not an IPv6 address. */
    public static BigInteger parse(String text) {
        if (text == null) return null;
        String t = text.strip();
        if (t.isEmpty() || t.indexOf(':') < 0 || !LITERAL.matcher(t).matches()) return null;
        InetAddress a;
        try {
            a = InetAddress.getByName(t); // a literal: parsed, never resolved
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
        byte[] bytes = a.getAddress();
        if (a instanceof Inet4Address) { // Java turns ::ffff:a.b.c.d into an IPv4 address
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        } else if (!(a instanceof Inet6Address)) {
            return null;
        }
        return new BigInteger(1, bytes);
    }

    public static String format(BigInteger v) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = v.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        // the longest run of two or more zero groups becomes "::"
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) { i++; continue; }
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /** The address in its short form, or null when the text is not an IPv6 address. */
    public static String normal(String text) {
        BigInteger v = parse(text);
        return v == null ? null : format(v);
    }
}
