package tandem.windows;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tandem.core.backend.StateVocabulary;

/**
 * Windows failover states (the {@code State} string of Get-DhcpServerv4Failover, one per server) as the status rules
 * read them. On the wire, in {@code status --json} and in the console, a state is written lower case with dashes:
 * {@code CommunicationInterrupted} is {@code communication-interrupted}. Any CamelCase name is converted the same
 * way, so a state a later Windows adds still shows under a readable name (and counts as impaired, not normal).
 */
public final class WindowsStates implements StateVocabulary {
    public static final WindowsStates VOCABULARY = new WindowsStates();

    /**
     * States in which the server answers clients on its own authority, so its configuration is the one to trust:
     * Normal; CommunicationInterrupted and ResolutionInterrupted (partner unreachable, it serves from its own pool
     * and its own configuration); PartnerDown (it serves everything alone, the source of truth); and
     * ConflictDone (the primary holds all updates and answers all). Not NoState, Init and Startup (not serving yet),
     * PotentialConflict (re-integrating, answers nobody), Recover, RecoverWait and RecoverDone (a returning server
     * rebuilding from its partner, whose configuration wins), nor any state Tandem does not know: the status rules
     * then fall back to any server that answers.
     */
    private static final Set<String> ACTIVE = Set.of("normal", "communication-interrupted", "resolution-interrupted",
            "partner-down", "conflict-done");

    /** What each state means for who serves (reference §3), shown next to the state when it is not normal. */
    private static final Map<String, String> MEANING = Map.ofEntries(
            Map.entry("no-state", "state unknown"),
            Map.entry("init", "initialising; serves nobody yet"),
            Map.entry("startup", "probing its partner; answers nobody"),
            Map.entry("normal", "both partners serve their share"),
            Map.entry("communication-interrupted", "partner unreachable; renews the partner's clients for MCLT only,"
                    + " new leases from its own pool"),
            Map.entry("partner-down", "serves all clients alone; owns the whole pool after MCLT"),
            Map.entry("potential-conflict", "re-integrating with its partner; answers nobody"),
            Map.entry("conflict-done", "the primary has all updates; answers all clients"),
            Map.entry("resolution-interrupted", "link lost while re-integrating; serves from its own pool"),
            Map.entry("recover", "returning server rebuilding its leases from the partner; answers nobody"),
            Map.entry("recover-wait", "returning server waiting MCLT; answers nobody"),
            Map.entry("recover-done", "returning server answers renewals only until both are normal"));

    private WindowsStates() {}

    @Override public boolean isNormal(String state) { return "normal".equals(wire(state)); }

    @Override public boolean isActive(String state) { return state != null && ACTIVE.contains(wire(state)); }

    @Override public String meaning(String state) { return state == null ? null : MEANING.get(wire(state)); }

    /**
     * "CommunicationInterrupted" → "communication-interrupted", "NoState" → "no-state"; a name already in that form
     * is unchanged; null stays null. A dash goes before a capital that follows a lower-case letter or digit, and
     * before the last capital of a run followed by a lower-case letter ("DHCPState" → "dhcp-state").
     */
    public static String wire(String windowsName) {
        if (windowsName == null) return null;
        String t = windowsName.strip();
        StringBuilder b = new StringBuilder(t.length() + 4);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == ' ' || c == '_' || c == '-') {
                if (b.length() > 0 && b.charAt(b.length() - 1) != '-') b.append('-');
                continue;
            }
            if (Character.isUpperCase(c) && i > 0 && b.length() > 0 && b.charAt(b.length() - 1) != '-') {
                char prev = t.charAt(i - 1);
                boolean nextLower = i + 1 < t.length() && Character.isLowerCase(t.charAt(i + 1));
                if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && nextLower)) {
                    b.append('-');
                }
            }
            b.append(c);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** "LoadBalance" → "load-balance", "HotStandby" → "hot-standby"; an unknown mode wired like a state. */
    public static String modeName(String windowsMode) {
        FailoverMode m = FailoverMode.parse(windowsMode);
        return m != null ? m.wire() : wire(windowsMode);
    }
}
