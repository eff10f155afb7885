package tandem.ui;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the change forms check as the administrator types: IPv4 addresses, networks, pools, MAC addresses and host
 * names. Purely syntactic (the change service checks them again against the configuration), so safe on the FX
 * thread.
 */
final class AddressSyntax {
    private static final Pattern ADDRESS = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}[:-]){5}[0-9a-f]{2}");
    private static final Pattern HOSTNAME =
            Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private AddressSyntax() {}

    /** An inclusive range of IPv4 addresses as unsigned numbers. */
    record Range(long first, long last) {
        boolean contains(long a) { return a >= first && a <= last; }

        boolean contains(Range r) { return r.first >= first && r.last <= last; }
    }

    /** The address as a number, or -1 when the text is not a dotted-quad IPv4 address. */
    static long ipv4(String text) {
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

    /** "10.0.0.0/24" as a range, or null when malformed or host bits are set. */
    static Range network(String cidr) {
        if (cidr == null) return null;
        String[] parts = cidr.strip().split("/");
        if (parts.length != 2) return null;
        long network = ipv4(parts[0]);
        int length;
        try {
            length = Integer.parseInt(parts[1].strip());
        } catch (NumberFormatException e) {
            return null;
        }
        if (network < 0 || length < 0 || length > 32) return null;
        long size = 1L << (32 - length);
        if (network % size != 0) return null;
        return new Range(network, network + size - 1);
    }

    /** A Kea pool, "a - b" or a prefix; null when malformed. */
    static Range pool(String text) {
        if (text == null) return null;
        if (text.contains("/")) return network(text);
        String[] parts = text.split("-");
        if (parts.length != 2) return null;
        long first = ipv4(parts[0]);
        long last = ipv4(parts[1]);
        if (first < 0 || last < 0 || first > last) return null;
        return new Range(first, last);
    }

    static boolean mac(String text) {
        return text != null && MAC.matcher(text.strip().toLowerCase(Locale.ROOT)).matches();
    }

    static boolean hostname(String text) {
        return text != null && HOSTNAME.matcher(text.strip().toLowerCase(Locale.ROOT)).matches();
    }

    static boolean blank(String s) { return s == null || s.isBlank(); }
}
