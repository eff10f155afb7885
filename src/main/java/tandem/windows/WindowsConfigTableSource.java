package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tandem.core.AddressRules;
import tandem.core.PeerDefinition;
import tandem.core.Relationship;
import tandem.core.config.ConfigRow;
import tandem.core.config.ConfigTableSource;
import tandem.core.config.ConfigTables;

/**
 * Reads a Windows server's scopes for the console's tables, through the same session and reads as its changes:
 * each scope with its use (Get-DhcpServerv4ScopeStatistics), the range that is handed out (the scope's range minus
 * its exclusions), its reservations, option values at server, scope and reservation level, and the superscopes as
 * shared networks (read only). The relationship's
 * own server is asked first, then its partner.
 */
public final class WindowsConfigTableSource implements ConfigTableSource {
    private static final String IN_FAILOVER = "in failover ";
    private static final String NO_FAILOVER = "not in failover";

    private final WindowsServers servers;
    private final Clock clock;

    public WindowsConfigTableSource(WindowsServers servers, Clock clock) {
        this.servers = servers;
        this.clock = clock;
    }

    @Override
    public ConfigTables read(Relationship relationship) throws IOException {
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(relationship.serverName());
        for (PeerDefinition p : relationship.peers()) if (servers.peers().record(p.name()).isPresent()) candidates.add(p.name());
        IOException last = null;
        for (String server : candidates) {
            try (WindowsSession s = servers.open(server)) {
                return read(relationship.name(), s);
            } catch (IOException e) {
                last = e;
            } catch (IllegalArgumentException e) {
                last = new IOException(e.getMessage(), e);
            }
        }
        throw new IOException("No server of " + relationship.name() + " answers: " + last.getMessage(), last);
    }

    /** The tables of the server behind the session. */
    public ConfigTables read(String relationship, WindowsSession s) throws IOException {
        ServerView view = WindowsServers.view(s);
        Map<String, ScopeConfig> scopes = WindowsServers.scopeConfigs(s, WindowsServers.sorted(view.scopeIds()));
        JsonNode extras = s.run(WindowsScripts.tableExtras());
        Map<String, WinScopeStatistics> stats = new LinkedHashMap<>();
        for (JsonNode row : WindowsReads.rows(extras.get("statistics"))) {
            WinScopeStatistics st = WinScopeStatistics.from(row);
            stats.put(st.scopeId(), st);
        }
        List<ConfigRow.Subnet> subnets = new ArrayList<>();
        List<ConfigRow.Pool> pools = new ArrayList<>();
        List<ConfigRow.Reservation> reservations = new ArrayList<>();
        List<ConfigRow.Option> options = new ArrayList<>();
        // a superscope is Windows's shared network: scopes on one physical link; a scope in none has an empty name
        Map<String, List<String>> superscopes = new LinkedHashMap<>();
        Map<String, String> superscopeOf = new LinkedHashMap<>();
        for (JsonNode row : WindowsReads.rows(extras.get("superscopes"))) {
            String name = row.path("name").asText("").strip();
            if (name.isEmpty()) continue;
            for (String id : row.path("scopeIds").asText("").split(",")) {
                if (!id.isBlank()) superscopeOf.put(id.strip(), name);
            }
            superscopes.put(name, new ArrayList<>());
        }
        for (JsonNode row : WindowsReads.rows(extras.get("serverOptions"))) options.add(option("global", WinOptionValue.from(row)));
        for (ScopeConfig c : scopes.values()) {
            WinScope scope = c.scope();
            String cidr = cidr(scope);
            List<long[]> served = served(scope, c.exclusions());
            String excluded = c.exclusions().isEmpty() ? null : "scope range " + scope.startRange() + " - "
                    + scope.endRange() + " minus exclusion(s) " + String.join(", ", c.exclusions().stream()
                    .map(e -> e.startRange() + " - " + e.endRange()).toList());
            for (long[] r : served) {
                pools.add(new ConfigRow.Pool(cidr, AddressRules.format(r[0]) + " - " + AddressRules.format(r[1]), excluded));
            }
            for (WinReservation r : c.reservations()) {
                reservations.add(new ConfigRow.Reservation(cidr, "client-id " + r.clientId(), r.ipAddress(), null,
                        r.name().isEmpty() ? null : r.name()));
            }
            for (WinOptionValue o : c.options()) {
                options.add(option(o.atScopeLevel() ? cidr : "reservation " + o.reservedIp(), o));
            }
            WinScopeStatistics st = stats.get(scope.scopeId());
            Long addresses = st != null && st.addresses() != null ? st.addresses()
                    : served.stream().mapToLong(r -> r[1] - r[0] + 1).sum();
            String failover = view.failoverOf(scope.scopeId()).map(f -> IN_FAILOVER + f.name()).orElse(NO_FAILOVER);
            List<String> comment = new ArrayList<>();
            if (!scope.name().isEmpty()) comment.add(scope.name());
            if (!"Active".equalsIgnoreCase(scope.state())) comment.add(scope.state().toLowerCase(java.util.Locale.ROOT));
            comment.add(failover);
            String superscope = superscopeOf.get(scope.scopeId());
            if (superscope != null) superscopes.get(superscope).add(cidr);
            subnets.add(new ConfigRow.Subnet(cidr, scope.scopeId(), superscope, served.size(), c.reservations().size(), addresses,
                    st == null ? null : st.inUse(), String.join("; ", comment)));
        }
        List<ConfigRow.SharedNetwork> shared = new ArrayList<>();
        superscopes.forEach((name, members) -> shared.add(new ConfigRow.SharedNetwork(name, members, "superscope")));
        return new ConfigTables(relationship, s.server(), clock.instant(), subnets, pools, reservations, options,
                shared, List.of());
    }

    /** The relationship a scope row's scope is in, as the table read it; null when in none. */
    public static String failoverOf(ConfigRow.Subnet scope) {
        String c = scope.comment() == null ? "" : scope.comment();
        int at = c.lastIndexOf(IN_FAILOVER);
        return at < 0 ? null : c.substring(at + IN_FAILOVER.length());
    }

    private static ConfigRow.Option option(String level, WinOptionValue o) {
        return new ConfigRow.Option(level, o.name(), o.optionId(), String.join(", ", o.value()));
    }

    private static String cidr(WinScope s) {
        long mask = AddressRules.ipv4(s.subnetMask());
        return mask < 0 ? s.scopeId() : s.scopeId() + "/" + Long.bitCount(mask);
    }

    /** The scope's range with its exclusions cut out, as first/last address pairs. */
    static List<long[]> served(WinScope scope, List<WinExclusion> exclusions) {
        List<long[]> out = new ArrayList<>();
        long lo = AddressRules.ipv4(scope.startRange()), hi = AddressRules.ipv4(scope.endRange());
        if (lo < 0 || hi < lo) return out;
        out.add(new long[] {lo, hi});
        for (WinExclusion e : exclusions) {
            long a = AddressRules.ipv4(e.startRange()), b = AddressRules.ipv4(e.endRange());
            if (a < 0 || b < a) continue;
            List<long[]> next = new ArrayList<>();
            for (long[] r : out) {
                if (b < r[0] || a > r[1]) {
                    next.add(r);
                    continue;
                }
                if (a > r[0]) next.add(new long[] {r[0], a - 1});
                if (b < r[1]) next.add(new long[] {b + 1, r[1]});
            }
            out = next;
        }
        return out;
    }
}
