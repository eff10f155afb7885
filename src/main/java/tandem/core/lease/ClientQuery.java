package tandem.core.lease;

import tandem.core.Ipv6Literal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an administrator looks a client up by: an IPv4 or IPv6 address, a MAC address, a DHCPv6 DUID or a host name.
 *
 * @param kind  which of these the text is
 * @param value the normalized text: a MAC or DUID lower case with colons, an IPv6 address in its short form
 *              (RFC 5952), a host name lower case without a trailing dot
 */
public record ClientQuery(Kind kind, String value) {
    public enum Kind { IP, MAC, DUID, HOSTNAME }

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}");
    /** Longer than a MAC; written as a MAC is, e.g. 00:03:00:01:0a:00:00:00:00:01. */
    private static final Pattern DUID = Pattern.compile("[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){6,129}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern DOTTED_DIGITS = Pattern.compile("[0-9.]+");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    /** The query the text is, or empty when it is none of the three. */
    public static Optional<ClientQuery> parse(String text) {
        if (text == null) return Optional.empty();
        String t = text.strip();
        if (IPV4.matcher(t).matches()) return Optional.of(new ClientQuery(Kind.IP, t));
        if (MAC.matcher(t).matches()) return Optional.of(new ClientQuery(Kind.MAC, t.replace('-', ':').toLowerCase(Locale.ROOT)));
        if (DUID.matcher(t).matches()) return Optional.of(new ClientQuery(Kind.DUID, t.replace('-', ':').toLowerCase(Locale.ROOT)));
        String v6 = ipv6(t);
        if (v6 != null) return Optional.of(new ClientQuery(Kind.IP, v6));
        // "10.0.0.300" is a mistyped address, not a host name
        if (DOTTED_DIGITS.matcher(t).matches()) return Optional.empty();
        String name = t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
        if (name.isEmpty() || name.length() > 253) return Optional.empty();
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) return Optional.empty();
        }
        return Optional.of(new ClientQuery(Kind.HOSTNAME, name.toLowerCase(Locale.ROOT)));
    }

    /** Why the text is no query, for the message at the field. */
    public static String problem(String text) {
        return "'" + text + "' is neither an IPv4 address (10.0.0.5), a MAC address (02:00:00:00:00:01) nor a host name"
                + " (nor an IPv6 address or a DUID)";
    }

    /**
     * True when a client with these identifiers is the one looked for. A host name matches the full name or, for a
     * query without a dot, the first label of a fully qualified one.
     */
    public boolean matches(String ip, String mac, String hostname) {
        return matches(ip, mac, null, hostname);
    }

    /** The same, for a client that may have a DUID (DHCPv6). */
    public boolean matches(String ip, String mac, String duid, String hostname) {
        return switch (kind) {
            case IP -> ip != null && (value.equals(ip) || (ip.contains(":") && value.equals(ipv6(ip))));
            case MAC -> mac != null && value.equals(mac.replace('-', ':').toLowerCase(Locale.ROOT));
            case DUID -> duid != null && value.equals(duid.replace('-', ':').toLowerCase(Locale.ROOT));
            case HOSTNAME -> {
                if (hostname == null) yield false;
                String h = hostname.toLowerCase(Locale.ROOT);
                if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
                yield h.equals(value) || (!value.contains(".") && h.startsWith(value + "."));
            }
        };
    }

    /** An IPv6 address in its short form (lower case, longest zero run as "::"), or null when the text is none. */
    static String ipv6(String text) {
        return IPV6_CHARS.matcher(text).matches() ? Ipv6Literal.normal(text) : null;
    }
}
