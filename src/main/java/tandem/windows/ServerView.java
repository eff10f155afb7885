package tandem.windows;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the failover rules need to know of one server, as read from it just before a change: its relationships and
 * its scopes.
 *
 * @param name   the server as the administrator knows it (inventory name), for messages
 * @param scopes its scopes by scope id; null for a scope known by its id only (its type is then not checked)
 */
public record ServerView(String name, List<WinFailover> failovers, Map<String, WinScope> scopes) {
    public ServerView {
        failovers = failovers == null ? List.of() : List.copyOf(failovers);
        scopes = scopes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(scopes));
    }

    public static ServerView of(String name, List<WinFailover> failovers, List<WinScope> scopes) {
        Map<String, WinScope> byId = new LinkedHashMap<>();
        for (WinScope s : scopes == null ? List.<WinScope>of() : scopes) byId.put(s.scopeId().strip(), s);
        return new ServerView(name, failovers, byId);
    }

    /** A server of which only the scope ids are known. */
    public static ServerView ofScopeIds(String name, List<WinFailover> failovers, Set<String> scopeIds) {
        Map<String, WinScope> byId = new LinkedHashMap<>();
        for (String id : scopeIds == null ? Set.<String>of() : scopeIds) byId.put(id.strip(), null);
        return new ServerView(name, failovers, byId);
    }

    public Set<String> scopeIds() { return scopes.keySet(); }

    public boolean hasScope(String scopeId) { return scopeId != null && scopes.containsKey(scopeId.strip()); }

    /** The scope's type as read, or null when unknown. */
    public String scopeType(String scopeId) {
        WinScope s = scopeId == null ? null : scopes.get(scopeId.strip());
        return s == null ? null : s.type();
    }

    /**
     * The relationship of that name, compared without regard to case: whether Windows does is not documented, and
     * treating "FO1" and "fo1" as one name refuses more, never less.
     */
    public Optional<WinFailover> failover(String relationship) {
        if (relationship == null) return Optional.empty();
        return failovers.stream().filter(f -> f.name().equalsIgnoreCase(relationship.strip())).findFirst();
    }

    /** The relationship that holds the scope, if any. */
    public Optional<WinFailover> failoverOf(String scopeId) {
        return failovers.stream().filter(f -> f.hasScope(scopeId)).findFirst();
    }
}
