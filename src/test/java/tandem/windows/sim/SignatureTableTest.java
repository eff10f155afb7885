package tandem.windows.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The signature table against the DhcpServer module's published signatures (the facts of the reference's §1, as the
 * stub module and Microsoft's pages give them), and its own consistency.
 */
class SignatureTableTest {
    private final SimSignatures table = SimSignatures.standard();

    private static final List<String> MODELLED = List.of("Get-DhcpServerv4Failover", "Add-DhcpServerv4Failover", "Set-DhcpServerv4Failover",
            "Remove-DhcpServerv4Failover", "Add-DhcpServerv4FailoverScope", "Remove-DhcpServerv4FailoverScope",
            "Invoke-DhcpServerv4FailoverReplication", "Get-DhcpServerv4Scope", "Add-DhcpServerv4Scope", "Set-DhcpServerv4Scope",
            "Remove-DhcpServerv4Scope", "Get-DhcpServerv4ScopeStatistics", "Get-DhcpServerv4OptionValue", "Set-DhcpServerv4OptionValue",
            "Remove-DhcpServerv4OptionValue", "Get-DhcpServerv4Reservation", "Add-DhcpServerv4Reservation", "Remove-DhcpServerv4Reservation",
            "Get-DhcpServerv4ExclusionRange", "Add-DhcpServerv4ExclusionRange", "Remove-DhcpServerv4ExclusionRange", "Get-DhcpServerVersion",
            "Get-DhcpServerSetting", "Get-Service", "Get-DhcpServerv4Lease", "Add-DhcpServerv4Lease", "Set-DhcpServerv4Reservation",
            "Get-DhcpServerv4Superscope", "Add-DhcpServerv4Superscope", "Remove-DhcpServerv4Superscope", "Rename-DhcpServerv4Superscope");

    /** "cmdlet set parameter type M|- position|-" as the published syntax gives it. */
    private void row(String expected) {
        String[] e = expected.split(" ");
        var sig = table.cmdlet(e[0]).orElseThrow(() -> new AssertionError("missing cmdlet " + e[0]));
        assertTrue(sig.sets().containsKey(e[1]), expected + ": no set " + e[1] + " in " + sig.sets().keySet());
        var member = sig.member(e[1], e[2]).orElseThrow(() -> new AssertionError(expected + ": parameter not in set"));
        assertEquals(e[3], sig.parameters().get(e[2]).type(), expected);
        assertEquals(e[4].equals("M"), member.mandatory(), expected);
        assertEquals(e[5].equals("-") ? -1 : Integer.parseInt(e[5]), member.position(), expected);
    }

    @Test void everyModelledCmdletIsThereWithItsCommonParameters() {
        assertEquals(Set.copyOf(MODELLED), new HashSet<>(table.cmdlets().stream().map(SimSignatures.Signature::name).toList()));
        for (var sig : table.cmdlets()) {
            for (var set : sig.sets().entrySet()) {
                Set<String> names = new HashSet<>(set.getValue().stream().map(SimSignatures.Member::name).toList());
                assertTrue(names.contains("ComputerName"), sig.name() + " " + set.getKey());
                if (sig.name().equals("Get-Service")) continue;
                assertTrue(names.containsAll(List.of("CimSession", "ThrottleLimit", "AsJob")), sig.name() + " " + set.getKey());
                assertEquals(!sig.name().startsWith("Get-"), names.containsAll(List.of("WhatIf", "Confirm")), sig.name() + " ShouldProcess");
                // Microsoft's Rename-DhcpServerv4Superscope page gives -ComputerName no alias
                assertEquals(!sig.name().equals("Rename-DhcpServerv4Superscope"),
                        sig.parameters().get("ComputerName").aliases().contains("Cn"), sig.name());
            }
        }
        for (String c : List.of("Verbose", "ErrorAction", "ErrorVariable", "WarningAction", "OutVariable")) assertTrue(table.common().containsKey(c), c);
        assertEquals(List.of("ea"), table.common().get("ErrorAction").aliases());
    }

    @Test void positionsAreUniqueAndTypesKnownInEverySet() {
        Set<String> types = Set.of("string", "string[]", "ipaddress", "ipaddress[]", "uint16", "uint32", "uint32[]", "int", "bool", "bool?",
                "switch", "timespan", "timespan?", "datetime?", "CimSession[]", "ServiceController[]", "ActionPreference");
        for (var sig : table.cmdlets()) {
            sig.parameters().values().forEach(p -> assertTrue(types.contains(p.type()), sig.name() + " " + p));
            for (var set : sig.sets().entrySet()) {
                List<Integer> positions = set.getValue().stream().filter(SimSignatures.Member::positional).map(SimSignatures.Member::position).toList();
                assertEquals(positions.size(), new HashSet<>(positions).size(), sig.name() + " " + set.getKey());
            }
        }
    }

