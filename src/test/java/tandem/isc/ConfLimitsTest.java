package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nesting, size and include limits: each hostile or broken file ends in a ConfSyntaxException naming the file and
 * line, never in StackOverflowError or OutOfMemoryError.
 */
class ConfLimitsTest {
    @TempDir Path dir;

    @Test
    void thousandsOfNestedBlocksAreRefusedAtTheFirstBraceTooDeep() throws Exception {
        StringBuilder b = new StringBuilder("authoritative;\n");
        for (int i = 0; i < 5000; i++) b.append("group {\n");
        for (int i = 0; i < 5000; i++) b.append("}\n");
        Path main = write("deep.conf", b.toString());
        ConfSyntaxException e = assertThrows(ConfSyntaxException.class, () -> DhcpdConfig.read(main));
        assertEquals(main.toString(), e.file());
        assertEquals(2 + ConfLimits.MAX_DEPTH, e.line(), e.getMessage());
        assertEquals(main + " line 66: blocks are nested more than 64 deep", e.getMessage());
        // the same from text, as a fuzzer calls it
        assertThrows(ConfSyntaxException.class, () -> DhcpdConfig.parse("deep.conf", b.toString()));
    }

    @Test
    void sixtyFourLevelsStillParseAndRenderByteForByte() throws Exception {
        String text = "group {\n".repeat(ConfLimits.MAX_DEPTH) + "}\n".repeat(ConfLimits.MAX_DEPTH);
        assertEquals(text, DhcpdConfig.parse("ok.conf", text).render().get("ok.conf"));
    }

    @Test
    void includingDevZeroIsRefusedAtTheIncludeStatement() throws Exception {
        Path main = write("zero.conf", "authoritative;\n\ninclude \"/dev/zero\";\n");
        ConfSyntaxException e = assertThrows(ConfSyntaxException.class, () -> DhcpdConfig.read(main));
        assertEquals(main.toString(), e.file());
        assertEquals(3, e.line());
        assertEquals(main + " line 3: cannot include /dev/zero: not a regular file", e.getMessage());
    }

