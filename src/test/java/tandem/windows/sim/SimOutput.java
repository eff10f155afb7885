package tandem.windows.sim;

import java.util.List;
import java.util.Map;

/**
 * What powershell.exe prints without a console: pipeline output in the default view (strings as lines, objects as a
 * Format-List style block), and error records on stderr as CLIXML ({@code #< CLIXML} then {@code <Objs>}).
 */
final class SimOutput {
    private static final String NL = "\r\n";

    private SimOutput() {}

    static String format(List<Object> items) {
        StringBuilder b = new StringBuilder();
        for (Object item : items) {
            if (item == null) continue;
            if (item instanceof SimObject o && !o.typeName().equals(SimOps.ERROR_RECORD) && !o.typeName().equals("System.Version")) {
                Map<String, Object> props = o.properties();
                int width = props.keySet().stream().mapToInt(String::length).max().orElse(0);
                b.append(NL);
                for (var e : props.entrySet()) {
                    b.append(String.format("%-" + Math.max(width, 1) + "s : ", e.getKey())).append(cell(e.getValue())).append(NL);
                }
                b.append(NL);
            } else {
                b.append(SimValues.text(item)).append(NL);
            }
        }
        return b.toString();
    }

    private static String cell(Object v) {
        if (v instanceof List<?> l) return "{" + String.join(", ", l.stream().map(SimValues::text).toList()) + "}";
        return SimValues.text(v);
    }

    /** The lines Windows PowerShell writes for an error record. */
    static List<String> describe(SimError e) {
        String type = e.exceptionType().substring(e.exceptionType().lastIndexOf('.') + 1);
        if (SimError.PARSE.equals(e.exceptionType())) {
            return List.of(e.getMessage(), "    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException",
                    "    + FullyQualifiedErrorId : " + e.fqid(), " ");
        }
        String command = "";
        int comma = e.fqid().indexOf(',');
        if (comma >= 0) command = e.fqid().substring(comma + 1);
        else if (e.getMessage().startsWith("The term '")) command = e.getMessage().substring(10, e.getMessage().indexOf('\'', 10));
        if (command.startsWith("Microsoft.PowerShell.Commands.")) command = "";
        return List.of((command.isEmpty() ? "" : command + " : ") + e.getMessage(),
                "    + CategoryInfo          : " + e.category() + ": (:) [" + command + "], " + type,
                "    + FullyQualifiedErrorId : " + e.fqid(), " ");
    }

    static String clixml(List<SimError> errors) {
        StringBuilder b = new StringBuilder("#< CLIXML").append(NL)
                .append("<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">");
        for (SimError e : errors) {
            for (String line : describe(e)) b.append("<S S=\"Error\">").append(escape(line + NL)).append("</S>");
        }
        return b.append("</Objs>").toString();
    }

    /** CLIXML string escaping: XML entities, control characters as {@code _xHHHH_}. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '&') b.append("&amp;");
            else if (c == '<') b.append("&lt;");
            else if (c == '>') b.append("&gt;");
            else if (c == '"') b.append("&quot;");
            else if (c < 0x20) b.append(String.format("_x%04X_", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
