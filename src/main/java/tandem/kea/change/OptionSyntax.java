package tandem.kea.change;

import java.util.regex.Pattern;
import tandem.core.TextRules;

/** What an option's name and value may be, for the console's form and the command line alike. */
public final class OptionSyntax {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private OptionSyntax() {}

    /** Why {@code name} is not an option name such as routers, or null. */
    public static String nameProblem(String name) {
        if (name == null || name.isBlank()) return "Enter the option's name, e.g. domain-name-servers";
        return NAME.matcher(name.strip()).matches() ? null : "An option name is lower-case letters, digits and dashes, e.g. routers";
    }

    /** Why {@code data} cannot be an option's value, or null: one line, without control characters. */
    public static String dataProblem(String data) {
        return data != null && TextRules.hasControlCharacter(data) ? "A value cannot contain control characters" : null;
    }
}
