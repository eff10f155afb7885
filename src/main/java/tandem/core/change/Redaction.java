package tandem.core.change;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in text that is shown, logged, journaled or audited: the values of JSON members whose name speaks of
 * a password, secret or key material, and the {@code secret} of a dhcpd.conf {@code key} statement.
 */
public final class Redaction {
    public static final String MASK = "****";

    private static final Pattern JSON_MEMBER = Pattern.compile(
            "(\"[^\"]*(?:password|passwd|secret|private-key|shared-key|token)[^\"]*\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DHCPD_SECRET = Pattern.compile(
            "(\\bsecret\\s+)(\"(?:[^\"\\\\]|\\\\.)*\"|[^;\\s]+)", Pattern.CASE_INSENSITIVE);

    private Redaction() {}

    public static String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = JSON_MEMBER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"" + MASK + "\""));
        return DHCPD_SECRET.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
}
