package tandem.core;

public enum PeerRole {
    PRIMARY, SECONDARY, STANDBY, BACKUP;

    public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static PeerRole fromWire(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** The partner that takes over from the primary: secondary (load-balancing) or standby (hot-standby). */
    public boolean isPartner() { return this == SECONDARY || this == STANDBY; }

    @Override public String toString() { return wire(); }
}
