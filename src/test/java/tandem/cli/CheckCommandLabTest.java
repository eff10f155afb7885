package tandem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.lab.KeaLab;

/** {@code tandem check} against a real Kea pair driven through each status. */
@Tag("kea")
class CheckCommandLabTest {
    /** "TANDEM STATE - text | label=value;warn;crit;min;max ..." */
    private static final Pattern PLUGIN_LINE = Pattern.compile(
            "TANDEM (OK|WARNING|CRITICAL|UNKNOWN) - [^|\\n]+( \\| ([a-z_]+=[0-9.]+s?;;;0(;[0-9]+)? ?)+)?\\n?");

    @TempDir Path data;

    private CliRun tandem(String... args) {
        return CliRun.in(data, args);
    }

    @Test
    void exitCodesFollowTheStatusOfTheRelationships() throws Exception {
        CliRun nothing = tandem("check");
        assertEquals(3, nothing.code(), "nothing to check is unknown: " + nothing.out());
        assertTrue(nothing.out().startsWith("TANDEM UNKNOWN - no relationships"), nothing.out());

        try (KeaLab lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0)) {
            lab.awaitStable(Duration.ofSeconds(30));
            assertEquals(0, tandem("server", "add", "kea", "--url", lab.caUrl(1).toString(), "--name", "pair").code());

            CliRun ok = awaitCheck(0, "check");
            assertLine(ok.out());
            assertTrue(ok.out().contains("ok=1;;;0;1") && ok.out().contains("peers_reachable=2;;;0;2"), ok.out());
            assertEquals(0, awaitCheck(0, "check", "--relationship", "pair").code());

            CliRun unknownName = tandem("check", "--relationship", "nosuch");
            assertEquals(TandemCommand.EXIT_USAGE, unknownName.code());
            assertTrue(unknownName.err().contains("--relationship: no relationship named 'nosuch'"), unknownName.err());

            lab.killDhcp(1);
            CliRun warning = awaitCheck(1, "check");
            assertLine(warning.out());
            assertTrue(warning.out().startsWith("TANDEM WARNING - 1 of 1 relationships not OK: pair Impaired"),
                    warning.out());
            assertTrue(warning.out().contains("impaired=1;;;0;1"), warning.out());

            lab.killDhcp(2);
            CliRun down = awaitCheck(2, "check", "--relationship", "pair");
            assertLine(down.out());
            assertTrue(down.out().startsWith("TANDEM CRITICAL - pair Service down"), down.out());

            lab.stopAgent(1);
            lab.stopAgent(2);
            CliRun unreachable = awaitCheck(2, "check");
            assertLine(unreachable.out());
            assertTrue(unreachable.out().contains("unreachable=1;;;0;1"), unreachable.out());
            assertTrue(unreachable.out().contains("peers_reachable=0;;;0;2"), unreachable.out());
        }
    }

    @Test
    void watchRunsTheNotifyCommandForEachStatusChange() throws Exception {
        try (KeaLab lab = KeaLab.start(KeaLab.Mode.LOAD_BALANCING, 2, 0)) {
            lab.awaitStable(Duration.ofSeconds(30));
            assertEquals(0, tandem("server", "add", "kea", "--url", lab.caUrl(1).toString(), "--name", "pair").code());
            assertEquals(TandemCommand.EXIT_USAGE, tandem("watch", "--notify-command", " ").code());
            assertEquals(TandemCommand.EXIT_USAGE, tandem("watch", "--notify-command", "true", "--notify-timeout", "0")
                    .code());

            Path changes = data.resolveSibling(data.getFileName() + "-changes.jsonl");
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process watch = new ProcessBuilder(javaBin, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), tandem.app.Launcher.class.getName(), "--data",
                    data.toString(), "watch", "--notify-command", "cat >> '" + changes + "'")
                    .redirectErrorStream(true).redirectOutput(data.resolveSibling(data.getFileName() + "-watch.log")
                            .toFile()).start();
            try {
                awaitLine(changes, "\"to\":\"OK\"", Duration.ofSeconds(60));
                lab.killDhcp(1);
                String impaired = awaitLine(changes, "\"to\":\"IMPAIRED\"", Duration.ofSeconds(60));
                var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(impaired);
                assertEquals("pair", json.path("relationship").asText());
                assertEquals("OK", json.path("from").asText());
                assertTrue(json.path("reason").asText().contains("server1"), impaired);
            } finally {
                watch.destroy();
                if (!watch.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) watch.destroyForcibly();
            }
        }
    }

    private static String awaitLine(Path file, String containing, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (java.nio.file.Files.exists(file)) {
                for (String line : java.nio.file.Files.readAllLines(file)) {
                    if (line.contains(containing)) return line;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no notification with " + containing + " within " + within.toSeconds() + " s: "
                + (java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file) : "none at all"));
    }

    /** Polls until the check exits {@code code} (the lab's daemons take a moment to be seen going). */
    private CliRun awaitCheck(int code, String... args) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        CliRun last = null;
        for (int i = 0; i < 60 && System.nanoTime() < deadline; i++) {
            last = tandem(args);
            if (last.code() == code) return last;
            Thread.sleep(500);
        }
        throw new AssertionError("tandem " + String.join(" ", args) + " never exited " + code + "; last: "
                + last.code() + " " + last.out() + last.err());
    }

    private static void assertLine(String out) {
        assertTrue(PLUGIN_LINE.matcher(out).matches(), "one plugin line: " + out);
        assertEquals(1, out.strip().lines().count(), out);
    }
}
