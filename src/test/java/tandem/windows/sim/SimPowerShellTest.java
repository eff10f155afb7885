package tandem.windows.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimPowerShellTest {
    static final String PRELUDE = String.join("\n",
            "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'",
            "[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false",
            "function Sec($t) { if ($null -eq $t) { $null } else { [int64]$t.TotalSeconds } }",
            "function Ips($a) { @($a | ForEach-Object { \"$_\" }) -join ',' }",
            "$step = ''",
            "try {");
    static final String EPILOGUE = String.join("\n",
            "  $out = [ordered]@{ ok = $true; data = $data }",
            "} catch {",
            "  $out = [ordered]@{ ok = $false; message = $_.Exception.Message; fqid = $_.FullyQualifiedErrorId;",
            "    category = [string]$_.CategoryInfo.Category; type = $_.Exception.GetType().FullName; step = $step }",
            "}",
            "ConvertTo-Json -InputObject $out -Depth 6 -Compress");

    private final SimFakeCmdlets cmdlets = new SimFakeCmdlets();
    private final SimSession session = new SimSession("dhcp1", "admin", true);
    private final SimPowerShell ps = new SimPowerShell(Clock.fixed(Instant.parse("2026-12-01T20:00:00Z"), ZoneOffset.UTC));

    private SimRun run(String script) { return ps.run(session, script, new byte[0], cmdlets); }

    private String out(String script) {
        SimRun r = run(script);
        assertEquals("", r.stderr(), script);
        return r.stdout();
    }

    @Test void envelopeOkPath() {
        String body = String.join("\n",
                "  $step = 'Get-DhcpServerv4Failover'",
                "  $data = @(Get-DhcpServerv4Failover | ForEach-Object { [ordered]@{",
                "    name=$_.Name; partner=$_.PartnerServer; mode=[string]$_.Mode; state=[string]$_.State",
                "    loadBalancePercent=$_.LoadBalancePercent; reservePercent=$_.ReservePercent",
                "    mcltSec=Sec $_.MaxClientLeadTime; switchIntervalSec=Sec $_.StateSwitchInterval",
                "    autoStateTransition=[bool]$_.AutoStateTransition; enableAuth=[bool]$_.EnableAuth",
                "    scopeIds=(Ips $_.ScopeId) } })");
        SimRun r = run(PRELUDE + "\n" + body + "\n" + EPILOGUE);
        assertEquals("", r.stderr());
        assertEquals(0, r.exitCode());
        assertEquals("{\"ok\":true,\"data\":[{\"name\":\"dhcp-master\\u003c--\\u003edhcp-node\",\"partner\":\"dhcp2.lab.test\",\"mode\":\"LoadBalance\","
                + "\"state\":\"Normal\",\"loadBalancePercent\":50,\"reservePercent\":null,\"mcltSec\":3600,\"switchIntervalSec\":null,"
                + "\"autoStateTransition\":false,\"enableAuth\":true,\"scopeIds\":\"192.168.10.0,10.2.0.0\"}]}\r\n", r.stdout());
    }

    @Test void envelopeErrorPathCarriesStepAndRecord() {
        String body = "  $step = 'Get-DhcpServerv4Scope'\n  $data = Get-DhcpServerv4Scope -ScopeId 10.20.30.0\n  $step = 'never'";
        SimRun r = run(PRELUDE + "\n" + body + "\n" + EPILOGUE);
        assertEquals(0, r.exitCode());
        assertEquals("", r.stderr());
        assertEquals("{\"ok\":false,\"message\":\"Failed to get scope information for scope 10.20.30.0 on DHCP server dhcp1.\","
                + "\"fqid\":\"DHCP 20005,Get-DhcpServerv4Scope\",\"category\":\"ObjectNotFound\",\"type\":\"Microsoft.Management.Infrastructure.CimException\","
                + "\"step\":\"Get-DhcpServerv4Scope\"}\r\n", r.stdout());
        SimRun binder = run(PRELUDE + "\n  $step = 'Add-DhcpServerv4Failover'\n  Add-DhcpServerv4Failover -Name fo1 -ScopeId 10.1.0.0 -PartnerServer dhcp2 "
                + "-ReservePercent 10 -LoadBalancePercent 60 -Force -Confirm:$false\n" + EPILOGUE);
        assertEquals("", binder.stderr());
        assertTrue(binder.stdout().contains("\"fqid\":\"AmbiguousParameterSet,Add-DhcpServerv4Failover\",\"category\":\"InvalidArgument\","
                + "\"type\":\"System.Management.Automation.ParameterBindingException\",\"step\":\"Add-DhcpServerv4Failover\""), binder.stdout());
        assertEquals(List.of("Get-DhcpServerv4Scope"), cmdlets.calls.stream().map(SimFakeCmdlets.Call::cmdlet).toList(), "a binder error runs nothing");
    }

    @Test void cmdletCallsBindThroughTheTable() {
        out("Add-DhcpServerv4Failover -Comp dhcp1 fo1 10.1.0.0,10.2.0.0 dhcp2 -ServerRole standby -MaxClientLeadTime '8.00:00:00' -Force -Confirm:$false");
        SimFakeCmdlets.Call c = cmdlets.calls.get(0);
        assertEquals("HotStandby", c.set());
        assertEquals(List.of(new SimIp("10.1.0.0"), new SimIp("10.2.0.0")), c.bound().get("ScopeId"));
        assertEquals("Standby", c.bound().get("ServerRole"));
        assertEquals(java.time.Duration.ofDays(8), c.bound().get("MaxClientLeadTime"));
        assertEquals(false, c.bound().get("Confirm"));
        assertEquals(session, c.session());
    }

    @Test void statementsOneByOne() {
        assertEquals("3\r\n", out("$a = 1; $b = 2\n# a comment\nif ($a -eq 2) { 'no' } elseif ($b -eq 2) { 3 } else { 'no' }"));
        assertEquals("x\r\ny\r\n", out("foreach ($s in @('x', 'y')) { $s }"));
        assertEquals("it's\r\n", out("'it''s'"));
        assertEquals("a-b\tc\"$d`\r\n", out("$v = 'b'; \"a-$v`tc`\"`$d``\""));
        assertEquals("1,2,3\r\n", out("1, 2, 3 -join ','"));
        assertEquals("True\r\nFalse\r\nTrue\r\n", out("!$false; -not $true; ('abc' -like 'A*') -and ($null -eq $x)"));
        assertEquals("True\r\nTrue\r\nFalse\r\n", out("5 -gt 3; 'B' -eq 'b'; 2 -le 1"));
        assertEquals("3\r\n", out("@('a,b,c' -split ',').Count"));
        assertEquals("42\r\n7\r\nTrue\r\n01:00:00\r\n10.0.0.1\r\n", out("[int]'42'; [int64]7.4; [bool]'x'; [timespan]'01:00:00'; [ipaddress]'10.0.0.1'"));
        assertEquals("System.String\r\n5\r\n", out("'x'.GetType().FullName; 'hello'.Length"));
        assertEquals("b\r\n", out("function F($p, $q) { $q }\nF 'a' 'b'"));
        assertEquals("2\r\n3\r\n0\r\n", out("$h = @{ a = 1; b = 2; c = 3 }\n$h.b; $h.Count; $nothing.Count"));
        assertEquals("Lab 2\r\n", out("Get-DhcpServerv4Scope | Where-Object { $_.Name -eq 'Lab 2' } | ForEach-Object { $_.Name }"));
        assertEquals("10.1.0.0 10.2.0.0\r\n", out("[string](Get-DhcpServerv4Scope).ScopeId"));
        assertEquals("5.1.20348.2849\r\n", out("$PSVersionTable.PSVersion.ToString()"));
        assertEquals("1796155200\r\n", out("[DateTimeOffset]::UtcNow.ToUnixTimeSeconds()"));
    }

    @Test void getModuleListsDhcpServerWhereTheModelHasItsCmdlets() {
        assertEquals("DhcpServer\r\n2.0.0.0\r\n", out("$m = Get-Module -ListAvailable DhcpServer; $m.Name; $m.Version.ToString()"));
        assertEquals("0\r\n", out("@(Get-Module -ListAvailable NoSuchModule).Count"));
        SimCmdlets bare = new SimCmdlets() {
            @Override public boolean knows(String cmdlet) { return false; }

            @Override public java.util.List<Object> invoke(SimSession s, String c, String set, java.util.Map<String, Object> b) { throw new AssertionError(c); }
        };
        SimRun r = ps.run(session, "@(Get-Module -ListAvailable DhcpServer).Count\nGet-DhcpServerv4Scope", new byte[0], bare);
        assertEquals("0\r\n", r.stdout());
        assertTrue(r.stderr().contains("CommandNotFoundException"), r.stderr());
    }

    @Test void tryCatchExposesTheErrorRecord() {
        String s = "try { Get-Bogus } catch { $_.FullyQualifiedErrorId; [string]$_.CategoryInfo.Category; $_.Exception.GetType().FullName; \"$_\" }";
        assertEquals("CommandNotFoundException\r\nObjectNotFound\r\nSystem.Management.Automation.CommandNotFoundException\r\n"
                + "The term 'Get-Bogus' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling "
                + "of the name, or if a path was included, verify that the path is correct and try again.\r\n", out(s));
        // a cmdlet's own error is non-terminating: try catches it only under Stop
        assertEquals("after\r\n", run("try { Remove-DhcpServerv4Scope 10.1.0.0 -Force } catch { 'caught' }\n'after'").stdout());
        assertEquals("caught\r\n", out("try { Remove-DhcpServerv4Scope 10.1.0.0 -Force -ErrorAction Stop } catch { 'caught' }"));
    }

    @Test void uncaughtErrorsGoToStderrAsClixmlAndSetTheExitCode() {
        SimRun r = run("Get-DhcpServerv4Scope -ScopeId 10.20.30.0\n'still runs'");
        assertEquals("still runs\r\n", r.stdout());
        assertEquals(0, r.exitCode());
        assertTrue(r.stderr().startsWith("#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
                + "<S S=\"Error\">Get-DhcpServerv4Scope : Failed to get scope information for scope 10.20.30.0 on DHCP server dhcp1._x000D__x000A_</S>"), r.stderr());
        assertTrue(r.stderr().contains("<S S=\"Error\">    + FullyQualifiedErrorId : DHCP 20005,Get-DhcpServerv4Scope_x000D__x000A_</S>"), r.stderr());
        assertTrue(r.stderr().endsWith("</Objs>"));
        assertEquals(1, run("'first'\nGet-DhcpServerv4Scope -ScopeId 10.20.30.0").exitCode());
        SimRun stop = run("$ErrorActionPreference = 'Stop'\nGet-DhcpServerv4Scope -ScopeId 10.20.30.0\n'never'");
        assertEquals("", stop.stdout());
        assertEquals(1, stop.exitCode());
        assertTrue(stop.stderr().contains("DHCP 20005,Get-DhcpServerv4Scope"));
        SimRun silent = run("Get-DhcpServerv4Scope -ScopeId 10.20.30.0 -ErrorAction SilentlyContinue -ErrorVariable ev\n$ev.FullyQualifiedErrorId");
        assertEquals("DHCP 20005,Get-DhcpServerv4Scope\r\n", silent.stdout());
        assertEquals("", silent.stderr());
    }

    @Test void exitChoosesTheCode() {
        SimRun r = run("'a'\nexit 3\n'b'");
        assertEquals("a\r\n", r.stdout());
        assertEquals(3, r.exitCode());
        assertEquals(0, run("Get-DhcpServerv4Scope -ScopeId 10.20.30.0\nexit 0").exitCode());
    }

    @Test void outsideTheSubsetIsAParseError() {
        for (String bad : List.of("while ($true) { }", "$a[0]", "if ($a) { 'x'", "\"$($a)\"", "$a = ", "1 + ", "[ordered]'x'", "try { }")) {
            SimRun r = run(bad);
            assertEquals(1, r.exitCode(), bad);
            assertEquals("", r.stdout(), bad);
            assertTrue(r.stderr().contains("ParserError: (:) [], ParentContainsErrorRecordException"), bad + " -> " + r.stderr());
        }
        assertTrue(run("if ($a) { 'x'").stderr().contains("FullyQualifiedErrorId : MissingEndCurlyBrace"));
        assertTrue(cmdlets.calls.isEmpty(), "nothing runs when the script does not parse");
        String caught = out("try { & ([ScriptBlock]::Create('if (')) } catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().FullName }");
        assertEquals("ParseException\r\nSystem.Management.Automation.MethodInvocationException\r\n", caught);
    }

    @Test void stdinBootstrapRunsTheScriptItCarries() {
        String script = PRELUDE + "\n  $step = 'Get-Service'\n  $data = [ordered]@{ status = [int](Get-Service DHCPServer).Status; ps = $PSVersionTable.PSVersion.ToString() }\n"
                + EPILOGUE + "\n# é ü";
        byte[] stdin = Base64.getEncoder().encode(script.getBytes(StandardCharsets.UTF_8));
        String bootstrap = "$s=[Console]::In.ReadToEnd(); & ([ScriptBlock]::Create([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($s))))";
        SimRun r = ps.run(session, bootstrap, stdin, cmdlets);
        assertEquals("", r.stderr());
        assertEquals("{\"ok\":true,\"data\":{\"status\":4,\"ps\":\"5.1.20348.2849\"}}\r\n", r.stdout());
        assertEquals(0, r.exitCode());
    }

    @Test void outputEncodingIsOemUntilSetToUtf8() {
        assertEquals("caf\uFFFD\r\n", run("'café'").stdout());
        assertEquals("café\r\n", run("[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false\n'café'").stdout());
    }

    @Test void jsonShapesOfWindowsPowerShell51() {
        String fo = out("Get-DhcpServerv4Failover | ConvertTo-Json -Compress");
        assertTrue(fo.startsWith("{\"ScopeId\":{\"value\":[{\"Address\":698560,\"AddressFamily\":2,\"ScopeId\":null,\"IsIPv6Multicast\":false,"
                + "\"IsIPv6LinkLocal\":false,\"IsIPv6SiteLocal\":false,\"IsIPv6Teredo\":false,\"IsIPv4MappedToIPv6\":false},"), fo);
        assertTrue(fo.contains("],\"Count\":2},\"PrimaryServerIP\":{\"Address\":17148096,\"AddressFamily\":2,\"ScopeId\":null,"), fo);
        assertTrue(fo.contains("\"IsIPv4MappedToIPv6\":false,\"IPAddressToString\":\"192.168.5.1\"}"), fo);
        assertTrue(fo.contains("\"MaxClientLeadTime\":{\"Ticks\":36000000000,\"Days\":0,\"Hours\":1,\"Milliseconds\":0,\"Minutes\":0,\"Seconds\":0,"
                + "\"TotalDays\":0.041666666666666664,\"TotalHours\":1,\"TotalMilliseconds\":3600000,\"TotalMinutes\":60,\"TotalSeconds\":3600}"), fo);
        assertTrue(fo.contains("\"Name\":\"dhcp-master\\u003c--\\u003edhcp-node\""), fo);
        assertEquals("4\r\n", out("(Get-Service DHCPServer | ConvertTo-Json -Compress) -split '\"Status\":' -split ',' | Where-Object { $_ -eq '4' }"));
        // several objects: an array; none: nothing; -InputObject @(): []
        assertTrue(out("Get-DhcpServerv4Scope | ConvertTo-Json -Compress").startsWith("[{\"ScopeId\":{"));
        assertEquals("", out("@() | ConvertTo-Json"));
        assertEquals("[]\r\n", out("ConvertTo-Json -InputObject @() -Compress"));
        // default depth 2: deeper levels become strings
        assertEquals("{\"a\":{\"b\":{\"c\":\"System.Collections.Hashtable\"}}}\r\n", out("@{ a = @{ b = @{ c = @{ d = 1 } } } } | ConvertTo-Json -Compress"));
        assertEquals("{\"a\":{\"b\":{\"c\":{\"d\":1}}}}\r\n", out("@{ a = @{ b = @{ c = @{ d = 1 } } } } | ConvertTo-Json -Compress -Depth 3"));
        assertEquals("{\r\n    \"a\":  1,\r\n    \"b\":  [\r\n              \"x\",\r\n              \"y\"\r\n          ]\r\n}\r\n",
                out("[ordered]@{ a = 1; b = @('x', 'y') } | ConvertTo-Json"));
        assertEquals("\"it\\u0027s \\u0026 \\\"q\\\" \\\\\"\r\n", out("ConvertTo-Json -InputObject 'it''s & \"q\" \\'"));
        assertEquals("{\"t\":\"\\/Date(1796155200000)\\/\"}\r\n",
                out("$d = [DateTimeOffset]::UtcNow; ConvertTo-Json -Compress -InputObject @{ t = $d }"));
        assertEquals("{\"Address\":16777226,\"AddressFamily\":2,\"ScopeId\":null,\"IsIPv6Multicast\":false,\"IsIPv6LinkLocal\":false,"
                + "\"IsIPv6SiteLocal\":false,\"IsIPv6Teredo\":false,\"IsIPv4MappedToIPv6\":false,\"IPAddressToString\":\"10.0.0.1\"}\r\n",
                out("[ipaddress]'10.0.0.1' | ConvertTo-Json -Compress"));
    }

    @Test void defaultViewListsObjects() {
        assertEquals("\r\nName      : DHCPServer\r\nStatus    : Running\r\nStartType : Automatic\r\n\r\n", out("Get-Service DHCPServer"));
    }
}
