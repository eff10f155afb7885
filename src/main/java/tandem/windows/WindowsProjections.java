package tandem.windows;

import java.util.regex.Pattern;

/**
 * What the server prints for each object Tandem reads: a {@code ForEach-Object} block that turns a cmdlet's output
 * into a flat row of strings and numbers, identical under Windows PowerShell 5.1 and PowerShell 7 (no IPAddress or
 * TimeSpan objects, no enum numbers, no {value,Count} wrappers). Use as {@code @(Get-DhcpServerv4Scope | }
 * {@link #SCOPE}{@code )}.
 *
 * <p>The blocks call the helpers {@code Sec} (a TimeSpan as whole seconds, null kept), {@code Ips} (addresses as
 * one comma-joined string) and {@code Unix} (a DateTime as Unix seconds, null kept) that the script prelude defines, and use only the PowerShell subset Tandem's transport
 * sends. The field names are those the records' {@code from(JsonNode)} read; a test holds each pair together.
 */
public final class WindowsProjections {
    private WindowsProjections() {}

    private static final Pattern VARIABLE = Pattern.compile("\\$[A-Za-z][A-Za-z0-9]*");

    /** Get-DhcpServerv4Failover → {@link WinFailover}. */
    public static final String FAILOVER = "ForEach-Object { [ordered]@{ name=$_.Name; partner=$_.PartnerServer;"
            + " mode=[string]$_.Mode; state=[string]$_.State; serverRole=[string]$_.ServerRole;"
            + " serverType=[string]$_.ServerType; loadBalancePercent=$_.LoadBalancePercent;"
            + " reservePercent=$_.ReservePercent; mcltSec=Sec $_.MaxClientLeadTime;"
            + " switchIntervalSec=Sec $_.StateSwitchInterval; autoStateTransition=[bool]$_.AutoStateTransition;"
            + " enableAuth=[bool]$_.EnableAuth; scopeIds=Ips $_.ScopeId } }";

    /** Get-DhcpServerv4Scope → {@link WinScope}. */
    public static final String SCOPE = "ForEach-Object { [ordered]@{ scopeId=Ips $_.ScopeId; name=$_.Name;"
            + " subnetMask=Ips $_.SubnetMask; startRange=Ips $_.StartRange; endRange=Ips $_.EndRange;"
            + " state=[string]$_.State; type=[string]$_.Type; leaseDurationSec=Sec $_.LeaseDuration;"
            + " description=$_.Description } }";

    /** Get-DhcpServerv4ExclusionRange → {@link WinExclusion}. */
    public static final String EXCLUSION = "ForEach-Object { [ordered]@{ scopeId=Ips $_.ScopeId;"
            + " startRange=Ips $_.StartRange; endRange=Ips $_.EndRange } }";

    /** Get-DhcpServerv4Reservation → {@link WinReservation}. */
    public static final String RESERVATION = "ForEach-Object { [ordered]@{ scopeId=Ips $_.ScopeId;"
            + " ipAddress=Ips $_.IPAddress; clientId=$_.ClientId; name=$_.Name; type=[string]$_.Type;"
            + " description=$_.Description } }";

    /** Get-DhcpServerv4Lease → {@link WinLease}. */
    public static final String LEASE = "ForEach-Object { [ordered]@{ scopeId=Ips $_.ScopeId; ipAddress=Ips $_.IPAddress;"
            + " clientId=$_.ClientId; hostName=$_.HostName; addressState=[string]$_.AddressState;"
            + " expires=Unix $_.LeaseExpiryTime } }";

    /** Get-DhcpServerv4ScopeStatistics → {@link WinScopeStatistics}. */
    public static final String SCOPE_STATISTICS = "ForEach-Object { [ordered]@{ scopeId=Ips $_.ScopeId;"
            + " free=$_.AddressesFree; inUse=$_.AddressesInUse; reserved=$_.ReservedAddress } }";

    /** Get-DhcpServerv4OptionValue -ScopeId S → scope-level {@link WinOptionValue}s. */
    public static final String SCOPE_OPTION_VALUE = optionValue("$null");

    /**
     * Get-DhcpServerv4OptionValue → {@link WinOptionValue}, with {@code reservedIp} taken from a script variable
     * that holds the reservation's address as a string (the option value object does not carry it), or
     * {@code $null} at scope level. Values stay an array: an option value may hold a comma.
     */
    public static String optionValue(String reservedIpVariable) {
        if (reservedIpVariable == null || !VARIABLE.matcher(reservedIpVariable).matches()) {
            throw new IllegalArgumentException("not a PowerShell variable: " + reservedIpVariable);
        }
        return "ForEach-Object { [ordered]@{ optionId=$_.OptionId; name=$_.Name; value=@($_.Value);"
                + " reservedIp=" + reservedIpVariable + " } }";
    }
}
