package tandem.cli.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.windows.sim.WindowsLab;

/** Settings and undo of Windows changes through the journal, against the simulator through real SSH. */
class WindowsUndoCliTest {
    @TempDir Path dir;
    WindowsLab lab;
    WindowsCli cli;

    @BeforeEach
    void servers() throws Exception {
        lab = WindowsLab.start(dir.resolve("lab"), "dhcp1", "dhcp2");
        cli = new WindowsCli(dir.resolve("data"), lab);
        assertEquals(0, lab.ps("dhcp1", "Add-DhcpServerv4Scope -Name s1 -StartRange 10.1.0.10 -EndRange 10.1.0.200 -SubnetMask 255.255.255.0").exitCode());
        assertEquals(0, cli.add("dhcp1").code());
        assertEquals(0, cli.add("dhcp2").code());
        WindowsCli.Run r = cli.tandem("windows", "relationship", "add", "fo1", "--server", "dhcp1", "--partner", "dhcp2",
                "--mode", "load-balance", "--scope", "10.1.0.0", "--yes");
        assertEquals(0, r.code(), r.toString());
    }

    @AfterEach
    void stop() { lab.close(); }

    /** The journal id of the newest entry whose description contains {@code text}. */
    private String id(String text) {
        String journal = cli.tandem("journal", "--all").out();
        Matcher m = Pattern.compile("#?(\\d+)\\b.*" + Pattern.quote(text)).matcher(journal);
        assertTrue(m.find(), journal);
        return m.group(1);
    }

    @Test
    void undoingTheCreateRemovesTheRelationshipAndKeepsTheScopesWhereTheyCameFrom() {
        WindowsCli.Run undo = cli.tandem("undo", id("Create failover relationship fo1"));
        assertEquals(0, undo.code(), undo.toString());
        assertEquals("", lab.ps("dhcp1", "Get-DhcpServerv4Failover").stdout().strip());
        assertEquals(0, lab.ps("dhcp1", "Get-DhcpServerv4Scope -ScopeId 10.1.0.0").exitCode());
        assertEquals(1, lab.ps("dhcp2", "Get-DhcpServerv4Scope -ScopeId 10.1.0.0").exitCode());
        WindowsCli.Run again = cli.tandem("undo", id("Undo change"));
        assertEquals(1, again.code(), again.toString());
        assertTrue(again.err().contains("cannot be undone"), again.err());
    }

    @Test
    void settingsChangeAndTheirUndoRestoresThem() {
        WindowsCli.Run bad = cli.tandem("windows", "relationship", "set", "fo1", "--load-balance-percent", "120", "--yes");
        assertEquals(64, bad.code(), bad.toString());
        WindowsCli.Run set = cli.tandem("windows", "relationship", "set", "fo1", "--load-balance-percent", "80", "--mclt", "7200", "--yes");
        assertEquals(0, set.code(), set.toString());
        assertTrue(set.out().contains("+ load balance % 80"), set.out());
        assertEquals("80", lab.ps("dhcp1", "(Get-DhcpServerv4Failover -Name fo1).LoadBalancePercent").stdout().strip());
        assertEquals("7200", lab.ps("dhcp1", "(Get-DhcpServerv4Failover -Name fo1).MaxClientLeadTime.TotalSeconds").stdout().strip());
        WindowsCli.Run undo = cli.tandem("undo", id("Change the settings of failover relationship fo1"));
        assertEquals(0, undo.code(), undo.toString());
        assertEquals("50", lab.ps("dhcp1", "(Get-DhcpServerv4Failover -Name fo1).LoadBalancePercent").stdout().strip());
        assertEquals("3600", lab.ps("dhcp1", "(Get-DhcpServerv4Failover -Name fo1).MaxClientLeadTime.TotalSeconds").stdout().strip());
    }

    @Test
    void removingARelationshipCannotBeUndoneAndSaysWhy() {
        assertEquals(0, cli.tandem("windows", "relationship", "remove", "fo1", "--keep-on", "dhcp1", "--other", "delete", "--yes").code());
        WindowsCli.Run undo = cli.tandem("undo", id("Remove failover relationship fo1"));
        assertEquals(1, undo.code(), undo.toString());
        assertTrue(undo.err().contains("create the relationship again"), undo.err());
    }

    @Test
    void theSharedSecretAloneCanBeSetAndRemoved() throws Exception {
        Path secret = dir.resolve("secret");
        java.nio.file.Files.writeString(secret, "Sh4red!\n");
        WindowsCli.Run on = cli.tandem("windows", "relationship", "set", "fo1", "--shared-secret-file", secret.toString(), "--yes");
        assertEquals(0, on.code(), on.toString());
        assertEquals("True", lab.ps("dhcp2", "(Get-DhcpServerv4Failover -Name fo1).EnableAuth").stdout().strip());
        WindowsCli.Run off = cli.tandem("windows", "relationship", "set", "fo1", "--no-shared-secret", "--yes");
        assertEquals(0, off.code(), off.toString());
        assertEquals("False", lab.ps("dhcp1", "(Get-DhcpServerv4Failover -Name fo1).EnableAuth").stdout().strip());
        assertTrue(!cli.tandem("audit").out().contains("Sh4red!"));
    }
}
