package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tandem.core.Backend;
import tandem.core.ServerRecord;
import tandem.ssh.HostKeyPrompt;

/** Opens sessions to the inventory's Windows servers and reads what changes are checked against. */
public final class WindowsServers {
    private final WindowsPeers peers;
    private final Path knownHosts;
    private final Supplier<Duration> timeout;

    public WindowsServers(WindowsPeers peers, Path knownHosts, Supplier<Duration> timeout) {
        this.peers = peers;
        this.knownHosts = knownHosts;
        this.timeout = timeout;
    }

    public WindowsPeers peers() { return peers; }

    public ServerRecord record(String server) {
        ServerRecord r = peers.record(server).orElseThrow(() -> new IllegalArgumentException(
                "There is no Windows server named " + server + " in the inventory (add it with tandem server add windows)"));
        if (r.backend() != Backend.WINDOWS) throw new IllegalArgumentException(server + " is not a Windows server");
        return r;
    }

    public WindowsSession open(String server) throws IOException {
        return open(server, timeout.get());
    }

    /** A session whose login and each script may take up to {@code t} (never less than the probe's minimum). */
    public WindowsSession open(String server, Duration t) throws IOException {
        ServerRecord r = record(server);
        return WindowsSession.open(r.name(), r.connection(), knownHosts, HostKeyPrompt.REFUSE,
                t.compareTo(WindowsPeerProbe.MIN_BUDGET) < 0 ? WindowsPeerProbe.MIN_BUDGET : t);
    }

    /** The server's relationships and scope ids, what the rules are checked against. */
    public static ServerView view(WindowsSession s) throws IOException {
        WindowsReads.ServerState st = WindowsReads.state(s);
        if (!st.running()) throw new IOException("The DHCP Server service is " + st.service().toLowerCase(java.util.Locale.ROOT) + " on " + s.server());
        JsonNode ids = s.run(WindowsScripts.scopeIds());
        java.util.Set<String> scopes = new java.util.LinkedHashSet<>();
        for (String id : ids.asText("").split(",")) if (!id.isBlank()) scopes.add(id.strip());
        return ServerView.ofScopeIds(s.server(), st.failovers(), scopes);
    }

    /** Each scope's whole configuration on the server, by scope id; a scope it lacks is absent from the map. */
    /** Each scope's whole configuration on the server, by scope id; a scope it lacks is absent from the map. */
    public static Map<String, ScopeConfig> scopeConfigs(WindowsSession s, List<String> scopeIds) throws IOException {
        Map<String, ScopeConfig> out = new LinkedHashMap<>();
        if (scopeIds.isEmpty()) return out;
        for (JsonNode row : WindowsReads.rows(s.run(WindowsScripts.scopeConfigs(scopeIds)))) {
            ObjectNode merged = row.deepCopy();
            ArrayNode options = merged.putArray("options");
            WindowsReads.rows(row.get("options")).forEach(options::add);
            WindowsReads.rows(row.get("reservationOptions")).forEach(options::add);
            ScopeConfig c = ScopeConfig.from(merged);
            out.put(c.scopeId(), c);
        }
        return out;
    }

    static List<String> sorted(java.util.Collection<String> ids) {
        List<String> l = new ArrayList<>(ids);
        l.sort(java.util.Comparator.comparingLong(tandem.core.AddressRules::ipv4));
        return l;
    }

}
