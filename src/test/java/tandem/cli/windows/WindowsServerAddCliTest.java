package tandem.cli.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.windows.sim.WindowsLab;

/** {@code tandem server add windows} and {@code status --json} against the Windows DHCP simulator, through real SSH. */
class WindowsServerAddCliTest {
    @TempDir Path dir;
    WindowsLab lab;
    WindowsCli cli;

    @BeforeEach
    void lab() throws Exception {
        lab = WindowsLab.start(dir.resolve("lab"), "dhcp1", "dhcp2");
        cli = new WindowsCli(dir.resolve("data"), lab);
        assertEquals(0, lab.ps("dhcp1", "Add-DhcpServerv4Scope -Name s1 -StartRange 10.1.0.10 -EndRange 10.1.0.200 -SubnetMask 255.255.255.0").exitCode());
        assertEquals(0, lab.ps("dhcp1", "Add-DhcpServerv4Failover -Name fo1 -PartnerServer dhcp2 -ScopeId 10.1.0.0").exitCode());
    }

    @AfterEach
    void stop() { lab.close(); }

    @Test
    void addsTheServerItsRelationshipAndThenItsPartner() {
        WindowsCli.Run first = cli.add("dhcp1");
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().contains("fo1: load-balance, peers dhcp1 (primary), dhcp2.lab.test (secondary)"), first.out());
        assertTrue(first.out().contains("until it is added itself"), first.out());
        WindowsCli.Run second = cli.add("dhcp2");
        assertEquals(0, second.code(), second.toString());
        assertTrue(second.out().contains("fo1 is already in the inventory through dhcp1"), second.out());

        WindowsCli.Run status = cli.tandem("status", "--json");
        JsonNode fo1 = null;
        for (JsonNode r : status.json().path("relationships")) if (r.path("name").asText().equals("fo1")) fo1 = r;
        assertTrue(fo1 != null, status.out());
        assertEquals("load-balance", fo1.path("mode").asText());
        assertEquals("OK", fo1.path("status").asText(), fo1.toString());
        assertEquals("dhcp1", fo1.path("sourceOfTruth").asText());
        for (JsonNode p : fo1.path("peers")) assertEquals("normal", p.path("haState").asText(), p.toString());
    }

    @Test
    void aWrongPasswordIsRefusedWithoutShowingIt() throws Exception {
        Path wrong = dir.resolve("wrong");
        Files.writeString(wrong, "not-the-password\n");
        WindowsLab.Server s = lab.server("dhcp1");
        WindowsCli.Run r = cli.tandem("server", "add", "windows", "--ssh", s.login(), "--password-file", wrong.toString(),
                "--accept-host-key", s.hostKeyFingerprint());
        assertEquals(1, r.code(), r.toString());
        assertFalse((r.out() + r.err()).contains("not-the-password"));
        assertTrue(r.err().contains("Refused"), r.err());
    }

    @Test
    void anUnknownHostKeyIsRefusedNamingItsFingerprint() {
        WindowsLab.Server s = lab.server("dhcp1");
        WindowsCli.Run r = cli.tandem("server", "add", "windows", "--ssh", s.login(), "--password-file", s.passwordFile().toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains(s.hostKeyFingerprint()), r.err());
    }

    @Test
    void badInputExits64NamingTheOption() {
        WindowsCli.Run r = cli.tandem("server", "add", "windows", "--ssh", "no-user-here", "--password-file", "/nonexistent");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("--ssh") || r.err().contains("--password-file"), r.err());
    }
}
