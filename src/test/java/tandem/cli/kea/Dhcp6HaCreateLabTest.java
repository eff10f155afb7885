package tandem.cli.kea;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tandem.cli.TandemCommand;
import tandem.kea.change.HaConfigs;
import tandem.lab.KeaLab;
import tandem.services.Services;

/**
 * {@code tandem kea ha create --service dhcp6} against two real standalone kea-dhcp6 2.2 servers behind Control
 * Agents: the pair reaches hot-standby, the standby serves the primary's subnet6 list, each keeps its own DUID, and
 * dissolve brings both back standalone; undo of a creation dissolves it again.
 */
@Tag("kea")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Dhcp6HaCreateLabTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path data;
    private KeaLab lab;

    record Run(int code, String out, String err) {}

    @BeforeAll
    void startLab(@TempDir Path dataDir) {
        data = dataDir;
        lab = KeaLab.start(KeaLab.Service.DHCP6, KeaLab.Mode.STANDALONE, 2, 0);
        lab.awaitStable(Duration.ofSeconds(30));
        for (int i = 1; i <= 2; i++) {
            Run added = tandem("server", "add", "kea", "--name", "server" + i, "--url", lab.caUrl(i).toString());
            assertEquals(0, added.code(), added.err());
        }
    }

    @AfterAll
    void stopLab() {
        if (lab != null) lab.close();
    }

    private Run tandem(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data", data.toString()));
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), dir -> fail("no console"), Services::open,
                tandem.app.Launcher.backendCommands(), new PrintWriter(out, true), new PrintWriter(err, true),
                new BufferedReader(new StringReader("")), false);
        return new Run(code, out.toString(), err.toString());
    }

    private List<String> relationships() throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(tandem("status", "--json").out()).path("relationships").forEach(r -> out.add(
                r.path("name").asText() + ":" + r.path("mode").asText() + ":" + r.path("service").asText()));
        return out.stream().sorted().toList();
    }

    private boolean ha(int server) {
        return lab.dhcp6(server).path("hooks-libraries").toString().contains("libdhcp_ha.so");
    }

    private List<String> subnets(int server) {
        return HaConfigs.subnets(JSON.createObjectNode().set("Dhcp6", lab.dhcp6(server)), "Dhcp6");
    }

    @Test
    void createHotStandbyForDhcp6ThenDissolve() throws Exception {
        assertEquals(List.of("server1:standalone:dhcp6", "server2:standalone:dhcp6"), relationships());
        List<String> primarySubnets = subnets(1);
        assertEquals(2, primarySubnets.size(), "the lab's first server serves every subnet");
        assertEquals(List.of(primarySubnets.get(0)), subnets(2));
        JsonNode duid1 = lab.dhcp6(1).path("server-id");
        JsonNode duid2 = lab.dhcp6(2).path("server-id");

        Run wrongService = tandem("kea", "ha", "create", "v6pair", "--mode", "hot-standby", "--primary", "server1",
                "--standby", "server2", "--yes");
        assertEquals(64, wrongService.code(), wrongService.err());
        assertTrue(wrongService.err().contains("--service") && wrongService.err().contains("DHCPv6"), wrongService.err());
        assertFalse(ha(1) || ha(2));

        Run created = tandem("kea", "ha", "create", "v6pair", "--mode", "hot-standby", "--primary", "server1",
                "--standby", "server2", "--service", "dhcp6", "--yes");
        assertEquals(0, created.code(), created.out() + created.err());
        assertTrue(created.out().contains("server1: set and written, HA state hot-standby"), created.out());
        assertTrue(created.out().contains("server2: set and written, HA state hot-standby"), created.out());
        assertTrue(ha(1) && ha(2));
        assertEquals(primarySubnets, subnets(1));
        assertEquals(primarySubnets, subnets(2), "the standby serves the primary's subnets");
        assertEquals(duid1, lab.dhcp6(1).path("server-id"));
        assertEquals(duid2, lab.dhcp6(2).path("server-id"), "each server keeps its own DUID");
        assertEquals(List.of("v6pair:hot-standby:dhcp6"), relationships());

        Run dissolved = tandem("kea", "ha", "dissolve", "v6pair", "--keep", "server1", "--yes");
        assertEquals(0, dissolved.code(), dissolved.out() + dissolved.err());
        assertFalse(ha(1) || ha(2));
        assertEquals(primarySubnets, subnets(1));
        assertEquals(List.of(), subnets(2));
        assertEquals(List.of("server1:standalone:dhcp6", "server2:standalone:dhcp6"), relationships());

        Run again = tandem("kea", "ha", "create", "v6pair", "--mode", "load-balancing", "--primary", "server1",
                "--secondary", "server2", "--service", "dhcp6", "--yes");
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("server2: set and written, HA state load-balancing"), again.out());
        assertEquals(primarySubnets, subnets(2));
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("Applied as change #(\\d+)").matcher(again.out());
        assertTrue(id.find(), again.out());
        Run undo = tandem("undo", id.group(1));
        assertEquals(0, undo.code(), undo.out() + undo.err());
        assertFalse(ha(1) || ha(2));
        assertEquals(primarySubnets, subnets(1));
        assertEquals(List.of(), subnets(2), "server2 served nothing before this creation");
        assertEquals(List.of("server1:standalone:dhcp6", "server2:standalone:dhcp6"), relationships());
    }
}
