package tandem.windows.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The simulator's PowerShell operators, casts, members, methods and whitelisted statics. */
final class SimOps {
    static final String ERROR_RECORD = "System.Management.Automation.ErrorRecord";
    static final String RUNTIME = "System.Management.Automation.RuntimeException";
    static final String UTF8 = "System.Text.UTF8Encoding";
    static final String TEXT_READER = "System.IO.SyncTextReader";
    private static final List<String> CATEGORIES = List.of("NotSpecified", "OpenError", "CloseError", "DeviceError", "DeadlockDetected",
            "InvalidArgument", "InvalidData", "InvalidOperation", "InvalidResult", "InvalidType", "MetadataError", "NotImplemented",
            "NotInstalled", "ObjectNotFound", "OperationStopped", "OperationTimeout", "SyntaxError", "ParserError", "PermissionDenied",
            "ResourceBusy", "ResourceExists", "ResourceUnavailable", "ReadError", "WriteError", "FromStdErr", "SecurityError",
            "ProtocolError", "ConnectionError", "AuthenticationError", "LimitsExceeded", "QuotaExceeded", "NotEnabled");

    /** A script block value ({@code { ... }} or {@code [ScriptBlock]::Create(...)}). */
    record ScriptBlock(List<SimAst.Stmt> body, String text) {
        @Override public String toString() { return text; }
    }

    private SimOps() {}

    static SimError runtime(String message, String fqid, String category) { return new SimError(message, fqid, category, RUNTIME); }

    /** The error record {@code $_} is in a catch block. */
    static SimObject errorRecord(SimError e) {
        int n = CATEGORIES.indexOf(e.category());
        return new SimObject(ERROR_RECORD)
                .put("Exception", new SimObject(e.exceptionType()).put("Message", e.getMessage()))
                .put("FullyQualifiedErrorId", e.fqid())
                .put("CategoryInfo", new SimObject("System.Management.Automation.ErrorCategoryInfo")
                        .put("Category", new SimEnum("System.Management.Automation.ErrorCategory", e.category(), Math.max(n, 0))))
                .put("TargetObject", null);
    }

    static String typeName(Object v) {
        if (v == null) return "null";
        if (v instanceof String) return "System.String";
        if (v instanceof Long n) return n == n.intValue() ? "System.Int32" : "System.Int64";
        if (v instanceof Double) return "System.Double";
        if (v instanceof Boolean) return "System.Boolean";
        if (v instanceof SimIp) return "System.Net.IPAddress";
        if (v instanceof Duration) return "System.TimeSpan";
        if (v instanceof OffsetDateTime) return "System.DateTimeOffset";
        if (v instanceof List) return "System.Object[]";
        if (v instanceof byte[]) return "System.Byte[]";
        if (v instanceof SimObject o) return o.typeName();
        if (v instanceof SimEnum e) return e.typeName();
        if (v instanceof ScriptBlock) return "System.Management.Automation.ScriptBlock";
        return v.getClass().getName();
    }

    // ---- operators

