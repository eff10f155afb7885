package tandem.windows;

import static tandem.windows.ps.PsScript.integer;
import static tandem.windows.ps.PsScript.ip;
import static tandem.windows.ps.PsScript.ips;
import static tandem.windows.ps.PsScript.str;
import static tandem.windows.ps.PsScript.timeSpan;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tandem.windows.ps.PsScript;

/**
 * The scripts of Tandem's changes to a Windows DHCP server, one cmdlet step each (so a failure names it). Every
 * writer runs with {@code -Force} where it has one and {@code -Confirm:$false}: a question under -NonInteractive
 * would be an error. Values reach a script only through {@link PsScript}'s literals.
 */
final class WindowsScripts {
    private WindowsScripts() {}

    private static final String QUIET = " -Confirm:$false";

    /**
     * Everything replication copies, for each scope the server has (one it lacks is left out): the scope, its
     * exclusions, reservations and their option values.
     */
    static PsScript scopeConfigs(List<String> scopeIds) {
        String body = String.join("\n",
                "$step = 'Get-DhcpServerv4Scope'",
                "$all = @(Get-DhcpServerv4Scope | " + WindowsProjections.SCOPE + ")",
                "$data = @(" + ips(scopeIds) + " | ForEach-Object {",
                "  $s = $_",
                "  $scope = @($all | Where-Object { $_.scopeId -eq $s })",
                "  if ($scope.Count -gt 0) {",
                "    $step = 'Get-DhcpServerv4ExclusionRange'",
                "    $excl = @(Get-DhcpServerv4ExclusionRange -ScopeId $s | " + WindowsProjections.EXCLUSION + ")",
                "    $step = 'Get-DhcpServerv4Reservation'",
                "    $res = @(Get-DhcpServerv4Reservation -ScopeId $s)",
                "    $resRows = @($res | " + WindowsProjections.RESERVATION + ")",
                "    $step = 'Get-DhcpServerv4OptionValue'",
                "    $opts = @(Get-DhcpServerv4OptionValue -ScopeId $s | " + WindowsProjections.SCOPE_OPTION_VALUE + ")",
                "    $resOpts = @($res | ForEach-Object { $r = Ips $_.IPAddress; Get-DhcpServerv4OptionValue -ReservedIP $r | "
                        + WindowsProjections.optionValue("$r") + " })",
                "    [ordered]@{ scope = $scope; exclusions = $excl; reservations = $resRows; options = $opts; reservationOptions = $resOpts }",
                "  }",
                "})");
        return PsScript.of(body);
    }

    /**
     * What the configuration tables show beside the scopes: the server-level option values, each scope's use, and the
     * superscopes (scopes served together on one physical network) with their scope ids.
     */
    static PsScript tableExtras() {
        return PsScript.of(String.join("\n",
                "$step = 'Get-DhcpServerv4OptionValue'",
                "$server = @(Get-DhcpServerv4OptionValue | " + WindowsProjections.SCOPE_OPTION_VALUE + ")",
                "$step = 'Get-DhcpServerv4ScopeStatistics'",
                "$stats = @(Get-DhcpServerv4ScopeStatistics | " + WindowsProjections.SCOPE_STATISTICS + ")",
                "$step = 'Get-DhcpServerv4Superscope'",
                "$super = @(" + SUPERSCOPES + ")",
                "$data = [ordered]@{ serverOptions = $server; statistics = $stats; superscopes = $super }"));
    }

    /** Each superscope as its name and its scope ids (a comma list). */
    private static final String SUPERSCOPES = "Get-DhcpServerv4Superscope | ForEach-Object { [ordered]@{ name = [string]$_.SuperscopeName;"
            + " scopeIds = (Ips $_.ScopeId) } }";

    /** The server's superscopes, as {@link #tableExtras()} reads them. */
    static PsScript superscopes() {
        return PsScript.of("$step = 'Get-DhcpServerv4Superscope'\n$data = @(" + SUPERSCOPES + ")");
    }

    /**
     * The leases of every scope of the relationship as this server has it (all states, -AllLeases), with those
     * scopes' definitions for their prefixes. Read only.
     */
    static PsScript leases(String relationship) {
        return PsScript.of(String.join("\n",
                "$step = 'Get-DhcpServerv4Failover'",
                "$ids = @((Get-DhcpServerv4Failover -Name " + str(relationship) + ").ScopeId)",
                "$scopes = @()",
                "$leases = @()",
                "if ($ids.Count -gt 0) {",
                "  $step = 'Get-DhcpServerv4Scope'",
                "  $scopes = @(Get-DhcpServerv4Scope -ScopeId $ids | " + WindowsProjections.SCOPE + ")",
                "  $step = 'Get-DhcpServerv4Lease'",
                "  $leases = @($ids | ForEach-Object { Get-DhcpServerv4Lease -ScopeId $_ -AllLeases | " + WindowsProjections.LEASE + " })",
                "}",
                "$data = [ordered]@{ scopes = $scopes; leases = $leases }"));
    }

