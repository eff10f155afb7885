package tandem.windows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A failover relationship as one server reports it (Get-DhcpServerv4Failover through
 * {@link WindowsProjections#FAILOVER}). Each side reports its own view: {@code partner} names the other server,
 * {@code state} is this server's state only, and {@code serverRole} is "" in load balance.
 *
 * @param mode               "LoadBalance" or "HotStandby"
 * @param state              this server's state, e.g. "Normal", "CommunicationInterrupted"
 * @param serverRole         "Active" or "Standby" in hot standby, "" otherwise
 * @param serverType         "PrimaryServer" or "SecondaryServer" (shown only; roles never come from it)
 * @param loadBalancePercent this server's share in load balance, null in hot standby
 * @param reservePercent     the standby's reserve in hot standby, null in load balance
 * @param mcltSec            maximum client lead time in seconds
 * @param switchIntervalSec  time in CommunicationInterrupted before PartnerDown; null when the switch is manual
 * @param scopeIds           the relationship's scopes, possibly none
 */
public record WinFailover(String name, String partner, String mode, String state, String serverRole,
                          String serverType, Integer loadBalancePercent, Integer reservePercent, Long mcltSec,
                          Long switchIntervalSec, boolean autoStateTransition, boolean enableAuth,
                          List<String> scopeIds) {
    public WinFailover {
        scopeIds = scopeIds == null ? List.of() : List.copyOf(scopeIds);
        serverRole = serverRole == null ? "" : serverRole;
    }

    public static WinFailover from(JsonNode row) {
        return read(new ProjectionReader(row));
    }

    static WinFailover read(ProjectionReader r) {
        return new WinFailover(r.required("name"), r.textOrEmpty("partner"), r.textOrEmpty("mode"),
                r.textOrEmpty("state"), r.textOrEmpty("serverRole"), r.textOrEmpty("serverType"),
                r.integer("loadBalancePercent"), r.integer("reservePercent"), r.whole("mcltSec"),
                r.whole("switchIntervalSec"), r.flag("autoStateTransition"), r.flag("enableAuth"),
                r.addresses("scopeIds"));
    }

    /** The mode, or null when Windows reports one Tandem does not know. */
    public FailoverMode failoverMode() { return FailoverMode.parse(mode); }

    public boolean hasScope(String scopeId) {
        return scopeId != null && scopeIds.contains(scopeId.strip());
    }

    public boolean isNormal() { return "Normal".equalsIgnoreCase(state); }
}
