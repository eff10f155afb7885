package tandem.core.change;

import java.net.URI;
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

    /** Member names that hold a secret: the words password, passwd, secret, token, or key as the last word. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?:.*(?:password|passwd|secret|token).*|(?:.*[-_ .])?key)", Pattern.CASE_INSENSITIVE);
    private static final Pattern JSON_MEMBER = Pattern.compile(
            "(\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern DHCPD_SECRET = Pattern.compile(
            "(\\bsecret\\s+)(\"(?:[^\"\\\\]|\\\\.)*\"|[^;\\s]+)", Pattern.CASE_INSENSITIVE);
    /** scheme://userinfo@ as RFC 3986 has it; the user information ends at the first '/', '?', '#' or space. */
    private static final Pattern URL_USER_INFO = Pattern.compile(
            "\\b([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#@\\s\"'<>]+)@");

    private Redaction() {}

    /** True when a member or setting of this name holds a secret whose value must never be shown. */
    public static boolean isSecretName(String name) {
        return name != null && SECRET_NAME.matcher(name.strip()).matches();
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = JSON_MEMBER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                isSecretName(m.group(2)) ? m.group(1) + "\"" + MASK + "\"" : m.group()));
        out = DHCPD_SECRET.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return URL_USER_INFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
                keepsUserInfo(m.group(1), m.group(2)) ? m.group() : m.group(1) + MASK + "@"));
    }

    /** The URL as it may be shown: its user information masked by the rule above; null stays null. */
    public static String uri(URI uri) {
        return uri == null ? null : redact(uri.toString());
    }

    private static boolean keepsUserInfo(String scheme, String userInfo) {
        return scheme.toLowerCase(Locale.ROOT).equals("ssh://") && !userInfo.contains(":");
    }
}
