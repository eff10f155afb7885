package tandem.core;

/** The kind of DHCP server a record talks to. */
public enum Backend {
    KEA("kea"),
    ISC("isc"),
    WINDOWS("windows");

    private final String wire;

    Backend(String wire) { this.wire = wire; }

    public String wire() { return wire; }

    /**
     * A failover mode in this backend's own words, as its administrators read it and as {@code status --json} writes
     * it: Windows says "load-balance" where Kea says "load-balancing".
     */
    public String modeName(HaMode mode) {
        if (this == WINDOWS && mode == HaMode.LOAD_BALANCING) return "load-balance";
        return mode.wire();
    }

    public static Backend fromWire(String s) {
        for (Backend b : values()) if (b.wire.equalsIgnoreCase(s)) return b;
        throw new IllegalArgumentException("Unknown backend: " + s);
    }
}
