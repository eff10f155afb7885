package tandem.windows;

import java.util.List;

/**
 * A new failover relationship as the administrator asks for it (the command line's {@code windows relationship add}
 * or the console's dialog), before {@link FailoverRules} checks it. Null percentages and role mean Windows's
 * defaults ({@link #withDefaults()}).
 *
 * @param serverA               the server the relationship is created on, which holds the scopes
 * @param partnerB              its partner, which receives copies of the scopes
 * @param mode                  "load-balance" or "hot-standby" (Windows's spelling accepted too)
 * @param loadBalancePercent    A's share in load balance
 * @param reservePercent        the standby's reserve in hot standby
 * @param serverRole            A's role in hot standby: "active" or "standby"
 * @param switchoverIntervalSec time in CommunicationInterrupted before PartnerDown; 0 = switch manually
 * @param hasSharedSecret       whether messages between the partners are authenticated (the secret itself is never
 *                              part of the request, so it cannot leak through a log of it)
 * @param scopeIds              scopes of A to put in the relationship; none: the relationship starts empty
 */
public record FailoverRequest(String name, String serverA, String partnerB, String mode, Integer loadBalancePercent,
                              Integer reservePercent, String serverRole, long mcltSec, long switchoverIntervalSec,
                              boolean hasSharedSecret, List<String> scopeIds) {
    /** Windows's defaults (Add-DhcpServerv4Failover): MCLT one hour, 50 % each, 5 % reserve, creator active. */
    public static final long DEFAULT_MCLT_SEC = 3600;
    public static final int DEFAULT_LOAD_BALANCE_PERCENT = 50;
    public static final int DEFAULT_RESERVE_PERCENT = 5;
    public static final String DEFAULT_SERVER_ROLE = "active";

    public FailoverRequest {
        scopeIds = scopeIds == null ? List.of() : List.copyOf(scopeIds);
    }

    /** A load-balance request with Windows's defaults and no automatic switchover. */
    public static FailoverRequest loadBalance(String name, String serverA, String partnerB, List<String> scopeIds) {
        return new FailoverRequest(name, serverA, partnerB, FailoverMode.LOAD_BALANCE.wire(),
                DEFAULT_LOAD_BALANCE_PERCENT, null, null, DEFAULT_MCLT_SEC, 0, false, scopeIds);
    }

    /** A hot-standby request with Windows's defaults (A active, 5 % reserve) and no automatic switchover. */
    public static FailoverRequest hotStandby(String name, String serverA, String partnerB, List<String> scopeIds) {
        return new FailoverRequest(name, serverA, partnerB, FailoverMode.HOT_STANDBY.wire(), null,
                DEFAULT_RESERVE_PERCENT, DEFAULT_SERVER_ROLE, DEFAULT_MCLT_SEC, 0, false, scopeIds);
    }

    /** The mode, or null when {@code mode} names none. */
    public FailoverMode failoverMode() { return FailoverMode.parse(mode); }

    /**
     * The request with the unset fields of its mode filled as Windows fills them; fields of the other mode are left
     * as they are, so the rules still refuse them.
     */
    public FailoverRequest withDefaults() {
        FailoverMode m = failoverMode();
        Integer lb = loadBalancePercent;
        Integer reserve = reservePercent;
        String role = serverRole;
        if (m == FailoverMode.LOAD_BALANCE && lb == null) lb = DEFAULT_LOAD_BALANCE_PERCENT;
        if (m == FailoverMode.HOT_STANDBY && reserve == null) reserve = DEFAULT_RESERVE_PERCENT;
        if (m == FailoverMode.HOT_STANDBY && (role == null || role.isBlank())) role = DEFAULT_SERVER_ROLE;
        return new FailoverRequest(name, serverA, partnerB, mode, lb, reserve, role, mcltSec, switchoverIntervalSec,
                hasSharedSecret, scopeIds);
    }

    /** Whether Windows switches to PartnerDown on its own (AutoStateTransition). */
    public boolean automaticSwitchover() { return switchoverIntervalSec > 0; }
}