    /** Scope ids present on the server. */
    static PsScript scopeIds() {
        return PsScript.of("$step = 'Get-DhcpServerv4Scope'\n$data = Ips (Get-DhcpServerv4Scope | ForEach-Object { $_.ScopeId })");
    }

    static PsScript addFailover(FailoverRequest r, String partnerName, List<String> scopeIds, String sharedSecret) {
        FailoverRequest d = r.withDefaults();
        PsScript.Builder b = PsScript.builder();
        StringBuilder cmd = new StringBuilder("Add-DhcpServerv4Failover -Name ").append(str(d.name()))
                .append(" -PartnerServer ").append(str(partnerName)).append(" -ScopeId ").append(ips(scopeIds))
                .append(" -MaxClientLeadTime ").append(timeSpan(Duration.ofSeconds(d.mcltSec())));
        if (d.failoverMode() == FailoverMode.HOT_STANDBY) {
            cmd.append(" -ServerRole ").append("standby".equalsIgnoreCase(d.serverRole()) ? "Standby" : "Active")
                    .append(" -ReservePercent ").append(integer(d.reservePercent()));
        } else {
            cmd.append(" -LoadBalancePercent ").append(integer(d.loadBalancePercent()));
        }
        if (d.switchoverIntervalSec() > 0) {
            cmd.append(" -AutoStateTransition $true -StateSwitchInterval ").append(timeSpan(Duration.ofSeconds(d.switchoverIntervalSec())));
        }
        if (sharedSecret != null) cmd.append(" -SharedSecret ").append(b.secret(sharedSecret));
        cmd.append(" -Force").append(QUIET);
        return b.step("Add-DhcpServerv4Failover", cmd + "\n$data = $true").build();
    }

    static PsScript removeFailover(String name) {
        return PsScript.builder().step("Remove-DhcpServerv4Failover",
                "Remove-DhcpServerv4Failover -Name " + str(name) + " -Force" + QUIET + "\n$data = $true").build();
    }

    static PsScript addFailoverScopes(String name, List<String> scopeIds) {
        return PsScript.builder().step("Add-DhcpServerv4FailoverScope", "Add-DhcpServerv4FailoverScope -Name " + str(name)
                + " -ScopeId " + ips(scopeIds) + QUIET + "\n$data = $true").build();
    }

    static PsScript removeFailoverScopes(String name, List<String> scopeIds) {
        return PsScript.builder().step("Remove-DhcpServerv4FailoverScope", "Remove-DhcpServerv4FailoverScope -Name "
                + str(name) + " -ScopeId " + ips(scopeIds) + " -Force" + QUIET + "\n$data = $true").build();
    }

    /** Replicates the scopes (none: every failover scope of the server, or of {@code relationship} when given). */
    static PsScript replicate(String relationship, List<String> scopeIds) {
        String target = !scopeIds.isEmpty() ? " -ScopeId " + ips(scopeIds)
                : relationship != null ? " -Name " + str(relationship) : "";
        return PsScript.builder().step("Invoke-DhcpServerv4FailoverReplication",
                "$replicated = @(Invoke-DhcpServerv4FailoverReplication" + target + " -Force" + QUIET + ")\n$data = $true").build();
    }

    static PsScript partnerDown(String name) {
        return PsScript.builder().step("Set-DhcpServerv4Failover", "Set-DhcpServerv4Failover -Name " + str(name)
                + " -PartnerDown -Force" + QUIET + "\n$data = $true").build();
    }

    /**
     * Changes a relationship's settings; a null value stays as it is. {@code sharedSecret}: null keeps it, empty turns
     * authentication off.
     */
    static PsScript setFailover(FailoverChange c, String sharedSecret) {
        PsScript.Builder b = PsScript.builder();
        StringBuilder cmd = new StringBuilder("Set-DhcpServerv4Failover -Name ").append(str(c.relationship()));
        if (c.loadBalancePercent() != null) cmd.append(" -LoadBalancePercent ").append(integer(c.loadBalancePercent()));
        if (c.reservePercent() != null) cmd.append(" -ReservePercent ").append(integer(c.reservePercent()));
        if (c.mcltSec() != null) cmd.append(" -MaxClientLeadTime ").append(timeSpan(Duration.ofSeconds(c.mcltSec())));
        if (c.switchoverIntervalSec() != null) {
            cmd.append(c.switchoverIntervalSec() == 0 ? " -AutoStateTransition $false"
                    : " -AutoStateTransition $true -StateSwitchInterval " + timeSpan(Duration.ofSeconds(c.switchoverIntervalSec())));
        }
        if (sharedSecret != null) cmd.append(" -SharedSecret ").append(sharedSecret.isEmpty() ? "$null" : b.secret(sharedSecret));
        cmd.append(" -Force").append(QUIET);
        return b.step("Set-DhcpServerv4Failover", cmd + "\n$data = $true").build();
    }

