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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * {@code tandem kea ha create} and {@code dissolve} against two real standalone Kea 2.2 servers: bad input names its
 * option, a dry run changes nothing, creation reaches load-balancing on both with the primary's subnets everywhere,
 * dissolve leaves the kept server with every subnet and the other with none, and undo of a creation gives each
 * server back the subnets it served before.
 */
@Tag("kea")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeaHaCreateLabTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path data;
    private KeaLab lab;

    record Run(int code, String out, String err) {}

    /** Two standalone servers: Kea 2.2 with Control Agents here, Kea 3 through its own sockets in a subclass. */
    KeaLab startServers() {
        return KeaLab.start(KeaLab.Mode.STANDALONE, 2, 0, 3, 1);
    }

    /** Further options of {@code server add kea} for server i (none on Kea 2). */
    List<String> loginOptions(KeaLab lab, int i) {
        return List.of();
    }

    @BeforeAll
    void startLab(@TempDir Path dataDir) {
        data = dataDir;
        lab = startServers();
        lab.awaitStable(Duration.ofSeconds(30));
        for (int i = 1; i <= 2; i++) {
            List<String> add = new ArrayList<>(List.of("server", "add", "kea", "--name", "server" + i, "--url", lab.caUrl(i).toString()));
            add.addAll(loginOptions(lab, i));
            Run added = tandem(add.toArray(String[]::new));
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

    private JsonNode relationships() throws Exception {
        return JSON.readTree(tandem("status", "--json").out()).path("relationships");
    }

    private static List<String> names(JsonNode rels) {
        List<String> out = new ArrayList<>();
        rels.forEach(r -> out.add(r.path("name").asText() + ":" + r.path("mode").asText()));
        return out;
    }

    private boolean ha(int server) {
        return lab.dhcp4(server).path("hooks-libraries").toString().contains("libdhcp_ha.so");
    }

    private JsonNode wrap(int server) {
        return JSON.createObjectNode().set("Dhcp4", lab.dhcp4(server));
    }

    private List<String> subnets(int server) {
        return HaConfigs.subnets(wrap(server), "Dhcp4");
    }

    @Test
    void badInputNamesItsOptionAndChangesNothing() {
        Run standby = tandem("kea", "ha", "create", "hq", "--mode", "load-balancing", "--primary", "server1", "--standby", "server2");
        assertEquals(64, standby.code(), standby.err());
        assertTrue(standby.err().contains("--standby"), standby.err());
        Run passive = tandem("kea", "ha", "create", "hq", "--mode", "passive-backup", "--primary", "server1", "--secondary", "server2");
        assertEquals(64, passive.code(), passive.err());
        assertTrue(passive.err().contains("--secondary"), passive.err());
        Run unknown = tandem("kea", "ha", "create", "hq", "--mode", "hot-standby", "--primary", "server1", "--standby", "server9", "--yes");
        assertEquals(64, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("--standby") && unknown.err().contains("server9"), unknown.err());
        Run timers = tandem("kea", "ha", "create", "hq", "--mode", "load-balancing", "--primary", "server1", "--secondary",
                "server2", "--heartbeat-delay", "5000", "--max-response-delay", "4000", "--yes");
        assertEquals(64, timers.code(), timers.err());
        assertTrue(timers.err().contains("--max-response-delay"), timers.err());
        Run v6 = tandem("kea", "ha", "create", "hq", "--mode", "load-balancing", "--primary", "server1", "--secondary",
                "server2", "--service", "dhcp6", "--yes");
        assertEquals(64, v6.code(), v6.err());
        assertTrue(v6.err().contains("--service"), v6.err());
        assertFalse(ha(1));
        assertFalse(ha(2));
    }

    @Test
    void createToLoadBalancingThenDissolveThenCreateAgainAndUndo() throws Exception {
        List<String> server1Subnets = subnets(1);
        List<String> server2Subnets = subnets(2);
        assertEquals(3, server1Subnets.size());
        assertEquals(1, server2Subnets.size());

        Run dry = tandem("kea", "ha", "create", "hq", "--mode", "load-balancing", "--primary", "server1",
                "--secondary", "server2", "--heartbeat-delay", "2000", "--max-response-delay", "8000", "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("server1 (after)") && dry.out().contains("server2 (after)"), dry.out());
        assertTrue(dry.out().contains("libdhcp_ha.so") && dry.out().contains("+") , dry.out());
        assertTrue(dry.out().contains("server2 takes the subnets of server1; added: " + server1Subnets.get(1)), dry.out());
        assertEquals(peerScheme().equals("https"), dry.out().contains("server2 talks TLS to its peers"), dry.out());
        assertTrue(dry.out().contains(peerScheme().equals("https") ? "The peers talk TLS to each other"
                : "The peers talk plain HTTP to each other"), dry.out());
        assertFalse(ha(1));
        assertFalse(ha(2));

        Run created = tandem("kea", "ha", "create", "hq", "--mode", "load-balancing", "--primary", "server1",
                "--secondary", "server2", "--heartbeat-delay", "2000", "--max-response-delay", "8000", "--yes");
        assertEquals(0, created.code(), created.out() + created.err());
        assertTrue(created.out().contains("server1: set and written, HA state load-balancing"), created.out());
        assertTrue(created.out().contains("server2: set and written, HA state load-balancing"), created.out());
        assertTrue(ha(1) && ha(2));
        assertEquals(server1Subnets, subnets(2), "the secondary serves the primary's subnets");
        assertTrue(lab.dhcp4(2).path("hooks-libraries").toString().contains(hooksDir() + "libdhcp_lease_cmds.so"));
        assertEquals(List.of("hq:load-balancing"), names(relationships()));
        for (int i = 1; i <= 2; i++) assertPeersTalk(i);
        JsonNode peers = relationships().get(0).path("peers");
        assertEquals("server1", peers.get(0).path("name").asText());
        assertEquals("server2", peers.get(1).path("name").asText());
        long id = changeNumber(created.out());

        Run dissolved = tandem("kea", "ha", "dissolve", "hq", "--keep", "server1", "--yes");
        assertEquals(0, dissolved.code(), dissolved.out() + dissolved.err());
        assertFalse(ha(1));
        assertFalse(ha(2));
        assertEquals(server1Subnets, subnets(1));
        assertEquals(List.of(), subnets(2), "the other server drops the subnets: no two servers hand out the same addresses");
        assertEquals(List.of("server1:standalone", "server2:standalone"), names(relationships()).stream().sorted().toList());
        Run undoGone = tandem("undo", Long.toString(id), "--dry-run");
        assertEquals(1, undoGone.code(), undoGone.out() + undoGone.err());

        Run again = tandem("kea", "ha", "create", "hq", "--mode", "hot-standby", "--primary", "server1",
                "--standby", "server2", "--yes");
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("server2: set and written, HA state hot-standby"), again.out());
        assertEquals(List.of("hq:hot-standby"), names(relationships()));
        Run undo = tandem("undo", Long.toString(changeNumber(again.out())));
        assertEquals(0, undo.code(), undo.out() + undo.err());
        assertFalse(ha(1));
        assertFalse(ha(2));
        assertEquals(server1Subnets, subnets(1));
        assertEquals(List.of(), subnets(2), "server2 served nothing before this creation");
        assertEquals(List.of("server1:standalone", "server2:standalone"), names(relationships()).stream().sorted().toList());
        Run audit = tandem("audit", "--relationship", "hq");
        assertTrue(audit.out().contains("Create HA relationship hq") && audit.out().contains("Dissolve HA relationship hq"),
                audit.out());
    }

    /** "https" when the lab's control endpoints serve HTTPS, so that the peers must talk TLS. */
    String peerScheme() {
        return "http";
    }

    /**
     * Server i's HA section: every peer URL has {@link #peerScheme()}, and with TLS the section names the files of
     * server i's own HTTPS control channel (the Control Agent's on Kea 2, the control socket's on Kea 3).
     */
    private void assertPeersTalk(int i) {
        JsonNode section = null;
        for (JsonNode hook : lab.dhcp4(i).path("hooks-libraries")) {
            if (hook.path("library").asText().endsWith("libdhcp_ha.so")) section = hook.path("parameters").path("high-availability").get(0);
        }
        assertNotNull(section, "server" + i + " has an HA section");
        for (JsonNode peer : section.path("peers")) {
            assertTrue(peer.path("url").asText().startsWith(peerScheme() + "://"), section.toString());
        }
        JsonNode own = lab.isKea3() ? lab.dhcp4(i).path("control-sockets").get(0) : controlAgent(i);
        for (String file : List.of("trust-anchor", "cert-file", "key-file")) {
            if (peerScheme().equals("https")) {
                assertTrue(section.path(file).isTextual() && !section.path(file).asText().isBlank(), section.toString());
                assertEquals(own.path(file).asText(), section.path(file).asText(), "server" + i + "'s own " + file);
            } else {
                assertTrue(section.path(file).isMissingNode(), section.toString());
            }
        }
    }

    /** Server i's Control Agent configuration, as the lab wrote it (Kea 2 only). */
    private JsonNode controlAgent(int i) {
        try {
            return JSON.readTree(lab.server(i).caConfig().toFile()).path("Control-agent");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Where server2 (which loads no hook before) gets its libraries from: on Kea 2.2 the directory its build report
     * names; Kea 3 wants bare names.
     */
    String hooksDir() {
        return "/usr/lib/x86_64-linux-gnu/kea/hooks/";
    }

    private static long changeNumber(String out) {
        Matcher m = Pattern.compile("Applied as change #(\\d+)").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1));
    }
}
