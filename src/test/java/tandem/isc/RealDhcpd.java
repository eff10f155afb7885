package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Checks configurations with the real {@code dhcpd -t}; fails (never skips) when dhcpd is not installed. */
final class RealDhcpd {
    private RealDhcpd() {}

    static Path dhcpd() {
        Path p = DhcpdSyntaxCheck.findDhcpd();
        if (p == null) fail("dhcpd is not installed: install Debian's isc-dhcp-server (src/test/run-all.sh does)");
        return p;
    }

    /** Writes the configuration's files into a fresh folder (same layout) and asserts dhcpd accepts them. */
    static void assertAccepted(DhcpdConfig config) {
        DhcpdSyntaxCheck.Result r = check(config);
        assertTrue(r.ok(), () -> "dhcpd -t refused the configuration:\n" + r.output() + "\n---\n" + config.render());
    }

    static DhcpdSyntaxCheck.Result check(DhcpdConfig config) {
        try {
            Path dir = Files.createTempDirectory("tandem-dhcpd-t");
            Path mainParent = Path.of(config.mainPath()).toAbsolutePath().getParent();
            Path main = null;
            for (Map.Entry<String, String> e : config.render().entrySet()) {
                Path rel = mainParent == null ? Path.of(e.getKey()) : mainParent.relativize(Path.of(e.getKey()).toAbsolutePath());
                Path target = dir.resolve(rel);
                Files.createDirectories(target.getParent());
                ConfText.writeLocal(target, e.getValue());
                if (main == null) main = target;
            }
            return DhcpdSyntaxCheck.run(dhcpd(), main);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
