package tandem.windows.ps;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes PowerShell's stderr readable for the log. Without a terminal PowerShell writes its streams as CLIXML
 * ({@code #< CLIXML} then {@code <Objs>} whose {@code <S S="Error">} elements hold the text, line breaks encoded
 * as {@code _x000D__x000A_}); progress records are dropped. Anything else is returned as it came.
 */
final class Clixml {
    private static final String MARK = "#< CLIXML";
    private static final Pattern STREAM_TEXT = Pattern.compile("<S S=\"[^\"]*\">(.*?)</S>", Pattern.DOTALL);
    private static final Pattern ESCAPED = Pattern.compile("_x([0-9A-Fa-f]{4})_");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|apos|#(\\d+)|#x([0-9A-Fa-f]+));");

    private Clixml() {}

    static String readable(byte[] stderr) {
        String text = new String(stderr, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (!text.stripLeading().startsWith(MARK)) return text.strip();
        StringBuilder out = new StringBuilder();
        Matcher m = STREAM_TEXT.matcher(text);
        while (m.find()) out.append(unescape(entities(m.group(1))));
        return out.toString().replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    private static String entities(String s) {
        return ENTITY.matcher(s).replaceAll(m -> Matcher.quoteReplacement(switch (m.group(1)) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> codePoint(m.group(2) != null ? m.group(2) : m.group(3), m.group(2) != null ? 10 : 16, m.group());
        }));
    }

    private static String codePoint(String digits, int radix, String asWritten) {
        try {
            return new String(Character.toChars(Integer.parseInt(digits, radix)));
        } catch (IllegalArgumentException notACharacter) {
            return asWritten;
        }
    }

    private static String unescape(String s) {
        return ESCAPED.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                String.valueOf((char) Integer.parseInt(m.group(1), 16))));
    }
}
