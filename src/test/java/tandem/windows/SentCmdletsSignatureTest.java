package tandem.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tandem.windows.ps.PsScript;
import tandem.windows.sim.SimSignatures;

/**
 * Every cmdlet and parameter Tandem sends to a Windows server exists, by its full name, in the DhcpServer module's
 * published parameter lists (the signature table in the test resources, with its source). Get-Module is PowerShell
 * itself, not the DhcpServer module: its one use (-ListAvailable -Name) is in every PowerShell since 2.0.
 */
class SentCmdletsSignatureTest {
    private static final Pattern CMDLET = Pattern.compile("\\b((?:Get|Add|Set|Remove|Rename|Invoke)-Dhcp[A-Za-z0-9]+|Get-Service)\\b([^|;\\n)}]*)");
    private static final Pattern PARAM = Pattern.compile("(?<=\\s)-([A-Za-z]+)");

    /** Every script Tandem builds, with every option it can take. */
    static List<PsScript> everyScript() {
        List<PsScript> all = new ArrayList<>();
        List<String> scopes = List.of("10.1.0.0", "10.2.0.0");
        all.add(PsScript.of(WindowsReads.STATE_BODY));
        all.add(PsScript.of(WindowsReads.READINESS_BODY));
        all.add(WindowsScripts.scopeConfigs(scopes));
        all.add(WindowsScripts.scopeIds());
        all.add(WindowsScripts.superscopes());
        all.add(WindowsScripts.tableExtras());
        all.add(WindowsScripts.leases("fo1"));
        FailoverRequest lb = new FailoverRequest("fo1", "a", "b", "load-balance", 60, null, null, 1800, 600, true, scopes);
        FailoverRequest hs = new FailoverRequest("fo2", "a", "b", "hot-standby", null, 10, "standby", 3600, 0, false, scopes);
        all.add(WindowsScripts.addFailover(lb, "b", scopes, "secret"));
        all.add(WindowsScripts.addFailover(hs, "b", scopes, null));
        all.add(WindowsScripts.removeFailover("fo1"));
        all.add(WindowsScripts.addFailoverScopes("fo1", scopes));
        all.add(WindowsScripts.removeFailoverScopes("fo1", scopes));
        all.add(WindowsScripts.replicate(null, scopes));
        all.add(WindowsScripts.replicate("fo1", List.of()));
        all.add(WindowsScripts.replicate(null, List.of()));
        all.add(WindowsScripts.partnerDown("fo1"));
        all.add(WindowsScripts.setFailover(new FailoverChange("fo1", 70, null, 600L, 900L), "new"));
        all.add(WindowsScripts.setFailover(new FailoverChange("fo2", null, 8, null, 0L), ""));
        all.add(WindowsScripts.addInactiveScope("placeholder", "192.0.2.249", "192.0.2.254", "255.255.255.248"));
        all.add(WindowsScripts.removeScope("10.1.0.0"));
        all.add(WindowsScripts.deactivateScope("10.1.0.0"));
        all.addAll(configTransitions());
        WinScope scope = new WinScope("10.1.0.0", "s1", "255.255.255.0", "10.1.0.10", "10.1.0.200", "Active", "Dhcp",
                Duration.ofDays(8).toSeconds(), "a scope");
        all.add(WindowsScripts.recreateInactive(new ScopeConfig(scope,
                List.of(new WinExclusion("10.1.0.0", "10.1.0.20", "10.1.0.30")),
                List.of(new WinReservation("10.1.0.0", "10.1.0.50", "00-11-22-33-44-55", "printer", "Both", "")),
                List.of(new WinOptionValue(6, "DNS Servers", List.of("10.0.0.1"), null),
                        new WinOptionValue(3, "Router", List.of("10.1.0.1"), "10.1.0.50")))));
        return all;
    }