    /** A scope that exists only to let Windows create a relationship (it needs one); inactive, so it serves nobody. */
    static PsScript addInactiveScope(String name, String start, String end, String mask) {
        return PsScript.builder().step("Add-DhcpServerv4Scope", "Add-DhcpServerv4Scope -Name " + str(name)
                + " -StartRange " + ip(start) + " -EndRange " + ip(end) + " -SubnetMask " + ip(mask)
                + " -State InActive" + QUIET + "\n$data = $true").build();
    }

    static PsScript removeScope(String scopeId) {
        return PsScript.builder().step("Remove-DhcpServerv4Scope", "Remove-DhcpServerv4Scope -ScopeId " + ip(scopeId)
                + " -Force" + QUIET + "\n$data = $true").build();
    }

    static PsScript deactivateScope(String scopeId) {
        return PsScript.builder().step("Set-DhcpServerv4Scope", "Set-DhcpServerv4Scope -ScopeId " + ip(scopeId)
                + " -State InActive" + QUIET + "\n$data = $true").build();
    }

    /** Recreates a scope as it was read, inactive: what a partner keeps when its copy is disabled, not deleted. */
    static PsScript recreateInactive(ScopeConfig c) {
        WinScope s = c.scope();
        PsScript.Builder b = PsScript.builder();
        StringBuilder add = new StringBuilder("Add-DhcpServerv4Scope -Name ").append(str(s.name()))
                .append(" -StartRange ").append(ip(s.startRange())).append(" -EndRange ").append(ip(s.endRange()))
                .append(" -SubnetMask ").append(ip(s.subnetMask())).append(" -State InActive");
        if (s.description() != null && !s.description().isEmpty()) add.append(" -Description ").append(str(s.description()));
        if (s.leaseDurationSec() != null) add.append(" -LeaseDuration ").append(timeSpan(Duration.ofSeconds(s.leaseDurationSec())));
        b.step("Add-DhcpServerv4Scope", add + QUIET);
        for (WinExclusion e : c.exclusions()) {
            b.step("Add-DhcpServerv4ExclusionRange", "Add-DhcpServerv4ExclusionRange -ScopeId " + ip(s.scopeId())
                    + " -StartRange " + ip(e.startRange()) + " -EndRange " + ip(e.endRange()) + QUIET);
        }
        for (WinReservation r : c.reservations()) {
            b.step("Add-DhcpServerv4Reservation", "Add-DhcpServerv4Reservation -ScopeId " + ip(s.scopeId())
                    + " -IPAddress " + ip(r.ipAddress()) + " -ClientId " + str(r.clientId())
                    + (r.name() == null || r.name().isEmpty() ? "" : " -Name " + str(r.name())) + QUIET);
        }
        for (WinOptionValue o : c.options()) {
            String values = String.join(",", o.value().stream().map(tandem.windows.ps.PsScript::str).toList());
            b.step("Set-DhcpServerv4OptionValue", "Set-DhcpServerv4OptionValue -OptionId " + integer(o.optionId())
                    + " -Value " + (values.isEmpty() ? "@()" : values)
                    + (o.reservedIp() == null ? " -ScopeId " + ip(s.scopeId()) : " -ReservedIP " + ip(o.reservedIp()))
                    + " -Force" + QUIET);
        }
        b.line("$data = $true");
        return b.build();
    }

