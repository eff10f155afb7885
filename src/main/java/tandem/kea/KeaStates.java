package tandem.kea;

import java.util.Set;
import tandem.core.backend.StateVocabulary;

/** Kea's HA states and what they mean for the console. */
public final class KeaStates implements StateVocabulary {
    public static final KeaStates VOCABULARY = new KeaStates();

    /** The states of a healthy relationship, one per role and mode. */
    private static final Set<String> NORMAL = Set.of("load-balancing", "hot-standby", "backup", "passive-backup");

    /** States in which a server is not yet (or no longer) authoritative for the configuration. */
    private static final Set<String> NOT_ACTIVE = Set.of("waiting", "syncing", "ready", "in-maintenance", "paused");

    /**
     * States in which the HA hook itself disables the server's DHCP service (hooks-ha, adjustNetworkState): the
     * server reports its disabled state through its HA state.
     */
    private static final Set<String> DHCP_DISABLED = Set.of("waiting", "syncing", "ready", "in-maintenance");

    private KeaStates() {}

    @Override public boolean handsOver(String state) { return "in-maintenance".equals(state); }

    @Override public String meaning(String state) {
        return state != null && DHCP_DISABLED.contains(state) ? "its DHCP service is disabled in this state" : null;
    }

    @Override public boolean isNormal(String state) { return state != null && NORMAL.contains(state); }

    @Override public boolean isActive(String state) { return state != null && !NOT_ACTIVE.contains(state); }
}
