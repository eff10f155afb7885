package tandem.cli.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.windows.sim.WindowsLab;

/** {@code tandem windows relationship add|remove} and {@code scope add|remove}, through real SSH to the simulator. */
class WindowsRelationshipCliTest {
    @TempDir Path dir;
    WindowsLab lab;
    WindowsCli cli;

    @BeforeEach
    void servers() throws Exception {
        lab = WindowsLab.start(dir.resolve("lab"), "dhcp1", "dhcp2");
        cli = new WindowsCli(dir.resolve("data"), lab);
        for (String s : new String[] {"10.1.0", "10.2.0"}) {
            assertEquals(0, lab.ps("dhcp1", "Add-DhcpServerv4Scope -Name n" + s + " -StartRange " + s + ".10 -EndRange " + s
                    + ".200 -SubnetMask 255.255.255.0").exitCode());
        }
        assertEquals(0, lab.ps("dhcp1", "Add-DhcpServerv4Reservation -ScopeId 10.1.0.0 -IPAddress 10.1.0.50 -ClientId 00-11-22-33-44-55").exitCode());
        assertEquals(0, cli.add("dhcp1").code());
        assertEquals(0, cli.add("dhcp2").code());
    }

    /** A console line with the helper that joins addresses. */
    private static final String IPS = "function Ips($a) { @($a | ForEach-Object { \"$_\" }) -join ',' }; ";

    @AfterEach
    void stop() { lab.close(); }

    private String state(String server) {
        var r = lab.ps(server, IPS + "Get-DhcpServerv4Failover | ForEach-Object { @($_.Name, $_.State, (Ips $_.ScopeId)) -join ' ' }");
        assertEquals("", r.stderr(), r.stderr());
        return r.stdout().strip();
    }

