package tandem.core;

import java.util.Set;

/** Kea HA and ISC dhcpd failover state names and what they mean for the console. */
public final class HaStates {
    private HaStates() {}

    /** States of a healthy relationship ("normal" is ISC dhcpd's failover state). */
    public static final Set<String> NORMAL = Set.of("load-balancing", "hot-standby", "backup", "passive-backup", "normal");

    /** States in which a server is not yet (or no longer) authoritative for the configuration. */
    private static final Set<String> NOT_ACTIVE = Set.of("waiting", "syncing", "ready", "in-maintenance",
            "startup", "recover", "recover-wait", "recover-done", "potential-conflict", "shutdown", "paused");

    public static boolean isNormal(String state) { return state != null && NORMAL.contains(state); }

    /**
     * Whether a peer that is up can be the source of truth. A standalone server has no HA state and is active
     * whenever its daemon answers.
     */
    public static boolean isActive(PeerObservation o, HaMode mode) {
        if (o == null || !o.up()) return false;
        if (mode == HaMode.STANDALONE) return true;
        return o.haState() != null && !NOT_ACTIVE.contains(o.haState());
    }
}
