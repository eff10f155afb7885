package tandem.windows.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small stand-in for the simulator's model: a few cmdlets with fixed answers, recording every call. */
final class SimFakeCmdlets implements SimCmdlets {
    record Call(SimSession session, String cmdlet, String set, Map<String, Object> bound) {}

    final List<Call> calls = new ArrayList<>();

    @Override public boolean knows(String cmdlet) {
        return List.of("Get-DhcpServerv4Failover", "Add-DhcpServerv4Failover", "Get-DhcpServerv4Scope", "Get-Service",
                "Remove-DhcpServerv4Scope").contains(cmdlet);
    }

    static SimObject failover() {
        return new SimObject("Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DHCP/DhcpServerv4Failover")
                .put("ScopeId", List.of(new SimIp("192.168.10.0"), new SimIp("10.2.0.0")))
                .put("PrimaryServerIP", new SimIp("192.168.5.1"))
                .put("AutoStateTransition", false).put("EnableAuth", true).put("LoadBalancePercent", 50L)
                .put("MaxClientLeadTime", Duration.ofHours(1))
                .put("Mode", "LoadBalance").put("Name", "dhcp-master<-->dhcp-node").put("PartnerServer", "dhcp2.lab.test")
                .put("ReservePercent", null).put("ServerRole", null).put("ServerType", "PrimaryServer").put("State", "Normal")
                .put("StateSwitchInterval", null);
    }

    @Override public List<Object> invoke(SimSession session, String cmdlet, String set, Map<String, Object> bound) {
        calls.add(new Call(session, cmdlet, set, bound));
        switch (cmdlet) {
            case "Get-DhcpServerv4Failover":
                return List.of(failover());
            case "Get-Service":
                return List.of(new SimObject("System.ServiceProcess.ServiceController").put("Name", "DHCPServer")
                        .put("Status", new SimEnum("System.ServiceProcess.ServiceControllerStatus", "Running", 4))
                        .put("StartType", new SimEnum("System.ServiceProcess.ServiceStartMode", "Automatic", 2)));
            case "Get-DhcpServerv4Scope": {
                Object ids = bound.get("ScopeId");
                if (ids instanceof List<?> l && l.contains(new SimIp("10.20.30.0"))) {
                    throw SimError.dhcp(20005, cmdlet, "ObjectNotFound", "Failed to get scope information for scope 10.20.30.0 on DHCP server "
                            + session.server() + ".");
                }
                return List.of(new SimObject("DhcpServerv4Scope").put("ScopeId", new SimIp("10.1.0.0")).put("Name", "Lab")
                        .put("LeaseDuration", Duration.ofDays(8)), new SimObject("DhcpServerv4Scope").put("ScopeId", new SimIp("10.2.0.0"))
                        .put("Name", "Lab 2").put("LeaseDuration", Duration.ofDays(1)));
            }
            case "Remove-DhcpServerv4Scope":
                throw SimError.dhcp(20113, cmdlet, "InvalidOperation", "Failed to delete scope on DHCP server " + session.server() + ".");
            default:
                return List.of();
        }
    }
}