    static Object binary(String op, Object l, Object r) {
        switch (op) {
            case "join": {
                List<?> items = l instanceof List<?> list ? list : java.util.Collections.singletonList(l);
                return String.join(SimValues.text(r), items.stream().map(SimValues::text).toList());
            }
            case "split": {
                Pattern p = Pattern.compile(SimValues.text(r), Pattern.CASE_INSENSITIVE);
                List<Object> out = new ArrayList<>();
                for (Object item : l instanceof List<?> list ? list : java.util.Collections.singletonList(l)) {
                    out.addAll(List.of(p.split(SimValues.text(item), -1)));
                }
                return out;
            }
            default:
        }
        if (l instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) if (compare(op, item, r)) out.add(item);
            return out;
        }
        return compare(op, l, r);
    }

    private static boolean compare(String op, Object l, Object r) {
        switch (op) {
            case "eq": return equal(l, r);
            case "ne": return !equal(l, r);
            case "like": return like(l, r);
            case "notlike": return !like(l, r);
            default:
        }
        int c = order(l, r);
        return switch (op) { case "lt" -> c < 0; case "gt" -> c > 0; case "le" -> c <= 0; default -> c >= 0; };
    }

    static boolean equal(Object l, Object r) {
        if (l == null || r == null) return l == null && r == null;
        if (l instanceof String s) return s.equalsIgnoreCase(SimValues.text(r));
        if (l instanceof Long || l instanceof Double) {
            Double n = number(r);
            return n != null && n.doubleValue() == ((Number) l).doubleValue();
        }
        if (l instanceof Boolean b) return b == SimValues.truth(r);
        if (l instanceof SimEnum e) return r instanceof Number n ? n.longValue() == e.value() : e.name().equalsIgnoreCase(SimValues.text(r));
        if (l instanceof SimIp || l instanceof Duration) return SimValues.text(l).equalsIgnoreCase(SimValues.text(r));
        return l.equals(r);
    }

    private static int order(Object l, Object r) {
        if (l instanceof Long || l instanceof Double) {
            Double n = number(r);
            if (n == null) throw runtime("Could not compare \"" + SimValues.text(l) + "\" to \"" + SimValues.text(r) + "\".", "ComparisonFailure", "InvalidOperation");
            return Double.compare(((Number) l).doubleValue(), n);
        }
        if (l instanceof Duration d && r instanceof Duration e) return d.compareTo(e);
        if (l == null) return r == null ? 0 : -1;
        return SimValues.text(l).compareToIgnoreCase(SimValues.text(r));
    }

    private static Double number(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof Boolean b) return b ? 1.0 : 0.0;
        if (v instanceof SimEnum e) return (double) e.value();
        if (v instanceof String s) {
            try { return Double.parseDouble(s.trim()); } catch (NumberFormatException e) { return null; }
        }
        return null;
    }

    private static boolean like(Object l, Object r) {
        StringBuilder re = new StringBuilder();
        for (char c : SimValues.text(r).toCharArray()) {
            if (c == '*') re.append(".*");
            else if (c == '?') re.append('.');
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(SimValues.text(l)).matches();
    }

    // ---- casts

    static Object cast(String type, Object v) {
        String t = type.toLowerCase(Locale.ROOT).replaceFirst("^system\\.", "");
        switch (t) {
            case "string": return v == null ? "" : SimValues.text(v);
            case "bool": case "boolean": return SimValues.truth(v);
            case "int": case "int32": return integer(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "System.Int32");
            case "int64": case "long": return integer(v, Long.MIN_VALUE, Long.MAX_VALUE, "System.Int64");
            case "uint32": return integer(v, 0, 4294967295L, "System.UInt32");
            case "double": {
                Double d = v == null ? Double.valueOf(0) : number(v);
                if (d == null) throw invalidCast(v, "System.Double", "Input string was not in a correct format.");
                return d;
            }
            case "timespan": {
                if (v instanceof Duration || v == null) return v == null ? Duration.ZERO : v;
                if (v instanceof Long ticks) return Duration.ofNanos(ticks * 100);
                Duration d = v instanceof String s ? SimConvert.parseTimeSpan(s.trim()) : null;
                if (d == null) throw invalidCast(v, "System.TimeSpan", "String was not recognized as a valid TimeSpan.");
                return d;
            }
            case "datetimeoffset": case "datetime": {
                java.time.OffsetDateTime d = SimConvert.parseDateTime(v);
                if (d == null) throw invalidCast(v, "System." + (t.equals("datetime") ? "DateTime" : "DateTimeOffset"), "String was not recognized as a valid DateTime.");
                return d;
            }
            case "ipaddress": case "net.ipaddress": {
                if (v instanceof SimIp) return v;
                try { return new SimIp(SimValues.text(v).trim()); } catch (IllegalArgumentException e) {
                    throw invalidCast(v, "System.Net.IPAddress", "An invalid IP address was specified.");
                }
            }
            default: throw runtime("Unable to find type [" + type + "].", "TypeNotFound", "InvalidOperation");
        }
    }

    private static Long integer(Object v, long min, long max, String name) {
        if (v == null) return 0L;
        Double d = v instanceof List ? null : number(v);
        if (d == null) throw invalidCast(v, name, "Input string was not in a correct format.");
        double rounded = Math.rint(d); // .NET rounds half to even
        if (rounded < min || rounded > max) throw invalidCast(v, name, "Value was either too large or too small for " + (name.endsWith("Int32") ? "an Int32." : "a " + name.substring(7) + "."));
        return (long) rounded;
    }

    private static SimError invalidCast(Object v, String type, String why) {
        return runtime("Cannot convert value \"" + SimValues.text(v) + "\" to type \"" + type + "\". Error: \"" + why + "\"",
                type.contains("Int") ? "InvalidCastFromStringToInteger" : "InvalidCastParseTargetInvocation", "InvalidArgument");
    }

    // ---- members and methods

    static Object member(Object v, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (v == null) return n.equals("count") || n.equals("length") ? (Object) 0L : null;
        if (v instanceof SimObject o) {
            if (o.has(name)) return o.get(name);
            boolean dictionary = o.typeName().startsWith("System.Collections.");
            if (dictionary && n.equals("count")) return (long) o.properties().size();
            if (dictionary && n.equals("keys")) return new ArrayList<Object>(o.properties().keySet());
            return n.equals("count") || n.equals("length") ? 1L : null;
        }
        if (v instanceof List<?> list) {
            if (n.equals("count") || n.equals("length")) return (long) list.size();
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object m = member(item, name);
                if (m instanceof List<?> inner) out.addAll(inner); else if (m != null) out.add(m);
            }
            return out.size() == 1 ? out.get(0) : out;
        }
        if (v instanceof byte[] b && (n.equals("count") || n.equals("length"))) return (long) b.length;
        if (v instanceof String s && n.equals("length")) return (long) s.length();
        if (v instanceof Duration d) {
            long ticks = d.getSeconds() * 10_000_000L + d.getNano() / 100;
            switch (n) {
                case "ticks": return ticks;
                case "days": return d.toDays();
                case "hours": return (long) d.toHoursPart();
                case "minutes": return (long) d.toMinutesPart();
                case "seconds": return (long) d.toSecondsPart();
                case "milliseconds": return (long) d.toMillisPart();
                case "totaldays": return ticks / 864_000_000_000.0;
                case "totalhours": return ticks / 36_000_000_000.0;
                case "totalminutes": return ticks / 600_000_000.0;
                case "totalseconds": return ticks / 10_000_000.0;
                case "totalmilliseconds": return ticks / 10_000.0;
                default:
            }
        }
        if (v instanceof SimIp ip) {
            switch (n) {
                case "ipaddresstostring": return ip.text();
                case "address": return Long.reverseBytes(ip.toLong()) >>> 32; // .NET keeps the address little-endian
                case "addressfamily": return new SimEnum("System.Net.Sockets.AddressFamily", "InterNetwork", 2);
                default:
            }
        }
        if (v instanceof SimEnum e && n.equals("value__")) return e.value();
        if (n.equals("count") || n.equals("length")) return 1L;
        return null;
    }

    static Object method(SimEvaluator ev, Object v, String name, List<Object> args) {
        String n = name.toLowerCase(Locale.ROOT);
        if (v == null) throw runtime("You cannot call a method on a null-valued expression.", "InvokeMethodOnNull", "InvalidOperation");
        if (n.equals("tostring") && args.isEmpty()) return SimValues.text(v);
        if (n.equals("gettype") && args.isEmpty()) {
            String full = typeName(v);
            return new SimObject("System.RuntimeType").put("FullName", full).put("Name", full.substring(full.lastIndexOf('.') + 1));
        }
        if (v instanceof SimObject o && o.typeName().equals(TEXT_READER) && n.equals("readtoend")) return ev.readStdin();
        if (v instanceof SimObject o && o.typeName().equals(UTF8) && n.equals("getstring") && args.size() == 1 && args.get(0) instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (v instanceof OffsetDateTime t && n.equals("tounixtimeseconds")) return t.toEpochSecond();
        throw runtime("Method invocation failed because [" + typeName(v) + "] does not contain a method named '" + name + "'.",
                "MethodNotFound", "InvalidOperation");
    }

    private static String staticType(String type) {
        return type.toLowerCase(Locale.ROOT).replaceFirst("^system\\.", "");
    }

    static Object staticMember(SimEvaluator ev, String type, String name) {
        String key = staticType(type) + "::" + name.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "console::in" -> new SimObject(TEXT_READER);
            case "console::outputencoding" -> ev.outputEncoding();
            case "text.encoding::utf8" -> utf8();
            case "datetimeoffset::utcnow" -> ev.now();
            default -> throw runtime("Unable to find type [" + type + "].", "TypeNotFound", "InvalidOperation");
        };
    }

    static Object staticCall(SimEvaluator ev, String type, String name, List<Object> args) {
        String key = staticType(type) + "::" + name.toLowerCase(Locale.ROOT);
        switch (key) {
            case "convert::frombase64string": {
                String s = SimValues.text(args.isEmpty() ? null : args.get(0)).replaceAll("[ \\t\\r\\n]", "");
                try {
                    return Base64.getDecoder().decode(s);
                } catch (IllegalArgumentException e) {
                    throw new SimError("Exception calling \"FromBase64String\" with \"1\" argument(s): \"The input is not a valid Base-64 string as it "
                            + "contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters. \"",
                            "FormatException", "NotSpecified", "System.Management.Automation.MethodInvocationException");
                }
            }
            case "scriptblock::create": {
                String text = SimValues.text(args.isEmpty() ? null : args.get(0));
                try {
                    return new ScriptBlock(SimParser.parse(text), text);
                } catch (SimError e) {
                    throw new SimError("Exception calling \"Create\" with \"1\" argument(s): \"" + e.getMessage() + "\"", "ParseException",
                            "NotSpecified", "System.Management.Automation.MethodInvocationException");
                }
            }
            default:
                throw runtime("Method invocation failed because [" + type + "] does not contain a method named '" + name + "'.", "MethodNotFound", "InvalidOperation");
        }
    }

    static SimObject utf8() {
        return new SimObject(UTF8).put("BodyName", "utf-8").put("EncodingName", "Unicode (UTF-8)").put("WebName", "utf-8").put("CodePage", 65001L);
    }
}