    @Test
    void aFifoOrAFolderIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path main = write("fifo.conf", "include \"pipe\";\ninclude \"sub\";\n");
        ConfSyntaxException e = assertThrows(ConfSyntaxException.class, () -> DhcpdConfig.read(main));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().endsWith("cannot include " + fifo + ": not a regular file"), e.getMessage());
        Files.createDirectory(dir.resolve("sub"));
        Path second = write("dir.conf", "a;\ninclude \"sub\";\n");
        ConfSyntaxException d = assertThrows(ConfSyntaxException.class, () -> DhcpdConfig.read(second));
        assertEquals(2, d.line());
        assertTrue(d.getMessage().endsWith("sub: not a regular file"), d.getMessage());
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedAtItsIncludeAndAMainFileAsAWhole() throws Exception {
        Path big = dir.resolve("big.conf");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(ConfText.MAX_FILE_BYTES + 1); // sparse: nothing is written to disk
        }
        Path main = write("main.conf", "a;\nb;\ninclude \"big.conf\";\n");
        ConfSyntaxException e = assertThrows(ConfSyntaxException.class, () -> DhcpdConfig.read(main));
        assertEquals(main + " line 3: cannot include " + big + ": larger than 16 MiB", e.getMessage());
        ConfSyntaxException whole = assertThrows(ConfSyntaxException.class, () -> DhcpdConfig.read(big));
        assertEquals(big + ": larger than 16 MiB", whole.getMessage());
        assertEquals(0, whole.line());
    }

    @Test
    void anIncludeCycleIsNamedAtTheIncludeThatClosesIt() throws Exception {
        Path a = write("a.conf", "include \"b.conf\";\n");
        Path b = write("b.conf", "x;\ninclude \"c.conf\";\n");
        Path c = write("c.conf", "y;\nz;\ninclude \"a.conf\";\n");
        ConfSyntaxException e = assertThrows(ConfSyntaxException.class, () -> DhcpdConfig.read(a));
        assertEquals(c.toString(), e.file());
        assertEquals(3, e.line());
        assertEquals(c + " line 3: include cycle: " + a + " includes " + b + " includes " + c + " includes " + a + " again",
                e.getMessage());
        Path self = write("self.conf", "include \"self.conf\";\n");
        assertTrue(assertThrows(ConfSyntaxException.class, () -> DhcpdConfig.read(self)).getMessage().contains("include cycle"));
    }

    @Test
    void aFileIncludedTwiceWithoutACycleIsFine() throws Exception {
        write("common.conf", "default-lease-time 600;\n");
        Path main = write("twice.conf", "group { include \"common.conf\"; }\ngroup { include \"common.conf\"; }\n");
        assertEquals(2, DhcpdConfig.read(main).files().size());
    }

    @Test
    void includesNestedTooDeepAreRefused() throws Exception {
        int n = ConfLimits.MAX_INCLUDE_DEPTH + 4;
        for (int i = 0; i < n; i++) write("n" + i + ".conf", "x;\ninclude \"n" + (i + 1) + ".conf\";\n");
        write("n" + n + ".conf", "x;\n");
        ConfSyntaxException e = assertThrows(ConfSyntaxException.class, () -> DhcpdConfig.read(dir.resolve("n0.conf")));
        assertEquals(dir.resolve("n" + (ConfLimits.MAX_INCLUDE_DEPTH - 1) + ".conf").toString(), e.file());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().endsWith("includes are nested more than 16 deep"), e.getMessage());
    }

    @Test
    void tooManyFilesAreRefused() throws Exception {
        StringBuilder main = new StringBuilder();
        for (int i = 0; i <= ConfLimits.MAX_FILES; i++) {
            write("f" + i + ".conf", "x;\n");
            main.append("include \"f").append(i).append(".conf\";\n");
        }
        Path m = write("many.conf", main.toString());
        ConfSyntaxException e = assertThrows(ConfSyntaxException.class, () -> DhcpdConfig.read(m));
        assertEquals(ConfLimits.MAX_FILES, e.line());
        assertTrue(e.getMessage().endsWith("the configuration has more than 200 files"), e.getMessage());
    }

    @Test
    void aSmallFileIncludedThousandsOfTimesCannotExpandWithoutBound() throws Exception {
        write("hosts.conf", "host h { hardware ethernet 00:11:22:33:44:55; }\n".repeat(5000));
        Path main = write("expand.conf", "a;\n" + "include \"hosts.conf\";\n".repeat(1000));
        ConfSyntaxException e = assertThrows(ConfSyntaxException.class, () -> DhcpdConfig.read(main));
        assertEquals(main.toString(), e.file());
        assertTrue(e.line() > 1 && e.line() <= 1001, e.getMessage());
        assertTrue(e.getMessage().endsWith("with its includes the configuration has more than 2000000 statements"), e.getMessage());
    }

    @Test
    void unterminatedRecordTypeIsASyntaxErrorAtItsBrace() {
        ConfSyntaxException e = assertThrows(ConfSyntaxException.class,
                () -> DhcpdConfig.parse("r.conf", "a;\noption foo code 1 = { boolean, unsigned integer 8 ;\n"));
        assertEquals("r.conf line 2: the record type opened by this '{' is not closed by '}'", e.getMessage());
    }

    /** What the fuzz target relies on: any bytes end in a configuration or a ConfSyntaxException, nothing else. */
    @Test
    void randomBytesEndOnlyInAConfigurationOrAConfSyntaxException() {
        Random r = new Random(42);
        String alphabet = "{};,\"#\\ \n\r\tabcfghilnoprstuy0123456789.=:\u00e9\u0000\u00ff";
        for (int i = 0; i < 3000; i++) {
            byte[] bytes = new byte[r.nextInt(300)];
            if (r.nextBoolean()) {
                r.nextBytes(bytes);
            } else {
                for (int j = 0; j < bytes.length; j++) bytes[j] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
            }
            try {
                DhcpdConfig c = DhcpdConfig.parse("/etc/dhcp/f.conf", bytes);
                assertTrue(java.util.Arrays.equals(bytes, ConfText.toBytes(c.render().get("/etc/dhcp/f.conf"))));
                c.check();
                c.pools();
                c.subnets();
                c.peers();
                c.copy();
            } catch (ConfSyntaxException expected) {
                assertTrue(expected.line() >= 0 && !expected.reason().isBlank());
            }
        }
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
