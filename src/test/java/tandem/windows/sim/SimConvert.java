package tandem.windows.sim;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts an argument to its parameter's declared type and validates it, failing as PowerShell's binder does:
 * {@code ParameterArgumentTransformationError} for a value of the wrong kind, {@code ParameterArgumentValidationError}
 * for ValidateRange, ValidateSet and ValidateNotNullOrEmpty.
 */
final class SimConvert {
    private static final Pattern TIMESPAN = Pattern.compile("(-)?(?:(\\d+)\\.)?(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,7}))?)?");

    private SimConvert() {}

    static Object bind(String cmdlet, SimSignatures.Param p, Object raw) {
        Object v = convert(cmdlet, p, raw);
        if (v instanceof List<?> l) v = new ArrayList<>(l.stream().map(x -> canonical(p, x)).toList());
        else v = canonical(p, v);
        validate(cmdlet, p, v);
        return v;
    }

    private static Object convert(String cmdlet, SimSignatures.Param p, Object raw) {
        String type = p.type();
        boolean nullable = type.endsWith("?");
        if (nullable) type = type.substring(0, type.length() - 1);
        if (raw == null && (nullable || type.equals("string") || type.endsWith("[]"))) return null;
        if (type.endsWith("[]")) {
            String element = type.substring(0, type.length() - 2);
            List<Object> out = new ArrayList<>();
            for (Object item : raw instanceof List<?> l ? l : List.of(raw)) out.add(scalar(cmdlet, p, element, item, type));
            return out;
        }
        if (raw instanceof List<?> l && !type.equals("string")) {
            if (l.size() != 1) throw transformation(cmdlet, p, "Cannot convert the \"" + text(raw) + "\" value of type \"System.Object[]\" to type \"" + dotnet(type) + "\".");
            raw = l.get(0);
        }
        return scalar(cmdlet, p, type, raw, type);
    }

    private static Object scalar(String cmdlet, SimSignatures.Param p, String type, Object v, String declared) {
        switch (type) {
            case "string": return v == null ? null : text(v);
            case "switch":
            case "bool":
                if (v instanceof Boolean b) return b;
                if (v instanceof Long n) return n != 0;
                if (v instanceof Double d) return d != 0;
                throw transformation(cmdlet, p, "Cannot convert value \"" + (v == null ? "" : "System." + (v instanceof String ? "String" : "Object"))
                        + "\" to type \"System.Boolean\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.");
            case "ipaddress":
                if (v instanceof SimIp ip) return ip;
                if (v instanceof String s) {
                    try { return new SimIp(s.trim()); } catch (IllegalArgumentException e) { /* below */ }
                }
                throw transformation(cmdlet, p, "Cannot convert value \"" + text(v) + "\" to type \"System.Net.IPAddress\". Error: \"An invalid IP address was specified.\"");
            case "uint16": return integer(cmdlet, p, v, 0, 65535, "UInt16");
            case "uint32": return integer(cmdlet, p, v, 0, 4294967295L, "UInt32");
            case "int": return integer(cmdlet, p, v, Integer.MIN_VALUE, Integer.MAX_VALUE, "Int32");
            case "timespan": return timespan(cmdlet, p, v);
            case "datetime": {
                OffsetDateTime t = parseDateTime(v);
                if (t != null) return t;
                throw transformation(cmdlet, p, "Cannot convert value \"" + text(v) + "\" to type \"System.DateTime\". Error: \"String was not recognized as a valid DateTime.\"");
            }
            default: return v; // CimSession, ServiceController, ActionPreference (checked by its ValidateSet)
        }
    }

    private static Long integer(String cmdlet, SimSignatures.Param p, Object v, long min, long max, String name) {
        Long n = null;
        if (v instanceof Long l) n = l;
        else if (v instanceof Double d && d == Math.rint(d)) n = d.longValue();
        else if (v instanceof Boolean b) n = b ? 1L : 0L;
        else if (v instanceof String s) {
            try { n = Long.parseLong(s.trim()); } catch (NumberFormatException e) {
                throw transformation(cmdlet, p, "Cannot convert value \"" + s + "\" to type \"System." + name + "\". Error: \"Input string was not in a correct format.\"");
            }
        }
        if (n == null) throw transformation(cmdlet, p, "Cannot convert value \"" + text(v) + "\" to type \"System." + name + "\".");
        if (n < min || n > max) {
            throw transformation(cmdlet, p, "Cannot convert value \"" + n + "\" to type \"System." + name + "\". Error: \"Value was either too large or too small for a " + name + ".\"");
        }
        return n;
    }

