package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byte-transparent reading and writing: whatever the encoding of a dhcpd.conf (UTF-8, Latin-1, Windows-1252),
 * every byte an edit does not touch is written back as it was, in memory and through the real write path.
 */
class ConfEncodingTest {
    @TempDir Path dir;

    private static final FailoverPeer PEER = FailoverPeer.suggestedPrimary("pair", "10.1.0.2", "10.1.0.3");

    /** A small configuration whose comments are written in {@code charset}. */
    private static byte[] config(Charset charset) {
        String text = "# Réseau du bâtiment – serveur principal\n"
                + "authoritative;\n"
                + "subnet 10.1.0.0 netmask 255.255.255.0 {\n"
                + "  option domain-name \"exemple.fr\"; # équipe réseau\n"
                + "  pool {\n"
                + "    range 10.1.0.10 10.1.0.99;\n"
                + "  }\n"
                + "}\n";
        return text.getBytes(charset);
    }

    @Test
    void aLatin1CommentComesBackByteIdenticalAfterAnUnrelatedEdit() throws Exception {
        byte[] original = config(Charset.forName("windows-1252")); // é = 0xE9, – = 0x96: not UTF-8
        Path f = dir.resolve("dhcpd.conf");
        Files.write(f, original);
        DhcpdConfig c = DhcpdConfig.read(f);
        FailoverEdits.Edit e = FailoverEdits.addPeer(c, PEER, 1);
        assertTrue(e.applicable(), e.problems().toString());
        byte[] after = ConfText.toBytes(e.after().render().get(f.toString()));
        assertFalse(indexOf(after, new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD}) >= 0, "no replacement character");
        assertOriginalLinesKept(original, after);
        // the preview shows the untouched Latin-1 line as its characters
        assertTrue(e.change().unifiedDiff().contains(" authoritative;"), e.change().unifiedDiff());
        assertTrue(indexOf(after, "    failover peer \"pair\";\n".getBytes(StandardCharsets.US_ASCII)) > 0);
    }

    @Test
    void throughTheSafeWriteEveryUntouchedByteIsWrittenBack() throws Exception {
        for (Charset cs : new Charset[] {StandardCharsets.ISO_8859_1, Charset.forName("windows-1252"), StandardCharsets.UTF_8}) {
            byte[] original = config(cs);
            Path f = dir.resolve(cs.name() + ".conf");
            Files.write(f, original);
            IscConfigTarget target = IscConfigTarget.of(new LocalShell(Duration.ofSeconds(30)), f.toString(),
                    RealDhcpd.dhcpd() + " -t -4 -cf FILE", "true", Clock.systemUTC());
            DhcpdConfig before = target.load();
            FailoverEdits.Edit e = FailoverEdits.addPeer(before, PEER, 1);
            SafeWrite.Result r = target.apply(before, e.change());
            assertInstanceOf(SafeWrite.Applied.class, r, cs + ": " + r);
            byte[] written = Files.readAllBytes(f);
            assertOriginalLinesKept(original, written);
            assertArrayEquals(ConfText.toBytes(e.after().render().get(f.toString())), written, cs.name());
            // read back through the shell, the file is what was written
            assertEquals(e.after().render(), target.load().render(), cs.name());
        }
    }

    @Test
    void aUtf8CommentIsShownAsUtf8InTheDiffAndWrittenAsUtf8() throws Exception {
        byte[] original = config(StandardCharsets.UTF_8);
        DhcpdConfig c = DhcpdConfig.parse("/etc/dhcp/dhcpd.conf", original);
        DhcpdConfig edited = c.copy();
        edited.setPoolRanges(1, java.util.List.of(AddressRange.of("10.1.0.10", "10.1.0.50")));
        String diff = ConfigChange.between(c, edited, java.util.List.of()).unifiedDiff();
        assertTrue(diff.contains("\n   option domain-name \"exemple.fr\"; # équipe réseau\n"), diff);
        byte[] after = ConfText.toBytes(edited.render().get("/etc/dhcp/dhcpd.conf"));
        assertEquals(new String(original, StandardCharsets.UTF_8).replace("10.1.0.99", "10.1.0.50"), new String(after, StandardCharsets.UTF_8));
    }

    @Test
    void generatedTextGoesInAsUtf8AndValuesComeOutAsCharacters() throws Exception {
        DhcpdConfig c = DhcpdConfig.parse("/x.conf", "subnet 10.0.0.0 netmask 255.0.0.0 { }\n");
        c.putPeer(null, FailoverPeer.suggestedPrimary("pair", "dhcp1.example", "dhcp2.example"));
        // the value read back is the name given
        assertEquals("pair", c.peerNames().get(0));
        String held = ConfText.fromUnicode("équipe");
        assertArrayEquals("équipe".getBytes(StandardCharsets.UTF_8), ConfText.toBytes(held));
        assertEquals("équipe", ConfText.toUnicode(held));
        assertEquals("\u00e9quipe", ConfText.toUnicode(ConfText.fromBytes(new byte[] {(byte) 0xE9, 'q', 'u', 'i', 'p', 'e'})));
    }

    @Test
    void linesAddedToAWindowsFileEndInCrLfLikeTheOthers() throws Exception {
        DhcpdConfig c = Corpus.read("crlf.conf");
        FailoverEdits.Edit e = FailoverEdits.addPeer(c, FailoverPeer.suggestedPrimary("pair", "10.50.0.2", "10.50.0.3"), 1);
        assertTrue(e.applicable(), e.problems().toString());
        String after = e.after().render().get(c.mainPath());
        assertTrue(after.contains("failover peer \"pair\";\r\n"), after);
        for (String line : after.split("\n")) assertTrue(line.endsWith("\r"), "a line without CR: " + line);
        assertOriginalLinesKept(ConfText.toBytes(c.render().get(c.mainPath())), ConfText.toBytes(after));
        RealDhcpd.assertAccepted(e.after());
    }

    /** Every line of {@code original} is in {@code after}, byte for byte and in the same order (only lines added). */
    static void assertOriginalLinesKept(byte[] original, byte[] after) {
        String[] was = ConfText.fromBytes(original).split("\n", -1);
        String[] now = ConfText.fromBytes(after).split("\n", -1);
        int j = 0;
        for (String line : was) {
            while (j < now.length && !now[j].equals(line)) j++;
            assertTrue(j < now.length, "the line \"" + ConfText.toUnicode(line) + "\" was changed:\n" + ConfText.toUnicode(ConfText.fromBytes(after)));
            j++;
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) if (hay[i + k] != needle[k]) continue outer;
            return i;
        }
        return -1;
    }
}
