package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer name is the one value from outside that goes into omshell's input: a line break in it would add an
 * omshell command (e.g. set local-state), a quote would end the name early. Here "omshell" is a command that keeps
 * its input in a file, so what would have reached omshell can be read.
 */
class OmshellPeerNameTest {
    @TempDir Path dir;

    private OmapiFailoverClient client(Path input) {
        return new OmapiFailoverClient(new LocalShell(Duration.ofSeconds(10)), 7911, "cat > " + Shell.quote(input.toString()), null);
    }

    @Test
    void aNameWithALineBreakOrQuoteIsRefusedBeforeOmshellRuns() {
        Path input = dir.resolve("omshell-input");
        for (String name : new String[]{"fo\npair\nset local-state = 1\nupdate", "fo\"pair", "fo\\pair", "fo\rpair", " "}) {
            IOException e = assertThrows(IOException.class, () -> client(input).setPartnerDown(name));
            assertTrue(e.getMessage().startsWith("a failover peer name sent to omshell cannot"), e.getMessage());
            assertThrows(IOException.class, () -> client(input).read(name));
            assertFalse(Files.exists(input), "omshell ran for " + name);
        }
    }

    @Test
    void aPlainNameReachesOmshellOnItsOwnLine() throws Exception {
        Path input = dir.resolve("omshell-input");
        // the fake omshell answers nothing, so reading the state fails afterwards; its input is what counts
        assertThrows(IOException.class, () -> client(input).read("fo-pair"));
        String script = Files.readString(input);
        assertTrue(script.contains("\nset name = \"fo-pair\"\nopen\n"), script);
        assertEquals(1, script.lines().filter(l -> l.startsWith("set ")).count(), script);
    }
}
