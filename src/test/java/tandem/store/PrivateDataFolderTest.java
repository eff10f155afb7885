package tandem.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folder holds the key to every stored secret: it is made private to its owner whenever it is opened, even
 * when it already existed (a fresh mkdir is 0755), and the log goes into it, owner-only, from the first line.
 */
class PrivateDataFolderTest {
    @TempDir Path tmp;

    @BeforeEach
    void posixOnly() {
        // this suite runs on Linux; the ACL branch is exercised where there are no POSIX modes
        assertTrue(OwnerOnlyFiles.posix(tmp), "the test machine has POSIX permissions");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void anExistingOpenFolderAndTheFilesInItBecomeOwnerOnlyWhenTheDatabaseOpens() throws Exception {
        Path dir = tmp.resolve("data");
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path stray = Files.writeString(dir.resolve("notes.txt"), "left here");
        Files.setPosixFilePermissions(stray, PosixFilePermissions.fromString("rw-r--r--"));
        try (Database db = Database.open(dir)) {
            assertEquals("rwx------", mode(dir));
            List<String> open = new ArrayList<>();
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(f) && !mode(f).equals("rw-------")) open.add(f.getFileName() + " " + mode(f));
                }
            }
            assertEquals(List.of(), open, "every file in the folder is owner-only");
            assertTrue(Files.exists(dir.resolve("tandem.mv.db")));
        }
    }

    @Test
    void theCommandLineLogsIntoTheDataFolderOwnerOnly() throws Exception {
        Path dir = tmp.resolve("fresh");
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path err = tmp.resolve("err.txt");
        // logging that started before the data folder was known would open its file in the temporary folder
        Path temp = Files.createDirectory(tmp.resolve("jvm-tmp"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"), "tandem.app.Launcher", "--data", dir.toString(),
                "status", "--json")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tandem status finished");
        assertEquals(0, p.exitValue(), Files.readString(err));
        Path log = dir.resolve("tandem.log");
        assertTrue(Files.exists(log), "the log is in the data folder");
        assertEquals("rw-------", mode(log));
        assertEquals("rwx------", mode(dir));
        assertFalse(Files.exists(temp.resolve("tandem.log")), "nothing was logged to the temporary folder");
    }
}
