package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over SSH too, a configuration is read and written byte for byte (a real OpenSSH server on loopback). */
class SshEncodingTest {
    @TempDir Path dir;

    @Test
    void aLatin1FileEditedOverSshKeepsEveryUntouchedByte() throws Exception {
        RealDhcpd.dhcpd();
        byte[] original = ("# R\u00e9seau \u00e9tudiants\nauthoritative;\nsubnet 10.3.0.0 netmask 255.255.255.0 {\n"
                + "  pool {\n    range 10.3.0.10 10.3.0.99; # salle B\u00e9\n  }\n}\n").getBytes(StandardCharsets.ISO_8859_1);
        Path conf = Files.createDirectory(dir.resolve("etc")).resolve("dhcpd.conf");
        Files.write(conf, original);
        try (RealSshd sshd = RealSshd.start(Files.createDirectory(dir.resolve("sshd")));
             SshConnection c = SshConnection.open(sshd.settings(), dir.resolve("known_hosts"), (h, t, f) -> true,
                     Duration.ofSeconds(20))) {
            IscConfigTarget target = IscConfigTarget.of(c, conf.toString(), RealDhcpd.dhcpd() + " -t -4 -cf FILE", "true",
                    Clock.systemUTC());
            DhcpdConfig before = target.load();
            assertArrayEquals(original, ConfText.toBytes(before.render().get(conf.toString())));
            FailoverEdits.Edit e = FailoverEdits.addPeer(before, FailoverPeer.suggestedPrimary("pair", "10.3.0.2", "10.3.0.3"), 1);
            assertInstanceOf(SafeWrite.Applied.class, target.apply(before, e.change()));
            byte[] written = Files.readAllBytes(conf);
            assertArrayEquals(ConfText.toBytes(e.after().render().get(conf.toString())), written);
            ConfEncodingTest.assertOriginalLinesKept(original, written);
            assertEquals(e.after().render(), target.load().render());
            assertTrue(e.change().unifiedDiff().contains("# salle B\u00e9"), e.change().unifiedDiff());
        }
    }
}
