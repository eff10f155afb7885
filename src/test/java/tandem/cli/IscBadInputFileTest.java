package tandem.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.services.Services;

/** {@code tandem isc check} and an edit on files that used to crash it or get corrupted, with the real dhcpd -t. */
class IscBadInputFileTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    private Run tandem(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        int code = TandemCommand.run(all.toArray(String[]::new), d -> fail("no console for a command"), Services::open,
                tandem.app.Launcher.backendCommands(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** "# Réseau" in Latin-1: the byte 0xE9 is not valid UTF-8. */
    private static final byte[] LATIN1 = ("# R\u00e9seau principal\n"
            + "subnet 10.2.0.0 netmask 255.255.255.0 {\n  pool {\n    range 10.2.0.10 10.2.0.90;\n  }\n}\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void checkReadsALatin1FileAndAnEditKeepsItsBytes() throws Exception {
        Path conf = dir.resolve("dhcpd.conf");
        Files.write(conf, LATIN1);
        Run check = tandem("isc", "check", conf.toString());
        assertFalse(check.out().contains("Input length"), check.out());
        assertEquals(0, check.code(), check.out() + check.err());
        assertTrue(check.out().contains("OK (1 file(s), 0 failover peer(s), 1 pool(s))"), check.out());

        Run add = tandem("isc", "peer", "add", "--file", conf.toString(), "--name", "pair", "--address", "10.2.0.2",
                "--peer-address", "10.2.0.3", "--for-pool", "1", "--apply", "--yes");
        assertEquals(0, add.code(), add.out() + add.err());
        byte[] written = Files.readAllBytes(conf);
        byte[] firstLine = "# R\u00e9seau principal\n".getBytes(StandardCharsets.ISO_8859_1);
        assertArrayEquals(firstLine, java.util.Arrays.copyOf(written, firstLine.length), "the Latin-1 comment is as it was");
        assertFalse(new String(written, StandardCharsets.ISO_8859_1).contains("\u00ef\u00bf\u00bd"), "no EF BF BD");
        assertTrue(tandem("isc", "check", conf.toString()).out().contains("OK (1 file(s), 1 failover peer(s), 1 pool(s))"));
    }

    @Test
    void aPeerWithHbaInsteadOfSplitIsCheckedAndEditedWithItsHbaKept() throws Exception {
        String hba = "hba ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:ff:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00;";
        Path conf = dir.resolve("hba.conf");
        Files.writeString(conf, "failover peer \"pair\" {\n  primary;\n  address 10.4.0.1;\n  peer address 10.4.0.2;\n"
                + "  max-response-delay 60;\n  max-unacked-updates 10;\n  mclt 3600;\n  " + hba + "\n  load balance max seconds 3;\n}\n"
                + "subnet 10.4.0.0 netmask 255.255.255.0 {\n  pool {\n    failover peer \"pair\";\n    range 10.4.0.10 10.4.0.99;\n  }\n}\n");
        Run check = tandem("isc", "check", conf.toString());
        assertEquals(0, check.code(), check.out());
        assertTrue(check.out().contains("OK (1 file(s), 1 failover peer(s), 1 pool(s))"), check.out());
        Run edit = tandem("isc", "peer", "edit", "--file", conf.toString(), "pair", "--max-response-delay", "30", "--apply", "--yes");
        assertEquals(0, edit.code(), edit.out() + edit.err());
        String after = Files.readString(conf);
        assertTrue(after.contains("  max-response-delay 30;\n") && after.contains("  " + hba + "\n") && !after.contains("split"), after);
    }

    @Test
    void checkRefusesDeepNestingAndDevZeroWithTheFileAndLine() throws Exception {
        Path deep = dir.resolve("deep.conf");
        Files.writeString(deep, "group {\n".repeat(3000) + "}\n".repeat(3000));
        Run d = tandem("isc", "check", deep.toString());
        assertEquals(1, d.code());
        assertEquals(deep + " line 65: blocks are nested more than 64 deep", d.out().strip());

        Path zero = dir.resolve("zero.conf");
        Files.writeString(zero, "authoritative;\ninclude \"/dev/zero\";\n");
        Run z = tandem("isc", "check", zero.toString());
        assertEquals(1, z.code());
        assertEquals(zero + " line 2: cannot include /dev/zero: not a regular file", z.out().strip());
    }
}
