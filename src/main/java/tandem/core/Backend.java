package tandem.core;

/** The kind of DHCP server a record talks to. Windows Server joins later. */
public enum Backend {
    KEA("kea"),
    ISC("isc");

    private final String wire;

    Backend(String wire) { this.wire = wire; }

    public String wire() { return wire; }

    public static Backend fromWire(String s) {
        for (Backend b : values()) if (b.wire.equalsIgnoreCase(s)) return b;
        throw new IllegalArgumentException("Unknown backend: " + s);
    }
}
