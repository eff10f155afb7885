package tandem.isc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.core.lease.ClientQuery;
import tandem.core.lease.Lease;

/**
 * dhcpd -6's lease file: an address (ia-na) and a delegated prefix (ia-pd) given to the real dhcpd, which reads them
 * at start and writes the file anew in its own words; the text it wrote is what is parsed.
 */
class IscLeaseFile6Test {
    @TempDir Path dir;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("e yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
    /** IAID 1, DUID-LLT of Ethernet 02:00:00:00:00:01 ("8@" are the bytes 0x38 0x40 of its time). */
    private static final String NA_KEY = "\\001\\000\\000\\000\\000\\001\\000\\001\\034\\2218@\\002\\000\\000\\000\\000\\001";
    /** IAID 2, DUID-LL of Ethernet 02:00:00:00:00:02. */
    private static final String PD_KEY = "\\002\\000\\000\\000\\000\\003\\000\\001\\002\\000\\000\\000\\000\\002";

    @Test
    void theAddressesAndPrefixesTheRealDhcpdWroteAreLeasesOfTheirClientsDuid() throws Exception {
        RealDhcpd.dhcpd();
        Instant ends = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String cltt = TIME.format(ends.minus(1, ChronoUnit.HOURS));
        Path leases = dir.resolve("dhcpd6.leases");
        Files.writeString(leases, "ia-na \"" + NA_KEY + "\" {\n  cltt " + cltt + ";\n  iaaddr 2001:db8:1::150 {\n"
                + "    binding state active;\n    preferred-life 375;\n    max-life 600;\n    ends " + TIME.format(ends) + ";\n  }\n}\n"
                + "ia-pd \"" + PD_KEY + "\" {\n  cltt " + cltt + ";\n  iaprefix 2001:db8:1:8000::/56 {\n"
                + "    binding state active;\n    preferred-life 375;\n    max-life 600;\n    ends " + TIME.format(ends) + ";\n  }\n}\n");
        Path conf = dir.resolve("dhcpd6.conf");
        Files.writeString(conf, "subnet6 2001:db8:1::/64 {\n  range6 2001:db8:1::100 2001:db8:1::1ff;\n"
                + "  prefix6 2001:db8:1:8000:: 2001:db8:1:ff00:: /56;\n}\n");
        // dhcpd serves no loopback: a namespace of this test's own with a veth pair
        String script = "ip link set lo up && ip link add v0 type veth peer name v1 && ip link set v0 up && ip link set v1 up"
                + " && ip addr add 2001:db8:1::2/64 dev v0 nodad && exec dhcpd -f -d -6 -cf " + conf + " -lf " + leases
                + " -pf " + dir.resolve("dhcpd6.pid") + " v0";
        Process dhcpd = new ProcessBuilder("unshare", "-n", "sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(dir.resolve("dhcpd6.log").toFile()).start();
        String written;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            do {
                Thread.sleep(200);
                written = Files.readString(leases);
            } while (!written.contains("written by") && System.nanoTime() < deadline && dhcpd.isAlive());
        } finally {
            dhcpd.destroy();
            if (!dhcpd.waitFor(10, TimeUnit.SECONDS)) dhcpd.destroyForcibly();
        }
        String text = written;
        assertTrue(text.contains("written by") && text.contains("ia-pd"), () -> "dhcpd did not rewrite its lease file:\n" + text
                + "\n" + read(dir.resolve("dhcpd6.log")));

        List<Lease> parsed = IscLeaseFile.parse(text);
        assertEquals(List.of(
                new Lease("2001:db8:1::150", "02:00:00:00:00:01", null, 0, ends.getEpochSecond(), "active",
                        "00:01:00:01:1c:91:38:40:02:00:00:00:00:01"),
                new Lease("2001:db8:1:8000::/56", "02:00:00:00:00:02", null, 0, ends.getEpochSecond(), "active",
                        "00:03:00:01:02:00:00:00:00:02")), parsed, text);
        // found as the console's find looks a client up: by address, DUID or the MAC inside the DUID
        Lease na = parsed.get(0);
        for (String q : List.of("2001:DB8:1:0::150", "00:01:00:01:1c:91:38:40:02:00:00:00:00:01", "02:00:00:00:00:01")) {
            assertTrue(ClientQuery.parse(q).orElseThrow().matches(na.ip(), na.mac(), na.duid(), na.hostname()), q);
        }

        // read through a shell as over SSH: dhcpd.conf names the file, the lease keeps its DUID
        Path asRead = dir.resolve("as-read.conf");
        Files.writeString(asRead, "lease-file-name \"" + leases + "\";\n");
        List<Lease> viaShell = IscLeaseSource.read(new LocalShell(java.time.Duration.ofSeconds(10)), asRead.toString(),
                new LinkedHashMap<>());
        assertEquals(parsed, viaShell);
    }

    @Test
    void aKeysEscapesAreItsBytesAndTheLastBlockOfAnAddressWins() {
        assertEquals("01 22 5c 20 41", hex(IscLeaseFile.unescape("\"\\001\\\"\\\\ A\"")));
        String file = "authoring-byte-order little-endian;\n"
                + "ia-na \"\\001\\000\\000\\000\\000\\002\\000\\000\\000\\011\" { cltt 3 2026/12/02 11:00:00;\n"
                + "  iaaddr 2001:db8::5 { binding state active; ends 3 2026/12/02 12:00:00; } }\n"
                + "ia-na \"\\001\\000\\000\\000\\000\\002\\000\\000\\000\\011\" { cltt 3 2026/12/02 11:30:00;\n"
                + "  iaaddr 2001:db8::5 { binding state released; ends 3 2026/12/02 11:30:00; } }\n"
                + "lease 10.0.0.5 { binding state active; hardware ethernet 02:00:00:00:00:05; }\n";
        List<Lease> parsed = IscLeaseFile.parse(file);
        assertEquals(List.of("2001:db8::5 released 00:02:00:00:00:09 null", "10.0.0.5 active null 02:00:00:00:00:05"),
                parsed.stream().map(l -> l.ip() + " " + l.state() + " " + l.duid() + " " + l.mac()).toList());
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(s.length() == 0 ? "" : " ").append(String.format("%02x", x & 0xff));
        return s.toString();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
