package tandem.windows.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One simulated Windows Server DHCP server ("DHCP Server" role, version 10.0): scopes, server-level option values,
 * failover relationships, the DHCPServer service and a few server settings. Its FQDN is {@code NAME.lab.test}.
 * Read and changed through {@link SimDhcpCmdlets}; the fault controls live on {@link SimNetwork}.
 */
public final class SimDhcpServer {
    public static final String DOMAIN = "lab.test";

    private final SimNetwork network;
    private final String name;
    private final SimIp address;
    final TreeMap<Long, SimScope> scopes = new TreeMap<>();
    final TreeMap<Long, List<String>> serverOptions = new TreeMap<>();
    /** lower-case name → this server's side of the relationship, in creation order. */
    final Map<String, SimFailover> failovers = new LinkedHashMap<>();
    private final Set<String> nonAdmins = new HashSet<>();
    boolean serviceInstalled = true;
    boolean serviceRunning = true;
    Duration clockOffset = Duration.ZERO;
    boolean authorized = true;
    boolean domainJoined = true;

    SimDhcpServer(SimNetwork network, String name, SimIp address) {
        this.network = network;
        this.name = name;
        this.address = address;
    }

    public String name() { return name; }

    public String fqdn() { return name + "." + DOMAIN; }

    public SimIp address() { return address; }

    public SimNetwork network() { return network; }

    public boolean serviceRunning() { return serviceRunning; }

    public Duration clockOffset() { return clockOffset; }

    /** This server's own clock: the network's plus its offset. */
    public Instant now() { return network.clock().now().plus(clockOffset); }

    /** Whether {@code nameOrFqdn} names this server (short name or FQDN, any case). */
    public boolean answersTo(String nameOrFqdn) {
        return name.equalsIgnoreCase(nameOrFqdn) || fqdn().equalsIgnoreCase(nameOrFqdn);
    }

    public Optional<SimFailover> failover(String relationship) {
        return Optional.ofNullable(failovers.get(relationship.toLowerCase(Locale.ROOT)));
    }

    public List<SimFailover> failovers() { return List.copyOf(failovers.values()); }

    public Optional<SimScope> scope(SimIp scopeId) { return Optional.ofNullable(scopes.get(scopeId.toLong())); }

    public List<SimScope> scopes() { return new ArrayList<>(scopes.values()); }

    /** The user is not a local administrator here: every DhcpServer cmdlet is denied (WIN32 5). */
    public void denyUser(String user) { nonAdmins.add(user.toLowerCase(Locale.ROOT)); }

    boolean denies(String user) { return user != null && nonAdmins.contains(user.toLowerCase(Locale.ROOT)); }

    /** Without the DHCP Server role there is no DHCPServer service (Get-Service fails, DhcpServer cmdlets answer 1722). */
    public void setServiceInstalled(boolean installed) {
        synchronized (network) {
            serviceInstalled = installed;
            if (!installed) serviceRunning = false;
        }
    }

    public void setAuthorized(boolean authorized) { this.authorized = authorized; }

    public void setDomainJoined(boolean joined) { this.domainJoined = joined; }

    /** The relationship (this side) that holds the scope, if any. */
    SimFailover failoverOfScope(long scopeId) {
        for (SimFailover f : failovers.values()) if (f.scopeIds.contains(scopeId)) return f;
        return null;
    }

    /** The scope whose range holds {@code ip}, if any. */
    SimScope scopeHolding(long ip) {
        for (SimScope s : scopes.values()) if (s.contains(ip)) return s;
        return null;
    }

    @Override public String toString() { return "SimDhcpServer[" + fqdn() + (serviceRunning ? "" : ", stopped") + "]"; }
}
