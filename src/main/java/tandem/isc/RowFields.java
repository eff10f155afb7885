package tandem.isc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an administrator types into the configuration table's edit dialogs, checked field by field and turned into
 * dhcpd.conf syntax. A problem is an {@link Invalid} naming its field, so that the dialog shows it there.
 */
public final class RowFields {
    private RowFields() {}

    /** Input refused, with the field it belongs to. */
    public static final class Invalid extends IllegalArgumentException {
        private final String field;

        public Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() { return field; }
    }

    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{1,2}([:-][0-9A-Fa-f]{1,2}){5}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*(\\.[A-Za-z][A-Za-z0-9-]*)?");
    /** Options whose value is a list of IPv4 addresses (dhcp-options(5)): checked address by address. */
    static final Set<String> ADDRESS_LISTS = Set.of("routers", "domain-name-servers", "ntp-servers", "time-servers",
            "log-servers", "netbios-name-servers", "smtp-server", "nis-servers", "ien116-name-servers",
            "broadcast-address", "subnet-mask", "dhcp-server-identifier");
    /** Options whose value is text: a value typed without quotes gets them. */
    static final Set<String> TEXT = Set.of("domain-name", "host-name", "root-path", "tftp-server-name",
            "bootfile-name", "nis-domain", "netbios-scope", "merit-dump", "extensions-path");

    /** A lease time in seconds (dhcpd keeps it in 32 bits); null for an empty field. */
    static String seconds(String field, String text) {
        String t = blankToNull(text);
        if (t == null) return null;
        if (!t.chars().allMatch(Character::isDigit) || t.length() > 10 || Long.parseLong(t) > 0xFFFFFFFFL) {
            throw new Invalid(field, "Enter a number of seconds, e.g. 43200 for 12 hours (got \"" + t + "\")");
        }
        return String.valueOf(Long.parseLong(t));
    }

    /** IPv4 addresses separated by commas or spaces, as "a, b"; null for an empty field. */
    static String addresses(String field, String text) {
        String t = blankToNull(text);
        if (t == null) return null;
        List<String> out = new ArrayList<>();
        for (String a : t.split("[,\\s]+")) {
            if (a.isEmpty()) continue;
            if (Ipv4.parse(a) < 0) throw new Invalid(field, "\"" + a + "\" is not an IPv4 address (e.g. 10.0.0.1; separate several with commas)");
            out.add(a);
        }
        return String.join(", ", out);
    }

    /** Fixed addresses: IPv4 addresses or host names dhcpd looks up, as "a, b"; null for an empty field. */
    static String fixedAddresses(String field, String text) {
        String t = blankToNull(text);
        if (t == null) return null;
        List<String> out = new ArrayList<>();
        for (String a : t.split("[,\\s]+")) {
            if (a.isEmpty()) continue;
            boolean digits = a.chars().allMatch(c -> Character.isDigit(c) || c == '.');
            if (digits ? Ipv4.parse(a) < 0 : !isDomain(a)) {
                throw new Invalid(field, "\"" + a + "\" is neither an IPv4 address nor a host name (e.g. 10.0.0.5)");
            }
            out.add(a);
        }
        return String.join(", ", out);
    }

    /** A MAC address, lower case with colons and two digits a byte; null for an empty field. */
    static String mac(String field, String text) {
        String t = blankToNull(text);
        if (t == null) return null;
        if (!MAC.matcher(t).matches()) throw new Invalid(field, "Enter a MAC address such as 02:00:00:00:00:01 (got \"" + t + "\")");
        StringBuilder b = new StringBuilder();
        for (String part : t.split("[:-]")) b.append(b.length() == 0 ? "" : ":").append(part.length() == 1 ? "0" : "").append(part);
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** A domain or host name without quotes (a trailing dot is dropped); null for an empty field. */
    static String domain(String field, String text) {
        String t = unquote(blankToNull(text));
        if (t == null) return null;
        if (t.endsWith(".")) t = t.substring(0, t.length() - 1);
        if (!isDomain(t)) throw new Invalid(field, "\"" + t + "\" is not a domain name (letters, digits and hyphens between dots)");
        return t;
    }

    static boolean isDomain(String t) {
        if (t.isEmpty() || t.length() > 253) return false;
        for (String label : t.split("\\.", -1)) if (!LABEL.matcher(label).matches()) return false;
        return true;
    }

    static String optionName(String field, String text) {
        String t = blankToNull(text);
        if (t == null || !OPTION_NAME.matcher(t).matches()) throw new Invalid(field, "Enter an option name such as routers");
        return t;
    }

    /**
     * An option's value in dhcpd syntax. Address lists are checked address by address and text options get their
     * quotes; anything else is taken as written (dhcpd -t judges it), but it must stay one statement: no ';', '{',
     * '}', '#' or line break outside quotes.
     */
    static String optionValue(String field, String name, String text) {
        String t = blankToNull(text);
        if (t == null) throw new Invalid(field, "Enter a value; Remove… takes the option away");
        String lower = name.toLowerCase(Locale.ROOT);
        if (ADDRESS_LISTS.contains(lower)) return addresses(field, t);
        if (TEXT.contains(lower) && !t.startsWith("\"")) return quote(t);
        boolean quoted = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (quoted && c == '\\') { i++; continue; }
            if (c == '"') quoted = !quoted;
            else if (!quoted && (c == ';' || c == '{' || c == '}' || c == '#' || c == '\n' || c == '\r')) {
                throw new Invalid(field, "'" + c + "' cannot be part of a value outside quotes: the value must stay one statement");
            }
        }
        if (quoted) throw new Invalid(field, "A quote is not closed");
        return t;
    }

    static String quote(String s) { return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""; }

    private static String unquote(String s) {
        if (s != null && s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) return s.substring(1, s.length() - 1);
        return s;
    }

    static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.strip(); }
}
