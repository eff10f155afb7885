package tandem.core;

/** How the servers of a relationship share the work; STANDALONE is a server without a partner. */
public enum HaMode {
    LOAD_BALANCING("load-balancing"),
    HOT_STANDBY("hot-standby"),
    PASSIVE_BACKUP("passive-backup"),
    STANDALONE("standalone");

    private final String wire;

    HaMode(String wire) { this.wire = wire; }

    public String wire() { return wire; }

    public static HaMode fromWire(String s) {
        for (HaMode m : values()) if (m.wire.equalsIgnoreCase(s)) return m;
        throw new IllegalArgumentException("Unknown HA mode: " + s);
    }

    @Override public String toString() { return wire; }
}
