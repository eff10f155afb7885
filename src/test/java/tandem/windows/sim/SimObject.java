package tandem.windows.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An object a simulated cmdlet writes to the pipeline: a type name and its properties in order. Property values are
 * {@code null}, String, Long, Double, Boolean, {@link SimIp}, {@link SimEnum}, {@link java.time.Duration} (a
 * TimeSpan), {@link java.time.OffsetDateTime} (a DateTime), {@code List<Object>} (an array) or another SimObject.
 * Property names match as PowerShell matches them: ignoring case.
 */
public final class SimObject {
    private final String typeName;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public SimObject(String typeName) { this.typeName = typeName; }

    public String typeName() { return typeName; }

    public SimObject put(String name, Object value) {
        properties.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        properties.put(name, value);
        return this;
    }

    public boolean has(String name) { return properties.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name)); }

    public Object get(String name) {
        for (Map.Entry<String, Object> e : properties.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        return null;
    }

    /** The properties in their order, read only. */
    public Map<String, Object> properties() { return java.util.Collections.unmodifiableMap(properties); }

    @Override public String toString() { return typeName + properties; }
}
