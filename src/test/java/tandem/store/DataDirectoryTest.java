package tandem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir Path tmp;

    private Path home() { return tmp.resolve("home"); }

    @Test void explicitArgumentWinsOverEverything() {
        Path explicit = tmp.resolve("explicit");
        Path got = DataDirectory.resolve(explicit.toString(),
                Map.of("TANDEM_HOME", tmp.resolve("env").toString(), "XDG_DATA_HOME", tmp.resolve("xdg").toString()),
                "Linux", home());
        assertEquals(explicit, got);
        assertTrue(Files.isDirectory(explicit));
    }

    @Test void tandemHomeWinsOverPlatformDefault() {
        Path env = tmp.resolve("env");
        assertEquals(env, DataDirectory.resolve(null, Map.of("TANDEM_HOME", env.toString(),
                "APPDATA", tmp.resolve("appdata").toString()), "Windows 11", home()));
        assertTrue(Files.isDirectory(env));
    }

    @Test void blankValuesAreIgnored() {
        Path xdg = tmp.resolve("xdg");
        assertEquals(xdg.resolve("tandem"), DataDirectory.resolve("  ",
                Map.of("TANDEM_HOME", "", "XDG_DATA_HOME", xdg.toString()), "Linux", home()));
    }

    @Test void linuxUsesXdgDataHome() {
        Path xdg = tmp.resolve("xdg");
        assertEquals(xdg.resolve("tandem"), DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", xdg.toString()),
                "Linux", home()));
        assertTrue(Files.isDirectory(xdg.resolve("tandem")));
    }

    @Test void linuxFallsBackToLocalShare() {
        assertEquals(home().resolve(".local/share/tandem"), DataDirectory.resolve(null, Map.of(), "Linux", home()));
    }

    @Test void relativeXdgDataHomeIsIgnored() {
        assertEquals(home().resolve(".local/share/tandem"),
                DataDirectory.locate(null, Map.of("XDG_DATA_HOME", "relative/dir"), "Linux", home()));
    }

    @Test void windowsUsesAppData() {
        Path appData = tmp.resolve("Roaming");
        assertEquals(appData.resolve("Tandem"), DataDirectory.resolve(null, Map.of("APPDATA", appData.toString()),
                "Windows 10", home()));
        assertEquals(home().resolve("AppData").resolve("Roaming").resolve("Tandem"),
                DataDirectory.locate(null, Map.of(), "Windows Server 2022", home()));
    }

    @Test void macOsUsesApplicationSupport() {
        assertEquals(home().resolve("Library").resolve("Application Support").resolve("Tandem"),
                DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", tmp.resolve("xdg").toString()), "Mac OS X",
                        home()));
    }

    @Test void leadingTildeMeansHome() {
        assertEquals(home().resolve("data"),
                DataDirectory.locate(null, Map.of("TANDEM_HOME", "~/data"), "Linux", home()));
    }

    @Test void relativeExplicitFolderBecomesAbsolute() {
        Path got = DataDirectory.locate("some/dir", Map.of(), "Linux", home());
        assertTrue(got.isAbsolute());
        assertEquals(Path.of("some/dir").toAbsolutePath().normalize(), got);
    }

    @Test void newFolderIsOwnerOnly() throws Exception {
        Assumptions.assumeTrue(OwnerOnlyFiles.posix(tmp), "POSIX permissions only");
        Path got = DataDirectory.resolve(null, Map.of(), "Linux", home());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(got)));
    }

    @Test void existingFolderIsKept() throws Exception {
        Path existing = Files.createDirectories(tmp.resolve("existing"));
        Files.writeString(existing.resolve("marker"), "x");
        assertEquals(existing, DataDirectory.resolve(existing.toString()));
        assertTrue(Files.exists(existing.resolve("marker")));
    }
}