    @Test void failoverCmdletsAsPublished() {
        row("Get-DhcpServerv4Failover Name Name string[] - 1");
        row("Get-DhcpServerv4Failover ScopeId ScopeId ipaddress[] M -");
        for (String set : List.of("LoadBalance", "HotStandby")) {
            row("Add-DhcpServerv4Failover " + set + " Name string M 1");
            row("Add-DhcpServerv4Failover " + set + " ScopeId ipaddress[] M 2");
            row("Add-DhcpServerv4Failover " + set + " PartnerServer string M 3");
            row("Add-DhcpServerv4Failover " + set + " MaxClientLeadTime timespan - -");
            row("Add-DhcpServerv4Failover " + set + " AutoStateTransition bool - -");
            row("Add-DhcpServerv4Failover " + set + " StateSwitchInterval timespan? - -");
            row("Add-DhcpServerv4Failover " + set + " SharedSecret string - -");
            row("Add-DhcpServerv4Failover " + set + " Force switch - -");
            row("Add-DhcpServerv4Failover " + set + " PassThru switch - -");
        }
        row("Add-DhcpServerv4Failover LoadBalance LoadBalancePercent uint32 - -");
        row("Add-DhcpServerv4Failover HotStandby ReservePercent uint32 - -");
        row("Add-DhcpServerv4Failover HotStandby ServerRole string - -");
        var add = table.cmdlet("Add-DhcpServerv4Failover").orElseThrow();
        assertEquals("LoadBalance", add.defaultSet());
        assertFalse(add.member("HotStandby", "LoadBalancePercent").isPresent());
        assertFalse(add.member("LoadBalance", "ReservePercent").isPresent());
        assertEquals(List.of("Active", "Standby"), add.parameters().get("ServerRole").set().orElseThrow());
        assertEquals(100L, add.parameters().get("LoadBalancePercent").range().orElseThrow()[1]);
        assertEquals(0L, add.parameters().get("ReservePercent").range().orElseThrow()[0]);
        for (String p : List.of("Name M 1", "AutoStateTransition - -", "MaxClientLeadTime - -", "SharedSecret - -", "StateSwitchInterval - -",
                "PartnerDown - -", "Force - -", "LoadBalancePercent - -", "ReservePercent - -", "PassThru - -", "Mode - -")) {
            String[] x = p.split(" ");
            var set = table.cmdlet("Set-DhcpServerv4Failover").orElseThrow();
            assertEquals(1, set.sets().size());
            var m = set.member(set.defaultSet(), x[0]).orElseThrow();
            assertEquals(x[1].equals("M"), m.mandatory(), p);
        }
        var set = table.cmdlet("Set-DhcpServerv4Failover").orElseThrow();
        for (String absent : List.of("ServerRole", "PartnerServer", "ScopeId")) assertFalse(set.parameters().containsKey(absent), absent);
        assertFalse(set.parameters().get("SharedSecret").notNullOrEmpty(), "a $null secret turns authentication off");
        assertEquals(List.of("LoadBalance", "HotStandby"), set.parameters().get("Mode").set().orElseThrow());
        row("Remove-DhcpServerv4Failover Remove0 Name string[] M 1");
        row("Add-DhcpServerv4FailoverScope Add0 Name string M 1");
        row("Add-DhcpServerv4FailoverScope Add0 ScopeId ipaddress[] M 2");
        row("Remove-DhcpServerv4FailoverScope Remove1 ScopeId ipaddress[] M 2");
        row("Remove-DhcpServerv4FailoverScope Remove1 Force switch - -");
        row("Invoke-DhcpServerv4FailoverReplication Name Name string[] - 1");
        row("Invoke-DhcpServerv4FailoverReplication ScopeId ScopeId ipaddress[] M -");
        assertEquals("Name", table.cmdlet("Invoke-DhcpServerv4FailoverReplication").orElseThrow().defaultSet());
    }

