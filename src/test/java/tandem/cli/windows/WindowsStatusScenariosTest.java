package tandem.cli.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.windows.sim.WindowsLab;

/**
 * The four statuses of a Windows relationship, as {@code status --json} reports them, against the Windows DHCP
 * simulator through real SSH: both Normal; a cut link (communication-interrupted, then partner-down after the
 * switchover interval); the DHCP service stopped on one server, then on both; nothing answering.
 */
class WindowsStatusScenariosTest {
    @TempDir Path dir;
    WindowsLab lab;
    WindowsCli cli;

    @BeforeEach
    void relationship() throws Exception {
        lab = WindowsLab.start(dir.resolve("lab"), "dhcp1", "dhcp2");
        cli = new WindowsCli(dir.resolve("data"), lab);
        assertEquals(0, lab.ps("dhcp1", "Add-DhcpServerv4Scope -Name s1 -StartRange 10.1.0.10 -EndRange 10.1.0.200 -SubnetMask 255.255.255.0").exitCode());
        assertEquals(0, lab.ps("dhcp1", "Add-DhcpServerv4Failover -Name fo1 -PartnerServer dhcp2 -ScopeId 10.1.0.0"
                + " -StateSwitchInterval 00:10:00").exitCode());
        assertEquals(0, cli.add("dhcp1").code());
        assertEquals(0, cli.add("dhcp2").code());
    }

    @AfterEach
    void stop() { lab.close(); }

    private JsonNode fo1() {
        WindowsCli.Run r = cli.tandem("status", "--json");
        for (JsonNode rel : r.json().path("relationships")) if (rel.path("name").asText().equals("fo1")) return rel;
        throw new AssertionError("no fo1 in " + r.out());
    }

    private static Map<String, String> states(JsonNode rel) {
        Map<String, String> m = new LinkedHashMap<>();
        for (JsonNode p : rel.path("peers")) m.put(p.path("name").asText(), p.path("haState").asText(null));
        return m;
    }

    @Test
    void bothNormalIsOk() {
        JsonNode rel = fo1();
        assertEquals("OK", rel.path("status").asText(), rel.toString());
        assertEquals(Map.of("dhcp1", "normal", "dhcp2", "normal"), states(rel));
    }

    @Test
    void aCutLinkIsCommunicationInterruptedThenPartnerDownAfterTheInterval() {
        lab.cut("dhcp1", "dhcp2");
        JsonNode cut = fo1();
        assertEquals("IMPAIRED", cut.path("status").asText(), cut.toString());
        assertEquals(Map.of("dhcp1", "communication-interrupted", "dhcp2", "communication-interrupted"), states(cut));
        assertTrue(cut.path("reasons").toString().contains("communication-interrupted"), cut.toString());

        lab.advance(Duration.ofMinutes(9));
        assertEquals("communication-interrupted", states(fo1()).get("dhcp1"));
        lab.advance(Duration.ofMinutes(2));
        JsonNode down = fo1();
        assertEquals("IMPAIRED", down.path("status").asText());
        assertEquals(Map.of("dhcp1", "partner-down", "dhcp2", "partner-down"), states(down));
        assertEquals("dhcp1", down.path("sourceOfTruth").asText());
    }

    @Test
    void aStoppedServiceIsImpairedThenServiceDownOnBoth() {
        lab.stopService("dhcp2");
        JsonNode one = fo1();
        assertEquals("IMPAIRED", one.path("status").asText(), one.toString());
        assertEquals("communication-interrupted", states(one).get("dhcp1"));
        assertTrue(one.toString().contains("DHCP Server service is stopped on dhcp2"), one.toString());
        assertEquals("dhcp1", one.path("sourceOfTruth").asText());

        lab.stopService("dhcp1");
        JsonNode both = fo1();
        assertEquals("SERVICE_DOWN", both.path("status").asText(), both.toString());
    }

    @Test
    void nothingAnsweringIsUnreachable() throws Exception {
        lab.stopSsh("dhcp1");
        lab.stopSsh("dhcp2");
        JsonNode rel = fo1();
        assertEquals("UNREACHABLE", rel.path("status").asText(), rel.toString());
    }

    @Test
    void partnerDownIsRefusedUnlessCommunicationIsInterruptedThenSent() {
        WindowsCli.Run refused = cli.tandem("windows", "partner-down", "--relationship", "fo1", "--server", "dhcp1", "--yes");
        assertEquals(1, refused.code(), refused.toString());
        assertTrue(refused.err().contains("communication-interrupted"), refused.err());

        lab.stopService("dhcp2");
        WindowsCli.Run unconfirmed = cli.tandem("windows", "partner-down", "--relationship", "fo1", "--server", "dhcp1");
        assertEquals(1, unconfirmed.code(), unconfirmed.toString());
        assertTrue(unconfirmed.err().contains("Not confirmed"), unconfirmed.err());
        assertTrue(unconfirmed.out().contains("both hand out the same addresses"), unconfirmed.out());

        WindowsCli.Run sent = cli.tandem("windows", "partner-down", "--relationship", "fo1", "--server", "dhcp1", "--yes");
        assertEquals(0, sent.code(), sent.toString());
        assertEquals("partner-down", states(fo1()).get("dhcp1"));
        WindowsCli.Run journal = cli.tandem("journal", "--all");
        assertTrue(journal.out().contains("Set partner down"), journal.out());
        WindowsCli.Run audit = cli.tandem("audit");
        assertTrue(audit.out().contains("Set partner down"), audit.out());
    }
}
