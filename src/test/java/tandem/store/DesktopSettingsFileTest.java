package tandem.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopSettingsFileTest {
    @TempDir
    Path dir;

    @Test
    void whatIsSavedIsReadBackFromAFileOnlyItsOwnerReads() throws Exception {
        DesktopSettingsFile file = new DesktopSettingsFile(dir.resolve("data"));
        assertEquals(Map.of(), file.load(), "nothing saved yet");
        file.save(Map.of("theme", "DARK", "window.x", "40", "columns.peerTable", "120,78,190"));
        assertEquals(Map.of("theme", "DARK", "window.x", "40", "columns.peerTable", "120,78,190"),
                new DesktopSettingsFile(dir.resolve("data")).load());
        if (OwnerOnlyFiles.posix(file.file())) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file.file())));
        }
        file.save(Map.of("theme", "LIGHT"));
        assertEquals(Map.of("theme", "LIGHT"), file.load(), "replaced, not merged");
        try (var left = Files.list(dir.resolve("data"))) {
            assertEquals(1, left.count(), "no temporary file left behind");
        }
    }

    @Test
    void aDamagedFileMeansDefaults() throws Exception {
        DesktopSettingsFile file = new DesktopSettingsFile(dir);
        Files.writeString(file.file(), "theme=\\uZZZZ\n");
        assertEquals(Map.of(), file.load());
        file.save(Map.of("theme", "DARK"));
        assertTrue(file.load().containsKey("theme"), "a save repairs it");
    }
}
