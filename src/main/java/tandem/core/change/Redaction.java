package tandem.core.change;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for hiding secrets in whatever is shown, logged, journaled, audited or printed: configurations,
 * diffs, event sentences, URLs.
 * <ul>
 * <li>the value of every member or setting whose name speaks of a password, secret, token or key
 *     ({@code "password"}, {@code "basic-auth-password"}, {@code "shared-secret"}, {@code "private-key"},
 *     {@code "key"}...): in JSON, and in dhcpd.conf ({@code secret "..."} of a {@code key} statement);</li>
 * <li>the user information of a URL ({@code http://user:pass@host} becomes {@code http://****@host}); only a bare
 *     SSH login name stays, because an {@code ssh://} URL never carries a password.</li>
 * </ul>
 * Names of files holding keys ({@code key-file}, {@code cert-file}) are paths, not secrets, and stay.
 */
public final class Redaction {
    public static final String MASK = "****";

    /** Words that make a member name a secret's wherever they stand in it. */
    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "secret", "token");
    /** A dhcpd.conf {@code secret} statement's value, quoted or not, on one line. */
    private static final Pattern DHCPD_SECRET = Pattern.compile(
            "(\\bsecret[ \\t]++)(\"[^\"\\\\\\n]*+(?:\\\\.[^\"\\\\\\n]*+)*+\"|[^;\\s]++)", Pattern.CASE_INSENSITIVE);
    private static final String URL_USER_INFO_END = "/?#@\"'<>";

    private Redaction() {}

    /** True when a member or setting of this name holds a secret whose value must never be shown. */
    public static boolean isSecretName(String name) {
        if (name == null) return false;
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) if (n.contains(word)) return true;
        // "key", "private-key", "api_key": key as the last word; "key-file" and "hostkey" are not secrets
        if (!n.endsWith("key")) return false;
        int before = n.length() - "key".length() - 1;
        return before < 0 || "-_ .".indexOf(n.charAt(before)) >= 0;
    }

    /**
     * Linear in the text's length whatever it holds: it runs over log lines and configurations that others wrote,
     * where a regular expression over quoted strings can take quadratic time or overflow the stack.
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = jsonMembers(text);
        // line by line: a secret statement is on one line, and no scan can then run past the end of one
        String lines = java.util.Arrays.stream(out.split("\n", -1))
                .map(line -> line.isEmpty() ? line
                        : DHCPD_SECRET.matcher(line).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK)))
                .collect(java.util.stream.Collectors.joining("\n"));
        return userInfo(lines);
    }

    /** Masks the string value of every JSON member whose name is a secret's, reading strings as tokens. */
    private static String jsonMembers(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0, n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c != '"') {
                out.append(c);
                i++;
                continue;
            }
            int nameEnd = stringEnd(text, i);
            if (nameEnd < 0) {
                // no string closes before the line ends, whichever quote on it opens one: go on from there
                int lineEnd = -nameEnd - 1;
                out.append(text, i, lineEnd);
                i = lineEnd;
                continue;
            }
            int j = nameEnd;
            while (j < n && Character.isWhitespace(text.charAt(j))) j++;
            if (j < n && text.charAt(j) == ':') {
                j++;
                while (j < n && Character.isWhitespace(text.charAt(j))) j++;
                if (j < n && text.charAt(j) == '"' && isSecretName(text.substring(i + 1, nameEnd - 1))) {
                    int valueEnd = stringEnd(text, j);
                    if (valueEnd > 0) {
                        out.append(text, i, j).append('"').append(MASK).append('"');
                        i = valueEnd;
                        continue;
                    }
                }
            }
            out.append(text, i, nameEnd);
            i = nameEnd;
        }
        return out.toString();
    }

    /**
     * Just past the closing quote of the string opening at {@code open}; when it does not close on its line (JSON
     * strings hold no line breaks), {@code -(k + 1)} where {@code k} is the end of the line or text.
     */
    private static int stringEnd(String text, int open) {
        int k = open + 1;
        for (; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '\n') break;
            if (c == '\\' && k + 1 < text.length() && text.charAt(k + 1) != '\n') k++;
            else if (c == '"') return k + 1;
        }
        return -(k + 1);
    }

    /** scheme://userinfo@ becomes scheme://****@ (RFC 3986: the user information ends at '/', '?', '#'). */
    private static String userInfo(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0, from = 0;
        while (true) {
            int sep = text.indexOf("://", from);
            if (sep < 0) break;
            int schemeStart = sep;
            while (schemeStart > 0 && sep - schemeStart < 32 && isSchemeChar(text.charAt(schemeStart - 1))) schemeStart--;
            int end = sep + 3;
            while (end < text.length() && URL_USER_INFO_END.indexOf(text.charAt(end)) < 0
                    && !Character.isWhitespace(text.charAt(end))) end++;
            boolean hasScheme = schemeStart < sep && Character.isLetter(text.charAt(schemeStart));
            if (hasScheme && end < text.length() && text.charAt(end) == '@' && end > sep + 3
                    && !keepsUserInfo(text.substring(schemeStart, sep + 3), text.substring(sep + 3, end))) {
                out.append(text, copied, sep + 3).append(MASK);
                copied = end;
            }
            // a later "://" before end would end at the same place: it is part of this one
            from = Math.max(end, sep + 3);
        }
        return copied == 0 ? text : out.append(text, copied, text.length()).toString();
    }

    private static boolean isSchemeChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-');
    }

    /** The URL as it may be shown: its user information masked by the rule above; null stays null. */
    public static String uri(URI uri) {
        return uri == null ? null : redact(uri.toString());
    }

    private static boolean keepsUserInfo(String scheme, String userInfo) {
        return scheme.toLowerCase(Locale.ROOT).equals("ssh://") && !userInfo.contains(":");
    }
}
