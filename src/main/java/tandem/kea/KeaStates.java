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

    private KeaStates() {}

    @Override public boolean isNormal(String state) { return state != null && NORMAL.contains(state); }

    @Override public boolean isActive(String state) { return state != null && !NOT_ACTIVE.contains(state); }
}
