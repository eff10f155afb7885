package tandem.isc;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The dhcpd.conf files under src/test/resources/isc/corpus (top level: main files; inc/: included ones). */
final class Corpus {
    private Corpus() {}

    static Path dir() {
        try {
            return Path.of(Corpus.class.getResource("/isc/corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String name) { return dir().resolve(name); }

    static List<Path> mainFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
    }

    static DhcpdConfig read(String name) {
        try {
            return DhcpdConfig.read(file(name));
        } catch (IOException | ConfSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