    private static Duration timespan(String cmdlet, SimSignatures.Param p, Object v) {
        if (v instanceof Duration d) return d;
        if (v instanceof Long ticks) return Duration.ofNanos(Math.multiplyExact(ticks, 100L)); // an integer means ticks
        if (v instanceof String s) {
            Duration d = parseTimeSpan(s.trim());
            if (d != null) return d;
        }
        throw transformation(cmdlet, p, "Cannot convert value \"" + text(v) + "\" to type \"System.TimeSpan\". Error: \"String was not recognized as a valid TimeSpan.\"");
    }

    /**
     * A DateTime from what scripts pass: a DateTime already, or an invariant-culture string with a UTC offset or
     * {@code Z} ("2026-01-05 10:00:00Z", ISO 8601). A string without an offset would be the server's local time,
     * which the simulator does not model: it is refused. Null when the value is none of these.
     */
    static OffsetDateTime parseDateTime(Object v) {
        if (v instanceof OffsetDateTime t) return t.withOffsetSameInstant(java.time.ZoneOffset.UTC);
        if (!(v instanceof String s)) return null;
        try {
            return OffsetDateTime.parse(s.trim().replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T").replaceFirst("Z$", "+00:00"))
                    .withOffsetSameInstant(java.time.ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** .NET TimeSpan.Parse for the forms scripts use: [-][d.]hh:mm[:ss[.fffffff]] or a whole number of days. */
    static Duration parseTimeSpan(String s) {
        if (s.matches("-?\\d+")) return Duration.ofDays(Long.parseLong(s));
        Matcher m = TIMESPAN.matcher(s);
        if (!m.matches()) return null;
        long h = Long.parseLong(m.group(3)), min = Long.parseLong(m.group(4));
        long sec = m.group(5) == null ? 0 : Long.parseLong(m.group(5));
        if (h > 23 || min > 59 || sec > 59) return null;
        Duration d = Duration.ofDays(m.group(2) == null ? 0 : Long.parseLong(m.group(2))).plusHours(h).plusMinutes(min).plusSeconds(sec);
        if (m.group(6) != null) d = d.plusNanos(Long.parseLong((m.group(6) + "000000").substring(0, 7)) * 100);
        return m.group(1) != null ? d.negated() : d;
    }

    private static void validate(String cmdlet, SimSignatures.Param p, Object v) {
        String head = "Cannot validate argument on parameter '" + p.name() + "'. ";
        if (p.notNullOrEmpty() && (v == null || "".equals(v) || (v instanceof List<?> l && (l.isEmpty() || l.contains(null))))) {
            throw validation(cmdlet, head + "The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.");
        }
        var range = p.range();
        if (range.isPresent() && v instanceof Long n) {
            long[] r = range.get();
            if (n > r[1]) throw validation(cmdlet, head + "The " + n + " argument is greater than the maximum allowed range of " + r[1]
                    + ". Supply an argument that is less than or equal to " + r[1] + " and then try the command again.");
            if (n < r[0]) throw validation(cmdlet, head + "The " + n + " argument is less than the minimum allowed range of " + r[0]
                    + ". Supply an argument that is greater than or equal to " + r[0] + " and then try the command again.");
        }
        var set = p.set();
        for (Object item : v instanceof List<?> l ? l : java.util.Collections.singletonList(v)) {
            if (set.isEmpty() || item == null || set.get().contains(text(item))) continue;
            throw validation(cmdlet, head + "The argument \"" + text(v) + "\" does not belong to the set \"" + String.join(",", set.get())
                    + "\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.");
        }
    }

    /** The ValidateSet member a value names (ignoring case), or the value itself when it names none. */
    static Object canonical(SimSignatures.Param p, Object v) {
        if (p.set().isEmpty() || v == null) return v;
        for (String member : p.set().get()) if (member.equalsIgnoreCase(text(v))) return member;
        return v;
    }

    static String text(Object v) { return SimValues.text(v); }

    private static String dotnet(String type) {
        return switch (type) {
            case "uint32" -> "System.UInt32"; case "uint16" -> "System.UInt16"; case "int" -> "System.Int32";
            case "bool", "switch" -> "System.Boolean"; case "ipaddress" -> "System.Net.IPAddress"; case "timespan" -> "System.TimeSpan";
            case "datetime" -> "System.DateTime";
            default -> "System.String";
        };
    }

    private static SimError transformation(String cmdlet, SimSignatures.Param p, String detail) {
        return SimError.binder("ParameterArgumentTransformationError", cmdlet, "InvalidData",
                "Cannot process argument transformation on parameter '" + p.name() + "'. " + detail);
    }

    private static SimError validation(String cmdlet, String message) {
        return SimError.binder("ParameterArgumentValidationError", cmdlet, "InvalidData", message);
    }
}
