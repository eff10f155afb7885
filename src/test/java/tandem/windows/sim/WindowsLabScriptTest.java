package tandem.windows.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab contract of {@code src/test/lab/windows-lab.sh}, driven as a newcomer or another tool drives it. */
class WindowsLabScriptTest {
    private static final Path SCRIPT = Path.of(System.getProperty("tandem.lab.dir", "src/test/lab"), "windows-lab.sh");

    @TempDir Path dir;

    record Result(int code, String out, String err) {}

    private Result lab(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "windows-lab.sh " + String.join(" ", args) + " did not finish");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws Exception {
        if (Files.exists(dir.resolve("lab.pid"))) lab("stop", dir.toString());
    }

    @Test
    void startPsCutHealServiceAndStopAsTheContractSays() throws Exception {
        Result start = lab("start", dir.toString(), "--servers", "dhcp1,dhcp2");
        assertEquals(0, start.code(), start.err());
        JsonNode servers = new ObjectMapper().readTree(dir.resolve("servers.json").toFile());
        assertEquals(2, servers.size());
        for (JsonNode s : servers) {
            for (String field : List.of("name", "host", "port", "user", "passwordFile", "hostKeyFingerprint")) {
                assertTrue(s.hasNonNull(field), field + " missing in " + s);
            }
            assertEquals("127.0.0.1", s.get("host").asText());
            assertTrue(s.get("hostKeyFingerprint").asText().startsWith("SHA256:"));
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(Path.of(s.get("passwordFile").asText())));
        }
        String d = dir.toString();
        assertEquals(0, lab("ps", d, "dhcp1", "Add-DhcpServerv4Scope -Name s1 -StartRange 10.1.0.10 -EndRange 10.1.0.200"
                + " -SubnetMask 255.255.255.0").code());
        assertEquals(0, lab("ps", d, "dhcp1", "Add-DhcpServerv4Reservation -ScopeId 10.1.0.0 -IPAddress 10.1.0.50"
                + " -ClientId 00-11-22-33-44-55 -Name printer").code());
        Result json = lab("ps", d, "dhcp1", "Get-DhcpServerv4Reservation -ScopeId 10.1.0.0 | ConvertTo-Json");
        assertEquals(0, json.code(), json.err());
        JsonNode reservation = new ObjectMapper().readTree(json.out());
        assertEquals("10.1.0.50", reservation.path("IPAddress").path("IPAddressToString").asText());
        assertEquals("printer", reservation.path("Name").asText());

        Result missing = lab("ps", d, "dhcp1", "Get-DhcpServerv4Scope -ScopeId 10.9.0.0");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("DHCP 20005,Get-DhcpServerv4Scope"), missing.err());

        assertEquals(0, lab("ps", d, "dhcp1", "Add-DhcpServerv4Failover -Name fo1 -PartnerServer dhcp2 -ScopeId 10.1.0.0").code());
        assertEquals(0, lab("cut", d, "dhcp1", "dhcp2").code());
        assertEquals("CommunicationInterrupted", lab("ps", d, "dhcp1", "(Get-DhcpServerv4Failover -Name fo1).State").out().strip());
        assertEquals(0, lab("heal", d, "dhcp1", "dhcp2").code());
        assertEquals("Normal", lab("ps", d, "dhcp1", "(Get-DhcpServerv4Failover -Name fo1).State").out().strip());

        assertEquals(0, lab("stop-service", d, "dhcp2").code());
        Result stopped = lab("ps", d, "dhcp2", "Get-DhcpServerv4Scope");
        assertTrue(stopped.err().contains("WIN32 1722"), stopped.err());
        assertEquals("Stopped", lab("ps", d, "dhcp2", "[string](Get-Service DHCPServer).Status").out().strip());
        assertEquals(0, lab("start-service", d, "dhcp2").code());
        assertEquals("Running", lab("ps", d, "dhcp2", "[string](Get-Service DHCPServer).Status").out().strip());

        long pid = Long.parseLong(Files.readString(dir.resolve("lab.pid")).strip());
        assertEquals(0, lab("stop", d).code());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the lab process still runs");
    }

    @Test
    void stopSignalsNothingThatItDidNotStart() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(dir.resolve("lab.pid"), other.pid() + "\n");
            assertEquals(0, lab("stop", dir.toString()).code());
            assertTrue(other.isAlive(), "stop killed a process the lab did not start");
        } finally {
            other.destroy();
        }
    }
}
