package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Unchanged files come back byte for byte, and the corpus is real dhcpd configuration. */
class RoundTripTest {
    static Stream<Path> corpus() throws Exception { return Corpus.mainFiles().stream(); }

    @ParameterizedTest
    @MethodSource("corpus")
    void everyFileOfTheConfigurationRendersByteIdentical(Path main) throws Exception {
        DhcpdConfig config = DhcpdConfig.read(main);
        for (String file : config.files()) {
            byte[] original = Files.readAllBytes(Path.of(file));
            assertArrayEquals(original, ConfText.toBytes(config.render().get(file)), file);
        }
        DhcpdConfig copy = config.copy();
        assertEquals(config.render(), copy.render());
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void theCorpusIsValidForDhcpd(Path main) {
        RealDhcpd.assertAccepted(Corpus.read(main.getFileName().toString()));
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void editingAndRevertingAPoolLeavesTheFilesAsTheyWere(Path main) {
        DhcpdConfig config = Corpus.read(main.getFileName().toString());
        List<AddressPool> pools = config.pools();
        if (pools.isEmpty()) return;
        DhcpdConfig edited = config.copy();
        AddressPool first = pools.get(0);
        edited.setPoolRanges(1, List.of(AddressRange.of(first.ranges().get(0).low(), first.ranges().get(0).low())));
        assertTrue(!edited.render().equals(config.render()));
        edited.setPoolRanges(1, first.ranges());
        assertEquals(config.render(), edited.render());
    }
}
