package tandem.kea;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer to {@code version-get}: Kea puts the version in the text and the build details in the arguments.
 *
 * @param version  e.g. "2.2.0"; null when missing
 * @param extended the multi-line build report (libraries, backends); null when missing
 * @param major    first number of the version, -1 if unreadable
 * @param minor    second number, -1 if unreadable
 * @param patch    third number, -1 if unreadable
 */
public record KeaVersion(String version, String extended, int major, int minor, int patch) {

    private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    public static KeaVersion from(KeaReply.Success reply) {
        return from(reply.text(), reply.arguments());
    }

    /** From the arguments alone: the first line of "extended" carries the version too. */
    public static KeaVersion from(JsonNode arguments) {
        return from(null, arguments);
    }

    public static KeaVersion from(String text, JsonNode arguments) {
        String extended = KeaJson.text(arguments, "extended");
        String version = text;
        if ((version == null || version.isBlank()) && extended != null) {
            version = extended.lines().findFirst().orElse(null);
        }
        version = version == null ? null : version.trim();
        int major = -1, minor = -1, patch = -1;
        if (version != null) {
            Matcher m = NUMBERS.matcher(version);
            if (m.find()) {
                major = Integer.parseInt(m.group(1));
                minor = Integer.parseInt(m.group(2));
                patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            }
        }
        return new KeaVersion(version, extended, major, minor, patch);
    }

    /** True when this version is major.minor or later; false when the version is unreadable. */
    public boolean atLeast(int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }
}
