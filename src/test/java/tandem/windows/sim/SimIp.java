package tandem.windows.sim;

/** A .NET IPAddress (IPv4) as the simulator's cmdlets take and return it; {@code text} is its dotted form. */
public record SimIp(String text) {
    public SimIp {
        if (!text.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
    }

    public long toLong() {
        long v = 0;
        for (String part : text.split("\\.")) v = (v << 8) | Long.parseLong(part);
        return v;
    }

    public static SimIp of(long value) {
        return new SimIp(((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255));
    }

    @Override public String toString() { return text; }
}
