package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import tandem.fuzz.FuzzFigures;

/**
 * Fuzzes reading, checking, writing back and editing a dhcpd configuration. The input is the main file's bytes and,
 * after the first NUL byte, the bytes of every file it includes. Bytes are read as ISO-8859-1, which maps each byte
 * to one character and back, so "renders identical text" means "writes identical bytes" whatever the encoding.
 *
 * <p>A file either fails with {@link ConfSyntaxException} (file and line) or parses; a parsed configuration renders
 * back unchanged, answers every question the console asks without failing, and takes a new failover peer the way
 * the console adds one (refused only with {@link IllegalArgumentException}, the console's message for a rule), the
 * result parsing again and declaring that peer.
 *
 * <p>The normal build replays {@code DhcpdConfFuzzTestInputs/}; {@code mvn -Pfuzz test} fuzzes (see the pom).
 */
class DhcpdConfFuzzTest {
    private static final String MAIN = "/etc/dhcp/dhcpd.conf";
    private static final FuzzFigures FIGURES = new FuzzFigures("dhcpd.conf parse/write/add peer");
    private static final FailoverPeer NEW_PEER = FailoverPeer.suggestedPrimary("fuzz-peer", "192.0.2.1", "192.0.2.2");

    @DictionaryEntries({"failover peer", "pool", "subnet", "netmask", "range", "include", "shared-network", "group",
        "host", "primary;", "secondary;", "split", "mclt", "omapi-key", "key", "secret", "{", "}", ";", "\"", "#", "\\",
        "\u0000"}) // no line ends: Jazzer 0.30 writes them unescaped, which breaks the dictionary
    @FuzzTest
    void parseRenderAndAddPeer(byte[] input) throws Exception {
        FIGURES.run(() -> roundTrip(input));
    }

    @AfterAll
    static void figures() {
        FIGURES.report();
        // the corpus really was replayed (an empty or misplaced Inputs folder would pass silently otherwise)
        assertTrue(FIGURES.inputs() > 5, "fuzz inputs run: " + FIGURES.inputs());
        // with jazzer.keep_going above 1 Jazzer reports the run as passed whatever it found
        assertEquals(0, FIGURES.crashes(), "crashing inputs (Jazzer saved them in the Inputs folder)");
    }

    private static void roundTrip(byte[] input) throws IOException {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        int nul = text.indexOf('\0');
        String main = nul < 0 ? text : text.substring(0, nul);
        String included = nul < 0 ? null : text.substring(nul + 1);
        DhcpdConfig config;
        try {
            config = DhcpdConfig.read(MAIN, path -> {
                if (path.equals(MAIN)) return main;
                if (included != null) return included;
                throw new NoSuchFileException(path);
            });
        } catch (ConfSyntaxException refused) {
            return;
        }
        Map<String, String> rendered = config.render();
        for (var e : rendered.entrySet()) {
            assertEquals(e.getKey().equals(MAIN) ? main : included, e.getValue(), "rendered unchanged: " + e.getKey());
        }

        // what the console reads from every configuration it shows
        config.peers();
        config.subnets();
        List<AddressPool> pools = config.pools();
        config.check();
        try {
            config.omapiKey();
        } catch (IllegalArgumentException undeclaredKey) {
            // documented: omapi-key names a key that is not declared
        }

        FailoverEdits.Edit edit;
        try {
            edit = FailoverEdits.addPeer(config, NEW_PEER, pools.isEmpty() ? null : 1);
        } catch (IllegalArgumentException refused) {
            return; // e.g. a peer of that name already exists
        }
        assertEquals(rendered, config.render(), "the edit left the configuration it was given alone");
        DhcpdConfig reread = edit.after().copy();
        assertTrue(reread.peer(NEW_PEER.name()).isPresent(), "the new peer is declared after the edit");
        edit.change().unifiedDiff();
    }
}
