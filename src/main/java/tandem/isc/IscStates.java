package tandem.isc;

import java.util.Set;
import tandem.core.backend.StateVocabulary;

/** dhcpd's failover states (as OMAPI reports them) and what they mean for the console. */
public final class IscStates implements StateVocabulary {
    public static final IscStates VOCABULARY = new IscStates();

    /** States in which a server does not (yet) serve its share on its own authority. */
    private static final Set<String> NOT_ACTIVE = Set.of("startup", "recover", "recover-wait", "recover-done",
            "potential-conflict", "shutdown", "paused");

    private IscStates() {}

    @Override public boolean isNormal(String state) { return "normal".equals(state); }

    @Override public boolean isActive(String state) { return state != null && !NOT_ACTIVE.contains(state); }
}
