package tandem.windows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tandem.core.PeerDefinition;
import tandem.core.Relationship;

/**
 * Partners that drifted apart: Windows replicates leases continuously but every other scope change stays on the
 * server it was made on until someone replicates it. Each failover scope is compared on both partners (the source
 * of truth's copy against the partner's), and the partners' clocks, which must stay within a minute.
 */
public final class WindowsDrift {
    private WindowsDrift() {}

    /**
     * @param kind    "differs" or "one-side"
     * @param onlyOn  for one-side: the server that has it
     * @param summary e.g. "differs: 3 reservations, option 6"
     */
    public record ScopeDrift(String relationship, String scopeId, List<String> servers, String kind, String onlyOn,
                             String summary, ScopeDiff diff) {}

    public record ClockDrift(String relationship, List<String> servers, long skewSeconds) {}

    public record Report(List<ScopeDrift> scopes, List<ClockDrift> clocks, List<String> unread) {
        public boolean clean() { return scopes.isEmpty() && clocks.isEmpty(); }
    }

    public static Report check(WindowsServers servers, List<Relationship> relationships) {
        List<ScopeDrift> scopes = new ArrayList<>();
        List<ClockDrift> clocks = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        for (Relationship rel : relationships) {
            if (rel.backend() != tandem.core.Backend.WINDOWS || rel.peers().size() < 2) continue;
            try {
                compare(servers, rel, scopes, clocks);
            } catch (IOException | RuntimeException e) {
                unread.add(rel.name() + ": " + e.getMessage());
            }
        }
        return new Report(scopes, clocks, unread);
    }

    private static void compare(WindowsServers servers, Relationship rel, List<ScopeDrift> scopes, List<ClockDrift> clocks)
            throws IOException {
        String a = rel.serverName();
        String b = rel.peers().stream().map(PeerDefinition::name).filter(n -> !n.equals(a)).findFirst().orElseThrow();
        try (WindowsSession sa = servers.open(a); WindowsSession sb = servers.open(b)) {
            long askedA = System.currentTimeMillis();
            WindowsReads.ServerState stA = WindowsReads.state(sa);
            long askedB = System.currentTimeMillis();
            WindowsReads.ServerState stB = WindowsReads.state(sb);
            if (stA.unixTime() != null && stB.unixTime() != null) {
                long skew = Math.abs((stA.unixTime() - askedA / 1000) - (stB.unixTime() - askedB / 1000));
                if (skew > WindowsFacts.MAX_CLOCK_SKEW_SECONDS) clocks.add(new ClockDrift(rel.name(), List.of(a, b), skew));
            }
            Set<String> ids = new LinkedHashSet<>();
            failover(stA, rel).ifPresent(f -> ids.addAll(f.scopeIds()));
            failover(stB, rel).ifPresent(f -> ids.addAll(f.scopeIds()));
            List<String> list = WindowsServers.sorted(ids);
            Map<String, ScopeConfig> onA = WindowsServers.scopeConfigs(sa, list);
            Map<String, ScopeConfig> onB = WindowsServers.scopeConfigs(sb, list);
            for (String id : list) {
                ScopeConfig x = onA.get(id), y = onB.get(id);
                if (x == null && y == null) continue;
                if (x == null || y == null) {
                    String has = x == null ? b : a;
                    scopes.add(new ScopeDrift(rel.name(), id, List.of(a, b), "one-side", has, "only on " + has,
                            ScopeDiff.between(x, y)));
                    continue;
                }
                ScopeDiff d = ScopeDiff.between(x, y);
                if (!d.isEmpty()) scopes.add(new ScopeDrift(rel.name(), id, List.of(a, b), "differs", null, d.summary(a, b), d));
            }
        }
    }

    private static Optional<WinFailover> failover(WindowsReads.ServerState st, Relationship rel) {
        return st.failovers().stream().filter(f -> f.name().equalsIgnoreCase(rel.name())).findFirst();
    }
}
