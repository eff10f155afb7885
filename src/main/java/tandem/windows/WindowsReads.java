package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What Tandem reads from a Windows DHCP server, each as one script through the transport: the state for a poll,
 * the connection test, and one scope with everything failover replication copies.
 */
public final class WindowsReads {
    private WindowsReads() {}

    /** A poll's answer: the DHCP Server service's status, its failover relationships, its clock (Unix seconds). */
    public record ServerState(String service, List<WinFailover> failovers, Long unixTime) {
        public boolean running() { return "Running".equalsIgnoreCase(service); }
    }

    static final String STATE_BODY = String.join("\n",
            "$step = 'Get-Service'",
            "$svc = Get-Service DHCPServer",
            "$state = [string]$svc.Status",
            "$rows = @()",
            "if ($state -eq 'Running') {",
            "  $step = 'Get-DhcpServerv4Failover'",
            "  $rows = @(Get-DhcpServerv4Failover | " + WindowsProjections.FAILOVER + ")",
            "}",
            "$data = [ordered]@{ service = $state; failovers = $rows; now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds() }");

    public static ServerState state(WindowsSession s) throws IOException {
        JsonNode d = s.call(STATE_BODY);
        List<WinFailover> rows = new ArrayList<>();
        for (JsonNode row : rows(d.path("failovers"))) rows.add(WinFailover.from(row));
        JsonNode now = d.path("now");
        return new ServerState(d.path("service").asText(""), rows, now.isNumber() || now.isTextual() ? now.asLong() : null);
    }

    /** The connection test: each prerequisite in turn; a failure names the step that failed. */
    public record Readiness(String powershell, int dhcpModules, String service, String version, int failovers) {}

    static final String READINESS_BODY = String.join("\n",
            "$step = 'PowerShell'",
            "$ps = $PSVersionTable.PSVersion.ToString()",
            "$step = 'Get-Module'",
            "$mods = @(Get-Module -ListAvailable -Name DhcpServer).Count",
            "$step = 'Get-Service'",
            "$svc = [string](Get-Service DHCPServer).Status",
            "$step = 'Get-DhcpServerVersion'",
            "$v = Get-DhcpServerVersion",
            "$ver = @($v.MajorVersion, $v.MinorVersion) -join '.'",
            "$step = 'Get-DhcpServerv4Failover'",
            "$n = @(Get-DhcpServerv4Failover).Count",
            "$data = [ordered]@{ powershell = $ps; modules = $mods; service = $svc; version = $ver; failovers = $n }");

    public static Readiness readiness(WindowsSession s) throws IOException {
        JsonNode d = s.call(READINESS_BODY);
        return new Readiness(d.path("powershell").asText(""), d.path("modules").asInt(), d.path("service").asText(""),
                d.path("version").asText(""), d.path("failovers").asInt());
    }

    /** A JSON array as its items; a bare object (one result) as one item; null or missing as none. */
    static List<JsonNode> rows(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n == null || n.isMissingNode() || n.isNull()) return out;
        if (n.isArray()) n.forEach(out::add);
        else if (n.has("value") && n.get("value").isArray()) n.get("value").forEach(out::add);
        else out.add(n);
        return out;
    }
}
