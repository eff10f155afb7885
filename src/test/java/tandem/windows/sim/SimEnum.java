package tandem.windows.sim;

/**
 * A .NET enum value, e.g. a service's Status {@code Running} (4): ConvertTo-Json writes the number, string
 * conversion the name.
 */
public record SimEnum(String typeName, String name, long value) {
    @Override public String toString() { return name; }
}
