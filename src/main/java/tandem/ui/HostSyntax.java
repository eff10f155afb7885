package tandem.ui;

import java.util.regex.Pattern;

/**
 * Checks what an administrator types as a server address: an IPv4 or IPv6 literal or a host name. Purely
 * syntactic; nothing is resolved, so it is safe on the FX thread.
 */
public final class HostSyntax {
    private HostSyntax() {}

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    /** The host without IPv6 brackets and surrounding blanks. */
    public static String normalize(String host) {
        if (host == null) return "";
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        return h;
    }

    /**
     * Why {@code host} is not an IPv4 address, IPv6 address or host name, or null when it is one. Blank input is
     * the caller's concern (required or not).
     */
    public static String problem(String host) {
        String h = normalize(host);
        if (h.isEmpty()) return null;
        if (h.contains("://") || h.contains("/")) return "Enter only the address or host name, without http:// or a path";
        if (h.contains(":")) {
            if (isIpv6(h)) return null;
            if (h.indexOf(':') == h.lastIndexOf(':')) return "Enter the address without a port; the port has its own field";
            return h + " is not a valid IPv6 address";
        }
        if (DOTTED_NUMBERS.matcher(h).matches()) {
            return isIpv4(h) ? null : h + " is not a valid IPv4 address";
        }
        if (h.contains(" ")) return "A host name cannot contain spaces";
        return isHostName(h) ? null : h + " is not a valid IP address or host name";
    }

    public static boolean isIpv4(String s) {
        return tandem.core.AddressRules.ipv4(s) >= 0;
    }

    public static boolean isIpv6(String s) {
        if (s.contains("%")) return false; // zone ids do not survive in a URL without escaping
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) return false;
        String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
        String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
        int groups = 0;
        String[] all = (head.isEmpty() ? "" : head).split(":", -1);
        String[] after = tail.isEmpty() ? new String[0] : tail.split(":", -1);
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (!head.isEmpty()) parts.addAll(java.util.List.of(all));
        parts.addAll(java.util.List.of(after));
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            boolean last = i == parts.size() - 1;
            if (last && p.contains(".")) {
                if (!isIpv4(p)) return false;
                groups += 2;
            } else if (HEX_GROUP.matcher(p).matches()) {
                groups++;
            } else {
                return false;
            }
        }
        return doubleColon >= 0 ? groups < 8 : groups == 8;
    }

    public static boolean isHostName(String s) {
        String h = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        if (h.isEmpty() || h.length() > 253) return false;
        String[] labels = h.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) return false;
        }
        // a top-level label is never all digits; "10.0.0" is a mistyped address, not a name
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    /** Said when a port is not a number from 1 to 65535. */
    public static final String PORT_RANGE = tandem.core.AddressRules.PORT_RANGE;

    /** Why the text is not a TCP port, or null when it is one (the command line's rule). */
    public static String portProblem(String text) {
        return tandem.core.AddressRules.portProblem(text);
    }
}
