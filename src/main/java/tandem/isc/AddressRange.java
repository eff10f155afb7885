package tandem.isc;

import java.util.List;

/** A {@code range [dynamic-bootp] LOW [HIGH];} statement; {@code high} equals {@code low} for a one-address range. */
public record AddressRange(String low, String high, boolean dynamicBootp) {
    public AddressRange {
        if (high == null) high = low;
    }

    public static AddressRange of(String low, String high) { return new AddressRange(low, high, false); }

    /** Parses "10.0.0.10 10.0.0.20" or "10.0.0.10-10.0.0.20" or a single address. */
    public static AddressRange parse(String text) {
        String[] parts = text.strip().split("\\s*[ -]\\s*");
        if (parts.length == 1) return of(parts[0], parts[0]);
        if (parts.length == 2) return of(parts[0], parts[1]);
        throw new IllegalArgumentException("a range is LOW HIGH, e.g. 10.0.0.100 10.0.0.200 (got " + text + ")");
    }

    static AddressRange fromTokens(List<ConfToken> tokens) {
        int i = 1;
        boolean bootp = tokens.size() > i && tokens.get(i).is("dynamic-bootp");
        if (bootp) i++;
        String low = tokens.size() > i ? tokens.get(i).value() : null;
        String high = tokens.size() > i + 1 ? tokens.get(i + 1).value() : low;
        return new AddressRange(low, high, bootp);
    }

    public String statement() {
        return "range " + (dynamicBootp ? "dynamic-bootp " : "") + low + (high.equals(low) ? "" : " " + high);
    }

    @Override public String toString() { return low + (high.equals(low) ? "" : " - " + high); }
}
