package tandem.windows.sim;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** How PowerShell turns the simulator's values into text ({@code "$x"}, {@code [string]$x}) and truth ({@code if ($x)}). */
public final class SimValues {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT);

    private SimValues() {}

    /** PowerShell's string conversion (invariant culture), arrays joined with spaces. */
    public static String text(Object v) {
        if (v == null) return "";
        if (v instanceof String s) return s;
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof Double d) return d == Math.rint(d) && !d.isInfinite() ? Long.toString(d.longValue()) : Double.toString(d);
        if (v instanceof Duration d) return timespanText(d);
        if (v instanceof OffsetDateTime t) return DATE.format(t);
        if (v instanceof List<?> l) return String.join(" ", l.stream().map(SimValues::text).toList());
        if (v instanceof SimObject o) {
            if (o.typeName().equals("System.Management.Automation.ErrorRecord") && o.get("Exception") instanceof SimObject ex) return text(ex.get("Message"));
            if (o.typeName().equals("System.Version")) return String.join(".", java.util.stream.Stream.of("Major", "Minor", "Build", "Revision")
                    .map(o::get).filter(x -> x instanceof Long n && n >= 0).map(Object::toString).toList());
            return o.typeName();
        }
        if (v instanceof byte[]) return "System.Byte[]";
        return v.toString();
    }

    /** TimeSpan.ToString(): {@code [-][d.]hh:mm:ss[.fffffff]}. */
    public static String timespanText(Duration d) {
        boolean negative = d.isNegative();
        Duration a = d.abs();
        long days = a.toDays();
        String s = (days > 0 ? days + "." : "") + String.format(Locale.ROOT, "%02d:%02d:%02d", a.toHoursPart(), a.toMinutesPart(), a.toSecondsPart());
        long ticks = a.toNanosPart() / 100;
        if (ticks > 0) s += String.format(Locale.ROOT, ".%07d", ticks);
        return negative ? "-" + s : s;
    }

    /** PowerShell's truth: $null, '', 0, $false and empty arrays are false; a one-element array is its element's truth. */
    public static boolean truth(Object v) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof String s) return !s.isEmpty();
        if (v instanceof Long n) return n != 0;
        if (v instanceof Double d) return d != 0;
        if (v instanceof List<?> l) return l.size() > 1 || (l.size() == 1 && truth(l.get(0)));
        if (v instanceof Duration d) return true;
        return true;
    }
}
