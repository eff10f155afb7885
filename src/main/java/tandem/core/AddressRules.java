package tandem.core;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an administrator may type as an IPv4 address, a network, a reserved address, a MAC address, a host name or a
 * port. The command line, the console's fields and the backends ask these same rules, so a value refused in one
 * place is refused, with the same words, in every other. Purely syntactic: nothing is resolved or contacted.
 *
 * <p>Addresses are written the way Kea and inet_pton read them: four decimal numbers without leading zeros. A
 * leading zero is refused rather than read, because other tools read {@code 010} as octal 8.
 */
public final class AddressRules {
    private AddressRules() {}

    private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern LENIENT_OCTET = Pattern.compile("[0-9]{1,3}");
    private static final Pattern PREFIX_LENGTH = Pattern.compile("0|[1-9][0-9]?");
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}|[0-9a-f]{2}(-[0-9a-f]{2}){5}");
    private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public static final String MAC_FORM = "MAC address must look like 02:00:00:00:00:01";
    public static final String PORT_RANGE = "Port must be a number from 1 to 65535";

    // ---- IPv4 addresses

    /** The address as an unsigned number, or -1 when {@code text} is not a dotted quad without leading zeros. */
    public static long ipv4(String text) {
        return parse(text, OCTET);
    }

    /** Why {@code text} is not an IPv4 address, or null when it is one. */
    public static String ipv4Problem(String text) {
        if (ipv4(text) >= 0) return null;
        String shown = text == null ? "" : text.strip();
        long lenient = parse(text, LENIENT_OCTET);
        if (lenient >= 0) {
            return shown + " is not an IPv4 address: write each number without leading zeros, e.g. " + format(lenient);
        }
        return shown + " is not an IPv4 address";
    }

    public static String format(long address) {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
    }

    private static long parse(String text, Pattern octet) {
        if (text == null) return -1;
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length != 4) return -1;
        long v = 0;
        for (String p : parts) {
            if (!octet.matcher(p).matches()) return -1;
            int o = Integer.parseInt(p);
            if (o > 255) return -1;
            v = (v << 8) | o;
        }
        return v;
    }

    // ---- networks

    /** An IPv4 network: its first address and prefix length. */
    public record Network(long address, int length) {
        public Network {
            if (length < 0 || length > 32) throw new IllegalArgumentException("prefix length " + length);
            if ((address & ~mask(length) & 0xFFFFFFFFL) != 0) throw new IllegalArgumentException("host bits set");
        }

        public long first() { return address; }

        public long last() { return address + size() - 1; }

        public long size() { return 1L << (32 - length); }

        public boolean contains(long a) { return a >= first() && a <= last(); }

        /**
         * Whether the network has a network and a broadcast address that no host may use: every network but /31
         * (point-to-point, RFC 3021) and /32 (a single host).
         */
        public boolean reservesEnds() { return length <= 30; }

        @Override public String toString() { return format(address) + "/" + length; }

        static long mask(int length) { return length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL; }
    }

    /** {@code "10.0.0.0/24"} as a network, or null when it is not one (including when host bits are set). */
    public static Network network(String cidr) {
        int[] length = new int[1];
        long a = splitCidr(cidr, length);
        if (a < 0 || (a & ~Network.mask(length[0]) & 0xFFFFFFFFL) != 0) return null;
        return new Network(a, length[0]);
    }

    /** Why {@code cidr} is not an IPv4 network such as 10.0.0.0/24, or null when it is one. */
    public static String networkProblem(String cidr) {
        if (network(cidr) != null) return null;
        String shown = cidr == null ? "" : cidr.strip();
        int[] length = new int[1];
        long a = splitCidr(cidr, length);
        if (a >= 0) {
            long net = a & Network.mask(length[0]);
            return shown + " is not an IPv4 network: its host bits are set (the network is " + format(net) + "/" + length[0] + ")";
        }
        int slash = shown.indexOf('/');
        if (slash > 0 && ipv4(shown.substring(0, slash)) < 0 && parse(shown.substring(0, slash), LENIENT_OCTET) >= 0) {
            return shown + " is not an IPv4 network: write each number without leading zeros";
        }
        return shown + " is not an IPv4 network such as 10.0.0.0/24";
    }

    /** The address of "A.B.C.D/N" (host bits allowed) with N in {@code length[0]}, or -1. */
    private static long splitCidr(String cidr, int[] length) {
        if (cidr == null) return -1;
        String[] parts = cidr.strip().split("/", -1);
        if (parts.length != 2 || !PREFIX_LENGTH.matcher(parts[1]).matches()) return -1;
        int n = Integer.parseInt(parts[1]);
        if (n > 32) return -1;
        length[0] = n;
        return ipv4(parts[0]);
    }

    // ---- reserved addresses

    /**
     * Why {@code ip} cannot be reserved for a client in {@code subnet}, or null when it can: it must be an address,
     * within the subnet, and neither the subnet's network address nor its broadcast address. When the subnet
     * itself is not a network, only the address is checked (the subnet's own field says what is wrong with it).
     */
    public static String reservationProblem(String ip, String subnet) {
        String syntax = ipv4Problem(ip);
        if (syntax != null) return syntax;
        long a = ipv4(ip);
        Network n = network(subnet);
        if (n == null) return null;
        if (!n.contains(a)) return format(a) + " is not within subnet " + n;
        if (n.reservesEnds() && a == n.first()) {
            return format(a) + " is the network address of " + n + "; no client can be given it";
        }
        if (n.reservesEnds() && a == n.last()) {
            return format(a) + " is the broadcast address of " + n + "; no client can be given it";
        }
        return null;
    }

    // ---- MAC addresses and host names

    /** Six hexadecimal pairs separated all by ':' or all by '-'. */
    public static boolean mac(String text) {
        return text != null && MAC.matcher(text.strip().toLowerCase(Locale.ROOT)).matches();
    }

    /** Why {@code text} is not a MAC address, or null. */
    public static String macProblem(String text) {
        return mac(text) ? null : MAC_FORM;
    }

    /** The form Kea stores: lower case, ':' separated. */
    public static String normalMac(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('-', ':');
    }

    /** A DNS host name (RFC 1123 labels, at most 253 characters, an optional final dot). */
    public static boolean hostname(String text) {
        if (text == null) return false;
        String h = text.strip().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        if (h.isEmpty() || h.length() > 253) return false;
        for (String label : h.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) return false;
        }
        return true;
    }

    /** Why {@code text} is not a host name, or null. */
    public static String hostnameProblem(String text) {
        return hostname(text) ? null : TextRules.shown(text) + " is not a valid host name";
    }

    // ---- ports

    /** Why {@code text} is not a TCP or UDP port (1 to 65535), or null. */
    public static String portProblem(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.length() > 5 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) return PORT_RANGE;
        int port = Integer.parseInt(t);
        return port < 1 || port > 65535 ? PORT_RANGE : null;
    }
}
