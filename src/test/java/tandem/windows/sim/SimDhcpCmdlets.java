package tandem.windows.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The modelled cmdlets (reference §1) over a {@link SimNetwork}: the DhcpServer module's failover, scope,
 * reservation, lease, exclusion, option, statistics, version and setting cmdlets, and Get-Service. Each call runs on the
 * session's server (L), after the network's state machines have been brought up to date. A DhcpServer cmdlet
 * against a stopped (or absent) DHCP service fails with WIN32 1722 (RPC server unavailable); a user who is not an
 * administrator there gets WIN32 5.
 */
public final class SimDhcpCmdlets implements SimCmdlets {
    interface Handler {
        List<Object> run(SimCall call);
    }

    private record Entry(String name, Handler handler) {}

    private final SimNetwork network;
    private final Map<String, Entry> cmdlets = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public SimDhcpCmdlets(SimNetwork network) {
        this.network = network;
        register("Get-Service", SimDhcpCmdlets::getService);
        register("Get-DhcpServerVersion", SimDhcpCmdlets::getVersion);
        register("Get-DhcpServerSetting", SimDhcpCmdlets::getSetting);
        SimScopeCmdlets.register(this);
        SimReservationCmdlets.register(this);
        SimLeaseCmdlets.register(this);
        SimOptionCmdlets.register(this);
        SimSuperscopeCmdlets.register(this);
        SimFailoverCmdlets.register(this);
        SimFailoverScopeCmdlets.register(this);
    }

    void register(String name, Handler handler) { cmdlets.put(name, new Entry(name, handler)); }

    /** Every modelled cmdlet name, as Windows spells it. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (Entry e : cmdlets.values()) out.add(e.name());
        return out;
    }

    @Override public boolean knows(String cmdlet) { return cmdlet != null && cmdlets.containsKey(cmdlet); }

    @Override
    public List<Object> invoke(SimSession session, String cmdlet, String parameterSet, Map<String, Object> bound) throws SimError {
        Entry entry = cmdlets.get(cmdlet);
        if (entry == null) throw new IllegalArgumentException("not a modelled cmdlet: " + cmdlet);
        synchronized (network) {
            network.tick();
            SimDhcpServer server = target(session, entry.name(), bound);
            SimCall call = new SimCall(network, session, server, entry.name(), parameterSet, bound);
            if (entry.name().contains("-Dhcp")) {
                String action = entry.name().equals("Get-DhcpServerv4Scope") ? "enumerate scopes" : "connect to the DHCP service";
                if (!server.serviceRunning) throw call.win32(1722, action, "The RPC server is unavailable.");
                if (server.denies(session.user())) throw call.win32(5, action, "Access is denied.");
            }
            // -WhatIf: Windows only describes the change (on the host, not the pipeline); nothing is written.
            if (!entry.name().startsWith("Get-") && call.flag("WhatIf")) return List.of();
            return entry.handler().run(call);
        }
    }

    /**
     * The server the cmdlet acts on: the session's, or the one {@code -ComputerName} names. Another server is a
     * second hop: unknown or cut off → WIN32 1722; over a key-authenticated session → WIN32 5 (no credentials to
     * present, reference §4.4).
     */
    private SimDhcpServer target(SimSession session, String cmdlet, Map<String, Object> bound) {
        SimDhcpServer local = network.server(session.server());
        Object named = null;
        if (bound != null) {
            for (Map.Entry<String, Object> e : bound.entrySet()) if (e.getKey().equalsIgnoreCase("ComputerName")) named = e.getValue();
        }
        String name = named == null ? null : String.valueOf(named);
        if (name == null || name.equals(".") || name.equalsIgnoreCase("localhost") || local.answersTo(name)) return local;
        SimDhcpServer remote = network.find(name).orElse(null);
        if (remote == null || !network.linked(local.name(), remote.name())) {
            throw SimError.win32(1722, cmdlet, "InvalidOperation", network.wording(
                    "Failed to connect to the DHCP service on DHCP server " + name + ". The RPC server is unavailable."));
        }
        if (!session.passwordLogin()) {
            throw SimError.win32(5, cmdlet, "PermissionDenied", network.wording(
                    "Failed to connect to the DHCP service on DHCP server " + name + ". Access is denied."));
        }
        return remote;
    }

    private static List<Object> getService(SimCall call) {
        List<String> names = call.strings("Name");
        if (names.isEmpty()) names = List.of("DHCPServer");
        List<Object> out = new ArrayList<>();
        for (String name : names) {
            if (!name.equalsIgnoreCase("DHCPServer") || !call.server.serviceInstalled) {
                throw new SimError(call.network.wording("Cannot find any service with service name '" + name + "'."),
                        "NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand", "ObjectNotFound",
                        SimError.SERVICE);
            }
            boolean running = call.server.serviceRunning;
            out.add(new SimObject("System.ServiceProcess.ServiceController")
                    .put("Name", "DHCPServer")
                    .put("DisplayName", "DHCP Server")
                    .put("ServiceName", "DHCPServer")
                    .put("Status", running ? status("Running", 4) : status("Stopped", 1))
                    .put("StartType", new SimEnum("System.ServiceProcess.ServiceStartMode", "Automatic", 2))
                    .put("MachineName", "."));
        }
        return out;
    }

    private static SimEnum status(String name, long value) {
        return new SimEnum("System.ServiceProcess.ServiceControllerStatus", name, value);
    }

    private static List<Object> getVersion(SimCall call) {
        return List.of(new SimObject("Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DHCP/DhcpServerVersion")
                .put("MajorVersion", 10L)
                .put("MinorVersion", 0L));
    }

    private static List<Object> getSetting(SimCall call) {
        SimDhcpServer s = call.server;
        return List.of(new SimObject("Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DHCP/DhcpServerSetting")
                .put("ActivatePolicies", true)
                .put("ConflictDetectionAttempts", 0L)
                .put("DynamicBootp", true)
                .put("IsAuthorized", s.authorized)
                .put("IsDomainJoined", s.domainJoined)
                .put("NapEnabled", false)
                .put("NpsUnreachableAction", "Full")
                .put("RestoreStatus", false));
    }
}