    @Test
    void createsALoadBalanceRelationshipWithAScopeCopiedToThePartner() throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "s3cr3t-shared\n");
        WindowsCli.Run r = cli.tandem("windows", "relationship", "add", "fo1", "--server", "dhcp1", "--partner", "dhcp2",
                "--mode", "load-balance", "--load-balance-percent", "70", "--mclt", "1800", "--switchover-interval", "600",
                "--shared-secret-file", secret.toString(), "--scope", "10.1.0.0", "--yes");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("+   scope 10.1.0.0"), r.out());
        assertFalse((r.out() + r.err()).contains("s3cr3t-shared"));
        String f = lab.ps("dhcp2", "(Get-DhcpServerv4Failover -Name fo1).LoadBalancePercent").stdout().strip();
        assertEquals("30", f);
        assertEquals("10.1.0.50", lab.ps("dhcp2", "(Get-DhcpServerv4Reservation -ScopeId 10.1.0.0).IPAddress.ToString()").stdout().strip());
        assertEquals("True", lab.ps("dhcp1", "(Get-DhcpServerv4Failover -Name fo1).EnableAuth").stdout().strip());
        assertTrue(cli.tandem("status").out().contains("fo1"));
        assertFalse(cli.tandem("audit").out().contains("s3cr3t-shared"));
    }

    @Test
    void anEmptyRelationshipLeavesNoScopeBehind() {
        WindowsCli.Run r = cli.tandem("windows", "relationship", "add", "empty", "--server", "dhcp1", "--partner", "dhcp2",
                "--mode", "hot-standby", "--server-role", "standby", "--reserve-percent", "10", "--yes");
        assertEquals(0, r.code(), r.toString());
        assertEquals("empty Normal", state("dhcp1"));
        assertEquals("empty Normal", state("dhcp2"));
        assertEquals("10.1.0.0,10.2.0.0", lab.ps("dhcp1", IPS + "Ips (Get-DhcpServerv4Scope).ScopeId").stdout().strip());
        assertEquals("", lab.ps("dhcp2", IPS + "Ips (Get-DhcpServerv4Scope).ScopeId").stdout().strip());
        assertEquals("Standby", lab.ps("dhcp1", "[string](Get-DhcpServerv4Failover -Name empty).ServerRole").stdout().strip());
    }

    @Test
    void dryRunSendsNothingAndNoYesWithoutATerminalIsNotConfirmed() {
        WindowsCli.Run dry = cli.tandem("windows", "relationship", "add", "fo1", "--server", "dhcp1", "--partner", "dhcp2",
                "--mode", "load-balance", "--scope", "10.1.0.0", "--dry-run");
        assertEquals(0, dry.code(), dry.toString());
        assertTrue(dry.out().contains("Dry run"), dry.out());
        WindowsCli.Run unconfirmed = cli.tandem("windows", "relationship", "add", "fo1", "--server", "dhcp1", "--partner", "dhcp2",
                "--mode", "load-balance", "--scope", "10.1.0.0");
        assertEquals(1, unconfirmed.code(), unconfirmed.toString());
        assertEquals("", state("dhcp1"));
    }

    @Test
    void documentedRulesAreCheckedBeforeAnythingIsSent() {
        WindowsCli.Run percent = cli.tandem("windows", "relationship", "add", "fo1", "--server", "dhcp1", "--partner", "dhcp2",
                "--mode", "load-balance", "--load-balance-percent", "101", "--yes");
        assertEquals(64, percent.code(), percent.toString());
        assertTrue(percent.err().contains("--load-balance-percent"), percent.err());
        WindowsCli.Run clash = cli.tandem("windows", "relationship", "add", "fo1", "--server", "dhcp1", "--partner", "dhcp2",
                "--mode", "load-balance", "--reserve-percent", "5", "--yes");
        assertEquals(64, clash.code(), clash.toString());
        WindowsCli.Run mclt = cli.tandem("windows", "relationship", "add", "fo1", "--server", "dhcp1", "--partner", "dhcp2",
                "--mode", "load-balance", "--mclt", "0", "--yes");
        assertEquals(64, mclt.code(), mclt.toString());
        assertTrue(mclt.err().contains("--mclt"), mclt.err());
        assertEquals(0, lab.ps("dhcp2", "Add-DhcpServerv4Scope -Name copy -StartRange 10.2.0.10 -EndRange 10.2.0.200 -SubnetMask 255.255.255.0").exitCode());
        WindowsCli.Run onPartner = cli.tandem("windows", "relationship", "add", "fo1", "--server", "dhcp1", "--partner", "dhcp2",
                "--mode", "load-balance", "--scope", "10.2.0.0", "--yes");
        assertEquals(1, onPartner.code(), onPartner.toString());
        assertTrue(onPartner.err().contains("--scope") && onPartner.err().contains("10.2.0.0"), onPartner.err());
        assertEquals("", state("dhcp1"));
    }

    @Test
    void scopesGoInAndOut() {
        assertEquals(0, cli.tandem("windows", "relationship", "add", "fo1", "--server", "dhcp1", "--partner", "dhcp2",
                "--mode", "load-balance", "--scope", "10.1.0.0", "--yes").code());
        WindowsCli.Run add = cli.tandem("windows", "scope", "add", "--relationship", "fo1", "10.2.0.0", "--yes");
        assertEquals(0, add.code(), add.toString());
        assertEquals("fo1 Normal 10.1.0.0,10.2.0.0", state("dhcp2"));
        WindowsCli.Run remove = cli.tandem("windows", "scope", "remove", "--relationship", "fo1", "10.1.0.0", "--yes");
        assertEquals(0, remove.code(), remove.toString());
        assertEquals("fo1 Normal 10.2.0.0", state("dhcp1"));
        assertEquals("10.2.0.0", lab.ps("dhcp2", IPS + "Ips (Get-DhcpServerv4Scope).ScopeId").stdout().strip());
        assertEquals("10.1.0.0,10.2.0.0", lab.ps("dhcp1", IPS + "Ips (Get-DhcpServerv4Scope).ScopeId").stdout().strip());
        WindowsCli.Run bad = cli.tandem("windows", "scope", "add", "--relationship", "fo1", "10.2.0.300", "--yes");
        assertEquals(64, bad.code(), bad.toString());
    }

    @Test
    void aNameWithQuotesAndSymbolsReachesWindowsExactly() {
        String name = "it's \u2018odd\u2019 !@#$%^&* `$x";
        WindowsCli.Run r = cli.tandem("windows", "relationship", "add", name, "--server", "dhcp1", "--partner", "dhcp2",
                "--mode", "load-balance", "--scope", "10.1.0.0", "--yes");
        assertEquals(0, r.code(), r.toString());
        var names = lab.network().server("dhcp2").failovers().stream().map(f -> f.name()).toList();
        assertEquals(java.util.List.of(name), names);
    }
}
