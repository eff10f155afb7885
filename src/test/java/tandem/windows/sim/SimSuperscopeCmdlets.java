package tandem.windows.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Get-DhcpServerv4Superscope: the superscopes of L, each with its scopes, made from the {@code SuperscopeName} its
 * scopes carry (set by Add-/Set-DhcpServerv4Scope -SuperscopeName). Without {@code -SuperscopeName} every superscope;
 * a name L has none of is an error (code not documented: DHCP 20005's ObjectNotFound, our choice).
 */
final class SimSuperscopeCmdlets {
    private SimSuperscopeCmdlets() {}

    static void register(SimDhcpCmdlets c) {
        c.register("Get-DhcpServerv4Superscope", SimSuperscopeCmdlets::get);
    }

    private static List<Object> get(SimCall call) {
        Map<String, List<Object>> byName = new LinkedHashMap<>();
        for (SimScope s : call.server.scopes()) {
            if (s.superscopeName != null && !s.superscopeName.isEmpty()) {
                byName.computeIfAbsent(s.superscopeName, k -> new ArrayList<>()).add(s.scopeId());
            }
        }
        List<String> wanted = call.has("SuperscopeName") ? call.strings("SuperscopeName") : new ArrayList<>(byName.keySet());
        List<Object> out = new ArrayList<>();
        for (String name : wanted) {
            String found = byName.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (found == null) throw call.dhcp(20005, "get superscope " + name);
            out.add(new SimObject("Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DHCP/DhcpServerv4Superscope")
                    .put("SuperscopeName", found)
                    .put("ScopeId", new ArrayList<>(byName.get(found))));
        }
        return out;
    }
}