    @Test
    void everyCmdletAndParameterSentIsInTheModulesPublishedLists() {
        SimSignatures table = SimSignatures.standard();
        Set<String> seen = new LinkedHashSet<>();
        for (PsScript script : everyScript()) {
            Matcher m = CMDLET.matcher(script.text());
            while (m.find()) {
                String cmdlet = m.group(1);
                var signature = table.cmdlet(cmdlet);
                assertTrue(signature.isPresent(), cmdlet + " is not in the signature table");
                Matcher p = PARAM.matcher(m.group(2));
                while (p.find()) {
                    String param = p.group(1);
                    if (List.of("eq", "ne", "join", "gt", "lt", "and", "or", "not").contains(param.toLowerCase())) continue;
                    boolean known = signature.get().parameters().keySet().stream().anyMatch(k -> k.equalsIgnoreCase(param))
                            || table.common().keySet().stream().anyMatch(k -> k.equalsIgnoreCase(param));
                    assertTrue(known, cmdlet + " has no parameter -" + param + " in the module's lists");
                    seen.add(cmdlet + " -" + param);
                }
            }
        }
        // the table was really consulted for the writers Tandem sends
        for (String expected : List.of("Add-DhcpServerv4Failover -PartnerServer", "Add-DhcpServerv4Failover -ReservePercent",
                "Set-DhcpServerv4Failover -PartnerDown", "Invoke-DhcpServerv4FailoverReplication -ScopeId",
                "Remove-DhcpServerv4FailoverScope -Force", "Set-DhcpServerv4OptionValue -ReservedIP",
                "Get-DhcpServerv4Lease -AllLeases", "Remove-DhcpServerv4Superscope -SuperscopeName",
                "Add-DhcpServerv4Superscope -ScopeId", "Rename-DhcpServerv4Superscope -NewName")) {
            assertTrue(seen.contains(expected), expected + " not among " + seen);
        }
        assertEquals(seen.size(), new LinkedHashSet<>(seen).size());
    }

    /**
     * Every table item's change: a reservation edited, moved, added, removed; option values at each level; a scope; a
     * superscope removed, added back, renamed, and brought to other scopes.
     */
    private static List<PsScript> configTransitions() {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try {
            var res = json.readTree("{\"kind\":\"reservation\",\"scopeId\":\"10.1.0.0\",\"ip\":\"10.1.0.20\"}");
            var a = json.readTree("{\"ip\":\"10.1.0.20\",\"clientId\":\"00-11\",\"name\":\"a\",\"description\":\"\",\"type\":\"Both\",\"options\":{\"12\":[\"x\"]}}");
            var b = json.readTree("{\"ip\":\"10.1.0.21\",\"clientId\":\"00-11\",\"name\":\"a\",\"description\":\"\",\"type\":\"Both\",\"options\":{\"12\":[\"x\"]}}");
            var c = json.readTree("{\"ip\":\"10.1.0.20\",\"clientId\":\"00-11\",\"name\":\"b\",\"description\":\"d\",\"type\":\"Both\",\"options\":{}}");
            var scopeOpt = json.readTree("{\"kind\":\"option\",\"scopeId\":\"10.1.0.0\",\"optionId\":3}");
            var resOpt = json.readTree("{\"kind\":\"option\",\"scopeId\":\"10.1.0.0\",\"reservedIp\":\"10.1.0.20\",\"optionId\":12}");
            var serverOpt = json.readTree("{\"kind\":\"option\",\"optionId\":15}");
            var values = json.readTree("{\"values\":[\"10.1.0.1\"]}");
            var scope = json.readTree("{\"kind\":\"scope\",\"scopeId\":\"10.1.0.0\"}");
            var s1 = json.readTree("{\"name\":\"a\",\"description\":\"\",\"leaseDurationSec\":3600,\"state\":\"Active\"}");
            var s2 = json.readTree("{\"name\":\"b\",\"description\":\"d\",\"leaseDurationSec\":7200,\"state\":\"InActive\"}");
            List<PsScript> out = new ArrayList<>();
            out.add(WindowsScripts.configTransition(res, a, b));
            out.add(WindowsScripts.configTransition(res, a, c));
            out.add(WindowsScripts.configTransition(res, null, a));
            out.add(WindowsScripts.configTransition(res, a, null));
            for (var level : List.of(scopeOpt, resOpt, serverOpt)) {
                out.add(WindowsScripts.configTransition(level, null, values));
                out.add(WindowsScripts.configTransition(level, values, null));
            }
            out.add(WindowsScripts.configTransition(scope, s1, s2));
            var superscope = json.readTree("{\"kind\":\"superscope\",\"name\":\"building A\"}");
            var ss1 = json.readTree("{\"name\":\"building A\",\"scopeIds\":[\"10.1.0.0\",\"10.2.0.0\"]}");
            var ss2 = json.readTree("{\"name\":\"building B\",\"scopeIds\":[\"10.2.0.0\",\"10.3.0.0\"]}");
            out.add(WindowsScripts.configTransition(superscope, ss1, null));
            out.add(WindowsScripts.configTransition(superscope, null, ss1));
            out.add(WindowsScripts.configTransition(superscope, ss1, ss2));
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
