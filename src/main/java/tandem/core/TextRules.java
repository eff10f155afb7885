package tandem.core;

import java.net.URI;

/**
 * What free text an administrator types must be: names without control characters (a newline in a name would
 * become a second line of a configuration file or of omshell's input), of bounded length, and URLs without
 * credentials in them. Shared by the command line, the console's fields and the backends.
 */
public final class TextRules {
    private TextRules() {}

    /** Longest name of a server in the inventory. */
    public static final int MAX_NAME_LENGTH = 64;

    /** Whether the text holds a control character (newline, tab, NUL, escape, ...). */
    public static boolean hasControlCharacter(String text) {
        return text != null && text.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL
                || c == '\u2028' || c == '\u2029');
    }

    /**
     * Why {@code text} cannot name a server in the inventory, or null. {@code what} says what is named, e.g.
     * "A display name".
     */
    public static String nameProblem(String text, String what) {
        if (text == null || text.isBlank()) return what + " cannot be empty";
        String t = text.strip();
        if (t.length() > MAX_NAME_LENGTH) return what + " has at most " + MAX_NAME_LENGTH + " characters";
        if (hasControlCharacter(t)) return what + " cannot contain control characters such as a line break";
        return null;
    }

    /**
     * Why {@code text} cannot be a name that goes into a quoted string of a configuration file or of omshell's
     * input (a failover peer's name, an HA peer's name), or null: not empty, no control characters, no quote or
     * backslash.
     */
    public static String quotedNameProblem(String text, String what) {
        if (text == null || text.isBlank()) return what + " cannot be empty";
        if (hasControlCharacter(text)) return what + " cannot contain control characters such as a line break (got " + shown(text) + ")";
        if (text.indexOf('"') >= 0 || text.indexOf('\\') >= 0) return what + " cannot contain \" or \\ (got " + shown(text) + ")";
        return null;
    }

    /**
     * Why a server URL cannot be kept, or null: a user name or password in it would be stored and shown in clear,
     * and would not be used to log in. {@code credentialsGoTo} names where they go instead.
     */
    public static String userInfoProblem(URI url, String credentialsGoTo) {
        if (url == null || url.getRawUserInfo() == null) return null;
        return "the URL contains a user name or password (" + withoutUserInfo(url) + "); give credentials with "
                + credentialsGoTo + " instead";
    }

    /** The URL as it may be shown: its user information replaced by ***. */
    public static String withoutUserInfo(URI url) {
        return url == null ? "" : withoutUserInfo(url.toString());
    }

    /** Text that may be a URL, as it may be shown: whatever stands between "//" and "@" replaced by ***. */
    public static String withoutUserInfo(String text) {
        return text == null ? "" : USER_INFO.matcher(text).replaceAll("//***@");
    }

    private static final java.util.regex.Pattern USER_INFO = java.util.regex.Pattern.compile("//[^/?#]*@");

    /** The text as a message may quote it: control characters made visible, so a message stays one line. */
    public static String shown(String text) {
        if (text == null) return "";
        StringBuilder b = new StringBuilder();
        text.strip().codePoints().forEach(c -> {
            if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c == '\t') b.append("\\t");
            else if (Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029) b.append(String.format("\\u%04x", c));
            else b.appendCodePoint(c);
        });
        return b.toString();
    }
}