    @Test void otherCmdletsAsPublished() {
        row("Get-DhcpServerv4Scope Get1 ScopeId ipaddress[] - 1");
        row("Add-DhcpServerv4Scope Add0 StartRange ipaddress M 1");
        row("Add-DhcpServerv4Scope Add0 EndRange ipaddress M 2");
        row("Add-DhcpServerv4Scope Add0 SubnetMask ipaddress M 3");
        row("Add-DhcpServerv4Scope Add0 Name string M 4");
        row("Add-DhcpServerv4Scope Add0 LeaseDuration timespan - -");
        row("Set-DhcpServerv4Scope WithoutRange ScopeId ipaddress M 1");
        row("Set-DhcpServerv4Scope WithRange StartRange ipaddress M -");
        assertEquals("WithoutRange", table.cmdlet("Set-DhcpServerv4Scope").orElseThrow().defaultSet());
        assertEquals(List.of("Dhcp", "Bootp", "Both"), table.cmdlet("Add-DhcpServerv4Scope").orElseThrow().parameters().get("Type").set().orElseThrow());
        row("Remove-DhcpServerv4Scope Remove2 ScopeId ipaddress[] M 1");
        row("Remove-DhcpServerv4Scope Remove2 Passthru switch - -");
        row("Get-DhcpServerv4ScopeStatistics Get0 Failover switch - -");
        row("Get-DhcpServerv4OptionValue Get0 OptionId uint32[] - 1");
        row("Get-DhcpServerv4OptionValue Get0 ScopeId ipaddress - 2");
        row("Set-DhcpServerv4OptionValue OptionIds OptionId uint32 M 1");
        row("Set-DhcpServerv4OptionValue OptionIds Value string[] M 2");
        row("Set-DhcpServerv4OptionValue OptionIds ScopeId ipaddress - 3");
        row("Set-DhcpServerv4OptionValue CommonOptions DnsServer ipaddress[] - -");
        row("Remove-DhcpServerv4OptionValue Remove1 OptionId uint32[] M 1");
        row("Get-DhcpServerv4Reservation ScopeId ScopeId ipaddress M 1");
        row("Get-DhcpServerv4Reservation IPAddress IPAddress ipaddress[] M -");
        row("Get-DhcpServerv4Reservation ClientId ClientId string[] M 2");
        row("Add-DhcpServerv4Reservation Add0 ClientId string M 3");
        row("Set-DhcpServerv4Reservation Set0 IPAddress ipaddress M 1");
        row("Set-DhcpServerv4Reservation Set0 Description string - -");
        row("Get-DhcpServerv4Superscope Get0 SuperscopeName string[] - 1");
        row("Add-DhcpServerv4Superscope Add0 SuperscopeName string M 1");
        row("Add-DhcpServerv4Superscope Add0 ScopeId ipaddress[] M 2");
        row("Add-DhcpServerv4Superscope Add0 Force switch - -");
        row("Remove-DhcpServerv4Superscope Remove2 SuperscopeName string M 1");
        row("Remove-DhcpServerv4Superscope Remove2 ScopeId string[] - 2");
        row("Remove-DhcpServerv4Superscope Remove2 Passthru switch - -");
        assertFalse(table.cmdlet("Remove-DhcpServerv4Superscope").orElseThrow().parameters().containsKey("Force"));
        row("Rename-DhcpServerv4Superscope Rename3 Name string M 1");
        row("Rename-DhcpServerv4Superscope Rename3 NewName string M 2");
        row("Remove-DhcpServerv4Reservation ScopeId ScopeId ipaddress M 1");
        assertEquals("IPAddress", table.cmdlet("Remove-DhcpServerv4Reservation").orElseThrow().defaultSet());
        row("Get-DhcpServerv4ExclusionRange Get1 ScopeId ipaddress[] - 1");
        row("Add-DhcpServerv4ExclusionRange Add0 EndRange ipaddress M 3");
        row("Remove-DhcpServerv4ExclusionRange Remove2 StartRange ipaddress - 2");
        row("Get-DhcpServerv4Lease ScopeId ScopeId ipaddress M 1");
        row("Get-DhcpServerv4Lease ScopeId AllLeases switch - -");
        row("Get-DhcpServerv4Lease IPAddress IPAddress ipaddress[] M -");
        row("Get-DhcpServerv4Lease ClientId ClientId string[] M 2");
        row("Get-DhcpServerv4Lease BadLeases ScopeId ipaddress - 1");
        row("Get-DhcpServerv4Lease BadLeases BadLeases switch M -");
        assertEquals("ScopeId", table.cmdlet("Get-DhcpServerv4Lease").orElseThrow().defaultSet());
        row("Add-DhcpServerv4Lease Add0 ScopeId ipaddress M 1");
        row("Add-DhcpServerv4Lease Add0 IPAddress ipaddress M 2");
        row("Add-DhcpServerv4Lease Add0 ClientId string M 3");
        row("Add-DhcpServerv4Lease Add0 LeaseExpiryTime datetime? - -");
        assertEquals(List.of("Active", "Declined", "Expired", "ActiveReservation", "InactiveReservation"),
                table.cmdlet("Add-DhcpServerv4Lease").orElseThrow().parameters().get("AddressState").set().orElseThrow());
        row("Get-Service Default Name string[] - 0");
        row("Get-Service DisplayName DisplayName string[] M -");
        assertEquals(List.of("ServiceName"), table.cmdlet("Get-Service").orElseThrow().parameters().get("Name").aliases());
    }

    @Test void tableRefusesRowsThatDisagree() {
        String head = "cmdlet\tset\tparameter\ttype\tmandatory\tposition\taliases\tvalidation\tsource";
        assertTrue(assertThrowsIae(List.of(head, "X\tA\t(default set)\t-\t-\t-\t-\t-\tstub", "X\tA\tP\tstring\t-\t-\t-\t-\tstub",
                "X\tB\tP\tuint32\t-\t-\t-\t-\tstub")).contains("differs"));
        assertTrue(assertThrowsIae(List.of(head, "X\tA\tP\tstring\t-\t-\t-\t-\tstub")).contains("default set"));
    }

    private static String assertThrowsIae(List<String> lines) {
        return org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> SimSignatures.parse(lines)).getMessage();
    }
}
