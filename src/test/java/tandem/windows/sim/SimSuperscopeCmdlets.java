package tandem.windows.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The superscope cmdlets over L's scopes: a superscope is the {@code SuperscopeName} its scopes carry (set by
 * Add-/Set-DhcpServerv4Scope -SuperscopeName too), so it exists while one scope names it and is gone with its last
 * scope, as Microsoft's pages say. Like every other item cmdlet they act on L only.
 * <ul>
 *   <li>Get: every superscope, or those {@code -SuperscopeName} names (names match ignoring case);</li>
 *   <li>Add ({@code -SuperscopeName}, {@code -ScopeId} mandatory): creates the superscope when it has none; each scope
 *       must exist; a scope in another superscope moves only with {@code -Force};</li>
 *   <li>Remove ({@code -SuperscopeName} mandatory, {@code -ScopeId} optional): the named scopes leave it, or without
 *       {@code -ScopeId} all of them (the superscope is removed); the scopes themselves stay as they are;</li>
 *   <li>Rename ({@code -Name}, {@code -NewName} mandatory, Windows Server 2012 R2 and later).</li>
 * </ul>
 * Every check is made before anything changes. Error codes: a superscope L lacks is DHCP 20005, the code
 * DhcpDeleteSuperScopeV4 documents ("the specified IPv4 subnet does not exist"); a scope that is not in the superscope
 * Remove names, a scope of another superscope without -Force, and a new name already taken are not documented: the
 * model answers WIN32 87 (the parameter is incorrect), our choice.
 */
final class SimSuperscopeCmdlets {
    private SimSuperscopeCmdlets() {}

    private static final String TYPE = "Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DHCP/DhcpServerv4Superscope";

    static void register(SimDhcpCmdlets c) {
        c.register("Get-DhcpServerv4Superscope", SimSuperscopeCmdlets::get);
        c.register("Add-DhcpServerv4Superscope", SimSuperscopeCmdlets::add);
        c.register("Remove-DhcpServerv4Superscope", SimSuperscopeCmdlets::remove);
        c.register("Rename-DhcpServerv4Superscope", SimSuperscopeCmdlets::rename);
    }

    /** L's superscopes by name, each with its scopes in address order. */
    private static Map<String, List<SimScope>> superscopes(SimCall call) {
        Map<String, List<SimScope>> byName = new LinkedHashMap<>();
        for (SimScope s : call.server.scopes()) {
            if (s.superscopeName != null && !s.superscopeName.isEmpty()) {
                byName.computeIfAbsent(s.superscopeName, k -> new ArrayList<>()).add(s);
            }
        }
        return byName;
    }

    /** The superscope's name as L spells it; null when L has none of that name. */
    private static String find(Map<String, List<SimScope>> byName, String name) {
        return byName.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    private static SimObject object(String name, List<SimScope> scopes) {
        List<Object> ids = new ArrayList<>();
        for (SimScope s : scopes) ids.add(s.scopeId());
        return new SimObject(TYPE).put("SuperscopeName", name).put("ScopeId", ids);
    }

    private static List<Object> get(SimCall call) {
        Map<String, List<SimScope>> byName = superscopes(call);
        List<String> wanted = call.has("SuperscopeName") ? call.strings("SuperscopeName") : new ArrayList<>(byName.keySet());
        List<Object> out = new ArrayList<>();
        for (String name : wanted) {
            String found = find(byName, name);
            if (found == null) throw call.dhcp(20005, "get superscope " + name);
            out.add(object(found, byName.get(found)));
        }
        return out;
    }

    private static List<Object> add(SimCall call) {
        String name = call.requiredString("SuperscopeName");
        call.required("ScopeId");
        String action = "add scopes to superscope " + name;
        if (name.isBlank()) throw call.invalidParameter(action);
        // an existing superscope keeps its spelling
        String existing = find(superscopes(call), name);
        String target = existing == null ? name : existing;
        List<SimScope> scopes = new ArrayList<>();
        for (SimIp id : call.ips("ScopeId")) {
            SimScope s = SimScopeCmdlets.scope(call, id);
            boolean elsewhere = !s.superscopeName.isEmpty() && !s.superscopeName.equalsIgnoreCase(target);
            if (elsewhere && !call.flag("Force")) throw call.invalidParameter(action);
            scopes.add(s);
        }
        for (SimScope s : scopes) s.superscopeName = target;
        return call.passThru(List.of(object(target, superscopes(call).get(target))));
    }

    private static List<Object> remove(SimCall call) {
        String name = call.requiredString("SuperscopeName");
        Map<String, List<SimScope>> byName = superscopes(call);
        String found = find(byName, name);
        String action = "remove superscope " + name;
        if (found == null) throw call.dhcp(20005, action);
        List<SimScope> members = byName.get(found);
        List<SimScope> leaving = new ArrayList<>();
        if (!call.has("ScopeId")) {
            leaving.addAll(members);
        } else {
            for (SimIp id : call.ips("ScopeId")) {
                SimScope s = SimScopeCmdlets.scope(call, id);
                if (!members.contains(s)) throw call.invalidParameter(action);
                leaving.add(s);
            }
        }
        for (SimScope s : leaving) s.superscopeName = "";
        return call.passThru(List.of(object(found, leaving)));
    }

    private static List<Object> rename(SimCall call) {
        String name = call.requiredString("Name");
        String newName = call.requiredString("NewName");
        Map<String, List<SimScope>> byName = superscopes(call);
        String found = find(byName, name);
        String action = "rename superscope " + name;
        if (found == null) throw call.dhcp(20005, action);
        String taken = find(byName, newName);
        if (newName.isBlank() || (taken != null && !taken.equals(found))) throw call.invalidParameter(action);
        for (SimScope s : byName.get(found)) s.superscopeName = newName;
        return call.passThru(List.of(object(newName, byName.get(found))));
    }
}
