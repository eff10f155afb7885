package tandem.cli.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.windows.sim.WindowsLab;

/**
 * Drift between partners found within one poll, shown by {@code windows drift}, and fixed by {@code windows replicate};
 * {@code relationship remove} with the partner's copies deleted or disabled. Against the simulator through real SSH.
 */
class WindowsReplicateCliTest {
    @TempDir Path dir;
    WindowsLab lab;
    WindowsCli cli;

    @BeforeEach
    void relationship() throws Exception {
        lab = WindowsLab.start(dir.resolve("lab"), "dhcp1", "dhcp2");
        cli = new WindowsCli(dir.resolve("data"), lab);
        ok("dhcp1", "Add-DhcpServerv4Scope -Name s1 -StartRange 10.1.0.10 -EndRange 10.1.0.200 -SubnetMask 255.255.255.0");
        ok("dhcp1", "Add-DhcpServerv4Failover -Name fo1 -PartnerServer dhcp2 -ScopeId 10.1.0.0");
        assertEquals(0, cli.add("dhcp1").code());
        assertEquals(0, cli.add("dhcp2").code());
    }

    @AfterEach
    void stop() { lab.close(); }

    private void ok(String server, String line) {
        var r = lab.ps(server, line);
        assertEquals(0, r.exitCode(), line + ": " + r.stderr());
    }

    private JsonNode fo1() {
        for (JsonNode rel : cli.tandem("status", "--json").json().path("relationships")) {
            if (rel.path("name").asText().equals("fo1")) return rel;
        }
        throw new AssertionError("no fo1");
    }

    @Test
    void driftIsFoundWithinOnePollAndFixedByReplicate() {
        ok("dhcp1", "Add-DhcpServerv4Reservation -ScopeId 10.1.0.0 -IPAddress 10.1.0.60 -ClientId 00-11-22-33-44-60");
        ok("dhcp1", "Set-DhcpServerv4OptionValue -ScopeId 10.1.0.0 -OptionId 15 -Value corp.example");
        ok("dhcp2", "Add-DhcpServerv4Reservation -ScopeId 10.1.0.0 -IPAddress 10.1.0.70 -ClientId 00-11-22-33-44-70");

        String checks = fo1().path("checks").toString();
        assertTrue(checks.contains("Scope 10.1.0.0") && checks.contains("reservation") && checks.contains("option 15"), checks);

        WindowsCli.Run drift = cli.tandem("windows", "drift", "--json");
        assertEquals(2, drift.code(), drift.toString());
        JsonNode scope = drift.json().path("scopes").get(0);
        assertEquals("fo1", scope.path("relationship").asText());
        assertEquals("10.1.0.0", scope.path("scopeId").asText());
        assertEquals("differs", scope.path("kind").asText());
        assertTrue(scope.path("summary").asText().contains("option 15"), scope.toString());

        WindowsCli.Run preview = cli.tandem("windows", "replicate", "--scope", "10.1.0.0", "--dry-run");
        assertEquals(0, preview.code(), preview.toString());
        assertTrue(preview.out().contains("10.1.0.60") && preview.out().contains("10.1.0.70"), preview.out());
        assertTrue(lab.ps("dhcp2", "Get-DhcpServerv4Reservation -IPAddress 10.1.0.70").exitCode() == 0,
                "a dry run sent nothing");

        WindowsCli.Run replicate = cli.tandem("windows", "replicate", "--scope", "10.1.0.0", "--yes");
        assertEquals(0, replicate.code(), replicate.toString());
        assertTrue(replicate.out().contains("[1/1] 10.1.0.0"), replicate.out());
        assertEquals(0, cli.tandem("windows", "drift").code());
        assertFalse(fo1().path("checks").toString().contains("Scope 10.1.0.0"));
        assertTrue(cli.tandem("audit").out().contains("Replicate scope 10.1.0.0 from dhcp1"));
    }

    @Test
    void replicateARelationshipOrAServerFromTheOtherSide() {
        ok("dhcp2", "Set-DhcpServerv4OptionValue -ScopeId 10.1.0.0 -OptionId 15 -Value from.dhcp2");
        WindowsCli.Run fromPartner = cli.tandem("windows", "replicate", "--relationship", "fo1", "--from", "dhcp2", "--yes");
        assertEquals(0, fromPartner.code(), fromPartner.toString());
        assertEquals("from.dhcp2", lab.ps("dhcp1", "(Get-DhcpServerv4OptionValue -ScopeId 10.1.0.0 -OptionId 15).Value").stdout().strip());
        WindowsCli.Run server = cli.tandem("windows", "replicate", "--server", "dhcp1", "--yes");
        assertEquals(0, server.code(), server.toString());
        WindowsCli.Run both = cli.tandem("windows", "replicate", "--scope", "10.1.0.0", "--server", "dhcp1", "--yes");
        assertEquals(64, both.code(), both.toString());
    }

    @Test
    void clocksMoreThanAMinuteApartAreFlagged() {
        lab.network().setClockOffset("dhcp2", Duration.ofSeconds(95));
        WindowsCli.Run drift = cli.tandem("windows", "drift", "--json");
        assertEquals(2, drift.code(), drift.toString());
        long skew = drift.json().path("clocks").get(0).path("skewSeconds").asLong();
        assertTrue(skew >= 93 && skew <= 97, drift.out());
        assertTrue(fo1().path("checks").toString().contains("clocks are"), "status check");
    }

    @Test
    void removeKeepsTheScopesOnOneServerAndDisablesTheOtherCopy() {
        WindowsCli.Run r = cli.tandem("windows", "relationship", "remove", "fo1", "--keep-on", "dhcp1", "--other", "disable", "--yes");
        assertEquals(0, r.code(), r.toString());
        assertEquals("", lab.ps("dhcp1", "Get-DhcpServerv4Failover").stdout().strip());
        assertEquals("Active", lab.ps("dhcp1", "[string](Get-DhcpServerv4Scope -ScopeId 10.1.0.0).State").stdout().strip());
        assertEquals("InActive", lab.ps("dhcp2", "[string](Get-DhcpServerv4Scope -ScopeId 10.1.0.0).State").stdout().strip());
        assertFalse(cli.tandem("status").out().contains("fo1"));
    }

    @Test
    void removeWithDeleteLeavesNoCopyOnTheOther() {
        WindowsCli.Run r = cli.tandem("windows", "relationship", "remove", "fo1", "--keep-on", "dhcp2", "--other", "delete", "--yes");
        assertEquals(0, r.code(), r.toString());
        assertEquals(0, lab.ps("dhcp2", "Get-DhcpServerv4Scope -ScopeId 10.1.0.0").exitCode());
        assertEquals(1, lab.ps("dhcp1", "Get-DhcpServerv4Scope -ScopeId 10.1.0.0").exitCode());
        WindowsCli.Run bad = cli.tandem("windows", "relationship", "remove", "fo1", "--keep-on", "dhcp2", "--other", "archive", "--yes");
        assertEquals(64, bad.code(), bad.toString());
    }
}
