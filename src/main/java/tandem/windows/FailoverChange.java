package tandem.windows;

/**
 * New settings for an existing relationship (Set-DhcpServerv4Failover); a null field stays as it is. The shared
 * secret is not part of it: whether one is set, changed or removed has no rule to check.
 *
 * @param loadBalancePercent    the share of the server the change is sent to, load balance only
 * @param reservePercent        the standby's reserve, hot standby only
 * @param switchoverIntervalSec 0 turns automatic switchover off
 */
public record FailoverChange(String relationship, Integer loadBalancePercent, Integer reservePercent, Long mcltSec,
                             Long switchoverIntervalSec) {
    public boolean changesNothing() {
        return loadBalancePercent == null && reservePercent == null && mcltSec == null && switchoverIntervalSec == null;
    }
}
