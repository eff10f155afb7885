package tandem.windows.sim;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ConvertTo-Json as Windows PowerShell 5.1 writes it: IPAddress and TimeSpan as objects, enums as numbers, DateTime as
 * {@code "\/Date(ms)\/"}, {@code <>&'} escaped as {@code \u003c}..., objects deeper than -Depth as their string, a
 * cmdlet object's array property wrapped as {@code {"value":[...],"Count":n}}, and the ETS {@code IPAddressToString}
 * only on an address that is not an array element.
 */
final class SimJson {
    /** A DateTime already in its 5.1 form. */
    private record Date(long millis) {}

    private final int maxDepth;

    private SimJson(int maxDepth) { this.maxDepth = maxDepth; }

    /** The JSON of {@code -InputObject value}: a top-level array stays a plain array. */
    static String write(Object value, int depth, boolean compress) {
        SimJson json = new SimJson(depth);
        return render(value instanceof List<?> ? json.process(value, 0, false) : json.process(value, 0, true), compress);
    }

    /** The JSON of pipeline input: one object bare, several as an array of (PSObject-wrapped) items. */
    static String writePipeline(List<Object> items, int depth, boolean compress) {
        SimJson json = new SimJson(depth);
        if (items.size() == 1) return render(json.process(items.get(0), 0, true), compress);
        List<Object> out = new ArrayList<>();
        for (Object item : items) out.add(json.process(item, 1, true));
        return render(out, compress);
    }

    private static String render(Object tree, boolean compress) {
        StringBuilder b = new StringBuilder();
        if (compress) compact(tree, b); else pretty(tree, b, 0);
        return b.toString();
    }

    private static boolean isDictionary(SimObject o) {
        return o.typeName().equals("System.Collections.Hashtable") || o.typeName().equals("System.Collections.Specialized.OrderedDictionary");
    }

    /** {@code wrapped}: the value reached ConvertTo-Json inside a PSObject (pipeline object or a cmdlet object's property). */
    private Object process(Object v, int depth, boolean wrapped) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) return v;
        if (v instanceof SimEnum e) return e.value();
        if (v instanceof OffsetDateTime t) return new Date(t.toInstant().toEpochMilli());
        if (depth > maxDepth) return SimValues.text(v);
        Map<String, Object> m = new LinkedHashMap<>();
        if (v instanceof SimIp ip) {
            m.put("Address", SimOps.member(ip, "Address"));
            m.put("AddressFamily", 2L);
            m.put("ScopeId", null); // reading it throws for IPv4; the serializer writes null
            for (String p : List.of("IsIPv6Multicast", "IsIPv6LinkLocal", "IsIPv6SiteLocal", "IsIPv6Teredo", "IsIPv4MappedToIPv6")) m.put(p, false);
            if (wrapped) m.put("IPAddressToString", ip.text());
            return m;
        }
        if (v instanceof Duration d) {
            for (String p : List.of("Ticks", "Days", "Hours", "Milliseconds", "Minutes", "Seconds", "TotalDays", "TotalHours",
                    "TotalMilliseconds", "TotalMinutes", "TotalSeconds")) m.put(p, SimOps.member(d, p));
            return m;
        }
        if (v instanceof byte[] bytes) {
            List<Object> out = new ArrayList<>();
            for (byte x : bytes) out.add((long) (x & 0xff));
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) out.add(process(item, depth + 1, false));
            if (!wrapped) return out;
            m.put("value", out);
            m.put("Count", (long) list.size());
            return m;
        }
        if (v instanceof SimObject o) {
            boolean cim = !isDictionary(o);
            for (var e : o.properties().entrySet()) m.put(e.getKey(), process(e.getValue(), depth + 1, cim));
            return m;
        }
        return SimValues.text(v);
    }

    private static void compact(Object t, StringBuilder b) {
        if (t instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (var e : m.entrySet()) {
                if (!first) b.append(',');
                first = false;
                string((String) e.getKey(), b);
                b.append(':');
                compact(e.getValue(), b);
            }
            b.append('}');
        } else if (t instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) b.append(',');
                compact(l.get(i), b);
            }
            b.append(']');
        } else scalar(t, b);
    }

    /** 5.1's layout: four spaces in from the column of the opening bracket, two spaces after a colon, CRLF lines. */
    private static void pretty(Object t, StringBuilder b, int col) {
        String nl = "\r\n";
        if (t instanceof Map<?, ?> m) {
            b.append('{').append(nl);
            int i = 0;
            for (var e : m.entrySet()) {
                StringBuilder key = new StringBuilder();
                string((String) e.getKey(), key);
                key.append(":  ");
                b.append(" ".repeat(col + 4)).append(key);
                pretty(e.getValue(), b, col + 4 + key.length());
                if (++i < m.size()) b.append(',');
                b.append(nl);
            }
            if (m.isEmpty()) b.append(nl);
            b.append(" ".repeat(col)).append('}');
        } else if (t instanceof List<?> l) {
            b.append('[').append(nl);
            for (int i = 0; i < l.size(); i++) {
                b.append(" ".repeat(col + 4));
                pretty(l.get(i), b, col + 4);
                if (i + 1 < l.size()) b.append(',');
                b.append(nl);
            }
            if (l.isEmpty()) b.append(nl);
            b.append(" ".repeat(col)).append(']');
        } else scalar(t, b);
    }

    private static void scalar(Object t, StringBuilder b) {
        if (t == null) b.append("null");
        else if (t instanceof Boolean x) b.append(x);
        else if (t instanceof Long x) b.append(x);
        else if (t instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) b.append(d.longValue());
            else if (d.isNaN() || d.isInfinite()) b.append('"').append(d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity").append('"');
            else b.append(d);
        } else if (t instanceof Date d) b.append("\"\\/Date(").append(d.millis()).append(")\\/\"");
        else string(SimValues.text(t), b);
    }

    private static void string(String s, StringBuilder b) {
        b.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '<', '>', '&', '\'' -> b.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c)); else b.append(c);
                }
            }
        }
        b.append('"');
    }
}