    /**
     * A configuration table item's change (see {@link WindowsConfigEdits}, {@link WindowsSuperscopeEdits}): the cmdlets that bring the item from {@code from} to {@code to};
     * null when there is nothing to do. A reservation is keyed by its address: a new address is Remove, then Add with
     * its option values.
     */
    static PsScript configTransition(JsonNode r, JsonNode from, JsonNode to) {
        boolean none = from == null || from.isNull(), gone = to == null || to.isNull();
        if (none && gone || (!none && !gone && from.equals(to))) return null;
        PsScript.Builder b = PsScript.builder();
        String scopeId = r.path("scopeId").asText(null);
        switch (r.get("kind").asText()) {
            case "reservation" -> {
                if (!none && (gone || !from.get("ip").asText().equals(to.get("ip").asText()))) {
                    b.step("Remove-DhcpServerv4Reservation", "Remove-DhcpServerv4Reservation -IPAddress " + ip(from.get("ip").asText()) + QUIET);
                }
                if (!gone && (none || !from.get("ip").asText().equals(to.get("ip").asText()))) {
                    b.step("Add-DhcpServerv4Reservation", "Add-DhcpServerv4Reservation -ScopeId " + ip(scopeId) + " -IPAddress "
                            + ip(to.get("ip").asText()) + " -ClientId " + str(to.get("clientId").asText())
                            + " -Name " + str(to.get("name").asText()) + " -Description " + str(to.get("description").asText())
                            + (to.path("type").asText("").isEmpty() ? "" : " -Type " + str(to.get("type").asText())) + QUIET);
                    for (Iterator<Map.Entry<String, JsonNode>> it = to.path("options").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> o = it.next();
                        b.step("Set-DhcpServerv4OptionValue", setOption(Long.parseLong(o.getKey()), o.getValue(),
                                " -ReservedIP " + ip(to.get("ip").asText())));
                    }
                } else if (!gone) {
                    b.step("Set-DhcpServerv4Reservation", "Set-DhcpServerv4Reservation -IPAddress " + ip(to.get("ip").asText())
                            + " -ClientId " + str(to.get("clientId").asText()) + " -Name " + str(to.get("name").asText())
                            + " -Description " + str(to.get("description").asText()) + QUIET);
                }
            }
            case "option" -> {
                String level = r.hasNonNull("reservedIp") ? " -ReservedIP " + ip(r.get("reservedIp").asText())
                        : scopeId != null ? " -ScopeId " + ip(scopeId) : "";
                long id = r.get("optionId").asLong();
                if (gone) {
                    b.step("Remove-DhcpServerv4OptionValue", "Remove-DhcpServerv4OptionValue -OptionId " + integer(id) + level + QUIET);
                } else {
                    b.step("Set-DhcpServerv4OptionValue", setOption(id, to.get("values"), level));
                }
            }
            case WindowsSuperscopeEdits.KIND -> superscopeTransition(b, from, to);
            default -> b.step("Set-DhcpServerv4Scope", "Set-DhcpServerv4Scope -ScopeId " + ip(scopeId)
                    + " -Name " + str(to.get("name").asText()) + " -Description " + str(to.get("description").asText())
                    + " -LeaseDuration " + timeSpan(Duration.ofSeconds(to.get("leaseDurationSec").asLong()))
                    + " -State " + (to.get("state").asText().equalsIgnoreCase("Active") ? "Active" : "InActive") + QUIET);
        }
        b.line("$data = $true");
        return b.build();
    }

    /**
     * A superscope from {@code from} to {@code to}: Remove without -ScopeId takes every scope out and the superscope
     * with them; Add creates it; Rename keeps its scopes; scopes that differ join before others leave, so it never
     * empties on the way. Add goes without -Force: a scope that joined another superscope since stays there and the
     * step fails, rather than being moved silently.
     */
    private static void superscopeTransition(PsScript.Builder b, JsonNode from, JsonNode to) {
        boolean none = from == null || from.isNull(), gone = to == null || to.isNull();
        if (gone) {
            b.step("Remove-DhcpServerv4Superscope", "Remove-DhcpServerv4Superscope -SuperscopeName " + str(from.get("name").asText()) + QUIET);
            return;
        }
        String name = to.get("name").asText();
        List<String> want = WindowsSuperscopeEdits.ids(to);
        List<String> have = none ? List.of() : WindowsSuperscopeEdits.ids(from);
        if (!none && !from.get("name").asText().equals(name)) {
            b.step("Rename-DhcpServerv4Superscope", "Rename-DhcpServerv4Superscope -Name " + str(from.get("name").asText())
                    + " -NewName " + str(name) + QUIET);
        }
        List<String> join = want.stream().filter(id -> !have.contains(id)).toList();
        List<String> leave = have.stream().filter(id -> !want.contains(id)).toList();
        if (!join.isEmpty()) {
            b.step("Add-DhcpServerv4Superscope", "Add-DhcpServerv4Superscope -SuperscopeName " + str(name) + " -ScopeId " + ips(join) + QUIET);
        }
        if (!leave.isEmpty()) {
            b.step("Remove-DhcpServerv4Superscope", "Remove-DhcpServerv4Superscope -SuperscopeName " + str(name) + " -ScopeId "
                    + ips(leave) + QUIET);
        }
    }

    /** -Force: Windows would otherwise check a DNS server option's addresses answer, which is not this change's rule. */
    private static String setOption(long id, JsonNode values, String level) {
        List<String> v = new ArrayList<>();
        values.forEach(x -> v.add(str(x.asText())));
        return "Set-DhcpServerv4OptionValue -OptionId " + integer(id) + " -Value " + String.join(",", v) + level + " -Force" + QUIET;
    }

}
