package tandem.kea.change;

import tandem.core.AddressRules;

/** What a reservation's MAC address, DUID and host name must look like: {@link AddressRules}' rules for the first and last. */
public final class ReservationSyntax {
    private ReservationSyntax() {}

    public static boolean mac(String text) {
        return AddressRules.mac(text);
    }

    public static boolean hostname(String text) {
        return AddressRules.hostname(text);
    }

    /** A DUID as Kea reads it: 1 to 128 bytes in hex, with or without colons between them. */
    private static final java.util.regex.Pattern DUID =
            java.util.regex.Pattern.compile("([0-9A-Fa-f]{2})(:[0-9A-Fa-f]{2}){0,127}|([0-9A-Fa-f]{2}){1,128}");

    /** Why {@code text} is not a DUID, or null. */
    public static String duidProblem(String text) {
        String t = text == null ? "" : text.strip();
        return DUID.matcher(t).matches() ? null
                : t + " is not a DUID: write 1 to 128 bytes in hex, e.g. 00:03:00:01:02:00:00:00:00:01";
    }

    /** Lower case with colons between the bytes, as Kea writes it back. */
    public static String duidNormal(String text) {
        String hex = text == null ? "" : text.strip().replace(":", "").toLowerCase(java.util.Locale.ROOT);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) sb.append(':');
            sb.append(hex, i, Math.min(i + 2, hex.length()));
        }
        return sb.toString();
    }
}
