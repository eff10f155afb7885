package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A DHCPv4 scope as Get-DhcpServerv4Scope reports it through {@link WindowsProjections#SCOPE}.
 *
 * @param scopeId          the scope's network address, e.g. "10.1.0.0"
 * @param state            "Active" or "InActive"
 * @param type             "Dhcp", "Bootp" or "Both" (failover takes Dhcp scopes only)
 * @param leaseDurationSec null when Windows reports none (an unlimited lease)
 */
public record WinScope(String scopeId, String name, String subnetMask, String startRange, String endRange,
                       String state, String type, Long leaseDurationSec, String description) {
    public static WinScope from(JsonNode row) {
        return read(new ProjectionReader(row));
    }

    static WinScope read(ProjectionReader r) {
        return new WinScope(r.required("scopeId"), r.textOrEmpty("name"), r.textOrEmpty("subnetMask"),
                r.textOrEmpty("startRange"), r.textOrEmpty("endRange"), r.textOrEmpty("state"),
                r.textOrEmpty("type"), r.whole("leaseDurationSec"), r.textOrEmpty("description"));
    }

    /** Whether failover may take the scope: Windows refuses BOOTP and Both scopes (DHCP 20131). */
    public boolean isDhcpOnly() { return "Dhcp".equalsIgnoreCase(type); }
}
