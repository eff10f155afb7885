package tandem.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.services.Services;
import tandem.lab.KeaLab;

/** The command line against a real Kea pair, in this JVM and as a separate process beside an open console. */
@Tag("kea")
class CommandLineLabTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path data;

    private CliRun tandem(String... args) {
        return CliRun.in(data, args);
    }

    @Test
    void addListStatusRemoveAgainstARealPair() throws Exception {
        try (KeaLab lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0)) {
            lab.awaitStable(Duration.ofSeconds(30));

            CliRun refused = tandem("server", "add", "kea", "--url", lab.caUrl(2).toString());
            assertEquals(TandemCommand.EXIT_REFUSED, refused.code());
            assertTrue(refused.err().contains("add the primary server1 at " + lab.caUrl(1)), refused.err());

            CliRun add = tandem("server", "add", "kea", "--url", lab.caUrl(1).toString(), "--name", "pair");
            assertEquals(0, add.code(), add.err());
            assertTrue(add.out().contains("Added pair"), add.out());
            assertTrue(add.out().contains("server2 (secondary)"), add.out());

            CliRun list = tandem("server", "list", "--json");
            assertEquals(0, list.code());
            assertEquals("pair", JSON.readTree(list.out()).path("servers").get(0).path("name").asText());

            JsonNode rel = awaitStatus(this::statusJson, "OK");
            assertEquals("pair", rel.path("name").asText());
            assertEquals("load-balancing", rel.path("mode").asText());
            assertEquals("server1", rel.path("sourceOfTruth").asText());
            assertTrue(rel.path("replicated").asBoolean());
            JsonNode peers = rel.path("peers");
            assertEquals(2, peers.size());
            assertEquals("secondary", peers.get(1).path("role").asText());
            assertEquals(lab.caUrl(2).toString(), peers.get(1).path("url").asText());
            assertTrue(peers.get(1).path("reachable").asBoolean());
            assertEquals("up", peers.get(1).path("daemon").asText());
            assertEquals("load-balancing", peers.get(1).path("haState").asText());
            assertEquals(0, tandem("status").code(), "exit 0 when every relationship is OK");

            lab.killDhcp(1);
            rel = awaitStatus(this::statusJson, "IMPAIRED");
            assertEquals("server2", rel.path("sourceOfTruth").asText());
            assertEquals("down", rel.path("peers").get(0).path("daemon").asText());
            assertTrue(rel.path("peers").get(0).path("haState").isNull());
            CliRun text = tandem("status");
            assertEquals(TandemCommand.EXIT_NOT_OK, text.code(), "exit 2 when a relationship is not OK");
            assertTrue(text.out().contains("Impaired"), text.out());

            assertEquals(0, tandem("server", "remove", "pair").code());
            assertEquals(TandemCommand.EXIT_REFUSED, tandem("server", "remove", "pair").code());
            CliRun empty = tandem("status", "--json");
            assertEquals(0, empty.code());
            assertEquals(0, JSON.readTree(empty.out()).path("relationships").size());
        }
    }

    @Test
    void aSeparateProcessWorksOnTheSameDataFolderWhileTheConsoleHasItOpen() throws Exception {
        try (KeaLab lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0);
             Services console = Services.open(data, "the console")) {
            lab.awaitStable(Duration.ofSeconds(30));
            // the "console" adds a server; a separate command-line process reads and polls it
            console.inventory().add(tandem.core.Backend.KEA, null, tandem.core.ConnectionSettings.of(lab.caUrl(1)));
            CliRun status = subprocess("--data", data.toString(), "status", "--json");
            assertTrue(status.code() == 0 || status.code() == 2, status.err());
            JsonNode rels = JSON.readTree(status.out()).path("relationships");
            assertEquals("server1", rels.get(0).path("name").asText());
            // and the console still reads and writes afterwards
            assertEquals(1, console.inventory().servers().size());
            CliRun add = subprocess("--data", data.toString(), "server", "remove", "server1");
            assertEquals(0, add.code(), add.err());
            assertTrue(console.inventory().servers().isEmpty(), "the console sees the other process's change");
        }
    }

    @Test
    void changesThroughTheCommandLine() throws Exception {
        try (KeaLab lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0)) {
            lab.awaitStable(Duration.ofSeconds(30));
            assertEquals(0, tandem("server", "add", "kea", "--url", lab.caUrl(1).toString(), "--name", "pair").code());

            CliRun dry = tandem("reservation", "add", "pair", "--subnet", "10.10.0.0/24", "--mac", "02:cc:00:00:00:01",
                    "--ip", "10.10.0.77", "--hostname", "kiosk", "--dry-run");
            assertEquals(0, dry.code(), dry.err());
            assertTrue(dry.out().contains("+") && dry.out().contains("10.10.0.77"), dry.out());
            assertEquals(0, tandem("journal", "--all").out().lines().filter(l -> l.startsWith("#")).count(),
                    "a dry run changes nothing");

            CliRun add = tandem("reservation", "add", "pair", "--subnet", "10.10.0.0/24", "--mac", "02:cc:00:00:00:01",
                    "--ip", "10.10.0.77", "--hostname", "kiosk");
            assertEquals(0, add.code(), add.err());
            assertTrue(add.out().contains("server2: verified"), add.out());

            // what the arguments alone show is a usage error; what only the configuration shows is a refusal
            CliRun usage = tandem("reservation", "add", "pair", "--subnet", "10.10.0.0/24", "--mac", "02:cc:00:00:00:02",
                    "--ip", "10.99.0.5");
            assertEquals(TandemCommand.EXIT_USAGE, usage.code());
            assertTrue(usage.err().contains("--ip: 10.99.0.5 is not within subnet 10.10.0.0/24"), usage.err());
            CliRun refused = tandem("reservation", "add", "pair", "--subnet", "10.10.0.0/24", "--mac", "02:cc:00:00:00:02",
                    "--ip", "10.10.0.77");
            assertEquals(TandemCommand.EXIT_REFUSED, refused.code());
            assertTrue(refused.err().contains("(ip)") && refused.err().contains("already reserved"), refused.err());

            CliRun journal = tandem("journal", "--all");
            assertTrue(journal.out().contains("Reserve 10.10.0.77 for 02:cc:00:00:00:01"), journal.out());
            assertEquals("No pending changes.", tandem("journal").out().strip());

            CliRun sync = tandem("sync", "pair", "--dry-run");
            assertEquals(0, sync.code(), sync.err());
            assertTrue(sync.out().contains("server2: in sync"), sync.out());

            String id = journal.out().lines().filter(l -> l.contains("10.10.0.77")).findFirst().orElseThrow()
                    .split("\\s+")[0].substring(1);
            CliRun undo = tandem("undo", id);
            assertEquals(0, undo.code(), undo.err());
            assertTrue(undo.out().contains("server2: verified"), undo.out());
            CliRun gone = tandem("reservation", "remove", "pair", "--subnet", "10.10.0.0/24", "--mac", "02:cc:00:00:00:01");
            assertEquals(TandemCommand.EXIT_REFUSED, gone.code(), "undone: nothing left to remove");

            CliRun option = tandem("option", "set", "pair", "--name", "domain-name", "--data", "lab.example");
            assertEquals(0, option.code(), option.err());
            CliRun subnet = tandem("subnet", "add", "pair", "--subnet", "10.10.5.0/24", "--pool", "10.10.5.10 - 10.10.5.20");
            assertEquals(0, subnet.code(), subnet.err());
            assertEquals(0, tandem("pool", "add", "pair", "--subnet", "10.10.5.0/24", "--pool", "10.10.5.30 - 10.10.5.40").code());

            // the lab's global bounds are 3600 s: Kea's config-test refuses the edit before anything is written
            JsonNode added = subnet(lab.dhcp4(1), "10.10.5.0/24");
            CliRun outside = tandem("subnet", "edit", "pair", "--subnet", "10.10.5.0/24", "--set", "valid-lifetime=1800");
            assertEquals(TandemCommand.EXIT_REFUSED, outside.code(), outside.out());
            assertTrue(outside.err().contains("not between min-valid-lifetime"), outside.err());
            assertEquals(added, subnet(lab.dhcp4(1), "10.10.5.0/24"), "nothing written");
            CliRun edit = tandem("subnet", "edit", "pair", "--subnet", "10.10.5.0/24", "--set", "valid-lifetime=1800",
                    "--set", "min-valid-lifetime=900", "--set", "max-valid-lifetime=7200",
                    "--set", "next-server=10.10.5.1", "--set", "boot-file-name=pxelinux.0");
            assertEquals(0, edit.code(), edit.err());
            for (int i = 1; i <= 2; i++) {
                JsonNode edited = subnet(lab.dhcp4(i), "10.10.5.0/24");
                assertEquals(1800, edited.path("valid-lifetime").asInt(), "server" + i + ": " + edited);
                assertEquals("10.10.5.1", edited.path("next-server").asText());
                assertEquals("pxelinux.0", edited.path("boot-file-name").asText());
            }
            String editId = tandem("journal", "--all").out().lines().filter(l -> l.contains("Edit subnet 10.10.5.0/24"))
                    .findFirst().orElseThrow().strip().split("\\s+")[0].substring(1);
            CliRun unset = tandem("subnet", "edit", "pair", "--subnet", "10.10.5.0/24", "--unset", "boot-file-name");
            assertEquals(0, unset.code(), unset.err());
            assertTrue(subnet(lab.dhcp4(2), "10.10.5.0/24").path("boot-file-name").isMissingNode());
            assertEquals(0, tandem("undo", editId).code(), "the first edit undone");
            for (int i = 1; i <= 2; i++) {
                JsonNode restored = subnet(lab.dhcp4(i), "10.10.5.0/24");
                assertEquals(added.path("valid-lifetime"), restored.path("valid-lifetime"), "server" + i + ": " + restored);
                assertEquals(added.path("next-server"), restored.path("next-server"), "server" + i + ": " + restored);
            }
        }
    }

    @Test
    void usageErrorsAndHelp() {
        CliRun bad = tandem("server", "add", "kea", "--url", "not a url");
        assertEquals(TandemCommand.EXIT_USAGE, bad.code());
        assertTrue(bad.err().contains("--url must be an http:// or https:// URL"), bad.err());
        assertEquals(TandemCommand.EXIT_USAGE, tandem("server", "add", "kea").code(), "--url is required");
        assertEquals(TandemCommand.EXIT_USAGE, tandem("frobnicate").code());
        for (String[] cmd : new String[][]{{"--help"}, {"server", "--help"}, {"server", "add", "--help"},
                {"server", "add", "kea", "--help"}, {"server", "list", "--help"}, {"server", "remove", "--help"},
                {"status", "--help"}, {"reservation", "add", "--help"}, {"subnet", "add", "--help"},
                {"pool", "remove", "--help"}, {"option", "set", "--help"}, {"sync", "--help"}, {"journal", "--help"},
                {"watch", "--help"}, {"undo", "--help"}}) {
            CliRun help = tandem(cmd);
            assertEquals(0, help.code(), String.join(" ", cmd));
            assertTrue(help.out().contains("Usage:"), String.join(" ", cmd) + ": " + help.out());
        }
    }

    private static JsonNode subnet(JsonNode dhcp4, String cidr) {
        for (JsonNode s : dhcp4.path("subnet4")) {
            if (s.path("subnet").asText().equals(cidr)) return s;
        }
        throw new AssertionError("no subnet " + cidr + " in " + dhcp4);
    }

    private JsonNode statusJson() {
        CliRun r = tandem("status", "--json");
        assertTrue(r.code() == 0 || r.code() == 2, r.err());
        try {
            return JSON.readTree(r.out()).path("relationships").get(0);
        } catch (Exception e) {
            throw new AssertionError(r.out(), e);
        }
    }

    private static JsonNode awaitStatus(java.util.function.Supplier<JsonNode> poll, String status) {
        Instant deadline = Instant.now().plusSeconds(20);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = poll.get();
            if (status.equals(last.path("status").asText())) return last;
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        fail("status " + status + " not reached: " + last);
        return last;
    }

    private static CliRun subprocess(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "tandem.app.Launcher"));
        cmd.addAll(List.of(args));
        File out = Files.createTempFile("tandem-out", ".txt").toFile();
        File err = Files.createTempFile("tandem-err", ".txt").toFile();
        Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("tandem " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new CliRun(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

}
